import { css } from 'lit';

/** The attach button, the chips and the drop hint; adopted by the chat when the attachments load. */
export const attachmentStyles = css`
  .attach {
    position: relative;
    display: inline-flex;
    align-items: center;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-inner);
    padding: calc(2.2 * var(--_space)) calc(3 * var(--_space));
    color: inherit;
    cursor: pointer;
    font-size: 0.875rem;
  }
  .attach:focus-within {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .attach[aria-disabled='true'] {
    opacity: 0.6;
    cursor: default;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .attachments {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .attachments:empty {
    display: none;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: var(--_space);
    box-sizing: border-box;
    max-width: 100%;
    min-width: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-inner);
    padding: calc(0.5 * var(--_space)) calc(2 * var(--_space));
    font-size: 0.8125rem;
    background: var(--_surface);
    color: var(--_text);
  }
  .chip-name {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 600;
  }
  .chip-tokens {
    color: var(--_muted);
    white-space: nowrap;
  }
  .chip-remove {
    border: none;
    background: transparent;
    color: inherit;
    padding: 0 var(--_space);
    font: inherit;
    line-height: 1;
    cursor: pointer;
  }
  .chip-remove:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .attach-notice {
    color: var(--_danger);
    font-size: 0.875rem;
    margin: 0;
  }
  .drop-hint {
    border: 2px dashed var(--_accent);
    border-radius: var(--_radius-inner);
    padding: calc(3 * var(--_space));
    text-align: center;
    color: var(--_accent);
  }
  @media (forced-colors: active) {
    .chip,
    .attach {
      border-color: ButtonText;
    }
    .drop-hint {
      border-color: Highlight;
      color: CanvasText;
    }
  }
`;
