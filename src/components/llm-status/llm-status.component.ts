import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorView } from '../../base/error-view.js';
import { LlmElement } from '../../base/llm-element.js';
import type { LlmStatusStrings } from './llm-status.strings.js';
import type * as StatusViewModule from './llm-status.view.js';
import { ModelController } from '../../controllers/model-controller.js';
import type { ElementStatus } from '../../base/status.js';
import { tokenStyles } from '../../themes/tokens.styles.js';
import { styles } from './llm-status.styles.js';
import { layoutStyles } from './llm-status.layout.styles.js';

/**
 * @summary Shows a visitor the state of the nearest `<llm-model>` in plain words (getting the model ready, with bytes and time left; ready; what went wrong, with Retry), and a developer the rest behind Details.
 * @tagname llm-status
 * @status experimental
 *
 * @description
 * Place it anywhere inside an `<llm-model>`. It speaks to visitors: while the model loads, "Getting
 * the AI model ready" with a native progress bar over every byte the load fetches (the engine's
 * files and the model's) and "120 MiB of 270 MiB · 2 min left"; on later visits "Loading the AI model
 * from this device…"; when ready, "Ready · runs on this device"; on error, what it means for them
 * and a Retry button. Changes of state are announced politely (not each byte).
 *
 * While the chats' sources (`<llm-source>`) are read into the search index, the line shows their
 * progress ("Reading the site’s pages for answers · 40 of 120").
 *
 * Its height does not change from state to state (two rows are kept; `variant="compact"`: one line),
 * so the page around it does not move.
 *
 * What is for developers sits behind a Details button (`part="details-button"`, keyboard-reachable;
 * Escape closes it): the backend in use and why (threads, cores), the download's bytes and speed,
 * the developer's message of an error (the URL, the CSP directive to change), the model stored in
 * this browser with its size ("Cached in this browser, 812 MiB") and whether the browser may evict
 * it, the last answer's speed. Set `details` to show them open. With `removable` the details offer
 * a Remove button, which unloads the model and removes it (`<llm-model>`'s `removeFromCache()`).
 *
 * @csspart base - The outer box.
 * @csspart label - The status in words (announced politely when it changes).
 * @csspart progress - The `<progress>` bar, while loading.
 * @csspart figures - Beside it: bytes so far of all, and the time left ("120 MiB of 270 MiB · 2 min left").
 * @csspart error - The error in a visitor's words (also when no `<llm-model>` is around, or a removal failed).
 * @csspart retry - The Retry button beside an error: loads the model again.
 * @csspart details-button - The Details button: shows and hides the details.
 * @csspart details - The details (for developers): the parts below.
 * @csspart backend - The backend in use and why.
 * @csspart transfer - While loading: the bytes of all and the download's speed.
 * @csspart error-detail - The developer's message of a failed load (the address, the setting to change).
 * @csspart cache - The size of the model stored in this browser ("Cached in this browser, 812 MiB"), while it is stored.
 * @csspart remove - The Remove button beside it, with `removable`: unloads the model and removes it from this browser.
 * @csspart storage - Says the model will not be kept for the next visit (when this browser does not let the page store it), or may be evicted (when the browser did not agree to `navigator.storage.persist()`).
 * @csspart stats - The last answer's speed.
 *
 * @cssproperty --llm-accent - Color of the progress bar (default `light-dark(#1d4ed8, #93c5fd)`).
 * @cssproperty --llm-text - Text color (default `light-dark(#111827, #f3f4f6)`).
 * @cssproperty --llm-muted - Color of secondary text (the figures, the details) (default `light-dark(#4b5563, #cbd5e1)`).
 * @cssproperty --llm-danger - Color of errors (default `light-dark(#b91c1c, #fca5a5)`).
 * @cssproperty --llm-border - Border color of the box and the buttons (default `light-dark(#d1d5db, #374151)`).
 * @cssproperty --llm-surface - Background of the compact variant's details (default `light-dark(#ffffff, #111827)`).
 * @cssproperty --llm-focus-ring - Color of the buttons' focus outline (default `var(--llm-accent)`).
 * @cssproperty --llm-radius - Corner radius; the buttons use 0.25rem less (default `0.75rem`).
 * @cssproperty --llm-density - Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`).
 * @cssproperty --llm-font - Font family (default: the page's).
 */
export class LlmStatus extends LlmElement {
  static override styles = [tokenStyles, styles, layoutStyles];

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
   * Offers a Remove button (`part="remove"`, in the details) while the model is stored in this
   * browser: it unloads the model and removes it (`<llm-model>`'s `removeFromCache()`), and the next
   * use downloads it again. Off by default, so a page decides whether its visitors may.
   */
  @property({ type: Boolean, reflect: true }) removable = false;

  /**
   * Shows the details (for developers: the backend and why, bytes and speed, an error's developer
   * message, storage, answer speed). The Details button sets and clears it; set it in the markup to
   * show them open from the start, as while developing a page.
   */
  @property({ type: Boolean, reflect: true }) details = false;

  /**
   * `compact`: one line (long texts end in an ellipsis), for a header or a toolbar; the details open
   * over the page below it instead of pushing it down. `default`: a box of two rows.
   */
  @property({ reflect: true }) variant: 'default' | 'compact' = 'default';

  @state() private removing = false;
  /** The sources being read into the search index of the model (`llm-index-progress`). */
  @state() private indexing: { done: number; total: number } | null = null;
  private indexedModel: Element | null = null;
  private readonly onIndexProgress = (event: Event) => {
    this.indexing = (event as CustomEvent<{ done: number; total: number }>).detail;
  };
  @state() private removeError: string | null = null;

  private readonly model = new ModelController(this);

  /** The locale of the page around the element, for sizes (`812 MiB`) and times (`2 min`). */
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

  override connectedCallback(): void {
    super.connectedCallback();
    this.indexedModel = this.closest('llm-model');
    this.indexedModel?.addEventListener('llm-index-progress', this.onIndexProgress);
    if (!view) void loadView().then(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.indexedModel?.removeEventListener('llm-index-progress', this.onIndexProgress);
  }

  /** Resolves once the view is loaded and rendered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    if (!view) await loadView();
    return super.getUpdateComplete();
  }

  protected override render() {
    const engine = this.model.engine;
    // Until the view arrives (or when it cannot), the box alone keeps its place.
    if (!view || !engine) {
      const message = view && this.model.noProvider ? (this.strings.noProvider ?? view.NO_PROVIDER) : '';
      return html`<div class="base" part="base" role="status">
        <div class="line">${errorView({ message })}</div>
      </div>`;
    }
    return view.renderStatus({
      engine,
      strings: this.strings,
      locale: this.locale,
      details: this.details,
      removable: this.removable,
      removing: this.removing,
      removeError: this.removeError,
      indexing: this.indexing,
      retry: () => void this.model.handle?.load().catch(() => {}),
      remove: () => void this.removeModel(),
      host: this,
    });
  }
}

type StatusView = typeof StatusViewModule;
/** The view, once loaded: one chunk for every `<llm-status>` of the page. */
let view: StatusView | undefined;
let viewLoading: Promise<void> | undefined;

/** Loads the view (once; a failed load is tried again by the next element that connects). */
function loadView(): Promise<void> {
  viewLoading ??= import('./llm-status.view.js').then(
    (module) => {
      view = module;
    },
    (error: unknown) => {
      viewLoading = undefined;
      console.warn('[llm-elements] <llm-status> could not load its view.', error);
    },
  );
  return viewLoading;
}
