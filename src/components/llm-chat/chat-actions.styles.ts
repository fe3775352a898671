import { css } from 'lit';

/** The actions' styles, adopted with the messages' view (chat-messages.ts). */
export const actionStyles = css`
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.5 * var(--_space));
    margin-top: calc(-1.5 * var(--_space));
    font-size: 0.8125rem;
    color: var(--_muted);
    /* Under its message; shown on hover and focus, always under the last message and where nothing hovers. */
    opacity: 0;
  }
  .actions.user {
    align-self: flex-end;
  }
  .message:hover + .actions,
  .actions:hover,
  .actions:focus-within,
  .actions:last-child {
    opacity: 1;
  }
  @media (hover: none) {
    .actions {
      opacity: 1;
    }
  }
  .actions button {
    border: 1px solid transparent;
    border-radius: var(--_radius-inner);
    background: transparent;
    color: inherit;
    font: inherit;
    padding: calc(0.5 * var(--_space)) calc(1.5 * var(--_space));
    cursor: pointer;
  }
  .actions button:hover {
    border-color: var(--_border);
  }
  .actions button[aria-disabled='true'] {
    opacity: 0.5;
    cursor: default;
  }
  .actions button:focus-visible,
  .editor textarea:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .versions {
    display: inline-flex;
    align-items: center;
    font-variant-numeric: tabular-nums;
  }
  .editor {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    min-width: min(30rem, 70vw);
  }
  .editor-buttons {
    display: flex;
    gap: var(--_space);
    justify-content: flex-end;
  }
  @media (forced-colors: active) {
    .actions button {
      border-color: ButtonText;
    }
  }
`;
