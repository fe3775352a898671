import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { format } from '../../base/format.js';
import { LlmElement } from '../../base/llm-element.js';
import { GenerationController, responseDetail } from '../../controllers/generation-controller.js';
import { ModelController } from '../../controllers/model-controller.js';
import { fitToContext } from '../../engine/context-window.js';
import { DEFAULT_CONTEXT_SIZE, DEFAULT_MAX_TOKENS } from '../../engine/engine.js';
import { LlmError } from '../../engine/errors.js';
import type { ChatMessage } from '../../engine/types.js';
import '../../events/index.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import { markdownStyles } from '../../render/markdown.styles.js';
import { StreamingMarkdown } from '../../render/streaming-markdown.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import { styles } from './llm-chat.styles.js';
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

const STORAGE_VERSION = 1;
let nextId = 1;

function isChatTurn(value: unknown): value is { role: 'user' | 'assistant'; content: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { role, content } = value as Record<string, unknown>;
  return (role === 'user' || role === 'assistant') && typeof content === 'string';
}

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
 * chat says so. A finished answer is announced politely to screen readers (not each token).
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
 * @csspart error - The error message, when something failed.
 * @csspart form - The message form.
 * @csspart input - The message field (a `<textarea>`).
 * @csspart send - The send button.
 * @csspart stop - The stop button, shown while an answer streams.
 * @csspart toolbar - The row with Regenerate and Clear.
 * @csspart regenerate - The regenerate button.
 * @csspart clear - The clear button.
 *
 * @cssproperty --llm-chat-height - Height of the conversation area (default `24rem`).
 * @cssproperty --llm-accent - Accent color: send button, links, focus.
 * @cssproperty --llm-on-accent - Text on the accent color.
 * @cssproperty --llm-surface - Background of the chat.
 * @cssproperty --llm-text - Text color.
 * @cssproperty --llm-muted - Secondary text color.
 * @cssproperty --llm-border - Border color.
 * @cssproperty --llm-danger - Error color.
 * @cssproperty --llm-user-bubble - Background of user messages.
 * @cssproperty --llm-assistant-bubble - Background of assistant messages.
 * @cssproperty --llm-radius - Corner radius.
 * @cssproperty --llm-font - Font family.
 * @cssproperty --llm-font-mono - Font family of code.
 *
 * @fires {LlmSendEvent} llm-send - Before a message is sent; cancelable. `detail` is `{content}`.
 * @fires {LlmTokenEvent} llm-token - For each streamed piece of the answer; `detail` is `{delta, text}`.
 * @fires {LlmResponseEvent} llm-response - When an answer is complete or stopped; `detail` is `{message, text, stats, finishReason}`.
 * @fires {LlmErrorEvent} llm-error - When an answer fails or the conversation cannot be saved; `detail` is `{code, message, error}`.
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

  @state() private entries: Entry[] = [];
  @state() private errorText = '';
  @state() private notice = '';
  @state() private storageNotice = '';
  @state() private announcement = '';

  @query('textarea') private input!: HTMLTextAreaElement;
  @query('.log') private log!: HTMLElement;

  private readonly model = new ModelController(this);
  private readonly generation = new GenerationController(this);
  private stickToBottom = true;
  private readonly resizeObserver = new ResizeObserver(() => {
    if (this.stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
  });

  /** The conversation (`{role, content}[]`, without the system prompt). Set it to restore one. */
  @property({ attribute: false })
  get messages(): ChatMessage[] {
    return this.entries.map(({ role, content }) => ({ role, content }));
  }
  set messages(messages: readonly ChatMessage[]) {
    const old = this.messages;
    this.generation.stop();
    this.entries = messages.filter(isChatTurn).map((message) => this.createEntry(message.role, message.content));
    this.requestUpdate('messages', old);
  }

  /** Whether an answer is streaming. */
  get streaming(): boolean {
    return this.generation.running;
  }

  private get text(): LlmChatStrings {
    return { ...defaultChatStrings, ...this.strings };
  }

  private createEntry(role: Entry['role'], content: string): Entry {
    const entry: Entry = { id: nextId++, role, content };
    if (role === 'assistant') {
      const { copy, copied, copyCode } = this.text;
      entry.view = new StreamingMarkdown({ copy, copied, copyLabel: copyCode });
      entry.view.set(content);
    }
    return entry;
  }

  /**
   * Sends `text` as the user and streams the answer. Resolves when the answer is done (also when it
   * was stopped or failed: see `finishReason`). Resolves with null when an `llm-send` listener
   * cancelled the message or the text is empty.
   */
  async send(text: string): Promise<LlmResponseDetail | null> {
    const content = text.trim();
    if (!content) return null;
    if (!this.emit('llm-send', { content }, { cancelable: true })) return null;
    this.entries = [...this.entries, this.createEntry('user', content)];
    this.stickToBottom = true;
    return this.answer();
  }

  /** Stops the answer in progress; what was written so far stays. */
  stop(): void {
    this.generation.stop();
  }

  /** Asks again for the last answer. */
  async regenerate(): Promise<LlmResponseDetail | null> {
    if (this.streaming) return null;
    const last = this.entries.at(-1);
    if (last?.role === 'assistant') this.entries = this.entries.slice(0, -1);
    if (this.entries.at(-1)?.role !== 'user') return null;
    return this.answer();
  }

  /** Empties the conversation (and its saved copy). */
  clear(): void {
    this.generation.stop();
    this.entries = [];
    this.errorText = '';
    this.notice = '';
    this.announcement = '';
    this.save();
  }

  private async answer(): Promise<LlmResponseDetail | null> {
    this.errorText = '';
    const engine = this.model.engine;
    if (!engine) {
      return this.fail(new LlmError('not-loaded', this.text.noProvider), null);
    }
    const maxTokens = this.maxTokens ?? DEFAULT_MAX_TOKENS;
    const contextSize = engine.model?.contextSize ?? engine.loadOptions.contextSize ?? DEFAULT_CONTEXT_SIZE;
    const history: ChatMessage[] = this.system ? [{ role: 'system', content: this.system }] : [];
    const fitted = fitToContext([...history, ...this.messages], { contextSize, reserve: maxTokens });
    this.notice = fitted.dropped ? format(this.text.trimmed, { count: fitted.dropped }) : '';

    const entry = this.createEntry('assistant', '');
    this.entries = [...this.entries, entry];
    const generation = this.generation.track(
      engine.chat(fitted.messages, {
        temperature: this.temperature,
        max_tokens: maxTokens,
        top_k: this.topK,
        top_p: this.topP,
      }),
    );
    try {
      for await (const delta of generation) {
        entry.content += delta;
        // The markdown view renders only its unfinished tail, once a frame: no per-token re-render.
        entry.view?.append(delta);
        this.emit('llm-token', { delta, text: entry.content });
      }
    } catch {
      // The result carries the error.
    }
    const result = await generation.result;
    entry.view?.finish();
    if (result.finishReason === 'error') return this.fail(result.error ?? new LlmError('inference', 'Failed.'), entry);
    entry.stopped = result.finishReason === 'abort';
    this.entries = [...this.entries];
    this.announcement = format(this.text.answered, { text: entry.content });
    this.save();
    const detail = responseDetail(entry.content, result);
    this.emit('llm-response', detail);
    return detail;
  }

  /** Shows an error, keeps the history (and any partial answer), and tells the page. */
  private fail(error: LlmError, entry: Entry | null): LlmResponseDetail {
    if (entry && !entry.content) this.entries = this.entries.filter((e) => e !== entry);
    else this.entries = [...this.entries];
    this.save();
    // A failed load is <llm-model>'s to report (it fired llm-error); the chat shows it, with Retry,
    // for as long as the engine is in error.
    if (error !== this.model.engine?.error) {
      this.errorText = error.message;
      this.emit('llm-error', { code: error.code, message: error.message, error });
    }
    return {
      message: { role: 'assistant', content: entry?.content ?? '' },
      text: entry?.content ?? '',
      stats: { promptTokens: 0, completionTokens: 0, tokensPerSecond: 0, timeToFirstTokenMs: 0, durationMs: 0 },
      finishReason: 'error',
    };
  }

  private storageKey(): string | null {
    return this.persist ? `llm-chat:${this.persist}` : null;
  }

  private save(): void {
    const key = this.storageKey();
    if (!key) return;
    try {
      if (this.entries.length === 0) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify({ version: STORAGE_VERSION, messages: this.messages }));
      this.storageNotice = '';
    } catch (error) {
      this.storageNotice = format(this.text.storageError, { reason: reasonOf(error) });
      const storageError = new LlmError('inference', this.storageNotice, { cause: error });
      this.emit('llm-error', { code: storageError.code, message: storageError.message, error: storageError });
    }
  }

  private restore(): void {
    const key = this.storageKey();
    if (!key) return;
    try {
      const raw = localStorage.getItem(key);
      if (!raw) return;
      const data = JSON.parse(raw) as { version?: unknown; messages?: unknown };
      if (data.version !== STORAGE_VERSION || !Array.isArray(data.messages) || !data.messages.every(isChatTurn)) {
        throw new Error('the saved data is not a conversation');
      }
      this.messages = data.messages;
    } catch (error) {
      this.storageNotice = format(this.text.restoreError, { reason: reasonOf(error) });
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('persist') && this.entries.length === 0) this.restore();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.log) this.observeLog();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
  }

  protected override firstUpdated(): void {
    this.observeLog();
  }

  private observeLog(): void {
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

  private renderStatusLine() {
    const engine = this.model.engine;
    if (this.model.noProvider) return html`<p class="notice" part="notice">${this.text.noProvider}</p>`;
    if (engine?.status === 'loading') {
      const percent = `${Math.round(engine.progress.fraction * 100)}%`;
      return html`<p class="notice" part="notice">${format(this.text.loading, { percent })}</p>`;
    }
    return nothing;
  }

  private renderError() {
    const engine = this.model.engine;
    const loadError = engine?.status === 'error' ? engine.error?.message : '';
    const message = this.errorText || loadError;
    if (!message) return nothing;
    return html`<div class="error" part="error" role="alert">
      <span>${message}</span>
      ${
        loadError && !this.errorText
          ? html`<button type="button" class="secondary" @click=${() => this.model.handle?.load().catch(() => {})}>
              ${this.text.retry}
            </button>`
          : nothing
      }
    </div>`;
  }

  protected override render() {
    const t = this.text;
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
        ${this.renderStatusLine()} ${this.renderError()}
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
