import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { format } from '../../base/format.js';
import { LlmElement } from '../../base/llm-element.js';
import { GenerationController, responseDetail } from '../../controllers/generation-controller.js';
import { ModelController } from '../../controllers/model-controller.js';
import { LlmError } from '../../engine/errors.js';
import type { Generation } from '../../engine/generation.js';
import type { GenerationOptions } from '../../engine/types.js';
import '../../events/index.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import { markdownStyles } from '../../render/markdown.styles.js';
import { StreamingMarkdown } from '../../render/streaming-markdown.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import { styles } from './llm-complete.styles.js';
import { defaultCompleteStrings, type LlmCompleteStrings } from './llm-complete.strings.js';

/** Where `<llm-complete>` is: waiting for its turn or the model, writing, done, or failed. */
export type CompleteStatus = 'idle' | 'waiting' | 'generating' | 'complete' | 'error';

type Field = HTMLTextAreaElement | HTMLInputElement;

/** Styles a ghost copy takes from its field so the suggestion lines up with the typed text. */
const MIRRORED = [
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'font-stretch',
  'letter-spacing',
  'word-spacing',
  'line-height',
  'text-transform',
  'text-indent',
  'text-align',
  'tab-size',
  'direction',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border-top-width',
  'border-right-width',
  'border-bottom-width',
  'border-left-width',
  'border-radius',
] as const;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', '']);
const SENTENCE_END = /[.!?…](?=\s|$)/;
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock']);
let nextId = 1;

/** Reads `\n` and `\t` in attribute values as the characters. */
const unescape = (text: string) => text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');

/**
 * @summary Inline ghost-text completion for any `<textarea>` or `<input>`, or prompt → text for templates, on the model of the nearest `<llm-model>`.
 * @tagname llm-complete
 * @status experimental
 *
 * @description
 * **Inline completion.** Wrap a field the page already has; it stays in the light DOM, so forms,
 * frameworks and editors keep working with it. When the user pauses typing (`delay`) with the caret
 * at the end, the model continues the text and the continuation shows as ghost text after the caret,
 * in the field's own font and wrapping, without changing the field's value.
 *
 * Keyboard: **Tab** accepts the suggestion (the value changes and a real `input` event fires);
 * **Escape** dismisses it; typing, moving the caret or leaving the field cancels a pending request
 * at once. Tab moves focus as usual when no suggestion shows. The suggestion is the field's
 * description (`aria-describedby`, through a hidden element added beside the field) and is announced
 * politely.
 *
 * **Prompt → text.** With `prompt` and no field, the element generates when connected (or on `run()`
 * with `manual`) and streams the text into itself, rendered as sanitized markdown. `for="id"` feeds
 * that element's text into the prompt: at `{text}` in the prompt, or after it.
 *
 * @slot - A `<textarea>` or text `<input>` to complete inline. Leave empty for prompt mode.
 *
 * @csspart ghost - The overlay that holds the suggestion (inline mode).
 * @csspart suggestion - The suggested text (inline mode).
 * @csspart output - The generated text (prompt mode).
 * @csspart error - The error message (prompt mode).
 *
 * @cssproperty --llm-ghost-color - Color of the suggestion (default: the muted text color).
 * @cssproperty --llm-ghost-opacity - Opacity of the suggestion.
 * @cssproperty --llm-muted - Muted text color.
 * @cssproperty --llm-danger - Error color.
 * @cssproperty --llm-font - Font family (prompt mode).
 *
 * @fires {LlmAcceptEvent} llm-accept - When Tab accepts a suggestion; `detail` is `{suggestion, value}`.
 * @fires {LlmDismissEvent} llm-dismiss - When Escape dismisses a suggestion; `detail` is `{suggestion}`.
 * @fires {LlmTokenEvent} llm-token - For each streamed piece of text; `detail` is `{delta, text}`.
 * @fires {LlmResponseEvent} llm-response - When a text or suggestion is complete; `detail` is `{message, text, stats, finishReason}`.
 * @fires {LlmErrorEvent} llm-error - When generating fails; `detail` is `{code, message, error}`.
 */
export class LlmComplete extends LlmElement {
  static override styles = [tokenStyles, markdownStyles, styles];

  /** Prompt mode: the text to continue (or, with `chat`, the request). `{text}` stands for the text of `for`. */
  @property() prompt?: string;

  /** Prompt mode: the id of an element whose text feeds the prompt (e.g. an article to summarize). */
  @property({ attribute: 'for' }) htmlFor?: string;

  /** Prompt mode: wait for `run()` instead of generating on connect. */
  @property({ type: Boolean }) manual = false;

  /** Prompt mode: send the prompt as a user message through the model's chat template (for instruct models). */
  @property({ type: Boolean }) chat = false;

  /** Most tokens to generate (default 16 inline, 128 in prompt mode). */
  @property({ attribute: 'max-tokens', type: Number }) maxTokens?: number;

  /** Sampling temperature (default 0.2 inline, the model's default in prompt mode). */
  @property({ type: Number }) temperature?: number;

  /** Where a suggestion ends: `sentence`, `line`, or a literal string (`\n` for a newline). */
  @property({ attribute: 'stop' }) stopAt?: string;

  /** Inline mode: milliseconds of pause before asking for a suggestion. */
  @property({ type: Number }) delay = 400;

  /** Turns suggestions off (inline) or keeps the element from generating. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** `idle | waiting | generating | complete | error`, reflected for styling. */
  @property({ reflect: true }) status: CompleteStatus = 'idle';

  /** Replaces any of the texts announced, for other languages. */
  @property({ attribute: false }) strings: Partial<LlmCompleteStrings> = {};

  @state() private suggestion = '';
  @state() private output = '';
  @state() private errorText = '';
  @state() private ghostStyle: Record<string, string> = {};

  private readonly model = new ModelController(this);
  private readonly generation = new GenerationController(this);
  private readonly view = new StreamingMarkdown();
  private field: Field | null = null;
  private description: HTMLElement | null = null;
  private timer = 0;
  private readonly descriptionId = `llm-complete-description-${nextId++}`;

  /** The text generated so far: the output in prompt mode, the current suggestion inline. */
  get value(): string {
    return this.field ? this.suggestion : this.output;
  }

  private get text(): LlmCompleteStrings {
    return { ...defaultCompleteStrings, ...this.strings };
  }

  /** Prompt mode: generates now (again), replacing any text so far. Resolves when done. */
  async run(): Promise<LlmResponseDetail | null> {
    if (this.field || this.disabled) return null;
    const prompt = this.composePrompt();
    if (!prompt) return null;
    this.output = '';
    this.errorText = '';
    this.view.set('');
    return this.generate(prompt, { max_tokens: this.maxTokens ?? 128, temperature: this.temperature }, (delta) => {
      this.output += delta;
      this.view.append(delta);
      return undefined;
    });
  }

  /** Stops the request in progress (text so far stays) and hides any suggestion. */
  stop(): void {
    this.cancel();
  }

  private composePrompt(): string {
    const prompt = this.prompt ?? '';
    if (!this.htmlFor) return prompt;
    const source = (this.getRootNode() as Document | ShadowRoot).getElementById?.(this.htmlFor);
    const text = (
      source instanceof HTMLTextAreaElement || source instanceof HTMLInputElement
        ? source.value
        : (source?.textContent ?? '')
    ).trim();
    if (prompt.includes('{text}')) return prompt.replaceAll('{text}', text);
    return prompt ? `${prompt}\n\n${text}` : text;
  }

  private stopStrings(): string[] {
    const stop = this.stopAt;
    if (!stop || stop === 'sentence') return ['\n'];
    if (stop === 'line') return ['\n'];
    return [unescape(stop)];
  }

  /** Runs one generation through the engine, with events and status; `onDelta` gets each piece. */
  private async generate(
    prompt: string,
    options: GenerationOptions,
    onDelta: (delta: string, generation: Generation) => 'stop' | undefined,
  ): Promise<LlmResponseDetail | null> {
    const engine = this.model.engine;
    if (!engine) {
      this.fail(new LlmError('not-loaded', this.text.noProvider));
      return null;
    }
    this.status = 'waiting';
    const generation = this.generation.track(
      this.chat && !this.field
        ? engine.chat([{ role: 'user', content: prompt }], options)
        : engine.complete(prompt, options),
    );
    let text = '';
    let stoppedHere = false;
    try {
      for await (const delta of generation) {
        if (this.generation.current !== generation) break;
        this.status = 'generating';
        text += delta;
        this.emit('llm-token', { delta, text });
        if (onDelta(delta, generation) === 'stop') {
          stoppedHere = true; // a stop the element chose (end of sentence): a normal end
          generation.abort();
          break;
        }
      }
    } catch {
      // The result carries the error.
    }
    const result = await generation.result;
    if (this.generation.current && this.generation.current !== generation) return null; // superseded
    this.view.finish();
    if (result.finishReason === 'error') {
      // A failed load is <llm-model>'s to report; show it without reporting it twice.
      this.fail(result.error ?? new LlmError('inference', 'Generation failed.'), result.error === engine.error);
      return null;
    }
    const finishReason = stoppedHere ? 'stop' : result.finishReason;
    this.status = finishReason === 'abort' ? 'idle' : 'complete';
    const detail = responseDetail(text, result, finishReason);
    if (finishReason !== 'abort') this.emit('llm-response', detail);
    return detail;
  }

  private fail(error: LlmError, reported = false): void {
    this.status = 'error';
    this.errorText = error.message;
    if (!reported) this.emit('llm-error', { code: error.code, message: error.message, error });
  }

  // ---- inline mode ----

  private onSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    const field = slot
      .assignedElements({ flatten: true })
      .find(
        (el): el is Field =>
          el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(el.type)),
      );
    if (field !== this.field) this.attachField(field ?? null);
  }

  /** What the element listens to on its field: typing, keys, the pointer, focus and scrolling. */
  private fieldListeners(): Array<[string, EventListener]> {
    return [
      ['input', this.onInput],
      ['keydown', this.onKeyDown as EventListener],
      ['pointerdown', this.onCancel],
      ['blur', this.onCancel],
      ['focus', this.onFocus],
      ['scroll', this.onScroll],
    ];
  }

  private attachField(next: Field | null): void {
    this.detachField();
    this.field = next;
    if (!next) return;
    const field: HTMLElement = next;
    this.generation.stop();
    for (const [type, listener] of this.fieldListeners()) field.addEventListener(type, listener);
    // The description must sit in the field's own tree for aria-describedby to reach it.
    this.description = document.createElement('span');
    this.description.id = this.descriptionId;
    this.description.hidden = true;
    this.description.dataset.llmComplete = 'description';
    field.after(this.description);
    const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    field.setAttribute('aria-describedby', [...ids, this.descriptionId].join(' '));
  }

  private detachField(): void {
    const field: HTMLElement | null = this.field;
    if (!field) return;
    for (const [type, listener] of this.fieldListeners()) field.removeEventListener(type, listener);
    const ids = (field.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((id) => id && id !== this.descriptionId);
    if (ids.length) field.setAttribute('aria-describedby', ids.join(' '));
    else field.removeAttribute('aria-describedby');
    this.description?.remove();
    this.description = null;
    this.field = null;
  }

  /** Cancels the pending request and hides the suggestion, at once. */
  private cancel(): void {
    clearTimeout(this.timer);
    this.timer = 0;
    this.generation.stop();
    this.showSuggestion('');
  }

  private readonly onCancel = () => this.cancel();

  private readonly onFocus = () => this.model.handle?.requestLoad();

  private readonly onInput = (event: Event) => {
    // Our own insert (accept) counts as typing too: it ends the old suggestion and starts a pause.
    if ((event as InputEvent).isComposing) return;
    this.model.handle?.requestLoad();
    this.cancel();
    if (this.disabled) return;
    this.timer = window.setTimeout(() => this.suggest(), this.delay);
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (MODIFIER_KEYS.has(event.key)) return;
    const plain = !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey;
    if (this.suggestion && plain && event.key === 'Tab') {
      event.preventDefault();
      this.accept();
    } else if (this.suggestion && event.key === 'Escape') {
      event.preventDefault();
      const suggestion = this.suggestion;
      this.cancel();
      this.emit('llm-dismiss', { suggestion });
    } else {
      this.cancel(); // typing or moving the caret: no stale suggestion may appear
    }
  };

  private readonly onScroll = () => this.syncGhost();

  private caretAtEnd(field: Field): boolean {
    const end = field.value.length;
    return field.selectionStart === end && field.selectionEnd === end;
  }

  private async suggest(): Promise<void> {
    const field = this.field;
    if (!field || this.disabled || !field.value.trim()) return;
    if (field.getRootNode() instanceof Document && document.activeElement !== field) return;
    if (!this.caretAtEnd(field)) return;
    const prompt = field.value;
    const sentence = this.stopAt === 'sentence';
    let shown = '';
    await this.generate(
      prompt,
      { max_tokens: this.maxTokens ?? 16, temperature: this.temperature ?? 0.2, stop: this.stopStrings() },
      (delta, generation) => {
        if (field.value !== prompt || !this.caretAtEnd(field)) {
          generation.abort(); // the field moved on: this suggestion is stale
          return undefined;
        }
        shown += delta;
        const end = sentence ? SENTENCE_END.exec(shown) : null;
        if (end) shown = shown.slice(0, end.index + end[0].length);
        this.showSuggestion(shown);
        return end ? 'stop' : undefined;
      },
    );
  }

  private showSuggestion(text: string): void {
    this.suggestion = text;
    if (this.description) {
      this.description.textContent = text ? format(this.text.suggestion, { suggestion: text.trim() }) : '';
    }
    if (text) this.syncGhost();
  }

  private accept(): void {
    const field = this.field;
    const suggestion = this.suggestion;
    if (!field || !suggestion) return;
    this.cancel();
    const end = field.value.length;
    field.focus();
    field.setSelectionRange(end, end);
    // execCommand keeps the browser's undo history and fires a trusted input event; where it is
    // unavailable, insert directly and fire the event ourselves so frameworks see the change.
    const inserted = document.execCommand?.('insertText', false, suggestion) && field.value.endsWith(suggestion);
    if (!inserted) {
      field.setRangeText(suggestion, end, end, 'end');
      field.dispatchEvent(
        new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: suggestion }),
      );
    }
    this.emit('llm-accept', { suggestion, value: field.value });
  }

  /** Lays the ghost copy exactly over the field, in its font, padding and wrapping. */
  private syncGhost(): void {
    const field = this.field;
    if (!field) return;
    const computed = getComputedStyle(field);
    const fieldBox = field.getBoundingClientRect();
    const hostBox = this.getBoundingClientRect();
    const style: Record<string, string> = {};
    for (const name of MIRRORED) style[name] = computed.getPropertyValue(name);
    const isTextarea = field instanceof HTMLTextAreaElement;
    Object.assign(style, {
      left: `${fieldBox.left - hostBox.left}px`,
      top: `${fieldBox.top - hostBox.top}px`,
      width: `${fieldBox.width}px`,
      height: `${fieldBox.height}px`,
      'white-space': isTextarea ? 'pre-wrap' : 'pre',
      'overflow-wrap': isTextarea ? 'break-word' : 'normal',
    });
    this.ghostStyle = style;
    this.fillGhost();
  }

  /**
   * Writes the ghost's text as DOM, not template, so no template whitespace can shift it: under
   * `white-space: pre-wrap` every character counts. The typed text is invisible and only pushes the
   * suggestion to where the caret is.
   */
  private fillGhost(): void {
    const ghost = this.renderRoot.querySelector<HTMLElement>('.ghost');
    if (!ghost || !this.field) return;
    const typed = document.createElement('span');
    typed.className = 'typed';
    typed.textContent = this.field.value;
    const suggestion = document.createElement('span');
    suggestion.className = 'suggestion';
    suggestion.setAttribute('part', 'suggestion');
    suggestion.textContent = this.suggestion;
    ghost.replaceChildren(typed, suggestion);
    ghost.scrollTop = this.field.scrollTop;
    ghost.scrollLeft = this.field.scrollLeft;
  }

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && !this.field && !this.manual && this.status !== 'complete')
      void this.updateComplete.then(() => this.run());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('disabled') && this.disabled) this.cancel();
    this.fillGhost();
    const promptChanged = changed.has('prompt') || changed.has('htmlFor');
    if (promptChanged && !this.field && !this.manual && this.prompt !== undefined) {
      // Wait a task so a slotted field (inline mode) is seen first.
      setTimeout(() => {
        if (!this.field && this.isConnected) void this.run();
      });
    }
  }

  protected override render() {
    const inline = this.field !== null;
    return html`
      <slot @slotchange=${this.onSlotChange}></slot>
      ${
        inline && this.suggestion
          ? html`<div class="ghost" part="ghost" aria-hidden="true" style=${styleMap(this.ghostStyle)}></div>`
          : nothing
      }
      ${
        inline
          ? html`<div class="visually-hidden" role="status" aria-live="polite">
              ${this.suggestion && this.status === 'complete' ? format(this.text.suggestion, { suggestion: this.suggestion.trim() }) : ''}
            </div>`
          : nothing
      }
      ${
        !inline && (this.prompt !== undefined || this.output)
          ? html`<div
              class="output"
              part="output"
              role="region"
              aria-label=${this.text.output}
              aria-live="polite"
              aria-busy=${this.status === 'generating' || this.status === 'waiting' ? 'true' : 'false'}
              data-status=${this.status}
            >
              ${this.view.element}
            </div>`
          : nothing
      }
      ${this.errorText ? html`<p class="error" part="error" role="alert">${this.errorText}</p>` : nothing}
      ${this.model.noProvider ? html`<p class="error" part="error">${this.text.noProvider}</p>` : nothing}
    `;
  }
}
