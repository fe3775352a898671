import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { GeneratingElement } from '../../base/generating-element.js';
import { retryCanHelp } from '../../controllers/generation-controller.js';
import type { LlmError } from '../../engine/core/errors.js';
import '../../events/index.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import { markdownStyles } from '../../render/markdown.styles.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import { styles } from './llm-text.styles.js';
import { defaultTextStrings, type LlmTextStrings } from './llm-text.strings.js';
import { PromptTextController } from './prompt-text.controller.js';

/**
 * @summary Prompt → text: generates from a prompt (and the text of another element) on the model of the nearest `<llm-model>`, and streams the answer into itself as sanitized markdown.
 * @tagname llm-text
 * @status experimental
 *
 * @description
 * Generates when connected (or on `run()` with `manual`), and again when `prompt` or `for` change.
 * `for="id"` feeds that element's text into the prompt: at `{text}` in the prompt, or after it.
 * `instruct` sends the prompt as a user message through the model's chat template (for
 * instruction-tuned models). The text is announced politely as it is written. Sampling defaults:
 * the model's, with at most 128 tokens unless `max-tokens` says otherwise.
 *
 * @csspart output - The generated text.
 * @csspart error - The error message (also when no `<llm-model>` is around).
 * @csspart retry - The Retry button beside an error: loads the model again if its load failed, then generates again. Not shown for text too long for the model (`too-long`), unless it comes from a `for` field the visitor can shorten.
 *
 * @cssproperty --llm-muted - The caret while generating (default `light-dark(#4b5563, #cbd5e1)`).
 * @cssproperty --llm-danger - Error color (default `light-dark(#b91c1c, #fca5a5)`).
 * @cssproperty --llm-text - Text color (default `light-dark(#111827, #f3f4f6)`).
 * @cssproperty --llm-accent - Accent color: links and the focus ring unless they have their own (default `light-dark(#1d4ed8, #93c5fd)`).
 * @cssproperty --llm-surface - Background of code blocks' copy buttons (default `light-dark(#ffffff, #111827)`).
 * @cssproperty --llm-focus-ring - Color of the focus outline of copy buttons (default `var(--llm-accent)`).
 * @cssproperty --llm-radius - Code blocks use this radius less 0.25rem (default `0.75rem`).
 * @cssproperty --llm-density - Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`).
 * @cssproperty --llm-font - Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`).
 * @cssproperty --llm-font-mono - Font family of code (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`).
 * @cssproperty --llm-link-color - Color of links (default `var(--llm-accent)`).
 * @cssproperty --llm-code-background - Background of code (default `color-mix(in srgb, currentColor 10%, transparent)`).
 *
 * @fires {LlmTokenEvent} llm-token - For each streamed piece of text; `detail` is `{delta, text}`.
 * @fires {LlmResponseEvent} llm-response - When the text is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`.
 * @fires {LlmErrorEvent} llm-error - When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here.
 */
export class LlmText<Strings extends LlmTextStrings = LlmTextStrings> extends GeneratingElement<Strings> {
  static override styles = [tokenStyles, markdownStyles, styles];

  /** The text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`. */
  @property() prompt?: string;

  /** The id of an element whose text feeds the prompt (e.g. an article to summarize). */
  @property({ attribute: 'for' }) htmlFor?: string;

  /** Wait for `run()` instead of generating on connect. */
  @property({ type: Boolean }) manual = false;

  /** Send the prompt as a user message through the model's chat template (for instruction-tuned models). */
  @property({ type: Boolean }) instruct = false;

  // A subclass with more strings gives its own defaults.
  protected readonly defaultStrings = defaultTextStrings as Strings;

  protected readonly promptText = new PromptTextController(this, this.generation);

  /** The text generated so far. */
  get text(): string {
    return this.promptText.text;
  }

  /**
   * Generates now (again), replacing any text so far. Resolves when it ends, however it ends (on
   * failure `finishReason` is `error`, with `error`). Resolves with null when nothing was asked:
   * `disabled`, or no prompt.
   */
  async run(): Promise<LlmResponseDetail | null> {
    if (this.disabled) return null;
    return this.promptText.run({
      prompt: this.prompt ?? '',
      htmlFor: this.htmlFor,
      instruct: this.instruct,
      options: this.samplingOptions({ max_tokens: 128 }),
    });
  }

  override retry(): Promise<LlmResponseDetail | null> {
    return this.generation.retry(() => this.run());
  }

  /** Whether the element generates by itself (not `manual`, and it has a prompt). */
  protected get generatesOnItsOwn(): boolean {
    return !this.manual && this.prompt !== undefined;
  }

  /** Generates on its own when the prompt is set or changed (a subclass may wait before it does). */
  protected autoRun(): void {
    void this.run();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Put back after a removal that ended its run: generate again (a move keeps the run going).
    if (this.hasUpdated && this.generatesOnItsOwn && this.generation.phase !== 'complete' && !this.generation.running)
      void this.updateComplete.then(() => this.run());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('disabled') && this.disabled) this.stop();
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('prompt') || changed.has('htmlFor')) && this.generatesOnItsOwn) this.autoRun();
  }

  protected override renderings(): Iterable<{ readonly rendered: Promise<void> }> {
    return this.promptText.started ? [this.promptText] : [];
  }

  /** Text too long fails again, unless it comes from a field the visitor can shorten first. */
  protected retryable(error: LlmError): boolean {
    return retryCanHelp(error) || (error.code === 'too-long' && this.promptText.readsField(this.htmlFor));
  }

  /** The generated text (once there is a prompt or text) and the error view. */
  protected renderText() {
    return html`${
      this.prompt !== undefined || this.promptText.text
        ? html`<div
            class="output"
            part="output"
            role="region"
            aria-label=${this.uiStrings.output}
            aria-live="polite"
            aria-busy=${this.generation.running ? 'true' : 'false'}
          >
            ${this.promptText.content}
          </div>`
        : nothing
    }
    ${this.renderError('', (error) => this.retryable(error))}`;
  }

  protected override render() {
    return this.renderText();
  }
}
