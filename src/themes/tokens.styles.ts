import { css } from 'lit';

/**
 * What a page can choose per element or on `<llm-model>` (whose choices its elements inherit):
 * `theme` as the `color-scheme` (inherited), `contrast="more"`, and `density` as the `--llm-density`
 * it sets (compact 0.6, comfortable 1).
 */
export const choices = css`
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  /*
   * High contrast: text, secondary text and borders in black (white when dark), as the inherited
   * --_hc that the token defaults read, so contrast="more" on <llm-model> reaches every element inside.
   */
  :host([contrast='more']) {
    --_hc: light-dark(#000000, #ffffff);
  }
  :host([density='compact']) {
    --llm-density: 0.6;
  }
  :host([density='comfortable']) {
    --llm-density: 1;
  }
`;

/**
 * The design tokens every element reads. Each public `--llm-*` property (set anywhere above the
 * element, e.g. on `<llm-model>` or `:root`) is read here once, into a private `--_*` one with its
 * default. Every other rule reads only the private tokens. Tokens of one element alone
 * (`--llm-chat-height`, `--llm-ghost-*`) are read the same way at the `:host` of its own styles.
 *
 * Colour scheme: the page's, not the OS's. Colours are `light-dark()` pairs, which follow the used
 * `color-scheme` (inherited from the page, any ancestor, or `theme` on the element or `<llm-model>`):
 * a page without `color-scheme` is light even when the OS is dark; `color-scheme: light dark` (or
 * `theme="auto"`) follows the OS. Browsers without `light-dark()` get the light values.
 *
 * Typography: the page's. Without `--llm-font`, `font-family: var(--_font)` is invalid at computed
 * time and so inherits, like `font: inherit` on the buttons and fields.
 *
 * Colour and font are set on the shadow tree's own top-level boxes, never on `:host`: the page's
 * slotted light DOM (a form's labels, a field) inherits from the host, and keeps the page's.
 *
 * Forced colors (Windows High Contrast): the browser replaces author colors with system colors; the
 * rules under `@media (forced-colors: active)` here and in each element's styles keep what colors
 * alone showed (buttons, bubbles, focus) visible with system colors and borders.
 */
export const tokenStyles = css`
  :host {
    --_font: var(--llm-font);
    --_font-mono: var(--llm-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    --_radius: var(--llm-radius, 0.75rem);
    /* Corners of boxes inside a rounded box (fields, buttons, code blocks): 0.5rem by default. */
    --_radius-inner: max(0px, calc(var(--_radius) - 0.25rem));
    /* Multiplies paddings and gaps: 1 comfortable (default), 0.6 compact. */
    --_density: var(--llm-density, 1);
    /* The unit of paddings and gaps: 0.25rem at density 1. */
    --_space: calc(0.25rem * var(--_density));
    --_accent: var(--llm-accent, #1d4ed8);
    --_on-accent: var(--llm-on-accent, #ffffff);
    --_surface: var(--llm-surface, #ffffff);
    --_text: var(--llm-text, #111827);
    --_muted: var(--llm-muted, #4b5563);
    --_border: var(--llm-border, #d1d5db);
    --_danger: var(--llm-danger, #b91c1c);
    --_user-bubble: var(--llm-user-bubble, #dbeafe);
    --_assistant-bubble: var(--llm-assistant-bubble, #f3f4f6);
    /* These follow the accent (and the text color), so they suit light and dark alike. */
    --_focus: var(--llm-focus-ring, var(--_accent));
    --_link: var(--llm-link-color, var(--_accent));
    --_code-background: var(--llm-code-background, color-mix(in srgb, currentColor 10%, transparent));
  }
  @supports (color: light-dark(#000, #fff)) {
    :host {
      --_accent: var(--llm-accent, light-dark(#1d4ed8, #93c5fd));
      --_on-accent: var(--llm-on-accent, light-dark(#ffffff, #0b1220));
      --_surface: var(--llm-surface, light-dark(#ffffff, #111827));
      --_text: var(--llm-text, var(--_hc, light-dark(#111827, #f3f4f6)));
      --_muted: var(--llm-muted, var(--_hc, light-dark(#4b5563, #cbd5e1)));
      --_border: var(--llm-border, var(--_hc, light-dark(#d1d5db, #374151)));
      --_danger: var(--llm-danger, light-dark(#b91c1c, #fca5a5));
      --_user-bubble: var(--llm-user-bubble, light-dark(#dbeafe, #1e3a8a));
      --_assistant-bubble: var(--llm-assistant-bubble, light-dark(#f3f4f6, #1f2937));
    }
    @media (prefers-contrast: more) {
      :host {
        --_hc: light-dark(#000000, #ffffff);
      }
    }
  }
  ${choices}
  /* :where() keeps this at the specificity of :host, so an element's own rules (the ghost's transparent text) win. */
  :host > :where(:not(slot)) {
    color: var(--_text);
    font-family: var(--_font);
  }
  :host([hidden]) {
    display: none !important;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    button {
      color: ButtonText;
      background: ButtonFace;
      border: 1px solid ButtonText;
    }
    button:focus-visible,
    textarea:focus-visible {
      outline-color: Highlight;
    }
  }
`;
