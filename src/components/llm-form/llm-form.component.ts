import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { format } from '../../base/format.js';
import { GeneratingElement } from '../../base/generating-element.js';
import type { JsonSchema } from '../../engine/core/types.js';
import '../../events/index.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import type * as FormExtraction from './form-extraction.js';
import type { FieldSnapshot } from './form-fill.js';
import { styles } from './llm-form.styles.js';
import { defaultFormStrings, type LlmFormStrings } from './llm-form.strings.js';

/**
 * @summary Fills a page's form from a pasted text (an email, an address, an order) with the model of the nearest `<llm-model>`; the form's own fields are the schema, so every value fits them.
 * @tagname llm-form
 * @status experimental
 *
 * @description
 * Put the text to read in the `source` slot and the page's `<form>` inside. The Fill button (or
 * `fill()`, or a paste into the source with `auto`) reads the form's named fields as a JSON Schema
 * (each field's type, `min` / `max` / `step`, `pattern`, `required`, a `<select>`'s or radio group's options,
 * labels and placeholders as descriptions) and asks the model for the values the text gives, with
 * that schema constraining what it can write. Then it fills the fields the way a person would, with
 * real `input` and `change` events (clicks for checkboxes and radios), so frameworks and the form's
 * validation see every change. Filled fields get a `data-llm-filled` attribute until the user edits
 * them, and an outline in the accent color (`--llm-filled-outline`; a page's own
 * `llm-form [data-llm-filled]` rules win). Nothing is ever submitted: the user checks
 * and submits. Undo puts every field back as it was, the same way (clicks for boxes and radios). A
 * fill that is stopped, or fails, leaves the form untouched.
 *
 * Only values the field accepts are written (the browser finds each valid); a value it would not
 * take, for instance from a page's own `schema`, is left out, and the message names that field.
 * Passwords, files, hidden fields, disabled ones (also by a `<fieldset disabled>`) and read-only
 * ones are never filled. A page can give its own `schema` (its keys are field names) instead of the
 * one read from the form. Sampling defaults: `temperature` 0 (the most likely reading), `max-tokens`
 * 1024 (JSON is long in tokens).
 *
 * @slot source - The text to read: a `<textarea>` or `<input>` (its value) or any element (its text).
 * @slot - The `<form>` to fill. It stays the page's own, in the light DOM.
 *
 * @csspart actions - The row of buttons and the message between the source and the form.
 * @csspart fill - The Fill button; while filling, it stops.
 * @csspart undo - The Undo button, after a fill.
 * @csspart message - What the last fill did (announced politely).
 * @csspart error - The error message (also when no `<llm-model>` is around).
 * @csspart retry - The Retry button beside an error: loads the model again if its load failed, then fills again.
 *
 * @cssproperty --llm-accent - The Fill button's color and the focus ring (default `light-dark(#1d4ed8, #93c5fd)`).
 * @cssproperty --llm-on-accent - Text on the Fill button (default `light-dark(#ffffff, #0b1220)`).
 * @cssproperty --llm-border - Border of the buttons (default `light-dark(#d1d5db, #374151)`).
 * @cssproperty --llm-muted - The message's color (default `light-dark(#4b5563, #cbd5e1)`).
 * @cssproperty --llm-danger - Error color (default `light-dark(#b91c1c, #fca5a5)`).
 * @cssproperty --llm-radius - Buttons use this radius less 0.25rem (default `0.75rem`).
 * @cssproperty --llm-density - Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`).
 * @cssproperty --llm-focus-ring - Color of the focus outline (default `var(--llm-accent)`).
 * @cssproperty --llm-font - Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`).
 * @cssproperty --llm-text - Text color of the buttons and the message row (default `light-dark(#111827, #f3f4f6)`); the page's labels and fields keep the page's.
 * @cssproperty --llm-filled-outline - The outline of the fields a fill changed, on the page's own fields; `none` turns it off (default `2px solid var(--llm-accent)`).
 * @cssproperty --llm-filled-outline-offset - Its offset (default `1px`).
 *
 * @fires {LlmFillEvent} llm-fill - When the form has been filled; `detail` is `{values, changed, skipped}`: what the model read, which fields changed, and which were left as they were because the value did not fit.
 * @fires {LlmTokenEvent} llm-token - For each streamed piece of the model's answer (JSON); `detail` is `{delta, text}`.
 * @fires {LlmResponseEvent} llm-response - When the answer is complete, or stopped (`finishReason: 'abort'`); `detail.value` holds the values.
 * @fires {LlmErrorEvent} llm-error - When reading the text fails; `detail` is `{code, message, error}`. The form stays as it was.
 */
export class LlmForm extends GeneratingElement<LlmFormStrings> {
  static override styles = [tokenStyles, styles];

  /** Fill as soon as a text is pasted into the source. */
  @property({ type: Boolean }) auto = false;

  /** A JSON Schema of the values (keys are field names), instead of the one read from the form. */
  @property({ attribute: false }) schema?: JsonSchema;

  /** More instructions for the model (what the text is, how to read it). */
  @property() instructions = '';

  protected readonly defaultStrings = defaultFormStrings;

  @state() private message = '';
  /** The fields as they were before the last fill, while Undo can restore them. */
  @state() private snapshot: FieldSnapshot[] | null = null;

  private extraction: typeof FormExtraction | null = null;

  private readonly inputListener = (event: Event) => this.onInput(event);

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('input', this.inputListener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('input', this.inputListener);
  }

  /** The form it fills: the first `<form>` inside (outside the source). */
  get form(): HTMLFormElement | null {
    for (const child of this.children) {
      if (child.slot) continue;
      const form = child instanceof HTMLFormElement ? child : child.querySelector('form');
      if (form) return form;
    }
    return null;
  }

  /** The text it reads: the source's value (a field) or text. */
  get sourceText(): string {
    const source = this.querySelector(':scope > [slot="source"]');
    if (!source) return '';
    return source instanceof HTMLTextAreaElement || source instanceof HTMLInputElement
      ? source.value
      : (source.textContent ?? '');
  }

  /** The names of the fields the last fill changed that the user has not edited since. */
  get filled(): string[] {
    const form = this.form;
    // Nothing is marked before the first fill, which loads the module that marks.
    return form && this.extraction ? this.extraction.filledNames(form) : [];
  }

  /**
   * Reads the source text and fills the form. Resolves when it ends, however it ends, with the
   * `llm-response` detail (`value` holds the values; on failure `finishReason` is `error`, with
   * `error`, and the form is untouched). Resolves with null when nothing was asked: `disabled`, no
   * form, or no text.
   */
  async fill(): Promise<LlmResponseDetail | null> {
    const t = this.uiStrings;
    const form = this.form;
    const text = this.sourceText.trim();
    if (this.disabled || !form || !text) {
      if (!this.disabled) this.message = form ? t.noSource : t.noForm;
      return null;
    }
    this.message = t.filling;
    const extraction = (this.extraction ??= await import('./form-extraction.js'));
    const described = extraction.describeForm(form);
    const schema = this.schema ?? described.schema;
    const messages = extraction.extractionMessages(described.fields, schema, text, this.instructions);
    const detail = await this.generation.run({
      start: (engine, signal) =>
        engine.chat(messages, {
          ...this.samplingOptions({ max_tokens: 1024, temperature: 0 }),
          schema,
          signal,
        }),
    });
    const values = detail.value;
    if (detail.finishReason === 'error' || detail.finishReason === 'abort' || !isRecord(values)) {
      this.message = '';
      return detail;
    }
    const { changed, skipped, snapshot } = extraction.fillFields(described.fields, values);
    extraction.showFilled(this);
    this.snapshot = snapshot;
    const filled =
      changed.length === 1
        ? t.filledOne
        : changed.length
          ? format(t.filled, { count: changed.length })
          : t.nothingFilled;
    // A value the field would not accept is not written: the visitor reads which fields were left as they were.
    const labels = skipped.map((name) => described.fields.find((f) => f.name === name)?.label ?? name);
    this.message = skipped.length ? `${filled} ${format(t.skipped, { fields: labels.join(', ') })}` : filled;
    this.emit('llm-fill', { values, changed, skipped });
    return detail;
  }

  /** Puts every field back as it was before the last fill, the way the fill wrote it (clicks for boxes and radios, with events). Returns the names that changed. */
  undo(): string[] {
    if (!this.snapshot || !this.extraction) return [];
    const changed = this.extraction.restore(this.snapshot);
    this.snapshot = null;
    this.message = this.uiStrings.undone;
    return changed;
  }

  /** What the Retry button does: after a failed load, loads the model again; then fills again. */
  override retry(): Promise<LlmResponseDetail | null> {
    return this.generation.retry(() => this.fill());
  }

  /** A user's edit unmarks the field; a paste into the source fills, with `auto`. */
  private onInput(event: Event): void {
    const target = event.target as Element;
    if (this.auto && target.slot === 'source' && (event as InputEvent).inputType === 'insertFromPaste') {
      void this.fill();
      return;
    }
    if (event.isTrusted) this.extraction?.unmark(this.form, target);
  }

  protected override render() {
    const t = this.uiStrings;
    const running = this.generation.running;
    return html`
      <slot name="source"></slot>
      <div class="actions" part="actions">
        <button
          type="button"
          part="fill"
          ?disabled=${this.disabled}
          @click=${() => (running ? this.stop() : void this.fill())}
        >
          ${running ? t.stop : t.fill}
        </button>
        ${
          this.snapshot && !running
            ? html`<button type="button" part="undo" @click=${() => this.undo()}>${t.undo}</button>`
            : nothing
        }
        <span class="message" part="message" role="status" aria-live="polite">${this.message}</span>
        ${this.renderError()}
      </div>
      <slot></slot>
    `;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
