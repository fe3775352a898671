// The WebAssembly backend: llama.cpp compiled to wasm, through @wllama/wllama.
// Loaded with import() by the engine, so pages that never load a GGUF model never fetch it.
import { CacheManager, Wllama, WllamaRuntimeError, type WllamaLogger } from '@wllama/wllama';
import { LlmError, throwIfAborted, abortError } from '../core/errors.js';
import {
  checkFitBeforeDownload,
  checkModelBytes,
  checkTensorTable,
  contextTooLarge,
  type StoredHeader,
} from '../models/load-checks.js';
import type { BackendKind, ModelInfo } from '../core/types.js';
import type { Backend, BackendGenerateRequest, BackendGenerateResult, BackendLoadRequest } from './backend.js';
import { chooseModelStore } from '../storage/model-store.js';
import { allowOwnBlobWorkers, checkPagePolicy } from '../device/page-policy.js';
import { fetchModelFiles, findStoredFiles } from '../storage/model-files.js';
import { fileName } from '../models/model-source.js';
import { messageOf } from '../storage/download-errors.js';
import { EngineFiles } from './wasm-asset.js';
import { startWatch } from './start-watch.js';
import { WllamaTokenCounter } from './wllama-token-count.js';
import { generateWithWllama, isWllamaAbort } from './wllama-generate.js';
import { chooseEmbeddingPooling, embedWithWllama } from './wllama-embed.js';
import { readGgufHeaderFromBlob } from '../models/read-gguf-header.js';

/** The engine files: llama.cpp's main wasm build, and wllama's compatibility build (wasm and worker). */
export interface EngineAssets {
  wasm: string;
  compatWasm: string;
  compatWorker: string;
}

/**
 * Where the engine files are served from: beside this module (in the script-tag build, beside its
 * chunk), never a CDN. A site that hosts the assets elsewhere says where once per page:
 * `<meta name="llm-elements-assets" content="https://assets.example/llm/">`. The compatibility build
 * is fetched only by browsers that need it (Safari).
 */
export function defaultAssets(): EngineAssets {
  const base = globalThis.document?.querySelector<HTMLMetaElement>('meta[name="llm-elements-assets"]')?.content;
  if (base) return assetsIn(new URL(base, document.baseURI).href);
  // Literal `new URL('./…', import.meta.url)`, so bundlers find and emit the files.
  return {
    wasm: new URL('./wllama.wasm', import.meta.url).href,
    compatWasm: new URL('./wllama-compat.wasm', import.meta.url).href,
    compatWorker: new URL('./wllama-compat-worker.txt', import.meta.url).href,
  };
}

/** The engine files in one folder (or beside one `wllama.wasm`). */
function assetsIn(folderOrWasm: string): EngineAssets {
  return {
    wasm: new URL('wllama.wasm', folderOrWasm).href,
    compatWasm: new URL('wllama-compat.wasm', folderOrWasm).href,
    compatWorker: new URL('wllama-compat-worker.txt', folderOrWasm).href,
  };
}

const GGUF_MAGIC = 'GGUF';

/** The context a failed load is retried with, to tell a bad file from a context too large for memory. */
const PROBE_CONTEXT_SIZE = 256;

/**
 * How long starting llama.cpp and reading a model of `bytes` into it may take before the start is
 * tried again, then given up (there is no progress to watch in that phase): a first compile on a
 * slow phone takes tens of seconds, and reading weights about a minute per GiB there.
 */
export function engineStartLimit(bytes: number): number {
  return Math.round(45_000 + (bytes / 1024 ** 3) * 90_000);
}

export interface WllamaBackendOptions {
  /** Overrides where `wllama.wasm` is fetched from (for sites that host assets elsewhere). */
  wasmUrl?: string;
  kind?: Extract<BackendKind, 'wllama-wasm' | 'wllama-webgpu'>;
  /** Receives llama.cpp's own log lines; by default they are dropped and only warnings surface. */
  logger?: WllamaLogger;
}

const quietLogger: WllamaLogger = {
  debug: () => {},
  log: () => {},
  warn: (...args: unknown[]) => console.warn('[llm-elements/wllama]', ...args),
  error: (...args: unknown[]) => {
    // A prompt past the context is refused with its count: the engine reports it (too-long) or wanted it (countTokens).
    if (!args.some((arg) => (arg as { type?: unknown } | null)?.type === 'exceed_context_size_error')) {
      console.error('[llm-elements/wllama]', ...args);
    }
  },
};

/**
 * Why llama.cpp refused a model, in words: an abort or exception inside llama.cpp (wllama's runtime
 * error, whose text is only "(ABORT)" or a native message, its stack apart) says only that it stopped.
 */
function loadFailureReason(error: unknown): string {
  if (error instanceof WllamaRuntimeError) return 'llama.cpp stopped while reading it';
  return messageOf(error);
}

export class WllamaBackend implements Backend {
  readonly kind: Extract<BackendKind, 'wllama-wasm' | 'wllama-webgpu'>;
  private readonly assets: EngineAssets;
  private readonly logger: WllamaLogger;
  private wllama: Wllama | null = null;
  private counter: { wllama: Wllama; counter: WllamaTokenCounter } | null = null;
  /** The loaded model's embedding, when it was loaded to embed. */
  private embedding: ModelInfo['embedding'];

  constructor(options: WllamaBackendOptions = {}) {
    this.kind = options.kind ?? 'wllama-wasm';
    this.assets = options.wasmUrl ? assetsIn(options.wasmUrl) : defaultAssets();
    this.logger = options.logger ?? quietLogger;
  }

  async load(request: BackendLoadRequest): Promise<ModelInfo> {
    await this.unload();
    // Workers start while the model downloads (the file-system writer) and loads (llama.cpp).
    const releaseWorkers = allowOwnBlobWorkers();
    try {
      return await this.loadModel(request);
    } finally {
      releaseWorkers();
    }
  }

  private async loadModel(request: BackendLoadRequest): Promise<ModelInfo> {
    // A page that forbids WebAssembly or blob: workers would leave wllama waiting forever.
    await checkPagePolicy(request.signal);
    const compat = request.wasmBuild === 'compat';
    const wasmUrl = compat ? this.assets.compatWasm : this.assets.wasm;
    // The engine files download beside the model, and count in its progress.
    const files = new EngineFiles(
      (loaded, total) => request.onEngineProgress?.(loaded, total),
      request.signal,
      request.stallTimeoutMs,
    );
    let wasmHref: string | null = null;
    try {
      // A missing or wrong engine file fails here, at once, before the model is fetched.
      const [wasmFile, workerFile] = await Promise.all([
        files.wasm(wasmUrl),
        compat ? files.workerScript(this.assets.compatWorker) : null,
      ]);
      const { backend: store, storage } = await chooseModelStore();
      // wllama does not export its storage type; ours has the same shape.
      const cache = store
        ? new CacheManager([store] as ConstructorParameters<typeof CacheManager>[0])
        : new CacheManager();
      // The store is asked once per load: the fit check reads stored headers, the download skips stored files.
      const stored = await findStoredFiles(cache, request.urls);
      // Device fit (device-fit.ts): a model that cannot fit fails here, before any download.
      const { memory, storedHeaders } = await checkFitBeforeDownload({
        urls: request.urls,
        stored,
        contextSize: request.contextSize,
        backend: this.kind,
        device: request.capabilities,
        stallTimeoutMs: request.stallTimeoutMs,
        signal: request.signal,
      });
      const blobs = await fetchModelFiles(cache, {
        urls: request.urls,
        stored,
        store: storage.store,
        stallTimeoutMs: request.stallTimeoutMs,
        signal: request.signal,
        onProgress: (loaded, total, fromCache) => request.onProgress(loaded, total, fromCache),
        checkTotal: checkModelBytes,
      });
      throwIfAborted(request.signal);
      await this.checkGguf(cache, request.urls, blobs, storedHeaders);
      // wllama runs the engine files fetched above, from memory.
      const fetchedWasm = (wasmHref = URL.createObjectURL(await wasmFile.body));
      const compatWorker = workerFile ? await (await workerFile.body).text() : null;
      const mainWasm = compat ? this.assets.wasm : fetchedWasm;
      const create = (logger: WllamaLogger) => {
        const instance = new Wllama({ default: mainWasm }, { logger, suppressNativeLog: true, cacheManager: cache });
        // The constructor points the compatibility build at a CDN; ours was fetched beside the main build.
        // wllama uses it where the browser lacks Memory64 or JSPI (as selectBackend() decided).
        instance.setCompat(
          compatWorker ? { wasm: fetchedWasm, worker: { code: compatWorker } } : null,
          'firefox_safari',
        );
        return instance;
      };
      let start = startWatch(wasmUrl, this.logger);
      let wllama = create(start.logger);
      this.wllama = wllama;
      request.onStarting?.();
      // To embed, llama.cpp pools each text's token vectors: as the model's file says, or as asked.
      const pooling = request.embeddings
        ? chooseEmbeddingPooling(
            await readGgufHeaderFromBlob(blobs[0] ?? new Blob()).catch(() => null),
            request.embeddings.pooling,
          )
        : undefined;
      const params = {
        n_ctx: request.contextSize,
        ...(pooling && { embeddings: true, pooling_type: pooling }),
        n_threads: request.threads,
        n_gpu_layers: request.gpuLayers,
        // The engine runs one request at a time, so one slot gets the whole context.
        n_parallel: 1,
        // Render any model template with llama.cpp's Jinja engine, not only the ones it knows by name.
        jinja: true,
      };
      let failure: { reason: string; cause?: unknown } | null = null;
      const modelBytes = blobs.reduce((sum, blob) => sum + blob.size, 0);
      const limitMs = engineStartLimit(modelBytes);
      for (let attempt = 1; ; attempt++) {
        try {
          await start.race(wllama.loadModel(blobs, params), request.signal, limitMs);
          break;
        } catch (error) {
          if (start.timedOut && attempt === 1) {
            // A start that hangs (seen rarely in Firefox under heavy load) is tried once more, in new workers.
            this.logger.warn(`llama.cpp did not start within ${limitMs / 1000} s; starting it again in new workers`);
            await wllama.exit().catch(() => {});
            start = startWatch(wasmUrl, this.logger);
            wllama = create(start.logger);
            this.wllama = wllama;
            continue;
          }
          if (LlmError.is(error)) throw error; // the engine did not start, or the load was aborted
          failure = { reason: loadFailureReason(error), cause: error };
          break;
        } finally {
          start.stop();
        }
      }
      throwIfAborted(request.signal);
      const context = failure ? null : wllama.getLoadedContextInfo();
      // llama.cpp reports some failures (a truncated file among them) as a load with no context.
      if (!context || !(context.n_ctx > 0 && context.n_vocab > 0)) {
        failure ??= { reason: 'it produced no usable model' };
        throw await this.loadFailed({ create, cache, wasmUrl, blobs, modelBytes, params, request, failure });
      }
      const meta = context.metadata;
      const chatTemplate = wllama.getChatTemplate();
      this.embedding = pooling ? { size: context.n_embd, pooling } : undefined;
      return {
        name: meta['general.name'] || fileName(request.urls[0] ?? ''),
        architecture: meta['general.architecture'] ?? 'unknown',
        contextSize: context.n_ctx,
        trainedContextSize: context.n_ctx_train,
        chatTemplate,
        chatFormat: chatTemplate ? 'template' : 'none',
        sizeBytes: modelBytes,
        storage,
        memory,
        ...(this.embedding && { embedding: this.embedding }),
      };
    } catch (error) {
      await this.unload();
      if (isWllamaAbort(error)) throw abortError(request.signal);
      throw error;
    } finally {
      files.close();
      if (wasmHref) URL.revokeObjectURL(wasmHref);
    }
  }

  /**
   * Names why llama.cpp refused a file whose header was fine. The same file with a small context
   * tells the two apart: if that loads, the file is good and the context did not fit in memory
   * (`too-large`, cache kept); if not, the file is bad and leaves the cache, so a retry downloads it.
   */
  private async loadFailed({
    create,
    cache,
    wasmUrl,
    blobs,
    modelBytes,
    params,
    request,
    failure,
  }: {
    create: (logger: WllamaLogger) => Wllama;
    cache: CacheManager;
    wasmUrl: string;
    blobs: Blob[];
    modelBytes: number;
    params: { n_ctx: number } & Record<string, unknown>;
    request: BackendLoadRequest;
    failure: { reason: string; cause?: unknown };
  }): Promise<LlmError> {
    await this.unload();
    if (params.n_ctx > PROBE_CONTEXT_SIZE) {
      const watch = startWatch(wasmUrl, this.logger);
      const probe = create(watch.logger);
      this.wllama = probe;
      try {
        const loading = probe.loadModel(blobs, { ...params, n_ctx: PROBE_CONTEXT_SIZE });
        await watch.race(loading, request.signal, engineStartLimit(modelBytes));
        const info = probe.getLoadedContextInfo();
        if (info.n_ctx > 0 && info.n_vocab > 0) {
          return contextTooLarge(params.n_ctx, modelBytes, info);
        }
      } catch (error) {
        if (LlmError.is(error) && error.code === 'aborted') throw error;
        // Otherwise the file itself is bad: reported below.
      } finally {
        watch.stop();
        await this.unload();
      }
    }
    await Promise.all(request.urls.map((url) => cache.delete(url).catch(() => {})));
    return new LlmError(
      'load-failed',
      `llama.cpp could not load ${fileName(request.urls[0] ?? '')}: ${failure.reason}. The file may be truncated or corrupt (its header may describe tensors it does not hold), or use an architecture this version of llama.cpp does not support.`,
      { cause: failure.cause },
    );
  }

  private async checkGguf(
    cache: CacheManager,
    urls: string[],
    blobs: Blob[],
    storedHeaders: readonly (StoredHeader | undefined)[],
  ): Promise<void> {
    for (const [index, blob] of blobs.entries()) {
      const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
      const url = urls[index] ?? '';
      if (String.fromCharCode(...head) === GGUF_MAGIC) {
        try {
          await checkTensorTable(url, blob, storedHeaders[index]);
        } catch (error) {
          await cache.delete(url).catch(() => {}); // a short file leaves the store
          throw error;
        }
        continue;
      }
      await cache.delete(url).catch(() => {});
      const text = new TextDecoder().decode(head).toLowerCase();
      const hint = text.startsWith('<') ? ' It looks like a web page.' : '';
      throw new LlmError('not-gguf', `${fileName(url)} is not a GGUF model (it does not start with "GGUF").${hint}`);
    }
  }

  /** llama.cpp constrains chats and completions alike, on the CPU and on WebGPU. */
  canConstrain(): boolean {
    return true;
  }

  /**
   * llama.cpp continues a chat's last assistant message: its server renders a conversation that
   * ends with one through the template with that turn left open (no end-of-turn after it), and goes
   * on from its text (`prefill_assistant`, on unless a load turns it off). Without a template the
   * engine writes the open turn itself (formatFallbackPrompt).
   */
  canContinue(): boolean {
    return true;
  }

  /** llama.cpp writes the tools into the prompt with the model's own template, and parses its calls. */
  canUseTools(): boolean {
    return true;
  }

  /** A model loaded with `embeddings` embeds (wllama-embed.ts). */
  canEmbed(): boolean {
    return this.embedding !== undefined;
  }

  async embed(texts: readonly string[], signal: AbortSignal): Promise<Float32Array[]> {
    const wllama = this.wllama;
    if (!wllama?.isModelLoaded()) throw new LlmError('not-loaded', 'No model is loaded.');
    return embedWithWllama(wllama, texts, signal);
  }

  async generate(request: BackendGenerateRequest): Promise<BackendGenerateResult> {
    const wllama = this.wllama;
    if (!wllama?.isModelLoaded()) throw new LlmError('not-loaded', 'No model is loaded.');
    return generateWithWllama(wllama, request);
  }

  /** Tokens of `text` by llama.cpp's tokenizer (wllama-token-count.ts). */
  async countTokens(text: string, signal?: AbortSignal): Promise<number | undefined> {
    const wllama = this.wllama;
    if (!wllama?.isModelLoaded()) throw new LlmError('not-loaded', 'No model is loaded.');
    if (this.counter?.wllama !== wllama) this.counter = { wllama, counter: new WllamaTokenCounter(wllama) };
    try {
      return await this.counter.counter.count(text, signal);
    } catch (error) {
      if (isWllamaAbort(error) || signal?.aborted) throw abortError(signal);
      throw new LlmError('inference', `Counting tokens failed: ${messageOf(error)}`, { cause: error });
    }
  }

  async unload(): Promise<void> {
    const wllama = this.wllama;
    this.wllama = null;
    await wllama?.exit().catch(() => {});
  }
}
