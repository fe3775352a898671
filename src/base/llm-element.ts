import { LitElement } from 'lit';

/** Options for `emit()`; events bubble and cross shadow roots unless told otherwise. */
export interface EmitOptions {
  cancelable?: boolean;
  bubbles?: boolean;
  composed?: boolean;
}

/** The `detail` type of a typed event name. */
export type EventDetail<K extends keyof HTMLElementEventMap> =
  HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches the typed event `name` with `detail` on `target` (bubbling and composed unless told
 * otherwise); returns false when a listener called `preventDefault()`. Controllers use it too.
 */
export function emit<K extends keyof HTMLElementEventMap>(
  target: EventTarget,
  name: K,
  detail: EventDetail<K>,
  options: EmitOptions = {},
): boolean {
  const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: false, ...options, detail });
  return target.dispatchEvent(event);
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
  protected emit<K extends keyof HTMLElementEventMap>(name: K, detail: EventDetail<K>, options?: EmitOptions): boolean {
    return emit(this, name, detail, options);
  }
}
