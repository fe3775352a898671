import type { LlmError } from '../engine/core/errors.js';
import type { ChatMessage, FinishReason, GenerationResult } from '../engine/core/types.js';

/** Token counts, speed, timings and context-window trimming (`droppedMessages`) of one answer. */
export type GenerationStats = Omit<GenerationResult, 'text' | 'finishReason' | 'error' | 'value' | 'reasoning'>;

export interface LlmResponseDetail {
  /** The answer as it now stands in the conversation. */
  message: ChatMessage;
  text: string;
  /**
   * A reasoning model's thinking before the answer (`<think>…</think>`), when it wrote any: never in
   * `text` nor in `message`; `stats.reasoningMs` is how long it took.
   */
  reasoning?: string;
  /** With a schema: the answer parsed as JSON and valid for it. */
  value?: unknown;
  stats: GenerationStats;
  /**
   * `stop` or `length` when complete, `abort` when stopped, replaced or removed; `error` only in what
   * the elements' methods (`send()`, `run()`, `regenerate()`, `retry()`) resolve with.
   */
  finishReason: FinishReason;
  /** Why it failed, when `finishReason` is `error` (never in an `llm-response` event). */
  error?: LlmError;
}

/** Fired when an answer is complete, or stopped (`finishReason: 'abort'`, with the text so far). */
export type LlmResponseEvent = CustomEvent<LlmResponseDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-response': LlmResponseEvent;
  }
}
