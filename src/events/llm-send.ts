export interface LlmSendDetail {
  /** The text about to be sent. */
  content: string;
}

/** Fired before a message is sent; cancel it with `preventDefault()` to keep the message from being sent. */
export type LlmSendEvent = CustomEvent<LlmSendDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-send': LlmSendEvent;
  }
}
