// `import 'llm-elements/web-llm'` adds the WebGPU backend for MLC builds (@mlc-ai/web-llm, an
// optional peer dependency: install it too). Without this import an app's bundle holds no web-llm
// code at all; GGUF models still use WebGPU through llama.cpp's own WebGPU path where it can.
// The script-tag build includes it.
import { registerBackend } from './engine/core/backend-registry.js';
import type { WebLlmBackendOptions } from './engine/backends/web-llm.js';
import { registerModelCacheAdapter } from './engine/storage/model-cache.js';

let options: WebLlmBackendOptions = {};

/**
 * Sets how the web-llm backend starts, for apps whose bundler moves files: `workerUrl` names the
 * worker script (by default `web-llm.worker.js` beside the backend's module).
 */
export function configureWebLlm(next: WebLlmBackendOptions): void {
  options = { ...next };
}

registerBackend('web-llm', async () => {
  const { WebLlmBackend } = await import('./engine/backends/web-llm.js');
  return new WebLlmBackend(options);
});

// web-llm's own cache, for listing and removing cached models (listCachedModels(), removeFromCache()).
registerModelCacheAdapter('web-llm', async () => {
  const { webLlmCacheAdapter } = await import('./engine/storage/web-llm-cache.js');
  return webLlmCacheAdapter();
});

export type { WebLlmBackendOptions };
