import { html, isServer, nothing } from 'lit';
import { StreamingMarkdown } from '../../render/streaming-markdown.js';
import { renderActions, renderEditor, type ActionsHost } from './chat-actions.js';
import { actionStyles } from './chat-actions.styles.js';
import type { AnswerStateView } from './chat-answer-state.js';
import { answerStateStyles } from './chat-answer-state.styles.js';
import { renderAnswerState } from './chat-answer-view.js';
import type { Entry } from './chat-entry.js';
import { reasoningStyles, renderReasoning } from './chat-reasoning-view.js';
import { renderToolSteps, toolStepStyles } from './chat-tool-steps.js';
import { linkCitations, renderSources, sourcesStyles } from './chat-sources-view.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// The messages of <llm-chat> as the visitor sees them: each message's text (answers as markdown), how
// an answer stands (typing, stopped, cut off), the actions under it, the editor. Loaded with the chat's
// first message (chat-view.ts), so a page pays for none of it before a conversation starts.

export { deleteTurnOf, editOf, regenerateOf, selectVersionOf } from './chat-actions.js';
export { renderJump } from './chat-answer-view.js';

/** `entry`, with its markdown view if it is an assistant's (not on the server: the view needs a DOM). */
export function withView(entry: Entry, strings: LlmChatStrings): Entry {
  if (entry.role === 'assistant' && !entry.view && !isServer) {
    const { copy, copied, copyCode } = strings;
    entry.view = new StreamingMarkdown({ copy, copied, copyLabel: copyCode });
    entry.view.set(entry.content);
    // A restored answer from sources: its citations are links again.
    if (entry.citations?.length) void linkCitations(entry, strings);
  }
  return entry;
}

/** Adds the messages' styles to `host`'s shadow root, unless it has them. */
export function adoptMessageStyles(host: Element): void {
  const root = host.shadowRoot;
  if (!root) return;
  const sheets = [answerStateStyles, actionStyles, reasoningStyles, toolStepStyles, sourcesStyles].flatMap(
    (style) => style.styleSheet ?? [],
  );
  const missing = sheets.filter((sheet) => !root.adoptedStyleSheets.includes(sheet));
  if (missing.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...missing];
}

/** The conversation's messages, each with its state and its actions. */
export function renderMessages(
  entries: readonly Entry[],
  t: LlmChatStrings,
  host: ActionsHost,
  state: AnswerStateView,
) {
  adoptMessageStyles(host.chat);
  // Keyed by place, not by message: another version in the same place keeps the focused button.
  return entries.map((entry, index) => {
    const { view } = withView(entry, t);
    const editing = host.editing === entry;
    return html`
      <div class="message ${entry.role}" part="message ${entry.role}" data-index=${index}>
        <span class="visually-hidden">${entry.role === 'user' ? t.user : t.assistant}:</span>
        ${renderReasoning(entry, t, host)} ${renderToolSteps(entry, t)}
        ${
          editing
            ? renderEditor(host, entry, index, t)
            : html`<div class="content" part="content">
                ${view ? view.element : html`<span class="text">${entry.content}</span>`}
                ${entry.attachments ? host.files?.()?.renderChips(entry.attachments) : nothing}
              </div>`
        }
        ${editing ? nothing : renderSources(entry, t)} ${renderAnswerState(entry, state, t)}
      </div>
      ${editing ? nothing : renderActions(host, entry, index, t)}
    `;
  });
}
