import type { ToolCall, ToolStep } from '../engine/tools/tool-types.js';

/** Fired when the model's call of a tool starts (before it is confirmed or run); `detail` is the call. */
export type LlmToolCallEvent = CustomEvent<ToolCall>;

/** Fired when a call of a tool has ended: `detail` is its step (`done`, `error`, `invalid` or `denied`, with its result or error). */
export type LlmToolResultEvent = CustomEvent<ToolStep>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-tool-call': LlmToolCallEvent;
    'llm-tool-result': LlmToolResultEvent;
  }
}
