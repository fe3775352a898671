import type { Attachment } from '../components/llm-chat/chat-attachments.js';

export interface LlmSendDetail {
  /** The text about to be sent. */
  content: string;
  /** The text files sent with it (`<llm-chat attach>`), if any. */
  attachments?: readonly Attachment[];
}

/** Fired before a message is sent; cancel it with `preventDefault()` to keep the message from being sent. */
export type LlmSendEvent = CustomEvent<LlmSendDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-send': LlmSendEvent;
  }
}
