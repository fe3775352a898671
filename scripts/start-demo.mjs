#!/usr/bin/env node
// `npm start`: serves the demo on localhost, cross-origin isolated (COOP/COEP) so wllama can use
// threads, with the test model at /models/stories260K.gguf. Usage: npm start [-- --port 8080]
import { startDemoServer } from './demo-server.mjs';
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

const { origin } = await startDemoServer({ port, modelDir });
console.log(`llm-elements demo: ${origin}/demo/`);
console.log('Press Ctrl+C to stop.');
