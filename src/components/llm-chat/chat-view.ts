import { adoptStyles, html, isServer, nothing, type LitElement } from 'lit';
import type * as LoadWords from '../../base/load-words.js';
import { format } from '../../base/format.js';
import type { Engine } from '../../engine/core/engine.js';
import type * as Actions from './chat-actions.js';
import type { ActionsHost } from './chat-actions.js';
import type { Entry } from './chat-entry.js';
import { renderAnswerState, type AnswerStateView } from './chat-answer-state.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// The parts of <llm-chat>'s view that need nothing but what they are given.

/** The actions on messages, once loaded (with the first message). */
let actions: typeof Actions | undefined;

/** Loads the messages' actions now (a chat loads them with its first message). */
export async function loadMessageActions(): Promise<typeof Actions> {
  return (actions ??= await import('./chat-actions.js'));
}

/** Shadow roots that have the actions' styles. */
const styled = new WeakSet<ShadowRoot>();

/** Loads the messages' actions (once for the page), gives `host` their styles and shows them. */
function withActions(host: ActionsHost): typeof Actions | undefined {
  const root = host.chat.shadowRoot;
  if (isServer) return undefined; // actions are for visitors: none in server-rendered markup
  if (!actions) {
    void import('./chat-actions.js').then((module) => ((actions = module), host.chat.requestUpdate()));
  } else if (root && !styled.has(root)) {
    styled.add(root);
    adoptStyles(root, [...(host.chat.constructor as typeof LitElement).elementStyles, actions.actionStyles]);
  }
  return actions;
}

/** The conversation's messages (with their actions, once loaded), or the empty hint before the first one. */
export function renderEntries(
  entries: readonly Entry[],
  t: LlmChatStrings,
  host: ActionsHost,
  state?: AnswerStateView,
) {
  if (entries.length === 0) {
    return html`<div class="empty">
      <slot name="empty"><p>${t.empty}</p></slot>
    </div>`;
  }
  const actions = withActions(host);
  // Keyed by place, not by message: another version in the same place keeps the focused button.
  return entries.map(
    (entry, index) => html`
      <div class="message ${entry.role}" part="message ${entry.role}" data-index=${index}>
        <span class="visually-hidden">${entry.role === 'user' ? t.user : t.assistant}:</span>
        ${
          host.editing === entry && actions
            ? actions.renderEditor(host, entry, index, t)
            : html`<div class="content" part="content">
                ${entry.view ? entry.view.element : html`<span class="text">${entry.content}</span>`}
              </div>`
        }
        ${renderAnswerState(entry, state, t)}
      </div>
      ${actions && host.editing !== entry ? actions.renderActions(host, entry, index, t) : nothing}
    `,
  );
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
    if (view.streaming || view.disabled || !field.value.trim()) return;
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
  return html`<form class="form" part="form" @submit=${onSubmit}>
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
