// Storybook for llm-elements: every story runs real inference on a test model, served by
// Storybook as a static file (resolved by the same script as the tests; never committed).
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Plugin } from 'vite';
import type { StorybookConfig } from '@storybook/web-components-vite';
// @ts-expect-error -- a plain ES module script without type declarations
import { resolveModelDir, TEST_MODEL } from '../scripts/resolve-model.mjs';
// @ts-expect-error -- a plain ES module script without type declarations
import { ensureModel, presetPaths } from '../scripts/make-models.mjs';

/** The maker's tool-calling test model (Qwen2.5's chat template), for the stories with tools. */
const TOOLS_PRESET = '15m-tools-q8_0';
/** The maker's BERT embedding test model (all-MiniLM-L6-v2's shape), for the stories with sources. */
const EMBED_PRESET = 'minilm-embed-q8_0';

/**
 * The models served at /models/<file>, each with where its bytes are: the test model (resolved as
 * the tests do: LLM_ELEMENTS_MODELS, the cache, or a download), the tool-calling one and the
 * embedding one (made once into .cache/models by scripts/make-models.mjs, as the unit tests' server
 * does, if they are missing).
 */
const MODELS: Record<string, () => Promise<string>> = {
  [TEST_MODEL.file as string]: async () => join((await resolveModelDir()) as string, TEST_MODEL.file as string),
  [basename((presetPaths(TOOLS_PRESET) as [string])[0])]: async () => (await ensureModel(TOOLS_PRESET)) as string,
  [basename((presetPaths(EMBED_PRESET) as [string])[0])]: async () => (await ensureModel(EMBED_PRESET)) as string,
};

/** Serves (dev) and emits (build) the test models at /models/<file>. */
function testModels(): Plugin {
  return {
    name: 'llm-elements:test-model',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const file = /^\/models\/([^/]+)$/.exec(request.url?.split('?')[0] ?? '')?.[1];
        const path = file !== undefined && Object.hasOwn(MODELS, file) ? MODELS[file] : undefined;
        if (!path) return next();
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
      for (const [file, path] of Object.entries(MODELS)) {
        this.emitFile({ type: 'asset', fileName: `models/${file}`, source: await readFile(await path()) });
      }
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
    viteConfig.plugins = [...(viteConfig.plugins ?? []), testModels()];
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
