import { html, isServer, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { format } from '../../base/format.js';
import { GeneratingElement } from '../../base/generating-element.js';
import type { ChatMessage } from '../../engine/core/types.js';
import '../../events/index.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import { markdownStyles } from '../../render/markdown.styles.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import { answerRequest, answerState, renderJump } from './chat-answer-state.js';
import { createEntry, historyBefore, takeBackTooLong, type Entry } from './chat-entry.js';
import { ChatScrollController } from './chat-scroll.controller.js';
import { isChatTurn, restoreChat, saveChat } from './chat-storage.js';
import { loadingNotice, renderComposer, renderLog, renderNotices, renderToolbar } from './chat-view.js';
import { styles } from './llm-chat.styles.js';
import { defaultChatStrings, type LlmChatStrings } from './llm-chat.strings.js';

/**
 * @summary A chat with the language model of the nearest `<llm-model>`: type, press Enter, read the answer as it streams.
 * @tagname llm-chat
 * @status experimental
 *
 * @description
 * Enter sends, Shift+Enter starts a new line. Stop ends an answer at once; Regenerate asks again;
 * Clear starts over. Answers are markdown (code blocks with a copy button, lists, tables, links),
 * sanitized before they reach the page: model output, user input and restored history are untrusted.
 * When the conversation outgrows the model's context window the oldest turns are left out, and the
 * chat says so; a message too long for the window on its own comes back to the message field, with
 * the error (`too-long`) and no Retry, to be shortened. A finished answer is announced politely to
 * screen readers (not each token). `disabled` keeps it from sending (the field and Send are disabled).
 * Sampling: the model's defaults, with at most 256 tokens per answer unless `max-tokens` says otherwise.
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
 * @csspart copy-button - The copy button of a code block.
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
 * @fires {LlmSendEvent} llm-send - Before a message is sent; cancelable. `detail` is `{content}`.
 * @fires {LlmTokenEvent} llm-token - For each streamed piece of the answer; `detail` is `{delta, text}`.
 * @fires {LlmResponseEvent} llm-response - When an answer is complete, or stopped (`finishReason: 'abort'`, partial text kept); `detail` is `{message, text, stats, finishReason}`.
 * @fires {LlmContinueEvent} llm-continue - Before the last answer is continued (Continue, `continue()`); cancelable. `detail` is `{index}`; the answer grows in place, and its `llm-response` has `text` (what was added) and `message` (the whole answer).
 * @fires {LlmErrorEvent} llm-error - When an answer fails or the conversation cannot be saved (`storage`); `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here.
 */
export class LlmChat extends GeneratingElement<LlmChatStrings> {
  static override styles = [tokenStyles, markdownStyles, styles];

  /** System prompt sent before the conversation. */
  @property() system = '';

  /** Placeholder of the message field (overrides `strings.placeholder`). */
  @property() placeholder?: string;

  /** A storage key: the conversation is saved in localStorage under it and restored on reload. */
  @property() persist?: string;

  protected readonly defaultStrings = defaultChatStrings;

  @state() private entries: Entry[] = [];
  @state() private notice = '';
  @state() private storageNotice = '';
  @state() private announcement = '';

  @query('textarea') private input!: HTMLTextAreaElement;
  @query('.log') private log!: HTMLElement;

  private readonly follower = new ChatScrollController(this, () => this.log);

  /** The conversation (`{role, content}[]`, without the system prompt). Set it to restore one. */
  @property({ attribute: false })
  get messages(): ChatMessage[] {
    return this.entries.map(({ role, content }) => ({ role, content }));
  }
  set messages(messages: readonly ChatMessage[]) {
    const old = this.messages;
    this.generation.abort();
    this.entries = messages
      .filter(isChatTurn)
      .map((message) => createEntry(message.role, message.content, this.uiStrings));
    this.requestUpdate('messages', old);
  }

  /** Whether an answer is streaming (or waiting for its turn). */
  get streaming(): boolean {
    return this.generation.running;
  }

  /**
   * Sends `text` as the user and streams the answer. Resolves when the answer ends, however it ends
   * (`finishReason` says how; on failure it is `error` with `error` set). Resolves with null when
   * nothing was sent: empty text, `disabled`, or an `llm-send` listener cancelled it. A send while an answer
   * streams stops that answer first (it ends with `llm-response`, `finishReason: 'abort'`).
   */
  async send(text: string): Promise<LlmResponseDetail | null> {
    const content = text.trim();
    if (!content || this.disabled) return null;
    if (!this.emit('llm-send', { content }, { cancelable: true })) return null;
    this.generation.abort();
    this.entries = [...this.entries, createEntry('user', content, this.uiStrings)];
    this.follower.follow();
    return this.answer();
  }

  /** Asks again for the last answer. Resolves with null when there is nothing to answer. */
  async regenerate(): Promise<LlmResponseDetail | null> {
    if (this.streaming || this.disabled) return null;
    const last = this.entries.at(-1);
    if (last?.role === 'assistant') this.entries = this.entries.slice(0, -1);
    if (this.entries.at(-1)?.role !== 'user') return null;
    return this.answer();
  }

  /**
   * Continues the last answer where it ended (cut at the length limit, or stopped), in the same
   * message. Resolves with null when the last message is no answer, an answer streams, `disabled`, or
   * an `llm-continue` listener cancelled it.
   */
  async continue(): Promise<LlmResponseDetail | null> {
    const index = this.entries.length - 1;
    const entry = this.entries[index];
    if (this.streaming || this.disabled || entry?.role !== 'assistant' || !entry.content) return null;
    if (!this.emit('llm-continue', { index }, { cancelable: true })) return null;
    entry.stopped = entry.cutOff = false;
    this.follower.follow();
    return this.answer(entry);
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
    this.entries = [];
    this.notice = '';
    this.announcement = '';
    this.save();
  }

  private async answer(continued?: Entry): Promise<LlmResponseDetail> {
    const entry = continued ?? createEntry('assistant', '', this.uiStrings);
    this.entries = continued ? [...this.entries] : [...this.entries, entry];
    return this.generation.run({
      // Read when the run starts, after any answer it replaced has settled into the conversation.
      start: (engine, signal) => {
        // An entry with text is continued: the model goes on with it (chat-answer-state.ts).
        const { messages, continueLast } = answerRequest(historyBefore(this.entries, entry, this.system), entry);
        return engine.chat(messages, { ...this.samplingOptions(), fit: 'drop-oldest', continueLast, signal });
      },
      onDelta: (delta) => {
        entry.content += delta;
        // The markdown view renders only its unfinished tail, throttled: no per-token re-render.
        entry.view?.append(delta);
      },
      onEnd: (detail) => this.settle(entry, detail),
    });
  }

  /** Shows, announces and saves an answer that ended, before the page hears of it. */
  private settle(entry: Entry, detail: LlmResponseDetail): void {
    entry.view?.finish();
    if (detail.error?.code === 'too-long') this.entries = takeBackTooLong(this.entries, entry, this.input);
    this.notice = detail.stats.droppedMessages
      ? format(this.uiStrings.trimmed, { count: detail.stats.droppedMessages })
      : '';
    // An answer with no text (failed, or stopped before its first token) leaves no empty turn behind.
    if (!entry.content) this.entries = this.entries.filter((e) => e !== entry);
    else {
      entry.stopped = detail.finishReason === 'abort';
      entry.cutOff = detail.finishReason === 'length';
      // After Continue, `text` is what this run added; the message is the whole answer.
      detail.message = { role: 'assistant', content: entry.content };
      this.entries = [...this.entries];
      if (!detail.error) this.announcement = format(this.uiStrings.answered, { text: entry.content });
    }
    this.save();
  }

  private save(): void {
    if (!this.persist) return;
    const error = saveChat(this.persist, this.messages, this.uiStrings);
    this.storageNotice = error?.message ?? '';
    if (error) this.emit('llm-error', { code: error.code, message: error.message, error });
  }

  private restore(): void {
    if (!this.persist || isServer) return; // the saved copy is in the visitor's browser
    const { messages, notice } = restoreChat(this.persist, this.uiStrings);
    if (messages) this.messages = messages;
    this.storageNotice = notice;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('persist') && this.entries.length === 0) this.restore();
    super.willUpdate(changed);
  }

  protected override renderings() {
    return this.entries.flatMap((entry) => (entry.view ? [entry.view] : []));
  }

  protected override render() {
    const t = this.uiStrings;
    const streaming = this.streaming;
    const last = this.entries.at(-1);
    return html`
      <div class="base" part="base">
        <slot name="header"></slot>
        ${renderLog(
          this.entries,
          { busy: streaming, onScroll: this.follower.onScroll },
          answerState(
            this,
            this.entries,
            { waiting: this.generation.phase === 'waiting', idle: !streaming && !this.disabled },
            () => void this.continue(),
          ),
          t,
        )}
        ${renderJump(this, this.follower.away, this.follower.jump, t)}
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
            wake: () => this.model.handle?.requestLoad(),
            stop: () => this.stop(),
          },
          t,
        )}
        ${renderToolbar(
          {
            canRegenerate: !streaming && !this.disabled && last?.role === 'assistant',
            canClear: this.entries.length > 0,
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
