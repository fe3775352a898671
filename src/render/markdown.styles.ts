import { css } from 'lit';

/**
 * Styles for rendered markdown inside an element's shadow root. They read the private tokens of
 * `tokenStyles` (`--_link`, `--_font-mono`, `--_code-background`, `--_radius-inner`, `--_surface`),
 * so an element lists `tokenStyles` before these.
 */
export const markdownStyles = css`
  .markdown > :first-child,
  .markdown > .blocks:first-child > :first-child,
  .markdown .tail > :first-child {
    margin-top: 0;
  }
  .markdown > :last-child,
  .markdown .tail > :last-child {
    margin-bottom: 0;
  }
  .markdown p,
  .markdown ul,
  .markdown ol,
  .markdown pre,
  .markdown :where(.code-block),
  .markdown table,
  .markdown blockquote {
    margin: 0.5em 0;
  }
  .markdown a {
    color: var(--_link);
  }
  .markdown code {
    font-family: var(--_font-mono);
    font-size: 0.9em;
    background: var(--_code-background);
    border-radius: 0.25em;
    padding: 0.1em 0.3em;
  }
  .markdown pre {
    overflow-x: auto;
    padding: 0.75em;
    border-radius: var(--_radius-inner);
    background: var(--_code-background);
  }
  .markdown pre code {
    background: none;
    padding: 0;
  }
  /* A header row above the code holds the language and the Copy button: nothing covers the code. */
  .markdown .code-block {
    position: relative;
    border-radius: var(--_radius-inner);
    background: var(--_code-background);
  }
  .markdown .code-block > pre {
    margin: 0;
    padding-top: 0.5em;
    background: none;
  }
  .markdown pre:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .markdown .code-header {
    display: flex;
    align-items: center;
    gap: 0.5em;
    padding: 0.35em 0.35em 0 0.75em;
    font-size: 0.8em;
  }
  .markdown .code-language {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-family: var(--_font-mono);
  }
  .markdown .copy {
    font: inherit;
    padding: 0.15em 0.5em;
    border-radius: 0.35em;
    border: 1px solid color-mix(in srgb, currentColor 30%, transparent);
    background: var(--_surface);
    color: inherit;
    cursor: pointer;
  }
  .markdown table {
    border-collapse: collapse;
  }
  .markdown th,
  .markdown td {
    border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
    padding: 0.25em 0.5em;
  }
  .markdown .plain {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .markdown blockquote {
    border-left: 3px solid color-mix(in srgb, currentColor 30%, transparent);
    padding-left: 0.75em;
    margin-left: 0;
  }
  @media (forced-colors: active) {
    .markdown a {
      color: LinkText;
    }
    .markdown .code-block {
      border: 1px solid CanvasText;
    }
    .markdown .copy {
      color: ButtonText;
      background: ButtonFace;
      border-color: ButtonText;
    }
  }
`;
