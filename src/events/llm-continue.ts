export interface LlmContinueDetail {
  /** Where the answer being continued is in `messages` (it grows in place). */
  index: number;
}

/** Fired before an answer is continued where it ended; cancel it with `preventDefault()` to leave it as it is. */
export type LlmContinueEvent = CustomEvent<LlmContinueDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-continue': LlmContinueEvent;
  }
}
