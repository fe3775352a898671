import { css } from 'lit';

/** The typing indicator, an early ending with Continue, and Jump to latest (chat-answer-state.ts). */
export const answerStateStyles = css`
  .typing {
    display: inline-flex;
    gap: 0.25rem;
    padding: 0.4rem 0;
  }
  .typing i {
    display: inline-block;
    width: 0.45rem;
    height: 0.45rem;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.35;
    animation: llm-typing 1.2s infinite ease-in-out;
  }
  .typing i:nth-child(2) {
    animation-delay: 0.2s;
  }
  .typing i:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes llm-typing {
    30% {
      opacity: 1;
      transform: translateY(-0.15rem);
    }
  }
  .stopped [part='continue'] {
    margin-inline-start: 0.5rem;
    color: var(--_text);
  }
  /* Over the log's bottom edge: its negative margin takes back its height and the gap, so nothing moves. */
  .jump {
    align-self: center;
    position: relative;
    z-index: 1;
    height: 2rem;
    margin-block-start: calc(-2rem - 2 * var(--_space));
    top: calc(-1 * var(--_space));
    padding: 0 calc(3 * var(--_space));
    border: 1px solid var(--_border);
    border-radius: 1rem;
    background: var(--_surface);
    color: inherit;
    font: inherit;
    font-size: 0.875rem;
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.2);
  }
  @media (prefers-reduced-motion: reduce) {
    .typing i {
      animation: none;
      opacity: 0.6;
    }
  }
  @media (forced-colors: active) {
    .typing i {
      background: CanvasText;
    }
    .jump {
      border-color: ButtonText;
    }
  }
`;
