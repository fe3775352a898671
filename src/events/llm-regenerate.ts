export interface LlmRegenerateDetail {
  /** Where the answer asked for again is in `messages` (its new version takes that place). */
  index: number;
}

/** Fired before an answer is asked for again; cancel it with `preventDefault()` to keep the answer. */
export type LlmRegenerateEvent = CustomEvent<LlmRegenerateDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-regenerate': LlmRegenerateEvent;
  }
}
