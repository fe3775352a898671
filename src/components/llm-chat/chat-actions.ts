import { html, nothing } from 'lit';
import { format } from '../../base/format.js';
import type { EmitOptions, EventDetail } from '../../base/llm-element.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import type { Conversation } from './chat-conversation.js';
import { deleteTurn, selectVersion, turnAt, versionsAt } from './chat-versions.js';
import type { ChatAttachments } from './chat-attachments-view.js';
import type { Entry } from './chat-entry.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// The actions on each message of <llm-chat> (copy, edit, regenerate, versions, delete): loaded with
// the chat's first message, not with the page.

/** What of the chat the actions use (its public methods, and two private helpers). */
export interface ActionsHost {
  chat: HTMLElement & {
    readonly streaming: boolean;
    disabled: boolean;
    edit(index: number, text: string): Promise<unknown>;
    regenerate(index: number): Promise<unknown>;
    deleteTurn(index: number): Promise<boolean>;
    selectVersion(index: number, version: number): Promise<boolean>;
    requestUpdate(): void;
    readonly updateComplete: Promise<boolean>;
  };
  conversation: Conversation<Entry>;
  emit<K extends keyof HTMLElementEventMap>(name: K, detail: EventDetail<K>, options?: EmitOptions): boolean;
  /** The conversation changed: show and save it. */
  changed(): void;
  /** Streams the answer into `entry`. */
  answer(entry: Entry): Promise<LlmResponseDetail>;
  /** The log follows the end again. */
  follow(): void;
  /** Says `text` politely to screen readers. */
  announce(text: string): void;
  /** The message being edited, if one is. */
  editing?: Entry;
  /** The chat's attachments, when it has `attach` (their chips show under the messages sent with files). */
  files?(): ChatAttachments | undefined;
}

type ActionStrings = Required<
  Pick<
    LlmChatStrings,
    | 'messageActions'
    | 'copyMessage'
    | 'edit'
    | 'editMessage'
    | 'saveAndSend'
    | 'cancel'
    | 'regenerateAnswer'
    | 'deleteTurn'
    | 'previousVersion'
    | 'nextVersion'
    | 'versionOf'
  >
>;

/** The actions' words, unless the page's `strings` replace them. */
const defaults: ActionStrings = {
  messageActions: 'Message actions',
  copyMessage: 'Copy',
  edit: 'Edit',
  editMessage: 'Edit message',
  saveAndSend: 'Save & send',
  cancel: 'Cancel',
  regenerateAnswer: 'Regenerate',
  deleteTurn: 'Delete',
  previousVersion: 'Previous version',
  nextVersion: 'Next version',
  versionOf: 'Version {version} of {count}',
};

/** What `edit()` does (see there); `idle`: neither streaming nor disabled. */
export async function editOf(
  host: ActionsHost,
  index: number,
  text: string,
  idle: boolean,
): Promise<LlmResponseDetail | null> {
  const content = text.trim();
  const { conversation } = host;
  if (!content || !idle || conversation.path[index]?.role !== 'user') return null;
  if (!host.emit('llm-edit', { index, content }, { cancelable: true })) return null;
  // The files sent with the message go with its new version.
  const { attachments } = conversation.path[index] ?? {};
  conversation.addVersion(index, content).attachments = attachments;
  host.follow();
  return host.answer(conversation.append('assistant', ''));
}

/** What `regenerate()` does (see there). */
export function regenerateOf(host: ActionsHost, index: number, idle: boolean): Promise<LlmResponseDetail> | null {
  const { conversation } = host;
  const entry = conversation.path[index];
  const unanswered = entry?.role === 'user' && index === conversation.path.length - 1;
  if (!idle || !(entry?.role === 'assistant' || unanswered)) return null;
  if (!host.emit('llm-regenerate', { index }, { cancelable: true })) return null;
  return host.answer(unanswered ? conversation.append('assistant', '') : conversation.addVersion(index, ''));
}

/** What `deleteTurn()` does (see there). */
export function deleteTurnOf(host: ActionsHost, index: number): boolean {
  const turn = turnAt(host.conversation, index);
  if (!turn || host.chat.streaming) return false;
  if (!host.emit('llm-delete', { index: turn.start, count: turn.count }, { cancelable: true })) return false;
  deleteTurn(host.conversation, index);
  host.changed();
  return true;
}

/** What `selectVersion()` does (see there). */
export function selectVersionOf(host: ActionsHost, index: number, version: number): boolean {
  if (host.chat.streaming || !selectVersion(host.conversation, index, version)) return false;
  host.changed();
  host.emit('llm-version-change', { index, ...versionsAt(host.conversation, index) });
  return true;
}

/** Focus goes to `selector` in the chat once it has updated (the editor's field, Edit after Cancel, …). */
async function refocus(host: ActionsHost, selector: string): Promise<void> {
  await host.chat.updateComplete;
  host.chat.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
}

function stopEditing(host: ActionsHost, index: number): void {
  host.editing = undefined;
  host.chat.requestUpdate();
  void refocus(host, `.actions[data-index="${index}"] [part~="edit-button"]`);
}

/** The field that edits a user message, with Save & send and Cancel; Escape cancels. */
export function renderEditor(host: ActionsHost, entry: Entry, index: number, strings: LlmChatStrings) {
  const t = { ...defaults, ...strings };
  const save = (form: HTMLFormElement) => {
    const text = form.querySelector('textarea')?.value ?? '';
    if (!text.trim()) return;
    host.editing = undefined;
    void host.chat.edit(index, text);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      stopEditing(host, index);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      const { form } = event.currentTarget as HTMLTextAreaElement;
      if (form) save(form);
    }
  };
  return html`<form
    class="editor"
    part="editor"
    @submit=${(event: SubmitEvent) => (event.preventDefault(), save(event.currentTarget as HTMLFormElement))}
  >
    <textarea
      part="edit-input"
      rows="3"
      aria-label=${t.editMessage}
      .value=${entry.content}
      @keydown=${onKeyDown}
    ></textarea>
    <div class="editor-buttons">
      <button type="button" class="secondary" part="cancel-button" @click=${() => stopEditing(host, index)}>
        ${t.cancel}
      </button>
      <button type="submit" class="send" part="save-button">${t.saveAndSend}</button>
    </div>
  </form>`;
}

/** The row of actions under a message: Copy, Edit or Regenerate, the versions, Delete. */
export function renderActions(host: ActionsHost, entry: Entry, index: number, strings: LlmChatStrings) {
  const t = { ...defaults, ...strings };
  const { chat } = host;
  // The answer streaming has none until it ends.
  if (chat.streaming && index === host.conversation.path.length - 1 && entry.role === 'assistant') return nothing;
  // Changing the conversation waits for the answer streaming now: the buttons stay (and keep focus).
  const busy = chat.streaming || chat.disabled;
  const { version, count } = versionsAt(host.conversation, index);
  const act = (action: () => void) => () => {
    if (!busy) action();
  };
  const select = (to: number) =>
    act(() => {
      if (selectVersionOf(host, index, to)) host.announce(format(t.versionOf, { version: to, count }));
    });
  const copy = () =>
    void navigator.clipboard?.writeText(entry.content).then(
      () => host.announce(t.copied),
      () => {},
    );
  const versions =
    count > 1
      ? html`<span class="versions" part="versions" role="group" aria-label=${format(t.versionOf, { version, count })}>
          <button
            type="button"
            part="previous-version"
            aria-label=${t.previousVersion}
            aria-disabled=${busy || version <= 1 ? 'true' : 'false'}
            @click=${version > 1 ? select(version - 1) : nothing}
          >
            ◀
          </button>
          <span aria-hidden="true">${version}/${count}</span>
          <button
            type="button"
            part="next-version"
            aria-label=${t.nextVersion}
            aria-disabled=${busy || version >= count ? 'true' : 'false'}
            @click=${version < count ? select(version + 1) : nothing}
          >
            ▶
          </button>
        </span>`
      : nothing;
  const disabled = busy ? 'true' : 'false';
  return html`<div
    class="actions ${entry.role}"
    part="actions"
    role="group"
    aria-label=${t.messageActions}
    data-index=${index}
  >
    ${versions}
    <button type="button" part="copy-message" @click=${copy}>${t.copyMessage}</button>
    ${
      entry.role === 'user'
        ? html`<button
            type="button"
            part="edit-button"
            aria-disabled=${disabled}
            @click=${act(() => {
              host.editing = entry;
              chat.requestUpdate();
              void refocus(host, '[part~="edit-input"]');
            })}
          >
            ${t.edit}
          </button>`
        : html`<button
            type="button"
            part="regenerate-answer"
            aria-disabled=${disabled}
            @click=${act(() => {
              // The answer's actions go while it streams: the focus waits in the conversation.
              void chat.regenerate(index);
              void refocus(host, '.log');
            })}
          >
            ${t.regenerateAnswer}
          </button>`
    }
    <button
      type="button"
      part="delete-turn"
      aria-disabled=${disabled}
      @click=${act(() => {
        if (deleteTurnOf(host, index)) void refocus(host, '.log');
      })}
    >
      ${t.deleteTurn}
    </button>
  </div>`;
}
