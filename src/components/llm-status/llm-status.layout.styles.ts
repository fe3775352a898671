import { css } from 'lit';

/**
 * `<llm-status>`'s layout, after its styles: a box of two rows whatever the state (the words, then the
 * progress or the error), so the page around it never moves; `variant="compact"`: one line, with the
 * details opening over the page below.
 */
export const layoutStyles = css`
  .base {
    flex-direction: column;
    flex-wrap: nowrap;
    align-items: stretch;
    justify-content: center;
    /* Two rows of 2em and the gap between them, in every state: one row alone is centred. */
    min-height: calc(4em + var(--_space));
  }
  .head,
  .line {
    display: flex;
    align-items: center;
    gap: calc(2 * var(--_space));
    min-height: 2em;
    min-width: 0;
  }
  .label,
  .figures {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .label {
    flex: 1 1 auto;
  }
  progress {
    flex: 1 1 4rem;
    min-width: 3rem;
  }
  .figures {
    flex: 0 1 auto;
    color: var(--_muted);
  }
  .line .error {
    flex: 1 1 auto;
  }
  .details {
    display: grid;
    gap: var(--_space);
    color: var(--_muted);
    overflow-wrap: anywhere;
    margin-top: var(--_space);
    padding-top: calc(2 * var(--_space));
    border-top: 1px solid var(--_border);
  }
  .details[hidden] {
    display: none;
  }
  .details p {
    margin: 0;
  }

  :host([variant='compact']) {
    position: relative;
  }
  :host([variant='compact']) .base {
    flex-direction: row;
    align-items: center;
    gap: calc(2 * var(--_space));
    min-height: 2em;
    padding-block: var(--_space);
  }
  :host([variant='compact']) .head,
  :host([variant='compact']) .line {
    display: contents;
  }
  :host([variant='compact']) .label {
    flex: 0 1 auto;
  }
  :host([variant='compact']) .toggle {
    order: 1;
    margin-inline-start: auto;
  }
  :host([variant='compact']) progress {
    flex: 0 1 5rem;
  }
  :host([variant='compact']) .figures,
  :host([variant='compact']) .error {
    flex: 1 1 0;
  }
  :host([variant='compact']) .error {
    flex-wrap: nowrap;
    min-width: 0;
  }
  :host([variant='compact']) [part='error'] {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  :host([variant='compact']) .details {
    position: absolute;
    z-index: 1;
    top: calc(100% + var(--_space));
    inset-inline: 0;
    margin: 0;
    padding: calc(2 * var(--_space)) calc(3 * var(--_space));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
`;
