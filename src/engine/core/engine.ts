import { registeredBackends } from './backend-registry.js';
import type { Backend, BackendFactory, BackendGenerateResult, BackendInput } from '../backends/backend.js';
import type { Capabilities } from '../device/capabilities.js';
import { FALLBACK_STOP, formatFallbackPrompt } from '../prompting/chat-template.js';
import { fitToContext, keepLastOnly } from '../prompting/context-window.js';
import {
  EngineCacheEvent,
  EngineFallbackEvent,
  EngineProgressEvent,
  EngineResultEvent,
  EngineStatusEvent,
  type EngineEventMap,
} from './engine-events.js';
import { LlmError, abortError, isAbort } from './errors.js';
import { Generation } from './generation.js';
import { GenerationClock } from './generation-stats.js';
import {
  deleteCachedModel,
  holdModelFiles,
  modelCacheState,
  requestPersistentStorage,
  storagePersisted,
  type CachedModel,
  type ModelCacheState,
} from '../storage/model-cache.js';
import { resolveSource, resolveSourceLeniently, type ResolvedSource } from '../models/model-source.js';
import type { BackendSelection } from '../device/select-backend.js';
import { StopSequenceMatcher } from '../prompting/stop-sequences.js';
import type {
  BackendKind,
  BackendPreference,
  ChatMessage,
  EngineStatus,
  GenerationOptions,
  GenerationResult,
  LoadOptions,
  LoadProgress,
  ModelInfo,
  ModelSource,
} from './types.js';

/** Tokens generated when a request sets no `max_tokens`. */
export const DEFAULT_MAX_TOKENS = 256;
/** Context window when the page sets none. */
export const DEFAULT_CONTEXT_SIZE = 2048;

export interface EngineOptions {
  /** The model to load on first use (lazy): the first `chat()`/`complete()` loads it. */
  source?: ModelSource;
  /** Defaults for that lazy load. */
  loadOptions?: Omit<LoadOptions, 'signal' | 'onProgress'>;
  /** Where `wllama.wasm` is served from, when not beside the library's own module. */
  wasmUrl?: string;
  /** Replaces or adds backends (for example a scripted one in tests). */
  backends?: Partial<Record<BackendKind, BackendFactory>>;
  /** Replaces capability detection (for tests and for pages that know better). */
  detectCapabilities?: () => Promise<Capabilities>;
}

type Job = {
  generation: Generation;
  signal: AbortSignal;
  options: GenerationOptions;
  messages?: readonly ChatMessage[];
  prompt?: string;
};

/** A job's result before the generation adds its text; unset figures are 0. */
type JobOutcome = Partial<Omit<GenerationResult, 'text'>> & Pick<GenerationResult, 'finishReason'>;

type PendingLoad = { key: string; promise: Promise<ModelInfo>; controller: AbortController };

/** llama.cpp's builds (WebAssembly, and its WebGPU path) and the browser's own model; web-llm is added by importing it. */
function defaultBackends(wasmUrl?: string): Partial<Record<BackendKind, BackendFactory>> {
  return {
    'wllama-wasm': async () => {
      const { WllamaBackend } = await import('../backends/wllama.js');
      return new WllamaBackend({ wasmUrl, kind: 'wllama-wasm' });
    },
    'wllama-webgpu': async () => {
      const { WllamaBackend } = await import('../backends/wllama.js');
      return new WllamaBackend({ wasmUrl, kind: 'wllama-webgpu' });
    },
    browser: async () => {
      const { BrowserBackend } = await import('../backends/browser.js');
      return new BrowserBackend();
    },
  };
}

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
  #progress: LoadProgress = { loaded: 0, total: 0, fraction: 0 };
  #error: LlmError | null = null;
  #modelInfo: ModelInfo | null = null;
  #selection: BackendSelection | null = null;
  #capabilities: Capabilities | null = null;
  #lastResult: GenerationResult | null = null;
  #cache: ModelCacheState | null = null;
  /** Bumped by every change of `cache`, so an older check that resolves late is dropped. */
  #cacheTurn = 0;

  private readonly options: EngineOptions;
  private readonly ownBackends: Partial<Record<BackendKind, BackendFactory>>;
  private backend: Backend | null = null;
  private pendingLoad: PendingLoad | null = null;
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  /** The running job once it generates on a backend (not while it waits for a load). */
  private active: Job | null = null;

  constructor(options: EngineOptions = {}) {
    super();
    this.options = options;
    this.source = options.source ?? null;
    this.loadOptions = { ...options.loadOptions };
    this.ownBackends = { ...defaultBackends(options.wasmUrl), ...options.backends };
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
    return this.#progress;
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
    return this.#cache;
  }

  /** Context window of the loaded model, or the one the next load will use. */
  get contextSize(): number {
    return this.#modelInfo?.contextSize ?? this.loadOptions.contextSize ?? DEFAULT_CONTEXT_SIZE;
  }

  /** Requests waiting behind the running one. */
  get queueLength(): number {
    return this.queue.length;
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
    if (!source || !spec || (spec.urls.length === 0 && !spec.mlc && !spec.browser)) {
      return Promise.reject(new LlmError('not-loaded', 'No model source is set.'));
    }
    const settings = { ...this.loadOptions, ...options };
    const key = JSON.stringify([
      spec,
      settings.backend,
      settings.contextSize,
      settings.threads,
      settings.stallTimeoutMs,
    ]);
    if (this.pendingLoad?.key === key && !options.signal) {
      if (options.onProgress) this.forwardProgress(options.onProgress);
      return this.pendingLoad.promise;
    }
    this.pendingLoad?.controller.abort(new LlmError('aborted', 'Replaced by a newer load.'));
    this.active?.generation.abort(new LlmError('aborted', 'The model is being replaced.'));

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
      this.failQueue(llmError);
      // An aborted load leaves nothing broken: the next request may load again.
      this.#error = llmError.code === 'aborted' ? null : llmError;
      this.setStatus(this.#error ? 'error' : 'idle');
    } else {
      this.pump();
    }
  }

  private async runLoad(
    source: ModelSource,
    settings: Omit<LoadOptions, 'signal' | 'onProgress'>,
    signal: AbortSignal,
  ): Promise<ModelInfo> {
    const resolved = resolveSource(source);
    this.source = source;
    this.#modelInfo = null;
    this.#error = null;
    this.setProgress(0, 0);
    this.setStatus('loading');
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
    settings: Omit<LoadOptions, 'signal' | 'onProgress'>,
    signal: AbortSignal,
  ): Promise<ModelInfo> {
    const { urls, mlc, browser } = resolved;
    await this.settleActive(); // load() aborted it; let it stop cleanly before its backend goes
    const previous = this.backend;
    this.backend = null;
    await previous?.unload();

    // Loaded with the first model: a page that never loads one never fetches them.
    const [{ detectCapabilities }, { needsShaderF16, selectBackend }] = await Promise.all([
      import('../device/capabilities.js'),
      import('../device/select-backend.js'),
    ]);
    // A load that runs on WebAssembly whatever the GPU has does not wait for the GPU to answer.
    let capabilities = await (this.options.detectCapabilities?.() ??
      detectCapabilities({ webgpu: settings.backend !== 'wasm' }));
    // The browser's model is asked about only for a source that wants it (loaded on demand too).
    if (browser && capabilities.builtInModel === undefined) {
      const { detectBuiltInModel } = await import('../backends/prompt-api.js');
      capabilities = { ...capabilities, builtInModel: await detectBuiltInModel(browser.languages) };
    }
    if (signal.aborted) throw abortError(signal);
    this.#capabilities = capabilities;
    const pick = (preference: BackendPreference, withBrowser = Boolean(browser)) =>
      selectBackend({
        capabilities,
        preference,
        model: {
          gguf: urls.length > 0,
          browser: withBrowser,
          mlc: mlc && {
            requiresShaderF16: needsShaderF16(mlc),
            vramBytes: mlc.vramMB ? mlc.vramMB * 1024 * 1024 : undefined,
          },
        },
        available: this.availableBackends,
        threads: settings.threads,
      });
    let selection = pick(settings.backend ?? 'auto');
    this.#selection = selection;
    let started: { backend: Backend; model: ModelInfo } | undefined;
    while (!started) {
      try {
        started = await this.startBackend(selection, resolved, settings, signal);
      } catch (error) {
        const next = signal.aborted ? null : this.fallbackAfter(selection, error, resolved, settings.backend, pick);
        if (!next) throw error;
        const failed = selection.kind as BackendKind;
        const cause = LlmError.is(error) ? error : new LlmError('backend-unavailable', String(error), { cause: error });
        selection = {
          ...next,
          reason: `${next.reason} ${failed === 'browser' ? 'The browser’s model' : `WebGPU (${failed})`} failed: ${cause.message}`,
        };
        this.#selection = selection;
        this.dispatchEvent(new EngineFallbackEvent(failed, next.kind as BackendKind, cause));
        this.setProgress(0, 0);
      }
    }
    const { backend, model } = started;
    this.backend = backend;
    this.#modelInfo = model;
    this.noteStored(model, source, this.#progress.fromCache !== true);
    this.#progress = { loaded: model.sizeBytes, total: model.sizeBytes, fraction: 1 };
    this.dispatchEvent(new EngineProgressEvent(this.#progress));
    // Ready first, also when requests wait: the page hears "ready" before their first token.
    this.setStatus('ready');
    return model;
  }

  /**
   * Where to go when a backend fails to start, or null to fail. The browser's model: to the page's
   * own builds (unless it waits for a click, which Retry gives); WebGPU, which can fail only at run
   * time (device lost, out of memory, adapter refused): to WebAssembly when there is a GGUF build.
   */
  private fallbackAfter(
    selection: BackendSelection,
    error: unknown,
    { urls, mlc }: ResolvedSource,
    preference: BackendPreference = 'auto',
    pick: (preference: BackendPreference, withBrowser: boolean) => BackendSelection,
  ): BackendSelection | null {
    const failed = selection.kind;
    if (!failed || failed === 'wllama-wasm') return null;
    if (failed === 'browser') {
      if ((LlmError.is(error) && error.code === 'not-allowed') || (!urls.length && !mlc)) return null;
      const next = pick(preference, false);
      return next.kind ? next : null;
    }
    if (!urls.length || !this.backends['wllama-wasm']) return null;
    return pick('wasm', false);
  }

  /** Creates the selected backend and loads the model into it. */
  private async startBackend(
    selection: BackendSelection,
    model: ResolvedSource,
    settings: Omit<LoadOptions, 'signal' | 'onProgress'>,
    signal: AbortSignal,
  ): Promise<{ backend: Backend; model: ModelInfo }> {
    const factory = selection.kind ? this.backends[selection.kind] : undefined;
    if (!selection.kind || !factory) throw new LlmError('backend-unavailable', selection.reason);
    if (signal.aborted) throw abortError(signal);
    let backend: Backend;
    try {
      backend = await factory();
    } catch (error) {
      throw new LlmError('backend-unavailable', `The ${selection.kind} backend failed to start: ${String(error)}`, {
        cause: error,
      });
    }
    const info = await backend.load({
      urls: model.urls,
      mlc: selection.kind === 'web-llm' ? model.mlc : undefined,
      browser: selection.kind === 'browser' ? (model.browser ?? {}) : undefined,
      contextSize: settings.contextSize ?? DEFAULT_CONTEXT_SIZE,
      threads: selection.threads,
      gpuLayers: selection.gpuLayers,
      wasmBuild: selection.wasmBuild,
      capabilities: this.#capabilities ?? undefined,
      stallTimeoutMs: settings.stallTimeoutMs,
      signal,
      onProgress: (loaded, total, fromCache) => {
        if (this.pendingLoad?.controller.signal === signal) this.setProgress(loaded, total, fromCache);
      },
    });
    if (signal.aborted) {
      await backend.unload();
      throw abortError(signal);
    }
    return { backend, model: info };
  }

  /**
   * After a load: the model is stored (wllama reads it from its store), so `cache` says so at once;
   * web-llm keeps its own cache, which is checked. Then, without the load waiting for it, the browser
   * is asked once per page to keep what was downloaded (`navigator.storage.persist()`, which may show
   * a prompt that is never answered), or only whether it does (`persisted()`) when nothing was.
   */
  private noteStored(model: ModelInfo, source: ModelSource, downloaded: boolean): void {
    if (!model.storage) {
      void this.checkCache(source).catch(() => {});
      return;
    }
    this.setCache({ cached: true, sizeBytes: model.sizeBytes });
    if (!model.storage.persistent) return;
    const storage = (model.storage = { ...model.storage });
    void (downloaded ? requestPersistentStorage() : storagePersisted()).then((persisted) => {
      if (persisted === undefined || this.#modelInfo !== model) return;
      storage.persisted = persisted;
      this.dispatchEvent(new EngineCacheEvent(this.#cache));
    });
  }

  /**
   * Reads what this browser stores of `source` (this engine's model by default) and makes it `cache`.
   * Reads the browser's storage only: nothing of the model is downloaded, and no backend loads.
   */
  async checkCache(source: ModelSource | null = this.source): Promise<ModelCacheState> {
    const turn = ++this.#cacheTurn;
    const state = source ? await modelCacheState(source) : { cached: false, sizeBytes: 0 };
    if (turn === this.#cacheTurn) this.setCache(state);
    return state;
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

  private setCache(state: ModelCacheState): void {
    this.#cacheTurn++;
    const previous = this.#cache;
    this.#cache = state;
    if (previous?.cached !== state.cached || previous.sizeBytes !== state.sizeBytes) {
      this.dispatchEvent(new EngineCacheEvent(state));
    }
  }

  /** Streams an answer to a conversation. The model's chat template formats it (or the fallback). */
  chat(messages: readonly ChatMessage[], options: GenerationOptions = {}): Generation {
    return this.enqueue({ messages: messages.map((message) => ({ ...message })) }, options);
  }

  /** Streams a continuation of raw text. */
  complete(prompt: string, options: GenerationOptions = {}): Generation {
    return this.enqueue({ prompt }, options);
  }

  /** Frees the model, its memory and its worker. Queued and running requests end with `abort`. */
  async unload(): Promise<void> {
    this.pendingLoad?.controller.abort(new LlmError('aborted', 'The engine was unloaded.'));
    this.pendingLoad = null;
    for (const job of this.queue.splice(0)) this.finishJob(job, { finishReason: 'abort' });
    this.running?.generation.abort();
    await this.settleActive();
    const backend = this.backend;
    this.backend = null;
    this.#modelInfo = null;
    this.#error = null;
    await backend?.unload();
    this.setStatus('idle');
  }

  /** Waits (briefly) for an aborted generation to leave its backend, so the backend is not torn down under it. */
  private async settleActive(): Promise<void> {
    const active = this.active;
    if (!active) return;
    await Promise.race([active.generation.result, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }

  private enqueue(input: Pick<Job, 'messages' | 'prompt'>, options: GenerationOptions): Generation {
    const controller = new AbortController();
    const generation = new Generation(controller);
    const job: Job = { ...input, generation, signal: controller.signal, options };
    const { signal } = options;
    if (signal?.aborted) controller.abort(signal.reason);
    else signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });

    if (controller.signal.aborted) {
      this.finishJob(job, { finishReason: 'abort' });
      return generation;
    }
    const invalid =
      options.schema !== undefined && options.grammar !== undefined
        ? 'Give schema or grammar, not both.'
        : invalidOption(options);
    if (invalid) {
      this.finishJob(job, errorResult(new LlmError('invalid-request', invalid)));
      return generation;
    }
    // A queued request that is aborted leaves the queue at once; a running one is stopped by runJob.
    controller.signal.addEventListener(
      'abort',
      () => {
        const index = this.queue.indexOf(job);
        if (index !== -1) {
          this.queue.splice(index, 1);
          this.finishJob(job, { finishReason: 'abort' });
        }
      },
      { once: true },
    );
    this.queue.push(job);
    this.pump();
    return generation;
  }

  private pump(): void {
    if (this.running || this.pendingLoad) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    void this.runJob(job).then((result) => {
      this.running = null;
      // Status first, so whoever awaits the result sees the engine ready.
      if (!this.queue.length && this.status === 'generating') this.setStatus('ready');
      this.#lastResult = this.finishJob(job, result);
      this.dispatchEvent(new EngineResultEvent(this.#lastResult));
      this.pump();
    });
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

  private async runJob(job: Job): Promise<JobOutcome> {
    const { schema, grammar } = job.options;
    const constraint = schema !== undefined ? 'schema' : grammar !== undefined ? 'grammar' : null;
    // Checked before the model loads or runs, for every backend: a bad schema or grammar is refused
    // with what to change (the grammar a schema becomes is what llama.cpp's backends enforce).
    let schemaGrammar: string | undefined;
    if (constraint) {
      try {
        const { checkConstraint } = await import('../prompting/structured-output/structured-output.js');
        schemaGrammar = checkConstraint(job.options);
      } catch (error) {
        return errorResult(error);
      }
    }
    let backend: Backend;
    try {
      backend = await this.ensureLoaded();
    } catch (error) {
      return job.signal.aborted ? { finishReason: 'abort' } : errorResult(error);
    }
    if (job.signal.aborted) return { finishReason: 'abort' };
    const { input, stops } = this.prepareInput(job, constraint !== null);
    if (constraint && !backend.canConstrain?.(constraint, input.kind)) {
      const what = constraint === 'schema' ? 'a JSON Schema' : 'a GBNF grammar';
      return errorResult(
        new LlmError(
          'unsupported',
          `The ${backend.kind} backend cannot constrain ${input.kind === 'chat' ? 'a chat' : 'a completion'} to ${what}.`,
        ),
      );
    }
    this.setStatus('generating');
    this.active = job;

    const matcher = new StopSequenceMatcher(stops);
    const backendController = new AbortController();
    const onAbort = () => backendController.abort(job.signal.reason);
    job.signal.addEventListener('abort', onAbort, { once: true });
    const clock = new GenerationClock();
    let hitStop = false;

    const generate = (input: BackendInput) =>
      backend.generate({
        input,
        options: { ...job.options, max_tokens: job.options.max_tokens ?? DEFAULT_MAX_TOKENS, stop: stops },
        schemaGrammar,
        signal: backendController.signal,
        onDelta: (delta) => {
          if (hitStop) return;
          clock.tick();
          const { text, stopped } = matcher.push(delta);
          job.generation.push(text);
          if (stopped) {
            hitStop = true;
            backendController.abort();
          }
        },
      });

    let stats: JobOutcome;
    try {
      let result: BackendGenerateResult;
      try {
        result = await generate(input);
      } catch (error) {
        // The backend counted what fitting estimated and found it too long, before any token (the
        // estimate errs low on text its tokenizer splits finely): the last message is sent alone.
        const alone = isTooLong(error) && clock.deltas === 0 ? this.lastMessageOnly(job) : null;
        if (!alone) throw error;
        result = await generate(alone);
      }
      job.generation.push(matcher.flush());
      stats = clock.stats(result.finishReason, result);
    } catch (error) {
      if (hitStop && isAbort(error)) stats = clock.stats('stop');
      else if (isAbort(error)) return clock.stats('abort');
      else return { ...clock.stats('error'), ...errorResult(error) };
    } finally {
      this.active = null;
      job.signal.removeEventListener('abort', onAbort);
    }
    if (schema === undefined) return stats;
    // Checked before it is returned: the value is the schema's, or the request fails with the text kept.
    try {
      const { parseStructured } = await import('../prompting/structured-output/structured-output.js');
      return { ...stats, value: parseStructured(job.generation.text, schema, stats.finishReason) };
    } catch (error) {
      return { ...stats, ...errorResult(error) };
    }
  }

  /**
   * Fits a chat into the context window (unless asked not to), then hands it to the backend's chat
   * format; a chat with a model that has none becomes a completion of the fallback transcript,
   * which stops at the next turn's name unless the answer is `constrained` (a schema or grammar
   * decides where it ends, and may well contain "\nUser:").
   */
  private prepareInput(job: Job, constrained: boolean): { input: BackendInput; stops: string[] } {
    const stops = [...(job.options.stop ?? [])];
    if (job.messages) {
      let messages = [...job.messages];
      if ((job.options.fit ?? 'drop-oldest') === 'drop-oldest') {
        const reserve = job.options.max_tokens ?? DEFAULT_MAX_TOKENS;
        const fitted = fitToContext(messages, { contextSize: this.contextSize, reserve });
        messages = fitted.messages;
        job.generation.droppedMessages = fitted.dropped;
      }
      const input = this.chatInput(messages);
      return { input, stops: input.kind === 'chat' || constrained ? stops : [...stops, ...FALLBACK_STOP] };
    }
    return { input: { kind: 'complete', prompt: job.prompt ?? '' }, stops };
  }

  /**
   * A chat fitted by dropping the oldest turns, sent again as its system prompt and last message
   * only; null when it was sent that way already (or not fitted), as nothing more can go.
   */
  private lastMessageOnly(job: Job): BackendInput | null {
    if (!job.messages || (job.options.fit ?? 'drop-oldest') !== 'drop-oldest') return null;
    const fitted = keepLastOnly(job.messages);
    if (fitted.dropped === job.generation.droppedMessages) return null;
    job.generation.droppedMessages = fitted.dropped;
    return this.chatInput(fitted.messages);
  }

  /** A chat in the backend's chat format, or as the fallback transcript when the model has none. */
  private chatInput(messages: ChatMessage[]): BackendInput {
    if (this.#modelInfo?.chatFormat !== 'none') return { kind: 'chat', messages };
    return { kind: 'complete', prompt: formatFallbackPrompt(messages) };
  }

  private finishJob(job: Job, result: JobOutcome): GenerationResult {
    return job.generation.finish({
      promptTokens: 0,
      completionTokens: 0,
      tokensPerSecond: 0,
      timeToFirstTokenMs: 0,
      durationMs: 0,
      droppedMessages: job.generation.droppedMessages,
      ...result,
    });
  }

  private failQueue(error: LlmError): void {
    for (const job of this.queue.splice(0)) this.finishJob(job, errorResult(error));
  }

  private setStatus(status: EngineStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.dispatchEvent(new EngineStatusEvent(status, status === 'error' ? this.#error : null));
  }

  private setProgress(loaded: number, total: number, fromCache = false): void {
    // 1 is kept for "ready": after the download, llama.cpp still has to read the model.
    const fraction = total > 0 ? Math.min(loaded / total, 1) * 0.99 : 0;
    this.#progress = { loaded, total, fraction, fromCache };
    this.dispatchEvent(new EngineProgressEvent(this.#progress));
  }
}

/** Why sampling options cannot be used (e.g. `max-tokens="lots"` read as NaN), or null. */
function invalidOption(options: GenerationOptions): string | null {
  const checks: Array<[keyof GenerationOptions, (value: number) => boolean, string]> = [
    ['max_tokens', (v) => Number.isInteger(v) && v > 0, 'a whole number above 0'],
    ['temperature', (v) => Number.isFinite(v) && v >= 0, 'a number from 0 up'],
    ['top_k', (v) => Number.isInteger(v) && v >= 0, 'a whole number from 0 up'],
    ['top_p', (v) => v >= 0 && v <= 1, 'a number from 0 to 1'],
    ['min_p', (v) => v >= 0 && v <= 1, 'a number from 0 to 1'],
    ['repeat_penalty', (v) => Number.isFinite(v) && v > 0, 'a number above 0'],
    ['seed', (v) => Number.isInteger(v), 'a whole number'],
  ];
  for (const [name, valid, expected] of checks) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'number' || !valid(value))) {
      return `${name} must be ${expected}, not ${String(value)}.`;
    }
  }
  return null;
}

/** Whether two sources name the same files and build. */
function sameModel(a: ModelSource, b: ModelSource): boolean {
  return JSON.stringify(resolveSourceLeniently(a)) === JSON.stringify(resolveSourceLeniently(b));
}

function isTooLong(error: unknown): boolean {
  return LlmError.is(error) && error.code === 'too-long';
}

function errorResult(error: unknown): Pick<GenerationResult, 'finishReason' | 'error'> {
  const llmError = LlmError.is(error) ? error : new LlmError('inference', String(error), { cause: error });
  return { finishReason: 'error', error: llmError };
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
