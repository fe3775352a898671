export interface LlmDeleteDetail {
  /** Where the turn's first message (the user's) is in `messages`. */
  index: number;
  /** How many messages the turn has there (2: a message and its answer; 1: one without). */
  count: number;
}

/** Fired before a turn is deleted; cancel it with `preventDefault()` to keep the turn. */
export type LlmDeleteEvent = CustomEvent<LlmDeleteDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-delete': LlmDeleteEvent;
  }
}
