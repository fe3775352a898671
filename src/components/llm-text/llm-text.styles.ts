import { css } from 'lit';

/** `<llm-text>`'s own styles, after `tokenStyles` and `markdownStyles`. */
export const styles = css`
  :host {
    display: block;
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
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(2 * var(--_space));
  }
  @media (forced-colors: active) {
    .error {
      color: CanvasText;
    }
  }
`;
