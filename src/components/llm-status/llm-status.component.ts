import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorView } from '../../base/error-view.js';
import { format, formatBytes } from '../../base/format.js';
import { LlmElement } from '../../base/llm-element.js';
import { ModelController } from '../../controllers/model-controller.js';
import type { ElementStatus } from '../../base/status.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import { defaultStatusStrings, type LlmStatusStrings } from './llm-status.strings.js';
import { styles } from './llm-status.styles.js';

/**
 * @summary Shows the state of the nearest `<llm-model>`: download progress, the backend in use and why, errors with a retry, the stored model's size, and answer speed.
 * @tagname llm-status
 * @status experimental
 *
 * @description
 * Place it anywhere inside an `<llm-model>`. While the model loads it shows a native progress bar
 * (from the network, or from the browser's cache on later visits); when ready, the backend chosen
 * and the reason; on error, the message and a Retry button; after an answer, its tokens per second.
 * Changes are announced politely.
 *
 * Whenever the model is stored in this browser it says so, with its size ("Cached in this browser,
 * 812 MiB"), and whether the browser may evict it. With `removable` it offers a Remove button there,
 * which unloads the model and removes it (`<llm-model>`'s `removeFromCache()`).
 *
 * @csspart base - The outer box.
 * @csspart label - The status text.
 * @csspart progress - The `<progress>` bar, while loading.
 * @csspart backend - The backend in use and why.
 * @csspart error - The error message (also when no `<llm-model>` is around, or a removal failed).
 * @csspart retry - The Retry button beside an error: loads the model again.
 * @csspart cache - The size of the model stored in this browser ("Cached in this browser, 812 MiB"), while it is stored.
 * @csspart remove - The Remove button beside it, with `removable`: unloads the model and removes it from this browser.
 * @csspart storage - Says the model will not be kept for the next visit (when this browser does not let the page store it), or may be evicted (when the browser did not agree to `navigator.storage.persist()`).
 * @csspart stats - The last answer's speed.
 *
 * @cssproperty --llm-accent - Color of the progress bar; `#93c5fd` in dark mode (default `#1d4ed8`).
 * @cssproperty --llm-text - Text color; `#f3f4f6` in dark mode (default `#111827`).
 * @cssproperty --llm-muted - Color of secondary text (the backend, the speed); `#cbd5e1` in dark mode (default `#4b5563`).
 * @cssproperty --llm-danger - Color of errors; `#fca5a5` in dark mode (default `#b91c1c`).
 * @cssproperty --llm-border - Border color of the box and the buttons; `#374151` in dark mode (default `#d1d5db`).
 * @cssproperty --llm-focus-ring - Color of the buttons' focus outline (default `var(--llm-accent)`).
 * @cssproperty --llm-radius - Corner radius; the buttons use 0.25rem less (default `0.75rem`).
 * @cssproperty --llm-font - Font family (default `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`).
 */
export class LlmStatus extends LlmElement {
  static override styles = [tokenStyles, styles];

  /** Replaces any of the texts shown, for other languages. */
  @property({ attribute: false }) strings: Partial<LlmStatusStrings> = {};

  /**
   * Read-only. The model's status: `idle | loading | ready | generating | error` (never `waiting`), or
   * `error` when there is no `<llm-model>` around it. CSS reads it as a custom state
   * (`llm-status:state(loading)`), or as the `status` attribute the element sets on itself
   * (`llm-status[status='loading']`, also in browsers without custom states).
   */
  get status(): ElementStatus {
    return this.model.noProvider ? 'error' : this.model.status;
  }

  /**
   * Offers a Remove button (`part="remove"`) while the model is stored in this browser: it unloads
   * the model and removes it (`<llm-model>`'s `removeFromCache()`), and the next use downloads it
   * again. Off by default, so a page decides whether its visitors may.
   */
  @property({ type: Boolean, reflect: true }) removable = false;

  @state() private removing = false;
  @state() private removeError: string | null = null;

  private readonly model = new ModelController(this);

  /** The locale of the page around the element, for sizes (`812 MiB`). */
  private get locale(): string | undefined {
    return this.closest<HTMLElement>('[lang]')?.lang || undefined;
  }

  private async removeModel(): Promise<void> {
    const handle = this.model.handle;
    if (!handle?.removeFromCache || this.removing) return;
    const hadFocus = this.shadowRoot?.activeElement?.getAttribute('part') === 'remove';
    this.removing = true;
    this.removeError = null;
    try {
      await handle.removeFromCache();
    } catch (error) {
      this.removeError = error instanceof Error ? error.message : String(error);
    } finally {
      this.removing = false;
    }
    await this.updateComplete;
    // The button is gone with the stored model: keep the keyboard user's place on the status text.
    if (hadFocus && !this.shadowRoot?.activeElement) this.renderRoot.querySelector<HTMLElement>('.label')?.focus();
  }

  protected override willUpdate(): void {
    this.showStatus(this.status);
    // A refused removal is old news once the model loads again.
    if (this.removeError && this.status === 'loading') this.removeError = null;
  }

  protected override render() {
    const t = { ...defaultStatusStrings, ...this.strings };
    const engine = this.model.engine;
    if (!engine) {
      return html`<div class="base" part="base" role="status">
        ${errorView({ message: this.model.noProvider ? t.noProvider : '' })}
      </div>`;
    }
    const { status, progress, selection, error, lastResult, modelInfo, cache } = engine;
    const storage = modelInfo?.storage;
    const size = cache ? formatBytes(cache.sizeBytes, this.locale) : '';
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
        <span class="label" part="label" role="status" aria-live="polite" tabindex="-1">${label}</span>
        ${
          status === 'loading'
            ? html`<progress part="progress" max="1" .value=${progress.fraction} aria-label=${t.progress}></progress>`
            : nothing
        }
        ${
          cache?.cached && status !== 'loading'
            ? html`<span class="cache" part="cache">${format(t.cached, { size })}</span> ${
                  this.removable
                    ? html`<button
                        type="button"
                        part="remove"
                        aria-label=${format(t.removeLabel, { size })}
                        aria-disabled=${this.removing ? 'true' : 'false'}
                        @click=${() => void this.removeModel()}
                      >
                        ${t.remove}
                      </button>`
                    : nothing
                }`
            : nothing
        }
        ${
          // One error part: the failed load (with Retry) first, else a refused removal.
          status === 'error' && error
            ? errorView({
                message: error.message,
                retry: () => void this.model.handle?.load().catch(() => {}),
                retryLabel: t.retry,
              })
            : errorView({ message: this.removeError ?? '' })
        }
        ${
          selection && status !== 'error' && status !== 'idle'
            ? html`<span class="backend" part="backend">${selection.reason}</span>`
            : nothing
        }
        ${
          storage && (status === 'ready' || status === 'generating')
            ? !storage.persistent
              ? html`<span class="storage" part="storage">${format(t.notKept, { reason: storage.reason ?? '' })}</span>`
              : storage.persisted === false
                ? html`<span class="storage" part="storage">${t.mayBeEvicted}</span>`
                : nothing
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
