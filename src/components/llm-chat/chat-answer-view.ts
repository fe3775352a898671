import { html, nothing, type LitElement } from 'lit';
import { answerStateStyles } from './chat-answer-state.styles.js';
import type { AnswerStateView } from './chat-answer-state.js';
import type { Entry } from './chat-entry.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// The templates of an answer's state (chat-answer-state.ts loads them with the chat's first message).

/** Adds the answer states' styles to `host`'s shadow root, unless it has them. */
export function adoptAnswerStyles(host: LitElement): void {
  const root = host.shadowRoot;
  const sheet = answerStateStyles.styleSheet;
  if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

export function renderAnswerState(entry: Entry, view: AnswerStateView, t: LlmChatStrings) {
  if (entry === view.waiting) {
    const dot = html`<i aria-hidden="true"></i>`;
    return html`<span class="typing" part="typing"
      >${dot}${dot}${dot}<span class="visually-hidden">${t.writing ?? 'Writing…'}</span></span
    >`;
  }
  const ending = entry.cutOff ? (t.cutOff ?? 'Stopped at the length limit.') : entry.stopped ? t.stopped : '';
  if (!ending) return nothing;
  return html`<p class="stopped" part="ending">
    ${ending}
    ${
      entry === view.continuable
        ? html`<button type="button" class="secondary" part="continue" @click=${view.continue}>
            ${t.continue ?? 'Continue'}
          </button>`
        : nothing
    }
  </p>`;
}

export function renderJump(show: boolean, jump: () => void, t: LlmChatStrings) {
  return show
    ? html`<button type="button" class="jump" part="jump" @click=${jump}>${t.jump ?? 'Jump to latest'}</button>`
    : nothing;
}
