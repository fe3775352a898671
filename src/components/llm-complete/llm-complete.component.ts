import { html, isServer, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { format } from '../../base/format.js';
import '../../events/index.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import { LlmText } from '../llm-text/llm-text.component.js';
import type { TextField } from '../../render/ghost-text.js';
import type { FieldCompletionController } from './field-completion.controller.js';
import { styles } from './llm-complete.styles.js';
import { defaultCompleteStrings, type LlmCompleteStrings } from './llm-complete.strings.js';
import { isTextField } from './text-field.js';

let warnedPromptMode = false;

/**
 * @summary Inline ghost-text completion for any `<textarea>` or `<input>`, on the model of the nearest `<llm-model>`.
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
 * politely. The completion's code loads with the first field, not with the page.
 *
 * Sampling defaults: `temperature` 0.2 and at most 16 tokens, unless the attributes say otherwise.
 *
 * **Prompt → text (deprecated).** With `prompt` and no field it behaves as `<llm-text>`, which is the
 * element for it now; this alias stays for one release and warns once in the console.
 *
 * @slot - The `<textarea>` or text `<input>` to complete.
 *
 * @csspart ghost - The overlay that holds the suggestion (inline mode).
 * @csspart suggestion - The suggested text (inline mode).
 * @csspart output - The generated text (deprecated prompt mode, as `<llm-text>`).
 * @csspart error - The error message (also when no `<llm-model>` is around).
 * @csspart retry - The Retry button beside an error: loads the model again if its load failed (the next pause in typing asks again).
 *
 * @cssproperty --llm-ghost-color - Color of the suggestion (default `var(--llm-muted)`).
 * @cssproperty --llm-ghost-opacity - Opacity of the suggestion (default `0.9`).
 * @cssproperty --llm-muted - Muted text color: the suggestion unless `--llm-ghost-color` is set, and the caret while generating (prompt mode) (default `light-dark(#4b5563, #cbd5e1)`).
 * @cssproperty --llm-danger - Error color (default `light-dark(#b91c1c, #fca5a5)`).
 * @cssproperty --llm-text - Text color (prompt mode) (default `light-dark(#111827, #f3f4f6)`).
 * @cssproperty --llm-accent - Accent color: links and the focus ring unless they have their own (prompt mode) (default `light-dark(#1d4ed8, #93c5fd)`).
 * @cssproperty --llm-surface - Background of code blocks' copy buttons (prompt mode) (default `light-dark(#ffffff, #111827)`).
 * @cssproperty --llm-focus-ring - Color of the focus outline of copy buttons (prompt mode) (default `var(--llm-accent)`).
 * @cssproperty --llm-radius - Code blocks use this radius less 0.25rem (prompt mode) (default `0.75rem`).
 * @cssproperty --llm-density - Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`).
 * @cssproperty --llm-font - Font family (prompt mode; inline, the suggestion takes the field's font) (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`).
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
export class LlmComplete extends LlmText<LlmCompleteStrings> {
  static override styles = [...LlmText.styles, styles];

  /** Where a suggestion ends: `sentence`, `line`, or a literal string (`\n` for a newline). */
  @property({ attribute: 'stop-at' }) stopAt?: string;

  /** Milliseconds of pause before asking for a suggestion. */
  @property({ type: Number }) delay = 400;

  protected override readonly defaultStrings = defaultCompleteStrings;

  /**
   * The slotted field (inline mode), known at once: the element behaves as inline from the
   * slotchange on, even before the completion's code has loaded.
   */
  private field: TextField | null = null;
  /** The inline completion, once its code has loaded (with the first field, never on the server). */
  private inline?: FieldCompletionController;
  /** The load of that code, which `updateComplete` waits for. */
  private inlineLoad?: { rendered: Promise<void> };

  /** The suggestion showing (or, in the deprecated prompt mode, the text generated so far). */
  override get text(): string {
    return this.field ? (this.inline?.suggestion ?? '') : super.text;
  }

  /**
   * Deprecated prompt mode (use `<llm-text>`): generates now, as `<llm-text>`'s `run()`. Resolves
   * with null inline: suggestions come from pauses in typing.
   */
  override async run(): Promise<LlmResponseDetail | null> {
    if (this.field) return null;
    if (!warnedPromptMode && this.prompt !== undefined) {
      warnedPromptMode = true;
      console.warn('[llm-elements] <llm-complete prompt> is deprecated: use <llm-text prompt>, which works the same.');
    }
    return super.run();
  }

  /** Stops the request in progress and hides any suggestion. */
  override stop(): void {
    if (this.field) this.inline?.cancel();
    else super.stop();
  }

  private onSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    const field = slot.assignedElements({ flatten: true }).find(isTextField) ?? null;
    if (field === this.field) return;
    this.field = field;
    this.requestUpdate();
    if (this.inline) this.inline.attach(field);
    else if (field && !isServer) this.loadInline();
  }

  /** Loads the inline completion's code, then serves the field slotted by then (if any is left). */
  private loadInline(): void {
    if (this.inlineLoad) return; // under way
    // Typing while the code loads still asks for a suggestion once it is there (input bubbles here).
    let typedIn: EventTarget | null = null;
    const onInput = (event: Event) => (typedIn = event.target);
    this.addEventListener('input', onInput);
    this.inlineLoad = {
      rendered: import('./field-completion.controller.js').then(({ FieldCompletionController }) => {
        this.removeEventListener('input', onInput);
        this.inline = new FieldCompletionController(this, this.generation, this.model, () => ({
          disabled: this.disabled,
          delay: this.delay,
          stopAt: this.stopAt,
          options: this.samplingOptions({ max_tokens: 16, temperature: 0.2 }),
          describe: (suggestion) => format(this.uiStrings.suggestion, { suggestion }),
        }));
        this.inline.attach(this.field);
        if (typedIn && typedIn === this.field) this.inline.typed();
      }),
    };
  }

  protected override renderings() {
    return [...super.renderings(), ...(this.inlineLoad ? [this.inlineLoad] : [])];
  }

  protected override get generatesOnItsOwn(): boolean {
    return !this.field && super.generatesOnItsOwn;
  }

  // Wait a task so a slotted field (inline mode) is seen first.
  protected override autoRun(): void {
    setTimeout(() => {
      if (this.generatesOnItsOwn && this.isConnected) void this.run();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Before rendering, so hiding the suggestion is part of this update, not another one.
    if (changed.has('disabled') && this.disabled) this.inline?.cancel();
    super.willUpdate(changed);
  }

  protected override render() {
    if (!this.field) return html`<slot @slotchange=${this.onSlotChange}></slot>${this.renderText()}`;
    const suggestion = this.inline?.suggestion ?? '';
    return html`
      <slot @slotchange=${this.onSlotChange}></slot>
      ${this.inline?.ghost.element}
      <div class="visually-hidden" role="status" aria-live="polite">
        ${suggestion && this.generation.phase === 'complete' ? format(this.uiStrings.suggestion, { suggestion: suggestion.trim() }) : ''}
      </div>
      ${this.renderError()}
    `;
  }
}
