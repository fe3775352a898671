export interface LlmVersionChangeDetail {
  /** Where the message is in `messages`. */
  index: number;
  /** The version now shown, from 1. */
  version: number;
  /** How many versions the message has. */
  count: number;
}

/** Fired when another version of a message shows (and the conversation after it is that version's). */
export type LlmVersionChangeEvent = CustomEvent<LlmVersionChangeDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-version-change': LlmVersionChangeEvent;
  }
}
