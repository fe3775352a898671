import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { format } from '../../base/format.js';
import { LlmElement } from '../../base/llm-element.js';
import { ModelController } from '../../controllers/model-controller.js';
import type { ElementStatus } from '../../base/status.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import { defaultStatusStrings, type LlmStatusStrings } from './llm-status.strings.js';
import { styles } from './llm-status.styles.js';

/**
 * @summary Shows the state of the nearest `<llm-model>`: download progress, the backend in use and why, errors with a retry, and answer speed.
 * @tagname llm-status
 * @status experimental
 *
 * @description
 * Place it anywhere inside an `<llm-model>`. While the model loads it shows a native progress bar
 * (from the network, or from the browser's cache on later visits); when ready, the backend chosen
 * and the reason; on error, the message and a Retry button; after an answer, its tokens per second.
 * Changes are announced politely.
 *
 * @csspart base - The outer box.
 * @csspart label - The status text.
 * @csspart progress - The `<progress>` bar, while loading.
 * @csspart backend - The backend in use and why.
 * @csspart error - The error message (also when no `<llm-model>` is around).
 * @csspart retry - The Retry button beside an error: loads the model again.
 * @csspart storage - Says the model will not be kept for the next visit, when this browser does not let the page store it.
 * @csspart stats - The last answer's speed.
 *
 * @cssproperty --llm-accent - Color of the progress bar; `#93c5fd` in dark mode (default `#1d4ed8`).
 * @cssproperty --llm-text - Text color; `#f3f4f6` in dark mode (default `#111827`).
 * @cssproperty --llm-muted - Color of secondary text (the backend, the speed); `#cbd5e1` in dark mode (default `#4b5563`).
 * @cssproperty --llm-danger - Color of errors; `#fca5a5` in dark mode (default `#b91c1c`).
 * @cssproperty --llm-border - Border color of the box and the retry button; `#374151` in dark mode (default `#d1d5db`).
 * @cssproperty --llm-focus-ring - Color of the retry button's focus outline (default `var(--llm-accent)`).
 * @cssproperty --llm-radius - Corner radius; the retry button uses 0.25rem less (default `0.75rem`).
 * @cssproperty --llm-font - Font family (default `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`).
 */
export class LlmStatus extends LlmElement {
  static override styles = [tokenStyles, styles];

  /** Replaces any of the texts shown, for other languages. */
  @property({ attribute: false }) strings: Partial<LlmStatusStrings> = {};

  /**
   * Read-only. The model's status: `idle | loading | ready | generating | error` (never `waiting`),
   * or `error` when there is no `<llm-model>` around it; reflected as an attribute for styling
   * (`llm-status[status='loading']`).
   */
  @property({ reflect: true }) readonly status: ElementStatus = 'idle';

  private readonly model = new ModelController(this);

  protected override willUpdate(): void {
    (this as { status: ElementStatus }).status = this.model.noProvider ? 'error' : this.model.status;
  }

  protected override render() {
    const t = { ...defaultStatusStrings, ...this.strings };
    const engine = this.model.engine;
    if (!engine) {
      return html`<div class="base" part="base" role="status">
        ${this.model.noProvider ? html`<span class="error" part="error" role="alert">${t.noProvider}</span>` : nothing}
      </div>`;
    }
    const { status, progress, selection, error, lastResult, modelInfo } = engine;
    const storage = modelInfo?.storage;
    const percent = `${Math.round(progress.fraction * 100)}%`;
    const cached = status === 'loading' && progress.fromCache === true;
    const label =
      status === 'loading'
        ? format(cached ? t.loadingCached : t.loading, { percent })
        : status === 'error'
          ? t.error
          : t[status];
    return html`
      <div class="base" part="base">
        <span class="label" part="label" role="status" aria-live="polite">${label}</span>
        ${
          status === 'loading'
            ? html`<progress part="progress" max="1" .value=${progress.fraction} aria-label=${t.progress}></progress>`
            : nothing
        }
        ${
          status === 'error' && error
            ? html`<span class="error" part="error" role="alert">${error.message}</span>
                <button type="button" part="retry" @click=${() => this.model.handle?.load().catch(() => {})}>
                  ${t.retry}
                </button>`
            : nothing
        }
        ${
          selection && status !== 'error' && status !== 'idle'
            ? html`<span class="backend" part="backend">${selection.reason}</span>`
            : nothing
        }
        ${
          storage && !storage.persistent && (status === 'ready' || status === 'generating')
            ? html`<span class="storage" part="storage">${format(t.notKept, { reason: storage.reason ?? '' })}</span>`
            : nothing
        }
        ${
          lastResult && lastResult.completionTokens > 0 && (status === 'ready' || status === 'generating')
            ? html`<span class="stats" part="stats"
                >${format(t.speed, { speed: lastResult.tokensPerSecond.toFixed(1) })}</span
              >`
            : nothing
        }
      </div>
    `;
  }
}
