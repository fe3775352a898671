import { html, nothing } from 'lit';
import type { AnswerStateView } from './chat-answer-state.js';
import type { Entry } from './chat-entry.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// The templates of an answer's state (chat-answer-state.ts decides it); part of the messages' view,
// loaded with the chat's first message (chat-messages.ts).

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
