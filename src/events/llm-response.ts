import type { ChatMessage, FinishReason, GenerationResult } from '../engine/types.js';

/** Token counts and speed of one answer. */
export type GenerationStats = Omit<GenerationResult, 'text' | 'finishReason' | 'error'>;

export interface LlmResponseDetail {
  /** The answer as it now stands in the conversation. */
  message: ChatMessage;
  text: string;
  stats: GenerationStats;
  finishReason: FinishReason;
}

/** Fired when an answer is complete (or stopped). */
export type LlmResponseEvent = CustomEvent<LlmResponseDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-response': LlmResponseEvent;
  }
}
