import { provide } from '@lit/context';
import { html, isServer, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { LlmElement } from '../../base/llm-element.js';
import type { ElementStatus } from '../../base/status.js';
import { modelContext, type ModelHandle } from '../../context/model-context.js';
import { Engine, type EngineOptions } from '../../engine/core/engine.js';
import { LlmError } from '../../engine/core/errors.js';
import { onModelCacheChange, type CachedModel } from '../../engine/storage/model-cache.js';
import type { BackendKind, BackendPreference, LoadProgress, ModelInfo, ModelSource } from '../../engine/core/types.js';
import '../../events/index.js';
import { styles } from './llm-model.styles.js';
import { MODEL_PROPERTIES, modelSpec, modelSpecQuietly } from './model-spec.js';
import type { ModelRetrieval } from './model-retrieval.js';

/** When `<llm-model>` downloads its model. */
export type LoadMode = 'lazy' | 'eager' | 'manual';

/** Whether `<llm-model>` shares its engine with the other tabs of the site: `tabs` or `none`. */
export type ShareMode = NonNullable<EngineOptions['share']>;

/**
 * @summary Runs one language model in the visitor's browser and shares it with every llm-* element inside it.
 * @tagname llm-model
 * @status experimental
 *
 * @description
 * `<llm-model>` owns one engine and downloads its model once, however many elements use it; the
 * nearest ancestor `<llm-model>` serves each element. It chooses the backend itself (WebGPU where the
 * device can, else WebAssembly, multi-threaded when the page is cross-origin isolated) and says why
 * in `backendReason`. It shows nothing itself: put `<llm-status>` inside to show progress.
 *
 * By default (`loading="lazy"`) nothing is downloaded until a user needs the model: the first request
 * from an element, or focus in a chat's input. `loading="eager"` downloads at once; `loading="manual"`
 * waits for `load()`.
 *
 * With `browser-model`, the browser's own model comes first (Chrome's Gemini Nano, through the Prompt
 * API): nothing to download when the browser has it, and it runs on the device like ours. `src` is
 * the fallback for every other browser. Where the browser must download its model first, it starts
 * that only after a click or key press: with the default `loading="lazy"` the first message is that
 * gesture; otherwise `<llm-status>` says so and its Retry button starts it.
 *
 * The model stays in the browser's storage for later visits. `cached` says whether it is there
 * (checked when the element connects, downloading nothing), `cachedBytes` how large it is, and
 * `removeFromCache()` removes it (`<llm-status removable>` offers that as a button).
 *
 * Sources (`<llm-source>` inside it): their passages are embedded on the device into one search index
 * for its chats, by `embed-src` (a small sentence-embedding model: a GGUF URL or a name of the
 * embedding catalog, `minilm`, `bge-small-en`, `nomic-embed`) or, without it, by the chat model
 * itself (loaded to embed too: one download, one copy in memory).
 *
 * @slot - The elements that use the model: `<llm-chat>`, `<llm-status>`, `<llm-complete>`, and any markup.
 *
 * @fires {LlmProgressEvent} llm-progress - While the model loads; `detail` is a `LoadProgress` over every byte the load fetches: `{loaded, total, fraction, phase, bytesPerSecond, secondsLeft, model, fromCache}`.
 * @fires {LlmReadyEvent} llm-ready - When the model is loaded; `detail` is `{modelInfo, backend, reason}`.
 * @fires {LlmErrorEvent} llm-error - When loading fails; `detail` is `{code, message, error}`. A new `src` or `load()` tries again.
 * @fires {LlmFallbackEvent} llm-fallback - When a backend failed to start and another took over (WebGPU to WebAssembly; the browser's model to `src`); `detail` is `{from, to, message}`.
 * @fires {LlmIndexProgressEvent} llm-index-progress - While its sources' passages are embedded into the search index; `detail` is `{done, total}` (equal when done).
 * @fires {LlmRemovedEvent} llm-removed - When `removeFromCache()` (or `<llm-status removable>`'s Remove button) has removed the model from this browser; `detail` is `{files, sizeBytes}`.
 *
 * @cssproperty --llm-* - Theme tokens set here reach every element inside (e.g. `--llm-accent`).
 */
export class LlmModel extends LlmElement {
  static override styles = styles;

  /**
   * URL of the GGUF model. A model split with llama-gguf-split: the URL of its first part
   * (`…-00001-of-00003.gguf`; the others are found by name), or every part, separated by spaces.
   */
  @property() src = '';

  /**
   * A model of the built-in catalog by name (e.g. `qwen2.5-0.5b`), with both its GGUF and MLC
   * builds; `src` and `webgpu-model` override either. See `CATALOG` for the names.
   */
  @property() catalog = '';

  /**
   * Use the browser's built-in model when it has one (Chrome's Gemini Nano; `backendKind` is then
   * `browser-model`), and `src` (or the catalog's builds) when it has none. It is readied for the page's
   * language (the nearest `lang`, else English); a browser that cannot serve that language counts as
   * having none. `backend` applies to `src` only.
   */
  @property({ type: Boolean, attribute: 'browser-model' }) browserModel = false;

  /** An MLC build for WebGPU (web-llm): a prebuilt web-llm model id, or the id of a custom build. */
  @property({ attribute: 'webgpu-model' }) webgpuModel = '';

  /**
   * The base URL of a server that runs the model (OpenAI's Chat Completions API, e.g.
   * `https://llm.example.com/v1`: vLLM, llama.cpp's server, Ollama, LM Studio). Beside `src`, it is
   * used only when this device cannot run the model, and the page is told (`llm-fallback`,
   * `backendReason`, `<llm-status>`); alone, every message goes to it. Messages sent to it leave the device.
   */
  @property() endpoint = '';

  /** The model's name on `endpoint`'s server. */
  @property({ attribute: 'endpoint-model' }) endpointModel = '';

  /**
   * Headers for each request to `endpoint` (credentials), from JavaScript only: a key written in a
   * page is public, so a site puts its key in a proxy of its own and gives visitors a session instead.
   */
  @property({ attribute: false }) endpointHeaders?: () => Record<string, string> | Promise<Record<string, string>>;

  /** A custom MLC build: URL of its weights (with `webgpu-model` and `webgpu-model-lib`). */
  @property({ attribute: 'webgpu-model-url' }) webgpuModelUrl = '';

  /** A custom MLC build: URL of its compiled model library (`*.wasm`). */
  @property({ attribute: 'webgpu-model-lib' }) webgpuModelLib = '';

  /** Which backend to use: `auto` chooses from the device. */
  @property() backend: BackendPreference = 'auto';

  /**
   * The model that embeds the passages of the sources (`<llm-source>`) for search: a GGUF URL, or a
   * name of the embedding catalog (`minilm`, `bge-small-en`, `nomic-embed`). Without it the chat
   * model embeds them (pooled), which is no download more but finds less well.
   */
  @property({ attribute: 'embed-src' }) embedSrc = '';

  /** Context window in tokens (default 2048). */
  @property({ attribute: 'context-size', type: Number }) contextSize?: number;

  /** CPU threads for the WebAssembly backend (default: chosen from the device). */
  @property({ type: Number }) threads?: number;

  /** When to download the model: `lazy` (on first need), `eager` (at once) or `manual` (on `load()`). */
  @property() loading: LoadMode = 'lazy';

  /**
   * `tabs` (default): the `<llm-model>`s of this site, in all of the visitor's tabs (and in this page),
   * that load the same model with the same settings share one engine: one tab holds the model, the
   * others send it their requests, and their `backendReason` says the model runs in another tab. When
   * that tab closes, another takes over (requests in flight end with a retryable error). Browsers
   * without Web Locks load their own (the reason says so). `none`: this element loads its own engine.
   */
  @property() share: ShareMode = 'tabs';

  /**
   * Read-only. The engine's status: `idle | loading | ready | generating | error` (never `waiting`:
   * that is an element's own request), reflected as an attribute for styling (`llm-model[status='loading']`).
   */
  @property({ reflect: true }) readonly status: ElementStatus = 'idle';

  /**
   * Read-only. Whether the model is stored complete in this browser (one of its builds), so a load
   * fetches nothing; reflected as an attribute (`llm-model[cached]`). Read when the element connects
   * (from the browser's storage: nothing of the model is downloaded), and after a load or `removeFromCache()`.
   */
  @property({ type: Boolean, reflect: true }) readonly cached: boolean = false;

  /** Options of its engine: `share` is read at each load. */
  private readonly engineOptions: EngineOptions = { share: 'tabs' };

  /** The engine every element inside shares. Usable directly from JavaScript. */
  readonly engine: Engine = new Engine(this.engineOptions);

  @provide({ context: modelContext })
  protected handle: ModelHandle = {
    engine: this.engine,
    requestLoad: () => {
      if (this.loading === 'lazy' && this.engine.status === 'idle' && this.engine.source) this.loadQuietly();
    },
    load: () => this.load(),
    removeFromCache: () => this.removeFromCache(),
    retrieval: () => this.retrieval(),
  };

  private retrievalCode?: Promise<ModelRetrieval>;

  /** The sources' search index and its embedding model (model-retrieval.ts, loaded with the first source). */
  private retrieval(): Promise<ModelRetrieval> {
    this.retrievalCode ??= import('./model-retrieval.js').then(({ ModelRetrieval }) => new ModelRetrieval(this));
    return this.retrievalCode;
  }

  constructor() {
    super();
    this.engine.addEventListener('statuschange', (event) => {
      (this as { status: ElementStatus }).status = event.status;
      const modelInfo = this.engine.modelInfo;
      if (event.status === 'ready' && modelInfo && this.engine.selection?.kind) {
        // 'ready' also follows each answer; announce readiness once per load.
        if (this.announcedModel !== modelInfo) {
          this.announcedModel = modelInfo;
          this.emit('llm-ready', {
            modelInfo,
            backend: this.engine.selection.kind,
            reason: this.engine.selection.reason,
          });
        }
      } else if (event.status === 'error' && event.error) {
        this.emit('llm-error', { code: event.error.code, message: event.error.message, error: event.error });
      }
    });
    this.engine.addEventListener('progress', (event) => this.emit('llm-progress', { ...event.progress }));
    this.engine.addEventListener('cachechange', (event) => {
      (this as { cached: boolean }).cached = event.cache?.cached ?? false;
    });
    this.engine.addEventListener('fallback', (event) =>
      this.emit('llm-fallback', { from: event.from, to: event.to, message: event.error.message }),
    );
  }

  private announcedModel: ModelInfo | null = null;

  /** Progress of the current or last load. */
  get progress(): LoadProgress {
    return this.engine.progress;
  }

  /** The backend in use, once chosen. */
  get backendKind(): BackendKind | null {
    return this.engine.selection?.kind ?? null;
  }

  /** Why that backend was chosen (or why none could be). */
  get backendReason(): string | null {
    return this.engine.selection?.reason ?? null;
  }

  /** Bytes of the model stored in this browser (0 when it is not; see `cached`). */
  get cachedBytes(): number {
    return this.engine.cache?.sizeBytes ?? 0;
  }

  /** The last load error, while `status` is `error`. */
  get error(): LlmError | null {
    return this.engine.error;
  }

  /** What is known about the loaded model (name, architecture, context size, …), or null. */
  get modelInfo(): ModelInfo | null {
    return this.engine.modelInfo;
  }

  /** Downloads (or reads from cache) and loads the model now. Rejects with an `LlmError`. */
  async load(): Promise<void> {
    // Attributes set just before (backend, threads, …) apply first, so this load uses them.
    await this.updateComplete;
    let source: ModelSource | null;
    try {
      source = this.modelSource();
      if (!source)
        throw new LlmError('model-not-found', '<llm-model> has no model: set src to the URL of a GGUF model.');
    } catch (error) {
      const llmError = error as LlmError;
      this.emit('llm-error', { code: llmError.code, message: llmError.message, error: llmError });
      throw error;
    }
    await this.startLoad(source);
  }

  /** Starts loading `source` now: from this call on, requests wait for it and the status says loading. */
  private startLoad(source: ModelSource): Promise<ModelInfo> {
    this.engine.source = source;
    return this.engine.load(source, this.engine.loadOptions);
  }

  /** The model its attributes name (model-spec.ts), the browser's model readied for the page's language. */
  private modelSource(quietly = false): ModelSource | null {
    const lang = (this.closest('[lang]') as HTMLElement | null)?.lang.trim();
    return (quietly ? modelSpecQuietly : modelSpec)(this, lang);
  }

  /** Frees the model, its memory and its worker. Elements inside stop their work. */
  async unload(): Promise<void> {
    await this.engine.unload();
  }

  /**
   * Unloads the model and removes it from this browser's storage (a load under way stops), so the
   * next use downloads it again; then `cached` is false and `llm-removed` fires. Rejects with a
   * `storage` error, removing nothing, while another element or tab downloads or loads the same
   * model (a loaded model then stays loaded).
   */
  async removeFromCache(): Promise<CachedModel[]> {
    await this.updateComplete;
    const source = this.modelSource();
    if (!source) return [];
    const files = await this.engine.removeFromCache(source);
    await this.engine.checkCache(source).catch(() => {});
    this.emit('llm-removed', { files, sizeBytes: files.reduce((sum, file) => sum + file.sizeBytes, 0) });
    return files;
  }

  /** Reads whether the model is stored (downloading nothing), for `cached` and `<llm-status>`. */
  private checkCache(): void {
    if (isServer) return;
    void this.engine.checkCache(this.modelSource(true)).catch(() => {});
  }

  private stopWatchingCache: (() => void) | null = null;

  private loadQuietly(): void {
    // Failures reach the page as llm-error events and the engine's error status.
    this.load().catch(() => {});
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.cancelRelease = true;
    // A removal elsewhere on the page (another element, or the engine API) changes what is stored.
    this.stopWatchingCache ??= onModelCacheChange(() => this.checkCache());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatchingCache?.();
    this.stopWatchingCache = null;
    // Moving the element fires disconnect then connect in one task: release only if it stays out.
    this.cancelRelease = false;
    queueMicrotask(() => {
      if (this.cancelRelease || this.isConnected) return;
      void this.engine.unload();
      void this.retrievalCode?.then((retrieval) => retrieval.dispose());
      this.retrievalCode = undefined;
    });
  }

  private cancelRelease = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const settingsChanged =
      changed.has('backend') ||
      changed.has('contextSize') ||
      changed.has('threads') ||
      changed.has('share') ||
      changed.has('embedSrc');
    if (settingsChanged) {
      this.engineOptions.share = this.share === 'none' ? 'none' : 'tabs';
      // Sources and no embedding model: the chat model embeds them too, loaded once for both.
      const embeddings = !this.embedSrc && !isServer && this.querySelector('llm-source') !== null;
      this.engine.loadOptions = {
        backend: this.backend,
        contextSize: this.contextSize,
        threads: this.threads,
        ...(embeddings && { embeddings }),
      };
    }
    const modelChanged = MODEL_PROPERTIES.some((name) => changed.has(name));
    if (!modelChanged && !changed.has('loading') && !settingsChanged) return;
    let source: ModelSource | null = null;
    try {
      source = this.modelSource();
    } catch (error) {
      const llmError = error as LlmError; // an unknown catalog name: say so at once
      this.emit('llm-error', { code: llmError.code, message: llmError.message, error: llmError });
    }
    // Lazy: the engine loads its source on the first request. Manual: only load() sets it.
    if (this.loading !== 'manual') this.engine.source = source;
    if (modelChanged) this.checkCache();
    const attempted = this.engine.status !== 'idle';
    const sourceChanged = MODEL_PROPERTIES.some((name) => changed.has(name) && changed.get(name) !== undefined);
    // Started here, not after the update: a request made once the update is complete must wait for
    // the new model, not run on the old one (failures reach the page through the engine's status).
    const replace = attempted && (sourceChanged || settingsChanged);
    if (source && (replace || (this.loading === 'eager' && this.engine.status === 'idle'))) {
      this.startLoad(source).catch(() => {});
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
