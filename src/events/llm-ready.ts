import type { BackendKind, ModelInfo } from '../engine/core/types.js';

export interface LlmReadyDetail {
  /** What is known about the loaded model. */
  modelInfo: ModelInfo;
  backend: BackendKind;
  /** Why this backend was chosen, in words a page can show. */
  reason: string;
}

/** Fired by `<llm-model>` when its model has loaded and can answer. */
export type LlmReadyEvent = CustomEvent<LlmReadyDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-ready': LlmReadyEvent;
  }
}
