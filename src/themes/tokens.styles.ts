import { css } from 'lit';

/**
 * The design tokens every element reads. Each public `--llm-*` property (set anywhere above the
 * element, e.g. on `<llm-model>` or `:root`) feeds a private `--_*` one with a light or dark default.
 */
export const tokenStyles = css`
  :host {
    --_font: var(--llm-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_radius: var(--llm-radius, 0.75rem);
    --_accent: var(--llm-accent, #1d4ed8);
    --_on-accent: var(--llm-on-accent, #ffffff);
    --_surface: var(--llm-surface, #ffffff);
    --_text: var(--llm-text, #111827);
    --_muted: var(--llm-muted, #4b5563);
    --_border: var(--llm-border, #d1d5db);
    --_danger: var(--llm-danger, #b91c1c);
    --_user-bubble: var(--llm-user-bubble, #dbeafe);
    --_assistant-bubble: var(--llm-assistant-bubble, #f3f4f6);
    --_focus: var(--llm-focus-ring, #2563eb);
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
      --_focus: var(--llm-focus-ring, #93c5fd);
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
`;
