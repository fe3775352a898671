// Storybook for llm-elements: every story runs real inference on the test model, served by
// Storybook as a static file (resolved by the same script as the tests; never committed).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import type { StorybookConfig } from '@storybook/web-components-vite';
// @ts-expect-error -- a plain ES module script without type declarations
import { resolveModelDir, TEST_MODEL } from '../scripts/resolve-model.mjs';

/** Serves (dev) and emits (build) the test model at /models/<file>. */
function testModel(): Plugin {
  const path = async () => join((await resolveModelDir()) as string, TEST_MODEL.file as string);
  return {
    name: 'llm-elements:test-model',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.url?.split('?')[0] !== `/models/${TEST_MODEL.file}`) return next();
        const send = async () => {
          const bytes = await readFile(await path());
          response.setHeader('Content-Type', 'application/octet-stream');
          response.setHeader('Content-Length', String(bytes.length));
          response.end(request.method === 'HEAD' ? undefined : bytes);
        };
        // A model that cannot be resolved or read becomes an error response, not an unhandled rejection.
        send().catch(next);
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: `models/${TEST_MODEL.file}`, source: await readFile(await path()) });
    },
  };
}

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The engine files (wllama.wasm and the compatibility build), found through
  // <meta name="llm-elements-assets"> in preview-head.html; the npm scripts copy them there first.
  staticDirs: [{ from: '../.cache/engine-assets', to: '/wasm' }],
  viteFinal(viteConfig) {
    viteConfig.plugins = [...(viteConfig.plugins ?? []), testModel()];
    // Cross-origin isolation lets wllama use threads in `npm run storybook`.
    viteConfig.server = {
      ...viteConfig.server,
      headers: {
        ...viteConfig.server?.headers,
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      },
    };
    return viteConfig;
  },
};

export default config;
