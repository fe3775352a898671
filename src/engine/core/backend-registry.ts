import type { BackendFactory } from '../backends/backend.js';
import type { BackendKind } from './types.js';

// Backends a page adds by importing them (`import 'llm-elements/web-llm'`), so an app that never
// uses them does not bundle them. Every engine sees a backend registered before it loads a model.
const registered = new Map<BackendKind, BackendFactory>();

/** Makes `kind` available to every engine on the page (replacing any earlier registration). */
export function registerBackend(kind: BackendKind, factory: BackendFactory): void {
  registered.set(kind, factory);
}

/** The backends registered so far. */
export function registeredBackends(): Partial<Record<BackendKind, BackendFactory>> {
  return Object.fromEntries(registered) as Partial<Record<BackendKind, BackendFactory>>;
}

/** llama.cpp's builds (WebAssembly, and its WebGPU path) and the browser's own model; web-llm is added by importing it. */
export function defaultBackends(wasmUrl?: string): Partial<Record<BackendKind, BackendFactory>> {
  return {
    'wllama-wasm': async () => {
      const { WllamaBackend } = await import('../backends/wllama.js');
      return new WllamaBackend({ wasmUrl, kind: 'wllama-wasm' });
    },
    'wllama-webgpu': async () => {
      const { WllamaBackend } = await import('../backends/wllama.js');
      return new WllamaBackend({ wasmUrl, kind: 'wllama-webgpu' });
    },
    'browser-model': async () => {
      const { BrowserModelBackend } = await import('../backends/browser-model.js');
      return new BrowserModelBackend();
    },
    remote: async () => {
      const { RemoteBackend } = await import('../backends/remote/remote-backend.js');
      return new RemoteBackend();
    },
  };
}
