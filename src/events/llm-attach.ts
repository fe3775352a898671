import type { Attachment } from '../components/llm-chat/chat-attachments.js';

export interface LlmAttachDetail {
  /** The files accepted (text, small enough, fitting the context window). */
  files: File[];
  /** Each as it goes with the message: its name, its text and what it costs in tokens. */
  attachments: Attachment[];
}

/** Fired when files are attached to the message, before they show; cancel it with `preventDefault()` to refuse them. */
export type LlmAttachEvent = CustomEvent<LlmAttachDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-attach': LlmAttachEvent;
  }
}
