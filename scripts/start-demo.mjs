#!/usr/bin/env node
// `npm start`: serves the demo on localhost, cross-origin isolated (COOP/COEP) so wllama can use
// threads, with the test model at /models/stories260K.gguf. Usage: npm start [-- --port 8080]
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { isolationHeaders, modelRoutes, wllamaWasm } from './dev-server-plugins.mjs';
import { resolveModelDir } from './resolve-model.mjs';

const portFlag = process.argv.indexOf('--port');
const port = portFlag === -1 ? 8000 : Number(process.argv[portFlag + 1]);

let modelDir;
try {
  modelDir = await resolveModelDir();
} catch (error) {
  console.error(`Could not resolve the demo model: ${error.message}`);
  console.error('Set LLM_ELEMENTS_MODELS to a folder holding stories260K.gguf, or allow the download.');
  process.exit(1);
}

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
const { port: actualPort } = server.config;
console.log(`llm-elements demo: http://127.0.0.1:${actualPort}/demo/`);
console.log('Press Ctrl+C to stop.');
