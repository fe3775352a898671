export interface LlmEditDetail {
  /** Where the edited message is in `messages`. */
  index: number;
  /** The new text, sent in its place (the old text stays as an earlier version). */
  content: string;
}

/** Fired before an edited message is sent; cancel it with `preventDefault()` to keep the message as it was. */
export type LlmEditEvent = CustomEvent<LlmEditDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-edit': LlmEditEvent;
  }
}
