// The WebAssembly backend: llama.cpp compiled to wasm, through @wllama/wllama.
// Loaded with import() by the engine, so pages that never load a GGUF model never fetch it.
import {
  CacheManager,
  Wllama,
  WllamaAbortError,
  WllamaError,
  WllamaRuntimeError,
  type ChatCompletionChunk,
  type RawCompletionChunk,
  type WllamaLogger,
} from '@wllama/wllama';
import { CATALOG } from '../models/catalog.js';
import { tooLongError } from '../prompting/context-window.js';
import { LlmError, isAbort, throwIfAborted, abortError } from '../core/errors.js';
import { DOWNLOAD_LOCK_PREFIX } from '../storage/model-cache.js';
import { checkTensorData, type GgufHeader } from '../models/gguf-header.js';
import { HEADER_TIMEOUT_MS, readGgufHeader, readGgufHeaderFromBlob } from '../models/read-gguf-header.js';
import { checkDeviceFit } from '../models/device-fit.js';
import type { BackendKind, MemoryEstimate, ModelInfo, ModelStorage } from '../core/types.js';
import type { Backend, BackendGenerateRequest, BackendGenerateResult, BackendLoadRequest } from './backend.js';
import { chooseModelStore } from '../storage/model-store.js';
import { allowOwnBlobWorkers, checkPagePolicy } from '../device/page-policy.js';
import { InPlaceWriter, canWriteInPlace, findPartial } from '../storage/partial-download.js';
import { FileChangedError, fetchResuming } from '../storage/resuming-fetch.js';
import { assetError, checkWasmAsset } from './wasm-asset.js';

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

/** The compatibility build's worker script, checked: wllama runs it from a blob, so a web page in its place would hang it. */
async function fetchCompatWorker(url: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    throw assetError(url, 'could not be fetched', error);
  }
  if (!response.ok) throw assetError(url, `answered HTTP ${response.status}`);
  const code = await response.text();
  if (/^\s*</.test(code)) throw assetError(url, 'is a web page, not the compatibility build’s worker');
  return code;
}

/** An ArrayBuffer, and so one model file, cannot exceed 2 GiB in wllama. */
export const MAX_FILE_BYTES = 2 * 1024 ** 3;
/** 32-bit WebAssembly addresses at most 4 GiB; weights plus context must fit below it. */
export const MAX_MODEL_BYTES = 3.5 * 1024 ** 3;

const GGUF_MAGIC = 'GGUF';

/** The context a failed load is retried with, to tell a bad file from a context too large for memory. */
const PROBE_CONTEXT_SIZE = 256;

/** What a context of `contextSize` tokens costs, from the model's own shape, and what to do. */
function contextTooLarge(
  contextSize: number,
  modelBytes: number,
  info: { n_ctx_train: number; n_layer: number; n_embd: number; metadata: Record<string, string> },
): LlmError {
  const arch = info.metadata['general.architecture'] ?? '';
  const number = (key: string) => Number(info.metadata[`${arch}.${key}`]) || 0;
  const heads = number('attention.head_count') || 1;
  const kvHeads = number('attention.head_count_kv') || heads;
  const headSize = info.n_embd / heads;
  const keyLength = number('attention.key_length') || headSize;
  const valueLength = number('attention.value_length') || headSize;
  // llama.cpp keeps keys and values for every layer and token, in 16-bit floats by default.
  const cacheBytes = contextSize * info.n_layer * kvHeads * (keyLength + valueLength) * 2;
  const trained = info.n_ctx_train > 0 ? ` (the model was trained for ${info.n_ctx_train.toLocaleString('en')})` : '';
  return new LlmError(
    'too-large',
    `A context of ${contextSize.toLocaleString('en')} tokens does not fit in memory: its cache alone needs about ${formatBytes(cacheBytes)}, on top of the model's ${formatBytes(modelBytes)}, and WebAssembly can address at most 4 GiB. Set a smaller context-size${trained}.`,
  );
}

/** How long a download may go without data, or a server without answering, by default. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

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
  error: (...args: unknown[]) => console.error('[llm-elements/wllama]', ...args),
};

function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
  } catch {
    return url;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** Whether wllama (or the fetch under it) was aborted; becomes our `LlmError('aborted')` here. */
function isWllamaAbort(error: unknown): boolean {
  return error instanceof WllamaAbortError || isAbort(error);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  // A worker that failed reports an ErrorEvent (or a bare Event), not an Error.
  if (typeof ErrorEvent !== 'undefined' && error instanceof ErrorEvent) return error.message || 'the worker failed';
  if (typeof Event !== 'undefined' && error instanceof Event) return `the worker reported "${error.type}"`;
  return String(error);
}

/**
 * llama.cpp's refusal of a prompt longer than its context, which it counts with the model's own
 * tokenizer before generating anything: "request (290 tokens) exceeds the available context size
 * (256 tokens), try increasing it". wllama passes on only the text of llama-server's error.
 */
function contextRefusal(error: unknown): { tokens: number; contextSize: number } | null {
  const match = /request \((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/.exec(messageOf(error));
  return match ? { tokens: Number(match[1]), contextSize: Number(match[2]) } : null;
}

/**
 * Why llama.cpp refused a model, in words: an abort or exception inside llama.cpp (wllama's runtime
 * error, whose text is only "(ABORT)" or a native message, its stack apart) says only that it stopped.
 */
function loadFailureReason(error: unknown): string {
  if (error instanceof WllamaRuntimeError) return 'llama.cpp stopped while reading it';
  return messageOf(error);
}

/** Maps a failed download or load to a stable code and a message a person can act on. */
function downloadError(url: string, error: unknown): LlmError {
  if (LlmError.is(error)) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (['SecurityError', 'QuotaExceededError', 'NotAllowedError', 'InvalidStateError'].includes(name)) {
    return new LlmError(
      'storage',
      `This browser could not store ${fileName(url)}: ${messageOf(error)}. Free some space, or leave private browsing, and try again.`,
      { cause: error },
    );
  }
  const status = /HTTP (\d{3})/.exec(messageOf(error))?.[1];
  if (status) return httpError(url, Number(status), error);
  return new LlmError(
    'network',
    `Could not download ${fileName(url)}: ${messageOf(error)}. Check the address, the connection, and that the server allows this page to read it (CORS).`,
    { cause: error },
  );
}

function tooLargeFile(url: string, size: number): LlmError {
  return new LlmError(
    'too-large',
    `${fileName(url)} is ${formatBytes(size)}; one file can be at most ${formatBytes(MAX_FILE_BYTES)} in the browser. Split it with llama-gguf-split.`,
  );
}

function httpError(url: string, status: number, cause?: unknown): LlmError {
  if (status === 404 || status === 410) {
    return new LlmError('model-not-found', `No model at ${url} (HTTP ${status}). Check the src address.`, { cause });
  }
  return new LlmError('network', `The server answered HTTP ${status} for ${url}.`, { cause });
}

/** A download in progress, shared by every engine on the page that wants the same file. */
interface SharedDownload {
  promise: Promise<void>;
  listeners: Set<(loaded: number) => void>;
  controller: AbortController;
  waiters: number;
}

const downloads = new Map<string, SharedDownload>();

/** Runs `task` holding a lock named `name` across every tab of the origin, where Web Locks exist. */
async function withLock(name: string, signal: AbortSignal, task: () => Promise<void>): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) await locks.request(name, { signal }, task);
  else await task();
}

/**
 * Downloads a file into wllama's cache once, however many engines (on this page or in other tabs)
 * want it at the same time: the cache (OPFS) allows one writer per file. Later callers wait for the
 * first download and share its progress; it is aborted only when every caller has aborted.
 */
async function downloadOnce(
  wllama: Wllama,
  url: string,
  signal: AbortSignal | undefined,
  onBytes: (loaded: number) => void,
  stallMs: number,
  inPlace: boolean,
): Promise<void> {
  let shared = downloads.get(url);
  if (!shared) {
    const controller = new AbortController();
    const listeners = new Set<(loaded: number) => void>();
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    // No data for `stallMs` (the server hangs before or during the body): give up with an error.
    const armWatchdog = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        const seconds = Math.round(stallMs / 1000);
        controller.abort(
          new LlmError(
            'network',
            `The download of ${fileName(url)} stalled: no data for ${seconds} s. Check the connection, then retry.`,
          ),
        );
      }, stallMs);
    };
    const promise = withLock(`${DOWNLOAD_LOCK_PREFIX}${url}`, controller.signal, async () => {
      if ((await completeCachedSize(wllama, url)) !== undefined) return; // another tab finished it
      armWatchdog();
      const name = await wllama.cacheManager.getNameFromURL(url);
      // A part stored by an earlier page (or load) is kept, and only the rest is asked for.
      const partial = inPlace ? await findPartial(wllama.cacheManager, name, url) : null;
      // An earlier part is kept through a failure of the connection, not through a changed file.
      let keepPartial = partial !== null;
      try {
        // Our own GET, not wllama's download(): a dropped connection resumes where it stopped.
        const response = await fetchResuming(url, {
          signal: controller.signal,
          onResume: armWatchdog,
          from: partial ? { offset: partial.received, total: partial.total, validator: partial.validator } : undefined,
        });
        // The GET's own length counts too (a HEAD may have said nothing).
        if (response.total > MAX_FILE_BYTES) {
          await response.body.cancel();
          throw tooLargeFile(url, response.total);
        }
        let loaded = response.offset;
        const metadata = { originalURL: url, originalSize: response.total, etag: response.etag };
        const count = (chunk: Uint8Array) => {
          loaded += chunk.byteLength;
          armWatchdog();
          listeners.forEach((listener) => listener(loaded));
        };
        if (inPlace && response.total && response.validator) {
          // Written in place: what arrives stays stored if the page closes, and resumes next time.
          const writer = await InPlaceWriter.open(name, response.offset, {
            ...metadata,
            validator: response.validator,
          });
          keepPartial = true;
          try {
            const reader = response.body.getReader();
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              count(value);
              await writer.write(value);
            }
          } catch (error) {
            await writer.close().catch(() => {});
            throw error;
          }
          await writer.finish(metadata);
          return;
        }
        const counted = response.body.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, stream) {
              count(chunk);
              stream.enqueue(chunk);
            },
            flush() {
              // Without Content-Length the size is known once the body has ended.
              metadata.originalSize ||= loaded;
            },
          }),
        );
        // wllama's store, then its metadata: only a complete file gets metadata naming its URL.
        await wllama.cacheManager.write(name, counted, metadata);
      } catch (error) {
        const reason: unknown = controller.signal.reason;
        const failure = LlmError.is(reason) && reason.code !== 'aborted' ? reason : error;
        // A partial file is never taken for the model (its size is not the metadata's); it is kept
        // to be resumed unless it cannot be (no room, or another file).
        const storageFull = failure instanceof Error && failure.name === 'QuotaExceededError';
        const otherFile = error instanceof FileChangedError || /HTTP \d{3}/.test(messageOf(error));
        if (!keepPartial || storageFull || otherFile) await wllama.cacheManager.delete(url).catch(() => {});
        throw failure;
      } finally {
        clearTimeout(watchdog);
      }
    }).finally(() => {
      if (downloads.get(url) === shared) downloads.delete(url);
    });
    shared = { promise, listeners, controller, waiters: 0 };
    downloads.set(url, shared);
  }
  const download = shared;
  download.waiters++;
  download.listeners.add(onBytes);
  try {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        if (--download.waiters === 0) {
          download.controller.abort(signal?.reason);
          // A load that starts now must not join this dying download: it starts its own, which
          // waits for the lock until this one has removed its partial file.
          if (downloads.get(url) === download) downloads.delete(url);
        }
        reject(abortError(signal));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      download.promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
    });
  } finally {
    download.listeners.delete(onBytes);
  }
}

/**
 * Fails at once, before a byte is fetched, when the browser will not let the page store `bytes` more
 * (`navigator.storage.estimate()`): otherwise the download would run for minutes and then fail.
 */
async function checkStorageRoom(url: string, bytes: number): Promise<void> {
  if (!bytes) return;
  let estimate: StorageEstimate | undefined;
  try {
    estimate = await globalThis.navigator?.storage?.estimate?.();
  } catch {
    return; // no estimate: the download finds out
  }
  if (!estimate?.quota) return;
  const free = estimate.quota - (estimate.usage ?? 0);
  if (bytes <= free) return;
  throw new LlmError(
    'storage',
    `${fileName(url)} needs ${formatBytes(bytes)}, but this browser lets the page store only ${formatBytes(Math.max(free, 0))} more (${formatBytes(estimate.usage ?? 0)} of ${formatBytes(estimate.quota)} used). Free some space, or remove other cached models, and try again.`,
  );
}

/** The size of a complete cached copy of `url`, or undefined. */
async function completeCachedSize(wllama: Wllama, url: string): Promise<number | undefined> {
  try {
    const name = await wllama.cacheManager.getNameFromURL(url);
    const [size, metadata] = await Promise.all([
      wllama.cacheManager.getSize(name),
      wllama.cacheManager.getMetadata(name),
    ]);
    // wllama makes up metadata for a file that has none (as a partial download is, until it ends),
    // with the file's own size as the original size and no URL: only real metadata vouches for it.
    return size > 0 && metadata?.originalURL === url && metadata.originalSize === size ? size : undefined;
  } catch {
    return undefined;
  }
}

export class WllamaBackend implements Backend {
  readonly kind: Extract<BackendKind, 'wllama-wasm' | 'wllama-webgpu'>;
  private readonly assets: EngineAssets;
  private readonly logger: WllamaLogger;
  private wllama: Wllama | null = null;

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
    // A missing or wrong engine file would leave wllama's worker waiting forever: check it first.
    await checkWasmAsset(wasmUrl, request.signal);
    const compatWorker = compat ? await fetchCompatWorker(this.assets.compatWorker, request.signal) : null;
    const { backend: store, storage } = await chooseModelStore();
    const create = (logger: WllamaLogger) => {
      const instance = new Wllama(
        { default: this.assets.wasm },
        {
          logger,
          suppressNativeLog: true,
          // wllama does not export its storage type; ours has the same shape.
          ...(store
            ? { cacheManager: new CacheManager([store] as ConstructorParameters<typeof CacheManager>[0]) }
            : {}),
        },
      );
      // The constructor points the compatibility build at a CDN; ours is served beside the main build.
      // wllama uses it where the browser lacks Memory64 or JSPI (as selectBackend() decided).
      instance.setCompat(
        compatWorker ? { wasm: this.assets.compatWasm, worker: { code: compatWorker } } : null,
        'firefox_safari',
      );
      return instance;
    };
    let start = startWatch(wasmUrl, this.logger);
    let wllama = create(start.logger);
    this.wllama = wllama;
    try {
      // Device fit (device-fit.ts): a model that cannot fit fails here, before any download.
      const { memory, storedHeaders } = await checkModelFit(wllama, request, this.kind);
      const blobs = await this.fetchModel(wllama, request, storage.store);
      throwIfAborted(request.signal);
      await this.checkGguf(wllama, request.urls, blobs, storedHeaders);
      const params = {
        n_ctx: request.contextSize,
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
        throw await this.loadFailed({ create, cache: wllama.cacheManager, wasmUrl, blobs, params, request, failure });
      }
      const meta = context.metadata;
      const chatTemplate = wllama.getChatTemplate();
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
      };
    } catch (error) {
      await this.unload();
      if (isWllamaAbort(error)) throw abortError(request.signal);
      throw error;
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
    params,
    request,
    failure,
  }: {
    create: (logger: WllamaLogger) => Wllama;
    cache: CacheManager;
    wasmUrl: string;
    blobs: Blob[];
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
        const modelBytes = blobs.reduce((sum, blob) => sum + blob.size, 0);
        const limitMs = engineStartLimit(modelBytes);
        await watch.race(probe.loadModel(blobs, { ...params, n_ctx: PROBE_CONTEXT_SIZE }), request.signal, limitMs);
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

  /** Each file from the model store (see model-store.ts) when complete there, else downloaded into it. */
  private async fetchModel(wllama: Wllama, request: BackendLoadRequest, store: ModelStorage['store']): Promise<Blob[]> {
    const { cacheManager } = wllama;
    const cachedSizes = await Promise.all(request.urls.map((url) => completeCachedSize(wllama, url)));
    const sizes = await Promise.all(
      request.urls.map(
        (url, i) =>
          cachedSizes[i] ?? this.preflight(url, request.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS, request.signal),
      ),
    );
    const total = sizes.reduce((sum, size) => sum + size, 0);
    if (total > MAX_MODEL_BYTES) {
      throw new LlmError(
        'too-large',
        `The model is ${formatBytes(total)}; WebAssembly can hold at most about ${formatBytes(MAX_MODEL_BYTES)}. Choose a smaller or more quantized model.`,
      );
    }
    const inPlace = store === 'opfs' && canWriteInPlace();
    // Parts stored by an earlier page count as fetched: only the rest is downloaded.
    const stored = await Promise.all(
      request.urls.map(async (url, i) => {
        if (cachedSizes[i] !== undefined) return cachedSizes[i];
        if (!inPlace) return 0;
        const partial = await findPartial(cacheManager, await cacheManager.getNameFromURL(url), url);
        return partial && partial.total === sizes[i] ? partial.received : 0;
      }),
    );
    const missing = sizes.reduce((sum, size, i) => sum + size - (stored[i] ?? 0), 0);
    // Memory holds the model for this page only: the storage quota does not apply.
    if (store !== 'memory') await checkStorageRoom(request.urls[0] ?? '', missing);
    const loaded = [...stored];
    const fromCache = cachedSizes.every((size) => size !== undefined);
    const report = () =>
      request.onProgress(
        loaded.reduce((a, b) => a + b, 0),
        total,
        fromCache,
      );
    report();
    for (const [index, url] of request.urls.entries()) {
      if (cachedSizes[index] !== undefined) continue;
      try {
        await downloadOnce(
          wllama,
          url,
          request.signal,
          (bytes) => {
            loaded[index] = bytes;
            report();
          },
          request.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
          inPlace,
        );
      } catch (error) {
        if (isWllamaAbort(error) || request.signal?.aborted) throw abortError(request.signal);
        throw downloadError(url, error);
      }
      loaded[index] = sizes[index] || loaded[index] || 0;
      report();
    }
    const blobs = await Promise.all(request.urls.map((url) => cacheManager.open(url)));
    return blobs.map((blob, i) => {
      if (!blob) throw new LlmError('load-failed', `${fileName(request.urls[i] ?? '')} vanished from the model cache.`);
      return blob;
    });
  }

  /**
   * Asks the server about the file before downloading it, so a wrong address, a web page or a file too
   * big fails at once with a clear reason instead of after a long download. Returns the size (0: unknown).
   */
  private async preflight(url: string, stallMs: number, signal?: AbortSignal): Promise<number> {
    let response: Response;
    const timeout = AbortSignal.timeout(stallMs);
    try {
      response = await fetch(url, { method: 'HEAD', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if (timeout.aborted) {
        throw new LlmError(
          'network',
          `The server of ${fileName(url)} did not answer within ${Math.round(stallMs / 1000)} s. Check the connection, then retry.`,
          { cause: error },
        );
      }
      if (isWllamaAbort(error)) throw abortError(signal);
      throw downloadError(url, error);
    }
    // Only "not found" is final here: servers without HEAD (405, 501) and signed URLs (403) answer
    // HEAD with an error and GET with the file. The size is then unknown, and the GET decides.
    if (response.status === 404 || response.status === 410) throw httpError(url, response.status);
    if (!response.ok) return 0;
    const type = response.headers.get('content-type') ?? '';
    if (/text\/html|application\/xhtml/i.test(type)) {
      throw new LlmError(
        'not-gguf',
        `${url} is a web page (${type.split(';')[0]}), not a GGUF model. Check the src address.`,
      );
    }
    const size = Number(response.headers.get('content-length') ?? 0);
    if (size > MAX_FILE_BYTES) throw tooLargeFile(url, size);
    return size;
  }

  private async checkGguf(
    wllama: Wllama,
    urls: string[],
    blobs: Blob[],
    storedHeaders: readonly (StoredHeader | undefined)[],
  ): Promise<void> {
    for (const [index, blob] of blobs.entries()) {
      const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
      const url = urls[index] ?? '';
      if (String.fromCharCode(...head) === GGUF_MAGIC) {
        await checkTensorTable(wllama, url, blob, storedHeaders[index]);
        continue;
      }
      await wllama.cacheManager.delete(url).catch(() => {});
      const text = new TextDecoder().decode(head).toLowerCase();
      const hint = text.startsWith('<') ? ' It looks like a web page.' : '';
      throw new LlmError('not-gguf', `${fileName(url)} is not a GGUF model (it does not start with "GGUF").${hint}`);
    }
  }

  /** llama.cpp constrains chats and completions alike, on the CPU and on WebGPU. */
  canConstrain(): boolean {
    return true;
  }

  async generate(request: BackendGenerateRequest): Promise<BackendGenerateResult> {
    const wllama = this.wllama;
    if (!wllama?.isModelLoaded()) throw new LlmError('not-loaded', 'No model is loaded.');
    const { options, input, onDelta, signal, schemaGrammar } = request;
    let finishReason: BackendGenerateResult['finishReason'] = 'stop';
    let promptTokens: number | undefined;
    let cachedPromptTokens: number | undefined;
    let completionTokens: number | undefined;
    let tokensPerSecond: number | undefined;
    const readStats = (chunk: ChatCompletionChunk | RawCompletionChunk) => {
      const reason = chunk.choices[0]?.finish_reason;
      if (reason === 'length') finishReason = 'length';
      // llama.cpp counts the tokens it processed (prompt_n) apart from those it reused (cache_n); the
      // prompt is both. usage.prompt_tokens is the processed part only.
      const processed = chunk.timings?.prompt_n;
      if (processed !== undefined) promptTokens = processed + (chunk.timings?.cache_n ?? 0);
      else promptTokens = chunk.usage?.prompt_tokens ?? promptTokens;
      completionTokens = chunk.usage?.completion_tokens ?? chunk.timings?.predicted_n ?? completionTokens;
      tokensPerSecond = chunk.timings?.predicted_per_second || tokensPerSecond;
      cachedPromptTokens = chunk.timings?.cache_n ?? cachedPromptTokens;
    };
    // Field names are llama-server's; wllama passes the request through as JSON.
    const sampling = {
      max_tokens: options.max_tokens,
      temperature: options.temperature,
      top_k: options.top_k,
      top_p: options.top_p,
      min_p: options.min_p,
      seed: options.seed,
      repeat_penalty: options.repeat_penalty,
      stop: options.stop?.length ? options.stop : undefined,
      // A GBNF grammar: the caller's, or the one the engine built from the schema. llama.cpp's own
      // schema converter is not used: it leaves decimal ranges and some keywords unenforced.
      grammar: options.grammar ?? schemaGrammar,
      abortSignal: signal,
      stream: true as const,
    };
    if (options.schema !== undefined && schemaGrammar === undefined) {
      throw new LlmError('invalid-request', 'A schema reached llama.cpp without the grammar that enforces it.');
    }
    try {
      if (input.kind === 'chat') {
        await wllama.createChatCompletion({
          ...sampling,
          messages: input.messages,
          onData: (chunk: ChatCompletionChunk) => {
            const delta = chunk.choices[0]?.delta?.content;
            if (delta) onDelta(delta);
            readStats(chunk);
          },
        });
      } else {
        await wllama.createCompletion({
          ...sampling,
          prompt: input.prompt,
          onData: (chunk: RawCompletionChunk) => {
            const delta = chunk.choices[0]?.text;
            if (delta) onDelta(delta);
            readStats(chunk);
          },
        });
      }
    } catch (error) {
      if (isWllamaAbort(error) || signal.aborted) throw abortError(signal);
      const refused = contextRefusal(error);
      if (refused) throw tooLongError(refused.tokens, refused.contextSize, { cause: error });
      const kind = error instanceof WllamaError ? error.type : 'unknown_error';
      const message =
        kind === 'kv_cache_full'
          ? 'The conversation no longer fits the context window.'
          : `Generation failed: ${messageOf(error)}`;
      throw new LlmError('inference', message, { cause: error });
    }
    return { finishReason, promptTokens, cachedPromptTokens, completionTokens, tokensPerSecond };
  }

  async unload(): Promise<void> {
    const wllama = this.wllama;
    this.wllama = null;
    await wllama?.exit().catch(() => {});
  }
}

/**
 * Watches llama.cpp's start: wllama reports a worker that failed (the wasm did not compile, the
 * worker script did not run) only to its logger, and its load promise then never settles. While
 * the watch runs, an error logged ends the load, unless the load itself fails by the next task: a
 * llama.cpp that started and then aborted on the model logs its stack and then rejects the load,
 * and that is the model's failure, not the engine file's. So do the caller's abort and a time limit.
 */
function startWatch(wasmUrl: string, logger: WllamaLogger) {
  let watching = true;
  let fail: (error: LlmError) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});
  const watched: WllamaLogger = {
    ...logger,
    error: (...args: unknown[]) => {
      logger.error(...args);
      if (!watching) return;
      const error = assetError(wasmUrl, `could not be started: ${args.map(messageOf).join(' ')}`);
      // wllama rejects the load within this task's microtasks; a timer comes after them.
      setTimeout(() => fail(error), 0);
    },
  };
  const watch = {
    /** Whether the time limit ended the start (not an error, not an abort). */
    timedOut: false,
    logger: watched,
    /** Settles with `loading`, or rejects with an `LlmError` on a failed start, an abort or the time limit. */
    race<T>(loading: Promise<T>, signal: AbortSignal | undefined, limitMs: number): Promise<T> {
      const limit = setTimeout(() => {
        watch.timedOut = true;
        fail(assetError(wasmUrl, `did not start llama.cpp within ${Math.round(limitMs / 1000)} s`));
      }, limitMs);
      const onAbort = () => fail(abortError(signal));
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      return Promise.race([loading, failed]).finally(() => {
        clearTimeout(limit);
        signal?.removeEventListener('abort', onAbort);
      });
    },
    stop(): void {
      watching = false;
    },
  };
  return watch;
}

/** A GGUF header the fit check read from the model store, and the size of the stored file it came from. */
interface StoredHeader {
  header: GgufHeader;
  fileBytes: number;
}

/**
 * Checks that the file holds every byte its tensor table names, so a short file (cut, or stored
 * by an older version) fails with a clear reason and leaves the store, instead of reaching llama.cpp.
 */
async function checkTensorTable(wllama: Wllama, url: string, blob: Blob, stored?: StoredHeader): Promise<void> {
  let header;
  try {
    // The fit check's header serves when it was read from this stored file; a header read from the
    // server does not vouch for the bytes stored, so that file's own header is read.
    header = stored?.fileBytes === blob.size ? stored.header : await readGgufHeaderFromBlob(blob);
  } catch {
    return; // a header this reader cannot follow: llama.cpp judges the file
  }
  try {
    checkTensorData(header, fileName(url), blob.size);
  } catch (error) {
    await wllama.cacheManager.delete(url).catch(() => {});
    throw error;
  }
}

// --- Device fit before download (issue 14) -----------------------------------------------------

/**
 * Estimates the memory the model needs from the GGUF header of every part (read from the model store
 * when the file is there complete, else with HTTP Range requests) and throws `too-large`, with both
 * numbers and what to do, when the device cannot give it (see device-fit.ts). A header that cannot be
 * read (CORS, 404, not GGUF, a slow server) skips the check: the load itself then reports the problem.
 * Also returns each header read from the store, so the tensor-table check does not read it again.
 */
async function checkModelFit(
  wllama: Wllama,
  request: BackendLoadRequest,
  kind: Extract<BackendKind, 'wllama-wasm' | 'wllama-webgpu'>,
): Promise<{ memory?: MemoryEstimate; storedHeaders: (StoredHeader | undefined)[] }> {
  const timeoutMs = Math.min(request.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS, HEADER_TIMEOUT_MS);
  const storedHeaders: (StoredHeader | undefined)[] = [];
  const read = async (url: string, index: number) => {
    const cached = (await completeCachedSize(wllama, url)) !== undefined && (await wllama.cacheManager.open(url));
    if (!cached) return readGgufHeader(url, { signal: request.signal, timeoutMs });
    const header = await readGgufHeaderFromBlob(cached);
    storedHeaders[index] = { header, fileBytes: cached.size };
    return header;
  };
  let headers;
  try {
    headers = await Promise.all(request.urls.map(read));
  } catch {
    throwIfAborted(request.signal);
    return { storedHeaders };
  }
  // A header that declares impossible tensors is corrupt: said before the download, not as "too large".
  headers.forEach((header, i) => checkTensorData(header, fileName(request.urls[i] ?? '')));
  return { memory: fitEstimate(headers, request, kind), storedHeaders };
}

/** The estimate, or `too-large` when the device cannot give it; undefined for a header the estimate cannot read. */
function fitEstimate(
  headers: GgufHeader[],
  request: BackendLoadRequest,
  kind: Extract<BackendKind, 'wllama-wasm' | 'wllama-webgpu'>,
): MemoryEstimate | undefined {
  try {
    return checkDeviceFit({
      model: headers,
      contextSize: request.contextSize,
      backend: kind,
      device: request.capabilities,
      alternatives: CATALOG,
      name: fileName(request.urls[0] ?? ''),
    });
  } catch (error) {
    if (LlmError.is(error) && error.code === 'too-large') throw error;
    return undefined; // a header the estimate cannot read: no check
  }
}
