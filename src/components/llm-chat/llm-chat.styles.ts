import { css } from 'lit';

/** `<llm-chat>`'s own styles, after `tokenStyles` and `markdownStyles`. */
export const styles = css`
  :host {
    display: block;
    --_chat-height: var(--llm-chat-height, 24rem);
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: calc(2 * var(--_space));
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(3 * var(--_space));
  }
  .log {
    height: var(--_chat-height);
    overflow-y: auto;
    overscroll-behavior: contain;
    border-radius: var(--_radius-inner);
  }
  .log:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .messages {
    display: flex;
    flex-direction: column;
    gap: calc(2 * var(--_space));
    padding: var(--_space);
  }
  .message {
    max-width: 85%;
    padding: calc(2 * var(--_space)) calc(3 * var(--_space));
    border-radius: var(--_radius);
    line-height: 1.5;
    overflow-wrap: anywhere;
    /* Messages out of view are neither laid out nor painted, so 1,000 of them restore and scroll
       freely; each keeps the height it had when last shown (a guess until then). They stay in the
       DOM: find in page, selection and screen readers reach them all. */
    content-visibility: auto;
    contain-intrinsic-block-size: auto 8rem;
  }
  .message.user {
    align-self: flex-end;
    background: var(--_user-bubble);
  }
  .message.user .text {
    white-space: pre-wrap;
  }
  .message.assistant {
    align-self: flex-start;
    background: var(--_assistant-bubble);
  }
  .stopped,
  .empty,
  .notice {
    color: var(--_muted);
    font-size: 0.875rem;
    margin: 0;
  }
  .empty {
    padding: calc(4 * var(--_space));
    text-align: center;
  }
  .error {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
    color: var(--_danger);
    border: 1px solid currentColor;
    border-radius: var(--_radius-inner);
    padding: calc(2 * var(--_space)) calc(3 * var(--_space));
    font-size: 0.875rem;
  }
  .form {
    display: flex;
    gap: calc(2 * var(--_space));
    align-items: flex-end;
  }
  textarea {
    flex: 1;
    resize: vertical;
    min-height: 2.5rem;
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-inner);
    padding: calc(2 * var(--_space));
  }
  .send,
  .stop {
    border: none;
    border-radius: var(--_radius-inner);
    padding: calc(2.2 * var(--_space)) calc(4 * var(--_space));
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .stop {
    background: var(--_danger);
    color: var(--_surface);
  }
  .toolbar {
    display: flex;
    gap: calc(2 * var(--_space));
    justify-content: flex-end;
  }
  .secondary {
    border: 1px solid var(--_border);
    border-radius: var(--_radius-inner);
    background: transparent;
    color: inherit;
    padding: calc(1.2 * var(--_space)) calc(3 * var(--_space));
    font-size: 0.875rem;
  }
  [hidden] {
    display: none !important;
  }
  @media (forced-colors: active) {
    /* Backgrounds vanish: borders keep the bubbles and the accent buttons apart. */
    .message {
      border: 1px solid CanvasText;
    }
    .send,
    .stop,
    .secondary {
      color: ButtonText;
      background: ButtonFace;
      border: 1px solid ButtonText;
    }
    .log:focus-visible {
      outline-color: Highlight;
    }
    .error {
      color: CanvasText;
      border-color: CanvasText;
    }
  }
`;
