import { isServer, LitElement } from 'lit';
import { property } from 'lit/decorators.js';

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
 * The base of every llm-elements element: a typed `emit()`, its status shown to CSS, and a `define()`
 * that tolerates a second registration (an npm copy and the script-tag build on one page) with a
 * warning instead of a throw.
 */
export class LlmElement extends LitElement {
  /**
   * The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto';

  /**
   * `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   */
  @property({ reflect: true }) contrast?: 'auto' | 'more';

  /**
   * Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   */
  @property({ reflect: true }) density?: 'compact' | 'comfortable';

  #internals?: ElementInternals;
  #shownStatus = '';

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

  /**
   * Shows `status` to CSS: as the custom state `:state(<status>)`, and as the `status` attribute for
   * browsers without custom states (before Chrome 125, Firefox 126, Safari 17.4).
   */
  protected showStatus(status: string): void {
    if (status === this.#shownStatus) return;
    const previous = this.#shownStatus;
    this.#shownStatus = status;
    this.setAttribute('status', status);
    if (isServer) return;
    const states = (this.#internals ??= this.attachInternals?.())?.states;
    if (!states) return;
    states.delete(previous);
    try {
      states.add(status);
    } catch {
      // Chrome before 125 took only dashed names (`:--generating`); the attribute covers it.
    }
  }
}
