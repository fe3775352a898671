import { defaultBackends, registeredBackends } from './backend-registry.js';
import type { Backend, BackendFactory } from '../backends/backend.js';
import type { Capabilities } from '../device/capabilities.js';
import {
  EngineCacheEvent,
  EngineFallbackEvent,
  EngineProgressEvent,
  EngineResultEvent,
  EngineStatusEvent,
  type EngineEventMap,
} from './engine-events.js';
import { LlmError } from './errors.js';
import type { Generation } from './generation.js';
import { deleteCachedModel, holdModelFiles, type CachedModel, type ModelCacheState } from '../storage/model-cache.js';
import { ModelCacheTracker } from './model-cache-tracker.js';
import { LoadProgressState } from './load-progress-state.js';
import type { LoadProgressMeter } from './load-progress.js';
import { resolveSource, resolveSourceLeniently, sameModel, type ResolvedSource } from '../models/model-source.js';
import type { BackendSelection } from '../device/select-backend.js';
import { DEFAULT_CONTEXT_SIZE } from './defaults.js';
import type { CpuProbe, LoadSettings } from './model-loader.js';
import { RequestQueue } from './request-queue.js';
import type { TokenCount } from './token-count.js';
import type {
  BackendKind,
  ChatMessage,
  EmbedOptions,
  EngineStatus,
  GenerationOptions,
  GenerationResult,
  LoadOptions,
  LoadProgress,
  ModelInfo,
  ModelSource,
} from './types.js';
import type { EngineOptions } from './engine-options.js';

export { DEFAULT_CONTEXT_SIZE } from './defaults.js';
export { DEFAULT_MAX_TOKENS } from './request-queue.js';
export type { EngineOptions } from './engine-options.js';

type PendingLoad = { key: string; promise: Promise<ModelInfo>; controller: AbortController };

/**
 * Runs one model in the browser. Owns one backend; any number of callers share it.
 *
 * Requests wait in a FIFO queue and run one at a time, so concurrent callers never interleave
 * tokens. Each request carries its own abort signal. Knows nothing of Lit or the DOM beyond
 * `EventTarget`: it can be used from plain JavaScript.
 *
 * @fires statuschange - `EngineStatusEvent` when `status` changes
 * @fires progress - `EngineProgressEvent` while a model downloads and loads
 * @fires result - `EngineResultEvent` when a request that ran has ended
 * @fires fallback - `EngineFallbackEvent` when a backend failed to start and another took over (WebGPU to WebAssembly, the browser's model to the page's own)
 * @fires cachechange - `EngineCacheEvent` when `cache` or `modelInfo.storage.persisted` changes
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface below only types listeners
export class Engine extends EventTarget {
  /** The model this engine loads, now or on first use. */
  source: ModelSource | null;
  /** Backend, context size and threads for loads that do not say otherwise (including lazy ones). */
  loadOptions: Omit<LoadOptions, 'signal' | 'onProgress'>;

  #status: EngineStatus = 'idle';
  #error: LlmError | null = null;
  #modelInfo: ModelInfo | null = null;
  #selection: BackendSelection | null = null;
  #capabilities: Capabilities | null = null;
  #lastResult: GenerationResult | null = null;

  private readonly options: EngineOptions;
  private readonly ownBackends: Partial<Record<BackendKind, BackendFactory>>;
  private backend: Backend | null = null;
  private pendingLoad: PendingLoad | null = null;
  private readonly cpuProbe: CpuProbe = {}; // one reading per engine: a Retry does not probe again
  private readonly requests: RequestQueue;
  private readonly loadProgress = new LoadProgressState((progress) =>
    this.dispatchEvent(new EngineProgressEvent(progress)),
  );
  private readonly cacheTracker = new ModelCacheTracker((state) => this.dispatchEvent(new EngineCacheEvent(state)));

  constructor(options: EngineOptions = {}) {
    super();
    this.options = options;
    this.source = options.source ?? null;
    this.loadOptions = { ...options.loadOptions };
    this.ownBackends = { ...defaultBackends(options.wasmUrl), ...options.backends };
    this.requests = new RequestQueue({
      isLoading: () => this.pendingLoad !== null,
      status: () => this.#status,
      contextSize: () => this.contextSize,
      chatFormat: () => this.#modelInfo?.chatFormat,
      chatTemplate: () => this.#modelInfo?.chatTemplate ?? null,
      ensureLoaded: () => this.ensureLoaded(),
      setStatus: (status) => this.setStatus(status),
      finished: (result) => {
        this.#lastResult = result;
        this.dispatchEvent(new EngineResultEvent(result));
      },
    });
  }

  /** This engine's backends, and those registered on the page (read at each load). */
  private get backends(): Partial<Record<BackendKind, BackendFactory>> {
    return { ...registeredBackends(), ...this.ownBackends };
  }

  /** Where the engine is in its life cycle. */
  get status(): EngineStatus {
    return this.#status;
  }

  /** Progress of the current or last load. */
  get progress(): LoadProgress {
    return this.loadProgress.progress;
  }

  /** The error that put the engine in `error` status, if any. */
  get error(): LlmError | null {
    return this.#error;
  }

  /** What is known about the loaded model, or null. */
  get modelInfo(): ModelInfo | null {
    return this.#modelInfo;
  }

  /** The backend chosen for the current model and why. */
  get selection(): BackendSelection | null {
    return this.#selection;
  }

  /** The device's capabilities, once a load has read them. */
  get capabilities(): Capabilities | null {
    return this.#capabilities;
  }

  /** The result of the last request that ran (for speed read-outs). */
  get lastResult(): GenerationResult | null {
    return this.#lastResult;
  }

  /**
   * What this browser stores of the model (whether it is complete, and its bytes): known after a
   * load, `checkCache()` or `removeFromCache()`; null before. `cachechange` follows it.
   */
  get cache(): ModelCacheState | null {
    return this.cacheTracker.state;
  }

  /** Context window of the loaded model, or the one the next load will use. */
  get contextSize(): number {
    return this.#modelInfo?.contextSize ?? this.loadOptions.contextSize ?? DEFAULT_CONTEXT_SIZE;
  }

  /** Requests waiting behind the running one. */
  get queueLength(): number {
    return this.requests.length;
  }

  /** The backends this engine can run. */
  get availableBackends(): BackendKind[] {
    return Object.keys(this.backends) as BackendKind[];
  }

  /**
   * Loads a model, replacing any loaded one. Loading the source that is already loading returns
   * the same promise. Rejects with an `LlmError`; the engine stays usable for another load.
   */
  load(source: ModelSource | null = this.source, options: LoadOptions = {}): Promise<ModelInfo> {
    const spec = source ? resolveSourceLeniently(source) : null;
    if (!source || !spec || (spec.urls.length === 0 && !spec.mlc && !spec.browserModel && !spec.remote)) {
      return Promise.reject(new LlmError('not-loaded', 'No model source is set.'));
    }
    const settings = { ...this.loadOptions, ...options };
    const key = JSON.stringify([
      spec,
      settings.backend,
      settings.contextSize,
      settings.threads,
      settings.stallTimeoutMs,
      settings.embeddings,
      settings.pooling,
    ]);
    if (this.pendingLoad?.key === key && !options.signal) {
      if (options.onProgress) this.forwardProgress(options.onProgress);
      return this.pendingLoad.promise;
    }
    this.pendingLoad?.controller.abort(new LlmError('aborted', 'Replaced by a newer load.'));
    this.requests.abortActive(new LlmError('aborted', 'The model is being replaced.'));
    const controller = new AbortController();
    options.signal?.addEventListener('abort', () => controller.abort(options.signal?.reason), { once: true });
    const pending: PendingLoad = {
      key,
      controller,
      promise: this.runLoad(source, settings, controller.signal),
    };
    if (options.onProgress) this.forwardProgress(options.onProgress, pending.promise);
    this.pendingLoad = pending;
    pending.promise.then(
      () => this.settleLoad(pending, null),
      (error: unknown) => this.settleLoad(pending, error),
    );
    return pending.promise;
  }

  private forwardProgress(callback: (progress: LoadProgress) => void, until?: Promise<unknown>): void {
    const listener = (event: EngineProgressEvent) => callback(event.progress);
    this.addEventListener('progress', listener);
    void (until ?? this.pendingLoad?.promise)
      ?.finally(() => this.removeEventListener('progress', listener))
      .catch(() => {});
  }

  private settleLoad(pending: PendingLoad, error: unknown): void {
    if (this.pendingLoad !== pending) return; // a newer load owns the state
    this.pendingLoad = null;
    if (error) {
      const llmError = LlmError.is(error) ? error : new LlmError('load-failed', String(error), { cause: error });
      // A failed load may have removed a bad file, or stored the model before failing to load it.
      if (llmError.code !== 'aborted') void this.checkCache().catch(() => {});
      this.requests.failWaiting(llmError);
      // An aborted load leaves nothing broken: the next request may load again.
      this.#error = llmError.code === 'aborted' ? null : llmError;
      this.setStatus(this.#error ? 'error' : 'idle');
    } else {
      this.requests.pump();
    }
  }

  private async runLoad(source: ModelSource, settings: LoadSettings, signal: AbortSignal): Promise<ModelInfo> {
    const resolved = resolveSource(source);
    // Guessed until the store answers below: the first progress event says what it knows.
    const stored = this.cacheTracker.state?.cached === true && this.source !== null && sameModel(source, this.source);
    this.source = source;
    this.#modelInfo = null;
    this.#error = null;
    this.loadProgress.begin(stored);
    this.setStatus('loading');
    await this.loadProgress.measure(this.cacheTracker.check(source), signal);
    // While it downloads and reads the files, no removal takes them (model-cache.ts); one under way ends first.
    const release = await holdModelFiles({ gguf: resolved.urls, mlc: resolved.mlc }, signal);
    try {
      return await this.loadHeld(source, resolved, settings, signal);
    } finally {
      release();
    }
  }

  private async loadHeld(
    source: ModelSource,
    resolved: ResolvedSource,
    settings: LoadSettings,
    signal: AbortSignal,
  ): Promise<ModelInfo> {
    await this.requests.settleActive(); // load() aborted it; let it stop cleanly before its backend goes
    const previous = this.backend;
    this.backend = null;
    await previous?.unload();
    // The code that chooses a backend and starts it comes with the first load (model-loader.ts).
    const { startModel } = await import('./model-loader.js');
    const { backend, model } = await startModel({
      model: resolved,
      settings,
      signal,
      backends: () => this.backends,
      detectCapabilities: this.options.detectCapabilities?.bind(this.options),
      cpuProbe: this.cpuProbe,
      onCapabilities: (capabilities) => {
        this.#capabilities = capabilities;
      },
      onSelection: (selection, fallback) => {
        this.#selection = selection;
        if (!fallback) return;
        this.dispatchEvent(new EngineFallbackEvent(fallback.failed, selection.kind as BackendKind, fallback.cause));
        this.loadProgress.restart();
      },
      onProgress: (loaded, total, fromCache) =>
        this.updateProgress(signal, (meter) => meter.model(loaded, total, fromCache)),
      onEngineProgress: (loaded, total) => this.updateProgress(signal, (meter) => meter.engineFiles(loaded, total)),
      onStarting: () => this.updateProgress(signal, (meter) => meter.starting()),
      sharedBy: this.options.share === 'tabs' ? this : undefined,
    });
    this.backend = backend;
    this.#modelInfo = model;
    this.cacheTracker.noteStored(
      model,
      source,
      this.loadProgress.progress.fromCache !== true,
      () => this.#modelInfo === model,
    );
    this.updateProgress(signal, (meter) => meter.ready(model.sizeBytes));
    // Ready first, also when requests wait: the page hears "ready" before their first token.
    this.setStatus('ready');
    return model;
  }

  /**
   * Reads what this browser stores of `source` (this engine's model by default) and makes it `cache`.
   * Reads the browser's storage only: nothing of the model is downloaded, and no backend loads.
   */
  async checkCache(source: ModelSource | null = this.source): Promise<ModelCacheState> {
    return this.cacheTracker.check(source);
  }

  /**
   * Removes `source` (this engine's model by default) from this browser's storage; see
   * `deleteCachedModel()`. When it is this engine's model it is also unloaded, so the next request
   * downloads it again: a load under way is stopped first (it holds the files), a loaded model once
   * its files are gone. Resolves with the entries removed; rejects with a `storage` error when
   * another load (another engine or tab) is downloading or reading it, and then a loaded model stays
   * loaded.
   */
  async removeFromCache(source: ModelSource | null = this.source): Promise<CachedModel[]> {
    if (!source) return [];
    const own = this.source !== null && sameModel(source, this.source);
    const stopped = own ? this.pendingLoad?.promise : undefined;
    try {
      if (stopped) {
        await this.unload();
        await stopped.catch(() => {});
        // The download it stopped may still be letting go of its file: wait for that, briefly.
        return await deleteCachedModel(source, { waitMs: 5000 });
      }
      const removed = await deleteCachedModel(source);
      if (own && this.#status !== 'idle') await this.unload();
      return removed;
    } finally {
      if (own) await this.checkCache(source).catch(() => {});
    }
  }

  /** Streams an answer to a conversation. The model's chat template formats it (or the fallback). */
  chat(messages: readonly ChatMessage[], options: GenerationOptions = {}): Generation {
    // With tools: rounds of calls, then the answer (tools/tool-loop.ts loads with the first such chat).
    if (options.tools?.length) {
      const loop = import('../tools/tool-loop.js');
      return this.requests.defer(options.signal, (out, signal) =>
        loop.then(({ runToolLoop }) => runToolLoop(this.requests, messages, options, out, signal)),
      );
    }
    return this.requests.enqueue({ messages: messages.map((message) => ({ ...message })) }, options);
  }

  /** Streams a continuation of raw text. */
  complete(prompt: string, options: GenerationOptions = {}): Generation {
    return this.requests.enqueue({ prompt }, options);
  }

  /**
   * One vector per text, in order, L2-normalized (a dot product of two is their cosine similarity),
   * from a model loaded with `embeddings` (`LoadOptions`). Runs in the queue in batches, each a turn
   * of its own, so chats are not held behind a long embedding. Rejects with an `LlmError`:
   * `unsupported` when the model does not embed, `aborted` when the signal stops it.
   */
  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    return (await import('./embed-batches.js')).embedInBatches(this.requests, texts, options); // loaded when first used
  }

  /** Tokens `text` costs the loaded model, by its tokenizer where the backend has one (token-count.ts). */
  async countTokens(text: string, options: { signal?: AbortSignal } = {}): Promise<TokenCount> {
    return (await import('./token-count.js')).countTokens(this.backend, text, options.signal); // loaded when first used
  }

  /** Frees the model, its memory and its worker. Queued and running requests end with `abort`. */
  async unload(): Promise<void> {
    this.pendingLoad?.controller.abort(new LlmError('aborted', 'The engine was unloaded.'));
    this.pendingLoad = null;
    await this.requests.abortAll();
    const backend = this.backend;
    this.backend = null;
    this.#modelInfo = null;
    this.#error = null;
    await backend?.unload();
    this.setStatus('idle');
  }

  /** Waits for the model a job needs: the pending load, or a lazy load of `source`. */
  private async ensureLoaded(): Promise<Backend> {
    if (this.backend && this.#modelInfo) return this.backend;
    if (this.pendingLoad) await this.pendingLoad.promise;
    else if (this.#status === 'error' && this.#error) throw this.#error;
    else if (this.source) await this.load(this.source);
    else throw new LlmError('not-loaded', 'No model is loaded: call load() or set a source first.');
    if (!this.backend) throw new LlmError('not-loaded', 'No model is loaded.');
    return this.backend;
  }

  private setStatus(status: EngineStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.dispatchEvent(new EngineStatusEvent(status, status === 'error' ? this.#error : null));
  }

  private updateProgress(signal: AbortSignal, apply: (meter: LoadProgressMeter) => void): void {
    if (this.pendingLoad?.controller.signal === signal) this.loadProgress.update(apply);
  }
}

// Typed listeners: engine.addEventListener('progress', (e) => e.progress)
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Engine {
  addEventListener<K extends keyof EngineEventMap>(
    type: K,
    listener: (event: EngineEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof EngineEventMap>(
    type: K,
    listener: (event: EngineEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}
