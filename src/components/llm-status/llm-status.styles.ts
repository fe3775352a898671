import { css } from 'lit';

/** `<llm-status>`'s own styles, after `tokenStyles`. */
export const styles = css`
  :host {
    display: block;
    font-size: 0.875rem;
  }
  .base {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(3 * var(--_space));
    align-items: center;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(2 * var(--_space)) calc(3 * var(--_space));
  }
  .label {
    font-weight: 600;
  }
  progress {
    flex: 1 1 8rem;
    accent-color: var(--_accent);
  }
  .backend,
  .storage,
  .cache,
  .stats {
    color: var(--_muted);
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
  }
  .backend,
  .storage {
    flex-basis: 100%;
  }
  .error {
    color: var(--_danger);
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(2 * var(--_space));
  }
  button {
    border: 1px solid var(--_border);
    border-radius: var(--_radius-inner);
    background: transparent;
    color: inherit;
    padding: calc(0.8 * var(--_space)) calc(2.4 * var(--_space));
  }
  @media (forced-colors: active) {
    progress {
      accent-color: Highlight;
    }
    .error {
      color: CanvasText;
    }
    button {
      color: ButtonText;
      background: ButtonFace;
      border-color: ButtonText;
    }
  }
`;
