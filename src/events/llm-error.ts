import type { LlmErrorCode } from '../engine/core/errors.js';

export interface LlmErrorDetail {
  /** Stable code, for programs. */
  code: LlmErrorCode;
  /** What went wrong, in words a person can act on. */
  message: string;
  error: Error;
}

/** Fired when loading or generating fails. The element stays usable and keeps its history. */
export type LlmErrorEvent = CustomEvent<LlmErrorDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-error': LlmErrorEvent;
  }
}
