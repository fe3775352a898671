import { css } from 'lit';

/** `<llm-complete>`'s own styles, after `tokenStyles` and `markdownStyles`. */
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
  .output {
    line-height: 1.5;
  }
  :host([status='waiting']) .output::after,
  :host([status='generating']) .output::after {
    content: '▍';
    color: var(--_muted);
    animation: blink 1s steps(2) infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    :host([status='waiting']) .output::after,
    :host([status='generating']) .output::after {
      animation: none;
    }
  }
  @keyframes blink {
    50% {
      opacity: 0;
    }
  }
  .error {
    color: var(--_danger);
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
    .error {
      color: CanvasText;
    }
  }
`;
