import { html, isServer, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { format } from '../../base/format.js';
import { LlmElement } from '../../base/llm-element.js';
import type { ElementStatus } from '../../base/status.js';
import { GenerationController } from '../../controllers/generation-controller.js';
import { ModelController } from '../../controllers/model-controller.js';
import { LlmError } from '../../engine/core/errors.js';
import type { ChatMessage } from '../../engine/core/types.js';
import '../../events/index.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import { markdownStyles } from '../../render/markdown.styles.js';
import { StreamingMarkdown } from '../../render/streaming-markdown.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import { styles } from './llm-chat.styles.js';
import { isChatTurn, loadConversation, saveConversation } from './chat-storage.js';
import { defaultChatStrings, type LlmChatStrings } from './llm-chat.strings.js';

/** A message as the chat keeps it: its text, plus what rendering needs. */
interface Entry {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  /** Assistant messages render markdown; user messages render as plain text. */
  view?: StreamingMarkdown;
  stopped?: boolean;
}

let nextId = 1;

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

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
 * screen readers (not each token).
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
 *
 * @cssproperty --llm-chat-height - Height of the conversation area (default `24rem`).
 * @cssproperty --llm-accent - Accent color: the send button, and links and the focus ring unless they have their own; `#93c5fd` in dark mode (default `#1d4ed8`).
 * @cssproperty --llm-on-accent - Text on the accent color; `#0b1220` in dark mode (default `#ffffff`).
 * @cssproperty --llm-surface - Background of the chat and of code blocks' copy buttons; `#111827` in dark mode (default `#ffffff`).
 * @cssproperty --llm-text - Text color; `#f3f4f6` in dark mode (default `#111827`).
 * @cssproperty --llm-muted - Secondary text color (notices, the empty hint, "stopped"); `#cbd5e1` in dark mode (default `#4b5563`).
 * @cssproperty --llm-border - Border color of the chat, the message field and secondary buttons; `#374151` in dark mode (default `#d1d5db`).
 * @cssproperty --llm-danger - Error color, and the stop button; `#fca5a5` in dark mode (default `#b91c1c`).
 * @cssproperty --llm-user-bubble - Background of user messages; `#1e3a8a` in dark mode (default `#dbeafe`).
 * @cssproperty --llm-assistant-bubble - Background of assistant messages; `#1f2937` in dark mode (default `#f3f4f6`).
 * @cssproperty --llm-focus-ring - Color of the focus outline (default `var(--llm-accent)`).
 * @cssproperty --llm-radius - Corner radius of the chat and of messages; fields, buttons and code blocks use 0.25rem less (default `0.75rem`).
 * @cssproperty --llm-font - Font family (default `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`).
 * @cssproperty --llm-font-mono - Font family of code (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`).
 * @cssproperty --llm-link-color - Color of links in answers (default `var(--llm-accent)`).
 * @cssproperty --llm-code-background - Background of code in answers (default `color-mix(in srgb, currentColor 10%, transparent)`).
 *
 * @fires {LlmSendEvent} llm-send - Before a message is sent; cancelable. `detail` is `{content}`.
 * @fires {LlmTokenEvent} llm-token - For each streamed piece of the answer; `detail` is `{delta, text}`.
 * @fires {LlmResponseEvent} llm-response - When an answer is complete, or stopped (`finishReason: 'abort'`, partial text kept); `detail` is `{message, text, stats, finishReason}`.
 * @fires {LlmErrorEvent} llm-error - When an answer fails or the conversation cannot be saved (`storage`); `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here.
 */
export class LlmChat extends LlmElement {
  static override styles = [tokenStyles, markdownStyles, styles];

  /** System prompt sent before the conversation. */
  @property() system = '';

  /** Placeholder of the message field (overrides `strings.placeholder`). */
  @property() placeholder?: string;

  /** Sampling temperature; 0 always picks the most likely token. */
  @property({ type: Number }) temperature?: number;

  /** Most tokens per answer (default 256). */
  @property({ attribute: 'max-tokens', type: Number }) maxTokens?: number;

  /** Sample only from the k most likely tokens. */
  @property({ attribute: 'top-k', type: Number }) topK?: number;

  /** Sample from the smallest set of tokens whose probability adds up to p. */
  @property({ attribute: 'top-p', type: Number }) topP?: number;

  /** A storage key: the conversation is saved in localStorage under it and restored on reload. */
  @property() persist?: string;

  /** Replaces any of the texts the chat shows, for other languages. */
  @property({ attribute: false }) strings: Partial<LlmChatStrings> = {};

  /**
   * Read-only. `idle | loading | ready | waiting | generating | error`, reflected as an attribute
   * for styling (`llm-chat[status='generating']`).
   */
  @property({ reflect: true }) readonly status: ElementStatus = 'idle';

  @state() private entries: Entry[] = [];
  @state() private notice = '';
  @state() private storageNotice = '';
  @state() private announcement = '';

  @query('textarea') private input!: HTMLTextAreaElement;
  @query('.log') private log!: HTMLElement;

  private readonly model = new ModelController(this);
  private readonly generation = new GenerationController(this, this.model, {
    noProviderMessage: () => this.uiStrings.noProvider,
  });
  private stickToBottom = true;
  // Made on first connect, not here: constructors also run where there is no DOM (SSR).
  private resizeObserver?: ResizeObserver;

  /** The conversation (`{role, content}[]`, without the system prompt). Set it to restore one. */
  @property({ attribute: false })
  get messages(): ChatMessage[] {
    return this.entries.map(({ role, content }) => ({ role, content }));
  }
  set messages(messages: readonly ChatMessage[]) {
    const old = this.messages;
    this.generation.abort();
    this.entries = messages.filter(isChatTurn).map((message) => this.createEntry(message.role, message.content));
    this.requestUpdate('messages', old);
  }

  /** Whether an answer is streaming (or waiting for its turn). */
  get streaming(): boolean {
    return this.generation.running;
  }

  /** The default strings with the page's replacements. */
  private get uiStrings(): LlmChatStrings {
    return { ...defaultChatStrings, ...this.strings };
  }

  private createEntry(role: Entry['role'], content: string): Entry {
    const entry: Entry = { id: nextId++, role, content };
    // On the server (SSR) an answer renders as its plain text; the markdown view needs a DOM.
    if (role === 'assistant' && !isServer) {
      const { copy, copied, copyCode } = this.uiStrings;
      entry.view = new StreamingMarkdown({ copy, copied, copyLabel: copyCode });
      entry.view.set(content);
    }
    return entry;
  }

  /**
   * Sends `text` as the user and streams the answer. Resolves when the answer ends, however it ends
   * (`finishReason` says how; on failure it is `error` with `error` set). Resolves with null when
   * nothing was sent: empty text, or an `llm-send` listener cancelled it. A send while an answer
   * streams stops that answer first (it ends with `llm-response`, `finishReason: 'abort'`).
   */
  async send(text: string): Promise<LlmResponseDetail | null> {
    const content = text.trim();
    if (!content) return null;
    if (!this.emit('llm-send', { content }, { cancelable: true })) return null;
    this.generation.abort();
    this.entries = [...this.entries, this.createEntry('user', content)];
    this.stickToBottom = true;
    return this.answer();
  }

  /** Stops the answer in progress; what was written so far stays. */
  stop(): void {
    this.generation.abort();
  }

  /** Asks again for the last answer. Resolves with null when there is nothing to answer. */
  async regenerate(): Promise<LlmResponseDetail | null> {
    if (this.streaming) return null;
    const last = this.entries.at(-1);
    if (last?.role === 'assistant') this.entries = this.entries.slice(0, -1);
    if (this.entries.at(-1)?.role !== 'user') return null;
    return this.answer();
  }

  /**
   * What the Retry button does: after a failed load, loads the model again and answers the last
   * message; after a failed answer, asks for it again. Resolves with null when there is nothing to answer.
   */
  async retry(): Promise<LlmResponseDetail | null> {
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

  private async answer(): Promise<LlmResponseDetail> {
    const entry = this.createEntry('assistant', '');
    this.entries = [...this.entries, entry];
    return this.generation.run({
      // Read when the run starts, after any answer it replaced has settled into the conversation.
      start: (engine, signal) =>
        engine.chat(this.conversationBefore(entry), {
          temperature: this.temperature,
          max_tokens: this.maxTokens,
          top_k: this.topK,
          top_p: this.topP,
          fit: 'drop-oldest',
          signal,
        }),
      onDelta: (delta) => {
        entry.content += delta;
        // The markdown view renders only its unfinished tail, throttled: no per-token re-render.
        entry.view?.append(delta);
      },
      onEnd: (detail) => this.settle(entry, detail),
    });
  }

  /** The system prompt and every turn before `entry`, as the model should see them. */
  private conversationBefore(entry: Entry): ChatMessage[] {
    const turns = this.entries.slice(0, this.entries.indexOf(entry));
    return [
      ...(this.system ? [{ role: 'system' as const, content: this.system }] : []),
      ...turns.map(({ role, content }) => ({ role, content })),
    ];
  }

  /** Shows, announces and saves an answer that ended, before the page hears of it. */
  private settle(entry: Entry, detail: LlmResponseDetail): void {
    entry.view?.finish();
    if (detail.error?.code === 'too-long') this.takeBackTooLong(entry);
    this.notice = detail.stats.droppedMessages
      ? format(this.uiStrings.trimmed, { count: detail.stats.droppedMessages })
      : '';
    // An answer with no text (failed, or stopped before its first token) leaves no empty turn behind.
    if (!entry.content) this.entries = this.entries.filter((e) => e !== entry);
    else {
      entry.stopped = detail.finishReason === 'abort';
      this.entries = [...this.entries];
      if (!detail.error) this.announcement = format(this.uiStrings.answered, { text: entry.content });
    }
    this.save();
  }

  /**
   * The message before `entry`, too long for the model, goes back from the conversation to the empty
   * message field, so the visitor can shorten it; if they have typed something since, it stays put.
   */
  private takeBackTooLong(entry: Entry): void {
    const message = this.entries[this.entries.indexOf(entry) - 1];
    if (message?.role !== 'user' || !this.input || this.input.value.trim()) return;
    this.input.value = message.content;
    this.entries = this.entries.filter((e) => e !== message);
  }

  private save(): void {
    if (!this.persist) return;
    try {
      saveConversation(this.persist, this.messages);
      this.storageNotice = '';
    } catch (error) {
      this.storageNotice = format(this.uiStrings.storageError, { reason: reasonOf(error) });
      const storageError = new LlmError('storage', this.storageNotice, { cause: error });
      this.emit('llm-error', { code: storageError.code, message: storageError.message, error: storageError });
    }
  }

  private restore(): void {
    if (!this.persist || isServer) return; // the saved copy is in the visitor's browser
    try {
      const messages = loadConversation(this.persist);
      if (messages) this.messages = messages;
    } catch (error) {
      this.storageNotice = format(this.uiStrings.restoreError, { reason: reasonOf(error) });
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('persist') && this.entries.length === 0) this.restore();
    (this as { status: ElementStatus }).status = this.generation.elementStatus;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.log) this.observeLog();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  protected override firstUpdated(): void {
    this.observeLog();
  }

  private observeLog(): void {
    // DOM-less test environments (jsdom) have no ResizeObserver: the log then just does not follow.
    if (typeof ResizeObserver === 'undefined') return;
    this.resizeObserver ??= new ResizeObserver(() => {
      if (this.stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
    });
    const content = this.log?.firstElementChild;
    if (content) this.resizeObserver.observe(content);
  }

  private onScroll(): void {
    const log = this.log;
    this.stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 32;
  }

  private onKeyDown(event: KeyboardEvent): void {
    // Typing is as clear a sign as focus that the model is wanted (and focus events do not fire
    // while the window itself is unfocused).
    this.model.handle?.requestLoad();
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
  }

  private submit(): void {
    if (this.streaming || !this.input.value.trim()) return;
    const text = this.input.value;
    this.input.value = '';
    void this.send(text);
  }

  private renderLoading() {
    const engine = this.model.engine;
    if (engine?.status !== 'loading') return nothing;
    const percent = `${Math.round(engine.progress.fraction * 100)}%`;
    return html`<p class="notice" part="notice">${format(this.uiStrings.loading, { percent })}</p>`;
  }

  protected override render() {
    const t = this.uiStrings;
    const streaming = this.streaming;
    const last = this.entries.at(-1);
    return html`
      <div class="base" part="base">
        <slot name="header"></slot>
        <div
          class="log"
          part="log"
          role="log"
          aria-label=${t.log}
          aria-live="off"
          aria-busy=${streaming ? 'true' : 'false'}
          tabindex="0"
          @scroll=${this.onScroll}
        >
          <div class="messages">
            ${
              this.entries.length === 0
                ? html`<div class="empty">
                    <slot name="empty"><p>${t.empty}</p></slot>
                  </div>`
                : repeat(
                    this.entries,
                    (entry) => entry.id,
                    (entry) => html`
                      <div class="message ${entry.role}" part="message ${entry.role}">
                        <span class="visually-hidden">${entry.role === 'user' ? t.user : t.assistant}:</span>
                        <div class="content" part="content">
                          ${entry.view ? entry.view.element : html`<span class="text">${entry.content}</span>`}
                        </div>
                        ${entry.stopped ? html`<p class="stopped">${t.stopped}</p>` : nothing}
                      </div>
                    `,
                  )
            }
          </div>
        </div>
        ${this.notice ? html`<p class="notice" part="notice">${this.notice}</p>` : nothing}
        ${this.storageNotice ? html`<p class="notice" part="notice">${this.storageNotice}</p>` : nothing}
        ${this.renderLoading()} ${this.generation.renderError(this.uiStrings, () => void this.retry(), 'secondary')}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        <form class="form" part="form" @submit=${this.onSubmit}>
          <textarea
            part="input"
            rows="2"
            aria-label=${t.input}
            placeholder=${this.placeholder ?? t.placeholder}
            @keydown=${this.onKeyDown}
            @focus=${() => this.model.handle?.requestLoad()}
          ></textarea>
          ${
            streaming
              ? html`<button type="button" class="stop" part="stop" @click=${this.stop}>${t.stop}</button>`
              : html`<button type="submit" class="send" part="send">${t.send}</button>`
          }
        </form>
        <div class="toolbar" part="toolbar">
          <button
            type="button"
            class="secondary"
            part="regenerate"
            ?hidden=${streaming || last?.role !== 'assistant'}
            @click=${() => void this.regenerate()}
          >
            ${t.regenerate}
          </button>
          <button
            type="button"
            class="secondary"
            part="clear"
            ?hidden=${this.entries.length === 0}
            @click=${() => this.clear()}
          >
            ${t.clear}
          </button>
        </div>
        <slot name="footer"></slot>
      </div>
    `;
  }
}
