import { LitElement } from 'lit';

/** Options for `LlmElement.emit()`; events bubble and cross shadow roots unless told otherwise. */
export interface EmitOptions {
  cancelable?: boolean;
  bubbles?: boolean;
  composed?: boolean;
}

/**
 * The base of every llm-elements element: a typed `emit()` and a `define()` that tolerates a second
 * registration (an npm copy and the script-tag build on one page) with a warning instead of a throw.
 */
export class LlmElement extends LitElement {
  /** Registers the element under `tag`, unless that tag is already taken. */
  static define(tag: string): void {
    const existing = customElements.get(tag);
    if (!existing) {
      customElements.define(tag, this);
    } else if (existing !== this) {
      console.warn(`[llm-elements] <${tag}> is already defined by another copy of llm-elements; keeping the first.`);
    }
  }

  /** Dispatches `name` with `detail`; returns false when a listener called `preventDefault()`. */
  protected emit<K extends keyof HTMLElementEventMap>(
    name: K,
    detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
    options: EmitOptions = {},
  ): boolean {
    const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: false, ...options, detail });
    return this.dispatchEvent(event);
  }
}
