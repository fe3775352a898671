import { css } from 'lit';

/** `<llm-form>`'s own styles, after `tokenStyles`. */
export const styles = css`
  :host {
    display: block;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-block: 0.5rem;
    font-size: 0.875rem;
  }
  button {
    font: inherit;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-inner);
    background: transparent;
    color: inherit;
    padding: 0.35rem 0.8rem;
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
    gap: 0.5rem;
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
