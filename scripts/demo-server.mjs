// The demo's server: the repository's files with TypeScript compiled on the fly, cross-origin
// isolated (COOP/COEP) so wllama can use threads, and the test model at /models/stories260K.gguf.
// Used by `npm start` (start-demo.mjs) and the demo's end-to-end test.
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { isolationHeaders, modelRoutes, wllamaWasm } from './dev-server-plugins.mjs';

/** Starts the demo server on `port` (0: any free port); resolves with its origin and a stop(). */
export async function startDemoServer({ port, modelDir }) {
  const server = await startDevServer({
    config: {
      rootDir: '.',
      port,
      hostname: '127.0.0.1',
      nodeResolve: true,
      appIndex: 'demo/index.html',
      plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
      middleware: [isolationHeaders(true), wllamaWasm(), modelRoutes({ modelDir })],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  return { origin: `http://127.0.0.1:${server.server.address().port}`, stop: () => server.stop() };
}
