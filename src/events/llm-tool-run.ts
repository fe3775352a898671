import type { ToolCall } from '../engine/tools/tool-types.js';

export interface LlmToolRunDetail {
  /** The model's call: its id, the tool's name, and the arguments (already checked against the tool's parameters). */
  call: ToolCall;
  /** Aborted when the request is (Stop, the element removed): stop the work; the answer is no longer awaited. */
  signal: AbortSignal;
  /** Answers the call with `result` (sent to the model as JSON, a string as it is). The first answer counts. */
  respond(result: unknown): void;
  /** Answers the call with an error, which the model is told. The first answer counts. */
  fail(message: string): void;
}

/**
 * Fired on an `<llm-tool>` when the model calls it: the page answers with `detail.respond()` or
 * `detail.fail()`, in the listener, or later after calling `preventDefault()` (within the tool's
 * `timeout`). Unanswered and not prevented, the tool's form (if any) is filled and submitted.
 */
export type LlmToolRunEvent = CustomEvent<LlmToolRunDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-tool-run': LlmToolRunEvent;
  }
}
