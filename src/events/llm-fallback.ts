import type { BackendKind } from '../engine/core/types.js';

export interface LlmFallbackDetail {
  /** The WebGPU backend that failed. */
  from: BackendKind;
  /** The backend that took over (WebAssembly). */
  to: BackendKind;
  /** Why WebGPU failed. */
  message: string;
}

/** Fired by `<llm-model>` when WebGPU failed at run time and WebAssembly took over; conversations stay. */
export type LlmFallbackEvent = CustomEvent<LlmFallbackDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-fallback': LlmFallbackEvent;
  }
}
