export interface LlmAcceptDetail {
  /** The text that was inserted. */
  suggestion: string;
  /** The field's value after inserting it. */
  value: string;
}

/** Fired by `<llm-complete>` when the user accepts a suggestion (Tab). */
export type LlmAcceptEvent = CustomEvent<LlmAcceptDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-accept': LlmAcceptEvent;
  }
}
