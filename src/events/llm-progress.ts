import type { LoadProgress } from '../engine/core/types.js';

/** Fired by `<llm-model>` as the model downloads and loads. */
export type LlmProgressEvent = CustomEvent<LoadProgress>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-progress': LlmProgressEvent;
  }
}
