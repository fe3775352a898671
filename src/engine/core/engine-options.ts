import type { BackendFactory } from '../backends/backend.js';
import type { Capabilities } from '../device/capabilities.js';
import type { BackendKind, LoadOptions, ModelSource } from './types.js';

/** How an `Engine` is made: its model and load defaults, and what tests or pages replace. */
export interface EngineOptions {
  /** The model to load on first use (lazy): the first `chat()`/`complete()` loads it. */
  source?: ModelSource;
  /** Defaults for that lazy load. */
  loadOptions?: Omit<LoadOptions, 'signal' | 'onProgress'>;
  /** Where `wllama.wasm` is served from, when not beside the library's own module. */
  wasmUrl?: string;
  /** Replaces or adds backends (for example a scripted one in tests). */
  backends?: Partial<Record<BackendKind, BackendFactory>>;
  /** Replaces capability detection (for tests and for pages that know better). */
  detectCapabilities?: () => Promise<Capabilities>;
  /**
   * `tabs`: engines of this origin's tabs (and of one page) that load the same model with the same
   * settings share one: one tab holds the model, the others send it their requests (sharing/).
   * `none` (default): this engine loads its own.
   */
  share?: 'tabs' | 'none';
}
