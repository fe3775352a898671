export interface LlmFillDetail {
  /** What the model read from the text, field by field (valid for the form's schema). */
  values: Record<string, unknown>;
  /** The names of the fields whose value changed (and are marked `data-llm-filled`). */
  changed: string[];
  /** The names of the fields left as they were because the value read does not fit them (the message names them too). */
  skipped: string[];
}

/** Fired by `<llm-form>` when it has filled the form. */
export type LlmFillEvent = CustomEvent<LlmFillDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-fill': LlmFillEvent;
  }
}
