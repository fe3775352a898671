import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    position: relative;
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
    color: var(--llm-ghost-color, var(--_muted));
    opacity: var(--llm-ghost-opacity, 0.9);
  }
  .output {
    line-height: 1.5;
  }
  .output[data-status='waiting']::after,
  .output[data-status='generating']::after {
    content: '▍';
    color: var(--_muted);
    animation: blink 1s steps(2) infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .output[data-status='waiting']::after,
    .output[data-status='generating']::after {
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
`;
