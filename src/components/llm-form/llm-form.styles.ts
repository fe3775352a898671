import { css } from 'lit';

/** `<llm-form>`'s own styles, after `tokenStyles`. */
export const styles = css`
  :host {
    display: block;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(2 * var(--_space));
    align-items: center;
    margin-block: calc(2 * var(--_space));
    font-size: 0.875rem;
  }
  button {
    font: inherit;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-inner);
    background: transparent;
    color: inherit;
    padding: calc(1.4 * var(--_space)) calc(3.2 * var(--_space));
    cursor: pointer;
  }
  button[part~='fill'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .message {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(2 * var(--_space));
  }
  @media (forced-colors: active) {
    button,
    button[part~='fill'] {
      color: ButtonText;
      background: ButtonFace;
      border-color: ButtonText;
    }
    .error {
      color: CanvasText;
    }
  }
`;
