import { html, isServer, nothing } from 'lit';
import type * as LoadWords from '../../base/load-words.js';
import { format } from '../../base/format.js';
import type { Engine } from '../../engine/core/engine.js';
import type { ActionsHost } from './chat-actions.js';
import type { ChatAttachments } from './chat-attachments-view.js';
import type { AnswerStateView } from './chat-answer-state.js';
import type { Entry } from './chat-entry.js';
import type * as Messages from './chat-messages.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// The parts of <llm-chat>'s view that need nothing but what they are given.

/** The messages' view (chat-messages.ts), once loaded. */
let messages: typeof Messages | undefined;
let loading: Promise<typeof Messages> | undefined;

/** Loads the messages' view (a chat loads it with its first message); the chat's actions use it too. */
export function loadMessages(): Promise<typeof Messages> {
  return (loading ??= import('./chat-messages.js').then((module) => (messages = module)));
}

/** The messages' view loading, while a chat with messages waits for it (`updateComplete` waits too). */
export function messagesPending(entries: readonly Entry[]): { rendered: Promise<void> } | undefined {
  if (!entries.length || messages || isServer) return undefined;
  return (pending ??= { rendered: loadMessages().then(() => {}) });
}
let pending: { rendered: Promise<void> } | undefined;

/** What the log needs besides the messages. */
export interface LogView {
  /** An answer is streaming (the log is `aria-busy`). */
  busy: boolean;
  onScroll(): void;
}

/**
 * The conversation (`role="log"`), or the empty hint before the first message. The messages show
 * once their view has loaded, with the first of them: `host.chat` is updated then.
 */
export function renderLog(
  entries: readonly Entry[],
  log: LogView,
  host: ActionsHost,
  state: AnswerStateView,
  t: LlmChatStrings,
) {
  let content: unknown = nothing;
  if (entries.length === 0) {
    content = html`<div class="empty">
      <slot name="empty"><p>${t.empty}</p></slot>
    </div>`;
  } else if (messages) {
    content = messages.renderMessages(entries, t, host, state);
  } else if (isServer) {
    // Server-rendered markup has the text (as plain text) and nothing to act on.
    content = entries.map(
      (entry) =>
        html`<div class="message ${entry.role}" part="message ${entry.role}">
          <div class="content" part="content"><span class="text">${entry.content}</span></div>
        </div>`,
    );
  } else {
    void loadMessages().then(() => host.chat.requestUpdate());
  }
  return html`<div
    class="log"
    part="log"
    role="log"
    aria-label=${t.log}
    aria-live="off"
    aria-busy=${log.busy ? 'true' : 'false'}
    tabindex="0"
    @scroll=${log.onScroll}
  >
    <div class="messages">${content}</div>
  </div>`;
}

/** "Jump to latest", while the visitor reads further up (with the messages' view). */
export function renderJump(show: boolean, jump: () => void, t: LlmChatStrings) {
  return messages ? messages.renderJump(show, jump, t) : nothing;
}

/** Notes about the conversation (left-out turns, storage, loading): one `part="notice"` each. */
export function renderNotices(notices: readonly string[]) {
  return notices.map((notice) => (notice ? html`<p class="notice" part="notice">${notice}</p>` : nothing));
}

/** What the toolbar needs. */
export interface ToolbarView {
  /** Whether Regenerate shows (an answer is last, and none streams). */
  canRegenerate: boolean;
  /** Whether Clear shows (there is a conversation). */
  canClear: boolean;
  regenerate(): void;
  clear(): void;
}

/** The row with Regenerate and Clear. */
export function renderToolbar(view: ToolbarView, t: LlmChatStrings) {
  return html`<div class="toolbar" part="toolbar">
    <button type="button" class="secondary" part="regenerate" ?hidden=${!view.canRegenerate} @click=${view.regenerate}>
      ${t.regenerate}
    </button>
    <button type="button" class="secondary" part="clear" ?hidden=${!view.canClear} @click=${view.clear}>
      ${t.clear}
    </button>
  </div>`;
}

/** What the message form needs. */
export interface ComposerView {
  /** The Attach button and the files waiting to be sent, with `attach` (chat-attachments-view.ts). */
  files?: ChatAttachments | undefined;
  streaming: boolean;
  disabled: boolean;
  placeholder: string;
  /** Sends the field's text (the field is emptied first). */
  send(text: string): void;
  /** The visitor is about to write: the model should load. */
  wake(): void;
  stop(): void;
}

/** The message field with Send (or Stop, while an answer streams). Enter sends, Shift+Enter is a new line. */
export function renderComposer(view: ComposerView, t: LlmChatStrings) {
  const submit = (field: HTMLTextAreaElement) => {
    // Files alone can be sent: the question may be in them.
    if (view.streaming || view.disabled || !(field.value.trim() || view.files?.pending.length)) return;
    const text = field.value;
    field.value = '';
    view.send(text);
  };
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const field = (event.currentTarget as HTMLFormElement).querySelector('textarea');
    if (field) submit(field);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // Typing is as clear a sign as focus that the model is wanted (and focus events do not fire
    // while the window itself is unfocused).
    view.wake();
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit(event.currentTarget as HTMLTextAreaElement);
    }
  };
  return html`${view.files?.renderPending()}
    <form class="form" part="form" @submit=${onSubmit}>
      ${view.files?.renderButton()}
      <textarea
        part="input"
        rows="2"
        ?disabled=${view.disabled}
        aria-label=${t.input}
        placeholder=${view.placeholder}
        @keydown=${onKeyDown}
        @focus=${view.wake}
      ></textarea>
      ${
        view.streaming
          ? html`<button type="button" class="stop" part="stop" @click=${view.stop}>${t.stop}</button>`
          : html`<button type="submit" class="send" part="send" ?disabled=${view.disabled}>${t.send}</button>`
      }
    </form>`;
}

/** The load's figures in words (`120 MiB of 270 MiB · 2 min left`), once loaded. */
let loadWords: typeof LoadWords | undefined;

/**
 * The notice while the model loads (empty otherwise), with the load's figures in the language of
 * `host`'s page; `update` is called once the figures' code has loaded with the model.
 */
export function loadingNotice(
  engine: Engine | undefined,
  t: LlmChatStrings,
  host: Element,
  update: () => void,
): string {
  if (engine?.status !== 'loading') return '';
  const { progress } = engine;
  const locale = host.closest<HTMLElement>('[lang]')?.lang || undefined;
  const template = progress.phase === 'reading-cache' ? t.loadingCached : t.loading;
  // The notice shows no figures before their code is there, for a moment.
  if (!loadWords) void import('../../base/load-words.js').then((words) => ((loadWords = words), update()));
  const figures = loadWords?.loadFigures(progress, t, locale).join(' · ') ?? '';
  return format(template, { progress: figures, percent: `${Math.round(progress.fraction * 100)}%` }).trim();
}
