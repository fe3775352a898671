export interface LlmDismissDetail {
  /** The suggestion that was dismissed. */
  suggestion: string;
}

/** Fired by `<llm-complete>` when the user dismisses a suggestion (Escape). */
export type LlmDismissEvent = CustomEvent<LlmDismissDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-dismiss': LlmDismissEvent;
  }
}
