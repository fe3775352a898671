import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { format } from '../../base/format.js';
import { LlmElement } from '../../base/llm-element.js';
import { ModelController } from '../../controllers/model-controller.js';
import type { EngineStatus } from '../../engine/types.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import { defaultStatusStrings, type LlmStatusStrings } from './llm-status.strings.js';

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
 * @csspart error - The error message.
 * @csspart retry - The retry button.
 * @csspart stats - The last answer's speed.
 *
 * @cssproperty --llm-accent - Color of the progress bar.
 * @cssproperty --llm-muted - Color of secondary text.
 * @cssproperty --llm-danger - Color of errors.
 * @cssproperty --llm-border - Border color.
 * @cssproperty --llm-radius - Corner radius.
 * @cssproperty --llm-font - Font family.
 */
export class LlmStatus extends LlmElement {
  static override styles = [
    tokenStyles,
    css`
      :host {
        display: block;
        font-size: 0.875rem;
      }
      .base {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        align-items: center;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.5rem 0.75rem;
      }
      .label {
        font-weight: 600;
      }
      progress {
        flex: 1 1 8rem;
        accent-color: var(--_accent);
      }
      .backend,
      .stats {
        color: var(--_muted);
      }
      .backend {
        flex-basis: 100%;
      }
      .error {
        color: var(--_danger);
        flex-basis: 100%;
      }
      button {
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) - 0.25rem);
        background: transparent;
        color: inherit;
        padding: 0.2rem 0.6rem;
      }
    `,
  ];

  /** Replaces any of the texts shown, for other languages. */
  @property({ attribute: false }) strings: Partial<LlmStatusStrings> = {};

  /** The model's status, reflected for styling: `idle | loading | ready | generating | error`. */
  @property({ reflect: true }) status: EngineStatus = 'idle';

  private readonly model = new ModelController(this);

  protected override willUpdate(): void {
    this.status = this.model.status;
  }

  protected override render() {
    const t = { ...defaultStatusStrings, ...this.strings };
    const engine = this.model.engine;
    if (!engine) {
      return html`<div class="base" part="base" role="status">
        ${this.model.noProvider ? html`<span part="label">${t.noProvider}</span>` : nothing}
      </div>`;
    }
    const { status, progress, selection, error, lastResult } = engine;
    const percent = `${Math.round(progress.fraction * 100)}%`;
    // A download reports many steps; a read from the cache jumps straight to the full size.
    const cached = status === 'loading' && progress.total > 0 && progress.loaded === progress.total;
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
