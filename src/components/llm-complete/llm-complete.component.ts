import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { format } from '../../base/format.js';
import { LlmElement } from '../../base/llm-element.js';
import type { ElementStatus } from '../../base/status.js';
import { GenerationController, retryCanHelp } from '../../controllers/generation-controller.js';
import { ModelController } from '../../controllers/model-controller.js';
import '../../events/index.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import { markdownStyles } from '../../render/markdown.styles.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import { FieldCompletionController, isTextField } from './field-completion.controller.js';
import { styles } from './llm-complete.styles.js';
import { defaultCompleteStrings, type LlmCompleteStrings } from './llm-complete.strings.js';
import { PromptTextController } from './prompt-text.controller.js';

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
 * that element's text into the prompt: at `{text}` in the prompt, or after it. `instruct` sends the
 * prompt as a user message through the model's chat template (for instruction-tuned models).
 *
 * @slot - A `<textarea>` or text `<input>` to complete inline. Leave empty for prompt mode.
 *
 * @csspart ghost - The overlay that holds the suggestion (inline mode).
 * @csspart suggestion - The suggested text (inline mode).
 * @csspart output - The generated text (prompt mode).
 * @csspart error - The error message (also when no `<llm-model>` is around).
 * @csspart retry - The Retry button beside an error: loads the model again if its load failed; in prompt mode, then generates again. Not shown for text too long for the model (`too-long`), unless it comes from a `for` field the visitor can shorten.
 *
 * @cssproperty --llm-ghost-color - Color of the suggestion (default `var(--llm-muted)`).
 * @cssproperty --llm-ghost-opacity - Opacity of the suggestion (default `0.9`).
 * @cssproperty --llm-muted - Muted text color: the suggestion unless `--llm-ghost-color` is set, and the caret while generating (prompt mode); `#cbd5e1` in dark mode (default `#4b5563`).
 * @cssproperty --llm-danger - Error color; `#fca5a5` in dark mode (default `#b91c1c`).
 * @cssproperty --llm-text - Text color (prompt mode); `#f3f4f6` in dark mode (default `#111827`).
 * @cssproperty --llm-accent - Accent color: links and the focus ring unless they have their own (prompt mode); `#93c5fd` in dark mode (default `#1d4ed8`).
 * @cssproperty --llm-surface - Background of code blocks' copy buttons (prompt mode); `#111827` in dark mode (default `#ffffff`).
 * @cssproperty --llm-focus-ring - Color of the focus outline of copy buttons (prompt mode) (default `var(--llm-accent)`).
 * @cssproperty --llm-radius - Code blocks use this radius less 0.25rem (prompt mode) (default `0.75rem`).
 * @cssproperty --llm-font - Font family (prompt mode; inline, the suggestion takes the field's font) (default `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`).
 * @cssproperty --llm-font-mono - Font family of code (prompt mode) (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`).
 * @cssproperty --llm-link-color - Color of links (prompt mode) (default `var(--llm-accent)`).
 * @cssproperty --llm-code-background - Background of code (prompt mode) (default `color-mix(in srgb, currentColor 10%, transparent)`).
 *
 * @fires {LlmAcceptEvent} llm-accept - When Tab accepts a suggestion; `detail` is `{suggestion, value}`.
 * @fires {LlmDismissEvent} llm-dismiss - When Escape dismisses a suggestion; `detail` is `{suggestion}`.
 * @fires {LlmTokenEvent} llm-token - For each streamed piece of text; `detail` is `{delta, text}`.
 * @fires {LlmResponseEvent} llm-response - When a text or suggestion is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`.
 * @fires {LlmErrorEvent} llm-error - When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here.
 */
export class LlmComplete extends LlmElement {
  static override styles = [tokenStyles, markdownStyles, styles];

  /** Prompt mode: the text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`. */
  @property() prompt?: string;

  /** Prompt mode: the id of an element whose text feeds the prompt (e.g. an article to summarize). */
  @property({ attribute: 'for' }) htmlFor?: string;

  /** Prompt mode: wait for `run()` instead of generating on connect. */
  @property({ type: Boolean }) manual = false;

  /** Prompt mode: send the prompt as a user message through the model's chat template (for instruction-tuned models). */
  @property({ type: Boolean }) instruct = false;

  /** Most tokens to generate (default 16 inline, 128 in prompt mode). */
  @property({ attribute: 'max-tokens', type: Number }) maxTokens?: number;

  /** Sampling temperature (default 0.2 inline, the model's default in prompt mode). */
  @property({ type: Number }) temperature?: number;

  /** Where a suggestion ends: `sentence`, `line`, or a literal string (`\n` for a newline). */
  @property({ attribute: 'stop-at' }) stopAt?: string;

  /** Inline mode: milliseconds of pause before asking for a suggestion. */
  @property({ type: Number }) delay = 400;

  /** Turns suggestions off (inline) or keeps the element from generating. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Replaces any of the texts shown or announced, for other languages. */
  @property({ attribute: false }) strings: Partial<LlmCompleteStrings> = {};

  /**
   * Read-only. `idle | loading | ready | waiting | generating | error`, reflected as an attribute
   * for styling (`llm-complete[status='generating']`).
   */
  @property({ reflect: true }) readonly status: ElementStatus = 'idle';

  private readonly model = new ModelController(this);
  private readonly generation = new GenerationController(this, this.model, {
    noProviderMessage: () => this.uiStrings.noProvider,
  });
  private readonly inline = new FieldCompletionController(this, this.generation, this.model, () => ({
    disabled: this.disabled,
    delay: this.delay,
    stopAt: this.stopAt,
    options: { max_tokens: this.maxTokens ?? 16, temperature: this.temperature ?? 0.2 },
    describe: (suggestion) => format(this.uiStrings.suggestion, { suggestion }),
  }));
  private readonly promptText = new PromptTextController(this, this.generation);

  /** The text generated so far: the output in prompt mode, the suggestion showing inline. */
  get text(): string {
    return this.inline.field ? this.inline.suggestion : this.promptText.text;
  }

  /** The default strings with the page's replacements. */
  private get uiStrings(): LlmCompleteStrings {
    return { ...defaultCompleteStrings, ...this.strings };
  }

  /**
   * Prompt mode: generates now (again), replacing any text so far. Resolves when it ends, however it
   * ends (on failure `finishReason` is `error`, with `error`). Resolves with null when nothing was
   * asked: inline mode, `disabled`, or no prompt.
   */
  async run(): Promise<LlmResponseDetail | null> {
    if (this.inline.field || this.disabled) return null;
    return this.promptText.run({
      prompt: this.prompt ?? '',
      htmlFor: this.htmlFor,
      instruct: this.instruct,
      options: { max_tokens: this.maxTokens ?? 128, temperature: this.temperature },
    });
  }

  /** Stops the request in progress (text so far stays) and hides any suggestion. */
  stop(): void {
    this.inline.cancel();
  }

  /**
   * What the Retry button does: after a failed load, loads the model again; then, in prompt mode,
   * generates again (inline mode waits for the next pause in typing). Resolves with null when
   * nothing was generated.
   */
  retry(): Promise<LlmResponseDetail | null> {
    return this.generation.retry(() => this.run());
  }

  private onSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    this.inline.attach(slot.assignedElements({ flatten: true }).find(isTextField) ?? null);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && !this.inline.field && !this.manual && this.generation.status !== 'complete')
      void this.updateComplete.then(() => this.run());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Before rendering, so hiding the suggestion is part of this update, not another one.
    if (changed.has('disabled') && this.disabled) this.inline.cancel();
    (this as { status: ElementStatus }).status = this.generation.elementStatus;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const promptChanged = changed.has('prompt') || changed.has('htmlFor');
    if (promptChanged && !this.inline.field && !this.manual && this.prompt !== undefined) {
      // Wait a task so a slotted field (inline mode) is seen first.
      setTimeout(() => {
        if (!this.inline.field && this.isConnected) void this.run();
      });
    }
  }

  protected override render() {
    const inline = this.inline.field !== null;
    const suggestion = this.inline.suggestion;
    return html`
      <slot @slotchange=${this.onSlotChange}></slot>
      ${inline ? this.inline.ghost.element : nothing}
      ${
        inline
          ? html`<div class="visually-hidden" role="status" aria-live="polite">
              ${suggestion && this.generation.status === 'complete' ? format(this.uiStrings.suggestion, { suggestion: suggestion.trim() }) : ''}
            </div>`
          : nothing
      }
      ${
        !inline && (this.prompt !== undefined || this.promptText.text)
          ? html`<div
              class="output"
              part="output"
              role="region"
              aria-label=${this.uiStrings.output}
              aria-live="polite"
              aria-busy=${this.generation.running ? 'true' : 'false'}
            >
              ${this.promptText.rendered}
            </div>`
          : nothing
      }
      ${this.generation.renderError(
        this.uiStrings,
        () => void this.retry(),
        '',
        // Text too long fails again, unless it comes from a field the visitor can shorten first.
        (error) => retryCanHelp(error) || (error.code === 'too-long' && this.promptText.readsField(this.htmlFor)),
      )}
    `;
  }
}
