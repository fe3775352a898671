import type { CachedModel } from '../engine/storage/model-cache.js';

export interface LlmRemovedDetail {
  /** The files (and MLC build) removed from this browser's storage; empty when none was stored. */
  files: CachedModel[];
  /** Their bytes. */
  sizeBytes: number;
}

/** Fired by `<llm-model>` when `removeFromCache()` (or `<llm-status removable>`'s Remove button) removed its model. */
export type LlmRemovedEvent = CustomEvent<LlmRemovedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-removed': LlmRemovedEvent;
  }
}
