import { css } from 'lit';

/** `<llm-complete>`'s own styles (inline completion), after `<llm-text>`'s. */
export const styles = css`
  :host {
    display: block;
    position: relative;
    --_ghost-color: var(--llm-ghost-color, var(--_muted));
    --_ghost-opacity: var(--llm-ghost-opacity, 0.9);
  }
  .ghost {
    position: absolute;
    pointer-events: none;
    overflow: hidden;
    box-sizing: border-box;
    border-style: solid;
    border-color: transparent;
    color: transparent;
    background: transparent;
    margin: 0;
  }
  .ghost .typed {
    color: transparent;
  }
  .ghost .suggestion {
    color: var(--_ghost-color);
    opacity: var(--_ghost-opacity);
  }
  @media (forced-colors: active) {
    /*
     * The ghost copy lies over the field: its typed text, border and background must stay
     * transparent (forced colors would paint them over the field's own), and only the suggestion shows.
     */
    .ghost {
      forced-color-adjust: none;
    }
    .ghost .suggestion {
      color: GrayText;
      opacity: 1;
    }
  }
`;
