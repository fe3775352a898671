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
import { checkTensorData, type GgufHeader } from '../models/gguf-header.js';
import { HEADER_TIMEOUT_MS, readGgufHeader, readGgufHeaderFromBlob } from '../models/read-gguf-header.js';
import { checkDeviceFit } from '../models/device-fit.js';
import type { BackendKind, MemoryEstimate, ModelInfo } from '../core/types.js';
import type { Backend, BackendGenerateRequest, BackendGenerateResult, BackendLoadRequest } from './backend.js';
import { chooseModelStore } from '../storage/model-store.js';
import { allowOwnBlobWorkers, checkPagePolicy } from '../device/page-policy.js';
import { completeCachedSize } from '../storage/model-download.js';
import { DEFAULT_STALL_TIMEOUT_MS } from '../core/model-loader.js';
import { fetchModelFiles } from '../storage/model-files.js';
import { fileName } from '../models/model-source.js';
import { formatBytes } from '../core/format-bytes.js';
import { messageOf } from '../storage/download-errors.js';
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

/** Whether wllama (or the fetch under it) was aborted; becomes our `LlmError('aborted')` here. */
function isWllamaAbort(error: unknown): boolean {
  return error instanceof WllamaAbortError || isAbort(error);
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
      const blobs = await fetchModelFiles(wllama.cacheManager, {
        urls: request.urls,
        store: storage.store,
        stallTimeoutMs: request.stallTimeoutMs,
        signal: request.signal,
        onProgress: (loaded, total, fromCache) => request.onProgress(loaded, total, fromCache),
        checkTotal: (total) => {
          if (total <= MAX_MODEL_BYTES) return;
          throw new LlmError(
            'too-large',
            `The model is ${formatBytes(total)}; WebAssembly can hold at most about ${formatBytes(MAX_MODEL_BYTES)}. Choose a smaller or more quantized model.`,
          );
        },
      });
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
    const cached =
      (await completeCachedSize(wllama.cacheManager, url)) !== undefined && (await wllama.cacheManager.open(url));
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
