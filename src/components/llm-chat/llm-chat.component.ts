import { html } from 'lit';
import { property } from 'lit/decorators.js';
import '../../events/index.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import { markdownStyles } from '../../render/markdown.styles.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import { answerState } from './chat-answer-state.js';
import { ChatBase } from './chat-base.js';
import {
  loadMessages,
  loadingNotice,
  renderComposer,
  renderJump,
  renderLog,
  renderNotices,
  renderToolbar,
} from './chat-view.js';
import type { ActionsHost } from './chat-actions.js';
import { styles } from './llm-chat.styles.js';
import { defaultChatStrings } from './llm-chat.strings.js';

/**
 * @summary A chat with the language model of the nearest `<llm-model>`: type, press Enter, read the answer as it streams.
 * @tagname llm-chat
 * @status experimental
 *
 * @description
 * Enter sends, Shift+Enter starts a new line. Stop ends an answer at once; Regenerate asks again;
 * Clear starts over. Each message has actions: Copy; Edit a message and send it again, or Regenerate
 * an answer, each a new version beside the old ones (`◀ 2/3 ▶` browses them; the conversation after
 * a message is its version's); Delete a turn. Answers are markdown (code blocks with a copy button,
 * lists, tables, links), sanitized before they reach the page: model output, user input and restored
 * history are untrusted.
 * When the conversation outgrows the model's context window the oldest turns are left out, and the
 * chat says so; a message too long for the window on its own comes back to the message field, with
 * the error (`too-long`) and no Retry, to be shortened. A finished answer is announced politely to
 * screen readers (not each token). `disabled` keeps it from sending (the field and Send are disabled).
 * Sampling: the model's defaults, with at most 256 tokens per answer unless `max-tokens` says otherwise.
 * Tools: functions of the page the model may call (`tools`, or `<llm-tool>` elements inside the chat,
 * or inside its `<llm-model>` but not inside another chat), each call a step in its answer.
 * Sources: with `<llm-source>` elements inside the chat (or in its `<llm-model>` outside any chat), each
 * answer is given the passages of the site closest to the question, lists them under it as links that
 * scroll to and highlight each passage, and makes the answer's citations ([1]) links to them; when no
 * passage scores `min-score`, it says it found nothing instead of asking the model.
 *
 * @slot header - Above the conversation (a title, for example).
 * @slot empty - Shown before the first message, in place of the default hint.
 * @slot footer - Below the message field.
 *
 * @csspart base - The chat's outer box.
 * @csspart log - The scrolling conversation (`role="log"`).
 * @csspart message - Each message; also `user` or `assistant`.
 * @csspart user - User messages.
 * @csspart assistant - Assistant messages.
 * @csspart content - The text of a message.
 * @csspart reasoning - A reasoning model's thinking above its answer (Qwen3, DeepSeek-R1 distills, SmolLM3): a `<details>`, collapsed unless `reasoning="expanded"`, none with `reasoning="hidden"`.
 * @csspart reasoning-summary - Its summary: "Thinking…" while it streams, then "Thought for 4 s" (announced once, politely).
 * @csspart reasoning-text - The thinking, as plain text (never in the answer's text, `messages`, or what is sent back).
 * @csspart tool-step - Each call of a tool in its answer (`tools`): a `<details>`, collapsed.
 * @csspart tool-summary - Its summary: the tool's name, the call's status (waiting for you, running, done, failed, invalid call, denied) and, once it ran, its time (`done in 2.4 s`; none under a tenth of a second).
 * @csspart tool-arguments - The call's arguments, as JSON text.
 * @csspart tool-result - What the tool returned, as JSON text.
 * @csspart tool-error - Why the call has no result (it failed, was invalid or denied).
 * @csspart tool-ask - The question before a tool with `confirm` runs (announced politely), with Allow and Deny.
 * @csspart tool-ask-arguments - What the tool would be given, as JSON text, above Allow and Deny.
 * @csspart tool-allow - Lets the call run.
 * @csspart tool-deny - Refuses it; the model is told.
 * @csspart sources - Under an answer from sources: the passages it was given (an `<ol>`, labelled "Sources").
 * @csspart source-link - Each of them: `[n] Heading › words…`, a link that scrolls to and highlights the passage in this page (or opens the other page at it, in a new tab).
 * @csspart citation - A citation (`[1]`) in an answer's text, made a link to its source once the answer has ended.
 * @csspart copy-button - The copy button of a code block.
 * @csspart actions - The row of actions under each message (`role="group"`): shown on hover and focus, and always on the last message; reachable by Tab.
 * @csspart copy-message - Copies a message (announces "Copied").
 * @csspart edit-button - Edits a user message.
 * @csspart regenerate-answer - Asks again for an answer, as a new version of it.
 * @csspart delete-turn - Deletes a turn (the message and its answer).
 * @csspart versions - The versions of a message (`◀ 2/3 ▶`), when it has more than one.
 * @csspart previous-version - Shows the version before.
 * @csspart next-version - Shows the version after.
 * @csspart editor - The form that edits a user message, in its place.
 * @csspart edit-input - The field of the editor (Enter or Save & send sends, Escape cancels).
 * @csspart save-button - Sends the edited message.
 * @csspart cancel-button - Stops editing.
 * @csspart attach - The Attach button (with `attach`): a labelled file input, reached by Tab.
 * @csspart attachment - A file's chip (its name and size in tokens), waiting to be sent (with Remove) or under the message it went with.
 * @csspart attach-notice - Why files were refused (not text, too large, too long for the model), announced politely.
 * @csspart drop-hint - "Drop text files to attach them", while files are dragged over the chat.
 * @csspart notice - Notes about the conversation (left-out turns, loading, storage).
 * @csspart error - The error message, when something failed (also when no `<llm-model>` is around).
 * @csspart retry - The Retry button beside an error: loads the model again, or asks for the answer again (not shown for a message too long for the model).
 * @csspart form - The message form.
 * @csspart input - The message field (a `<textarea>`).
 * @csspart send - The send button.
 * @csspart stop - The stop button, shown while an answer streams.
 * @csspart toolbar - The row with Regenerate and Clear.
 * @csspart regenerate - The regenerate button.
 * @csspart clear - The clear button.
 * @csspart typing - The typing indicator (three dots, "Writing…" for screen readers) in an answer until its first token.
 * @csspart ending - How an answer ended early: "Stopped." or "Stopped at the length limit.".
 * @csspart continue - The Continue button beside the last answer's ending: extends the same answer.
 * @csspart jump - "Jump to latest", over the log's bottom while the visitor reads further up.
 *
 * @cssproperty --llm-chat-height - Height of the conversation area (default `24rem`).
 * @cssproperty --llm-accent - Accent color: the send button, and links and the focus ring unless they have their own (default `light-dark(#1d4ed8, #93c5fd)`).
 * @cssproperty --llm-on-accent - Text on the accent color (default `light-dark(#ffffff, #0b1220)`).
 * @cssproperty --llm-surface - Background of the chat and of code blocks' copy buttons (default `light-dark(#ffffff, #111827)`).
 * @cssproperty --llm-text - Text color (default `light-dark(#111827, #f3f4f6)`).
 * @cssproperty --llm-muted - Secondary text color (notices, the empty hint, "stopped") (default `light-dark(#4b5563, #cbd5e1)`).
 * @cssproperty --llm-border - Border color of the chat, the message field and secondary buttons (default `light-dark(#d1d5db, #374151)`).
 * @cssproperty --llm-danger - Error color, and the stop button (default `light-dark(#b91c1c, #fca5a5)`).
 * @cssproperty --llm-user-bubble - Background of user messages (default `light-dark(#dbeafe, #1e3a8a)`).
 * @cssproperty --llm-assistant-bubble - Background of assistant messages (default `light-dark(#f3f4f6, #1f2937)`).
 * @cssproperty --llm-focus-ring - Color of the focus outline (default `var(--llm-accent)`).
 * @cssproperty --llm-radius - Corner radius of the chat and of messages; fields, buttons and code blocks use 0.25rem less (default `0.75rem`).
 * @cssproperty --llm-density - Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`).
 * @cssproperty --llm-font - Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`).
 * @cssproperty --llm-font-mono - Font family of code (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`).
 * @cssproperty --llm-link-color - Color of links in answers (default `var(--llm-accent)`).
 * @cssproperty --llm-code-background - Background of code in answers (default `color-mix(in srgb, currentColor 10%, transparent)`).
 *
 * @fires {LlmSendEvent} llm-send - Before a message is sent; cancelable. `detail` is `{content, attachments}` (the files sent with it, with `attach`).
 * @fires {LlmTokenEvent} llm-token - For each streamed piece of the answer; `detail` is `{delta, text}`.
 * @fires {LlmResponseEvent} llm-response - When an answer is complete, or stopped (`finishReason: 'abort'`, partial text kept); `detail` is `{message, text, stats, finishReason}`.
 * @fires {LlmContinueEvent} llm-continue - Before the last answer is continued (Continue, `continue()`); cancelable. `detail` is `{index}`; the answer grows in place, and its `llm-response` has `text` (what was added) and `message` (the whole answer).
 * @fires {LlmEditEvent} llm-edit - Before an edited message is sent as a new version of it; cancelable. `detail` is `{index, content}`.
 * @fires {LlmRegenerateEvent} llm-regenerate - Before an answer is asked for again (a new version of it); cancelable. `detail` is `{index}`.
 * @fires {LlmDeleteEvent} llm-delete - Before a turn is deleted; cancelable. `detail` is `{index, count}` (the turn's first message and how many it has).
 * @fires {LlmVersionChangeEvent} llm-version-change - When another version of a message shows. `detail` is `{index, version, count}` (`version` from 1).
 * @fires {LlmAttachEvent} llm-attach - When files are attached (picked or dropped, with `attach`), before they show; cancelable. `detail` is `{files, attachments}`.
 * @fires {LlmToolCallEvent} llm-tool-call - When the model's call of a tool starts (`tools`), before it is confirmed or run. `detail` is the call `{id, name, arguments}`.
 * @fires {LlmToolResultEvent} llm-tool-result - When a call of a tool has ended. `detail` is its step `{call, status, result, error, ms}` (`done`, `error`, `invalid` or `denied`).
 * @fires {LlmRetrieveEvent} llm-retrieve - Before an answer from sources (`<llm-source>`): `detail` is `{query, passages}`, the passages found for the question (best first, each with its `score`); none when nothing scored `min-score`.
 * @fires {LlmErrorEvent} llm-error - When an answer fails or the conversation cannot be saved (`storage`); `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here.
 */
export class LlmChat extends ChatBase {
  static override styles = [tokenStyles, markdownStyles, styles];

  /** Placeholder of the message field (overrides `strings.placeholder`). */
  @property() placeholder?: string;

  protected readonly defaultStrings = defaultChatStrings;

  /** What the messages' actions (loaded with the first message) need of the chat. */
  private readonly actions: ActionsHost = {
    chat: this,
    conversation: this.conversation,
    emit: (name, detail, options) => this.emit(name, detail, options),
    changed: () => this.changed(),
    answer: (entry) => this.answer(entry),
    follow: () => this.follower.follow(),
    // The same words again (Copied, Copied) are announced again only if the text changes.
    announce: (text) => (this.announcement = this.announcement === text ? `${text}\u00a0` : text),
    files: () => this.files,
  };

  /**
   * Sends `text` as the user and streams the answer. Resolves when the answer ends, however it ends
   * (`finishReason` says how; on failure it is `error` with `error` set). Resolves with null when
   * nothing was sent: empty text (and, with `attach`, no file attached: the files attached go with the
   * message), `disabled`, or an `llm-send` listener cancelled it. A send while an answer
   * streams stops that answer first (it ends with `llm-response`, `finishReason: 'abort'`).
   */
  async send(text: string): Promise<LlmResponseDetail | null> {
    const content = text.trim();
    const attachments = this.attach ? this.files?.pending : undefined;
    if (!(content || attachments?.length) || this.disabled) return null;
    if (!this.emit('llm-send', { content, attachments }, { cancelable: true })) return null;
    this.generation.abort();
    this.conversation.append('user', content).attachments = this.attach ? this.files?.take() : undefined;
    this.follower.follow();
    return this.answer(this.conversation.append('assistant', ''));
  }

  /**
   * Sends `text` in place of the user message at `index` (of `messages`), as a new version of it (the
   * old one and what followed it stay, as version 1), and streams the answer. Resolves with null when
   * nothing was sent (no user message there, empty text, `disabled`, an answer streaming, or an
   * `llm-edit` listener cancelled it).
   */
  async edit(index: number, text: string): Promise<LlmResponseDetail | null> {
    return (await loadMessages()).editOf(this.actions, index, text, this.idle);
  }

  /**
   * Asks again for the answer at `index` (by default the last); the new answer is a new version beside
   * the old. After an unanswered message, answers it. Resolves with null when there is nothing to answer.
   */
  async regenerate(index = this.entries.length - 1): Promise<LlmResponseDetail | null> {
    return (await loadMessages()).regenerateOf(this.actions, index, this.idle);
  }

  /**
   * Continues the last answer where it ended (cut at the length limit, or stopped), in the same
   * message. Resolves with null when the last message is no answer, an answer streams, `disabled`, or
   * an `llm-continue` listener cancelled it.
   */
  async continue(): Promise<LlmResponseDetail | null> {
    const index = this.entries.length - 1;
    const entry = this.entries[index];
    if (!this.idle || entry?.role !== 'assistant' || !entry.content) return null;
    if (!this.emit('llm-continue', { index }, { cancelable: true })) return null;
    entry.stopped = entry.cutOff = false;
    this.follower.follow();
    return this.answer(entry);
  }

  /**
   * Deletes the turn with the message at `index` (the user message and its answer); the turns after it
   * stay. When the message has other versions, only this one (and what followed it) goes. Resolves with false when
   * nothing was deleted (no message there, an answer streaming, an `llm-delete` listener cancelled it).
   */
  async deleteTurn(index: number): Promise<boolean> {
    return (await loadMessages()).deleteTurnOf(this.actions, index);
  }

  /** Shows `version` (from 1) of the message at `index`, with what followed it. Resolves with false when there is none. */
  async selectVersion(index: number, version: number): Promise<boolean> {
    return (await loadMessages()).selectVersionOf(this.actions, index, version);
  }

  /**
   * What the Retry button does: after a failed load, loads the model again and answers the last
   * message; after a failed answer, asks for it again. Resolves with null when there is nothing to answer.
   */
  override async retry(): Promise<LlmResponseDetail | null> {
    if (!(await this.generation.reloadIfFailed())) return null;
    return this.regenerate();
  }

  /** Empties the conversation (and its saved copy). */
  clear(): void {
    this.generation.abort();
    this.generation.reset();
    this.conversation.reset();
    this.notice = '';
    this.announcement = '';
    this.changed();
  }

  protected override render() {
    const t = this.uiStrings;
    const streaming = this.streaming;
    const entries = this.entries;
    return html`
      <div class="base" part="base">
        <slot name="header"></slot>
        ${renderLog(
          entries,
          { busy: streaming, onScroll: this.follower.onScroll },
          this.actions,
          answerState(entries, { waiting: this.generation.phase === 'waiting', idle: this.idle }, () => {
            void this.continue();
          }),
          t,
        )}
        ${renderJump(this.follower.away, this.follower.jump, t)}
        ${renderNotices([
          this.notice,
          this.storageNotice,
          loadingNotice(this.model.engine, t, this, () => this.requestUpdate()),
        ])}
        ${this.renderError('secondary')}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        ${renderComposer(
          {
            streaming,
            disabled: this.disabled,
            placeholder: this.placeholder ?? t.placeholder,
            send: (text) => void this.send(text),
            wake: () => {
              this.model.handle?.requestLoad();
              // The sources are read (and embedded where new) while the visitor types the question.
              void this.loadSources().then((sources) => sources?.prepare());
            },
            stop: () => this.stop(),
            files: this.attach ? this.files : undefined,
          },
          t,
        )}
        ${renderToolbar(
          {
            canRegenerate: !streaming && !this.disabled && entries.at(-1)?.role === 'assistant',
            canClear: entries.length > 0,
            regenerate: () => void this.regenerate(),
            clear: () => this.clear(),
          },
          t,
        )}
        <slot name="footer"></slot>
      </div>
    `;
  }
}
