// <llm-status>'s view, loaded on demand (its words and the details are not needed for a page's first
// paint, whose bytes the script-tag entry counts): the status in a visitor's words, the progress
// and its figures, the error with Retry, and the details for developers.
import { html, nothing, type TemplateResult } from 'lit';
import { errorView } from '../../base/error-view.js';
import { format } from '../../base/format.js';
import { formatBytes } from '../../base/format-size.js';
import { loadFigures, speedText } from '../../base/load-words.js';
import { serverHost } from '../../engine/backends/remote/server-host.js';
import type { Engine } from '../../engine/core/engine.js';
import type { LlmErrorCode } from '../../engine/core/errors.js';
import type { EngineStatus, LoadProgress } from '../../engine/core/types.js';
import { defaultStatusStrings, type LlmStatusStrings } from './llm-status.strings.js';

/** What the view reads of the element, and what its controls do. */
export interface StatusViewInput {
  engine: Engine;
  strings: Partial<LlmStatusStrings>;
  locale: string | undefined;
  details: boolean;
  removable: boolean;
  removing: boolean;
  removeError: string | null;
  retry: () => void;
  remove: () => void;
  /** The sources' passages being embedded into the search index (`llm-index-progress`), while they are. */
  indexing: { done: number; total: number } | null;
  /** The element: its `details` is what the Details button and Escape change. */
  host: HTMLElement & { details: boolean; renderRoot: HTMLElement | DocumentFragment };
}

/** Escape closes the details and puts the keyboard back on their button. */
function closeOnEscape(event: KeyboardEvent, host: StatusViewInput['host']): void {
  if (event.key !== 'Escape' || !host.details) return;
  event.stopPropagation();
  host.details = false;
  host.renderRoot.querySelector<HTMLElement>('[part="details-button"]')?.focus();
}

/** Said when no `<llm-model>` is around the status. */
export const NO_PROVIDER = defaultStatusStrings.noProvider;

export function renderStatus(input: StatusViewInput): TemplateResult {
  const t = { ...defaultStatusStrings, ...input.strings };
  const { status, progress, error } = input.engine;
  const figures = status === 'loading' ? loadFigures(progress, t, input.locale).join(' · ') : '';
  const details = renderDetails(input, t);
  let line: unknown = errorView({ message: input.removeError ?? '' });
  if (status === 'loading') {
    line = html`<progress
        part="progress"
        max="1"
        .value=${progress.fraction}
        aria-label=${t.progress}
        aria-valuetext=${figures || nothing}
      ></progress
      ><span class="figures" part="figures">${figures}</span>`;
  } else if (status === 'error' && error) {
    line = errorView({ message: visitorError(error.code, t), retry: input.retry, retryLabel: t.retry });
  } else if (input.indexing && input.indexing.done < input.indexing.total) {
    // The model is ready; the sources are being read for answers (model-retrieval.ts).
    const { done, total } = input.indexing;
    const figures = format(t.indexing ?? 'Reading the site’s pages for answers · {done} of {total}', { done, total });
    line = html`<progress part="progress" max=${total} .value=${done} aria-label=${figures}></progress
      ><span class="figures" part="figures">${figures}</span>`;
  }
  return html`
    <div class="base" part="base" @keydown=${(event: KeyboardEvent) => closeOnEscape(event, input.host)}>
      <div class="head">
        <span class="label" part="label" role="status" aria-live="polite" tabindex="-1"
          >${statusLabel(status, progress, t, input.engine)}</span
        >
        ${
          details.length
            ? html`<button
                type="button"
                class="toggle"
                part="details-button"
                aria-expanded=${input.details ? 'true' : 'false'}
                aria-controls="details"
                @click=${() => (input.host.details = !input.host.details)}
              >
                ${t.details}
              </button>`
            : nothing
        }
      </div>
      ${line === nothing ? nothing : html`<div class="line">${line}</div>`}
      <div id="details" class="details" part="details" ?hidden=${!input.details || !details.length}>${details}</div>
    </div>
  `;
}

/** What the details hold now (for developers); empty when there is nothing to say. */
function renderDetails(input: StatusViewInput, t: LlmStatusStrings): unknown[] {
  const { status, progress, selection, error, lastResult, modelInfo, cache } = input.engine;
  const { locale } = input;
  const storage = modelInfo?.storage;
  const size = cache ? formatBytes(cache.sizeBytes, locale) : '';
  const shown: unknown[] = [];
  if (selection && status !== 'idle') {
    shown.push(html`<p class="backend" part="backend">${selection.reason}</p>`);
  }
  if (status === 'loading' && progress.total > 0 && progress.bytesPerSecond !== null) {
    const values = {
      loaded: formatBytes(progress.loaded, locale),
      total: formatBytes(progress.total, locale),
      speed: speedText(progress.bytesPerSecond, locale),
    };
    shown.push(html`<p class="transfer" part="transfer">${format(t.transfer, values)}</p>`);
  }
  if (status === 'error' && error) {
    const message = format(t.errorDetail, { message: error.message });
    shown.push(html`<p class="error-detail" part="error-detail">${message}</p>`);
  }
  if (cache?.cached && status !== 'loading') {
    const remove = input.removable
      ? html`<button
          type="button"
          part="remove"
          aria-label=${format(t.removeLabel, { size })}
          aria-disabled=${input.removing ? 'true' : 'false'}
          @click=${input.remove}
        >
          ${t.remove}
        </button>`
      : nothing;
    shown.push(html`<p><span class="cache" part="cache">${format(t.cached, { size })}</span> ${remove}</p>`);
  }
  if (storage && (status === 'ready' || status === 'generating')) {
    if (!storage.persistent) {
      shown.push(html`<p class="storage" part="storage">${format(t.notKept, { reason: storage.reason ?? '' })}</p>`);
    } else if (storage.persisted === false) {
      shown.push(html`<p class="storage" part="storage">${t.mayBeEvicted}</p>`);
    }
  }
  if (lastResult && lastResult.completionTokens > 0 && (status === 'ready' || status === 'generating')) {
    const speed = lastResult.tokensPerSecond.toFixed(1);
    shown.push(html`<p class="stats" part="stats">${format(t.speed, { speed })}</p>`);
  }
  return shown;
}

/** The status in words: while loading, what the load is doing. */
function statusLabel(status: EngineStatus, progress: LoadProgress, t: LlmStatusStrings, engine: Engine): string {
  // A model on a server does not run on this device: the visitor is told where their messages go.
  const server = engine.selection?.kind === 'remote' ? remoteHost(engine) : '';
  if (server && (status === 'ready' || status === 'generating')) {
    return format(t.readyRemote ?? 'Ready · answers come from {host}', { host: server });
  }
  if (status !== 'loading') return t[status];
  if (progress.phase === 'starting' || progress.phase === 'ready') return t.starting;
  return progress.phase === 'reading-cache' ? t.loadingCached : t.loading;
}

/** The host of the engine's server (its source's `endpoint`). */
function remoteHost(engine: Engine): string {
  const source = engine.source;
  const url = source && typeof source === 'object' && 'endpoint' in source ? source.endpoint?.url : undefined;
  return url ? serverHost(url) : '';
}

/** What a failed load means for a visitor; the developer's message is in the details. */
function visitorError(code: LlmErrorCode, t: LlmStatusStrings): string {
  switch (code) {
    case 'network':
      return t.errorNetwork;
    case 'too-large':
      return t.errorTooLarge;
    case 'backend-unavailable':
    case 'unsupported':
      return t.errorBrowser;
    case 'storage':
      return t.errorStorage;
    case 'not-allowed':
      return t.errorNotAllowed;
    default:
      return t.errorOther;
  }
}
