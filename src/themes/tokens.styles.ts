import { css } from 'lit';

/**
 * The design tokens every element reads. Each public `--llm-*` property (set anywhere above the
 * element, e.g. on `<llm-model>` or `:root`) is read here once, into a private `--_*` one with its
 * default (light, and dark by `prefers-color-scheme` for colors). Every other rule reads only the
 * private tokens. Tokens of one element alone (`--llm-chat-height`, `--llm-ghost-*`) are read the
 * same way at the `:host` of that element's own styles.
 *
 * Forced colors (Windows High Contrast): the browser replaces author colors with system colors; the
 * rules under `@media (forced-colors: active)` here and in each element's styles keep what colors
 * alone showed (buttons, bubbles, focus) visible with system colors and borders.
 */
export const tokenStyles = css`
  :host {
    --_font: var(--llm-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-mono: var(--llm-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    --_radius: var(--llm-radius, 0.75rem);
    /* Corners of boxes inside a rounded box (fields, buttons, code blocks): 0.5rem by default. */
    --_radius-inner: max(0px, calc(var(--_radius) - 0.25rem));
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
    font-family: var(--_font);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--llm-accent, #93c5fd);
      --_on-accent: var(--llm-on-accent, #0b1220);
      --_surface: var(--llm-surface, #111827);
      --_text: var(--llm-text, #f3f4f6);
      --_muted: var(--llm-muted, #cbd5e1);
      --_border: var(--llm-border, #374151);
      --_danger: var(--llm-danger, #fca5a5);
      --_user-bubble: var(--llm-user-bubble, #1e3a8a);
      --_assistant-bubble: var(--llm-assistant-bubble, #1f2937);
    }
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
