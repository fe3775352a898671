export interface LlmTokenDetail {
  /** The new piece of text. */
  delta: string;
  /** The whole answer so far. */
  text: string;
}

/** Fired for each piece of streamed text. */
export type LlmTokenEvent = CustomEvent<LlmTokenDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-token': LlmTokenEvent;
  }
}
