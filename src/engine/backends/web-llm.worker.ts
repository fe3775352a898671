// The Web Worker that runs web-llm's engine, so model loading and WebGPU work stay off the page's
// main thread. The backend (web-llm.ts) talks to it through web-llm's own message protocol.
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

const handler = new WebWorkerMLCEngineHandler();
self.onmessage = (event: MessageEvent) => handler.onmessage(event);
