// What a GGUF load into llama.cpp (WebAssembly, or its WebGPU path) checks, step by step: before the
// download, that the model fits the device (from its header: device-fit.ts); once the size is known,
// that 32-bit WebAssembly can hold it; after the download, that each file holds the tensors its header
// names; and when llama.cpp refused the context but took a small one, what that context costs. The
// adapter (backends/wllama.ts) calls them. No wllama, no Lit, no DOM.
import { CATALOG } from './catalog.js';
import { LlmError, throwIfAborted } from '../core/errors.js';
import { formatBytes } from '../core/format-bytes.js';
import { DEFAULT_STALL_TIMEOUT_MS } from '../core/defaults.js';
import type { BackendKind, MemoryEstimate } from '../core/types.js';
import { checkDeviceFit, type FitDevice } from './device-fit.js';
import { checkTensorData, type GgufHeader } from './gguf-header.js';
import { kvCacheSize } from './memory-estimate.js';
import { fileName } from './model-source.js';
import { HEADER_TIMEOUT_MS, readGgufHeader, readGgufHeaderFromBlob } from './read-gguf-header.js';

/** 32-bit WebAssembly addresses at most 4 GiB; weights plus context must fit below it. */
export const MAX_MODEL_BYTES = 3.5 * 1024 ** 3;

/** Throws `too-large` for a model of `bytes` (all its files) that WebAssembly cannot hold. */
export function checkModelBytes(bytes: number): void {
  if (bytes <= MAX_MODEL_BYTES) return;
  throw new LlmError(
    'too-large',
    `The model is ${formatBytes(bytes)}; WebAssembly can hold at most about ${formatBytes(MAX_MODEL_BYTES)}. Choose a smaller or more quantized model.`,
  );
}

/** A GGUF header the fit check read from a stored file, and that file (opened once for the load). */
export interface StoredHeader {
  header: GgufHeader;
  blob: Blob;
}

export interface FitRequest {
  urls: readonly string[];
  /** Each file complete in the model store, opened (undefined: not stored): its header is read from it. */
  stored: readonly (Blob | undefined)[];
  contextSize: number;
  backend: Extract<BackendKind, 'wllama-wasm' | 'wllama-webgpu'>;
  /** What the device offers (the engine's capabilities). */
  device?: FitDevice | null;
  stallTimeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Estimates the memory the model needs from the GGUF header of every part (read from the stored file
 * when there is one, else with HTTP Range requests) and throws `too-large`, with both numbers and what
 * to do, when the device cannot give it (see device-fit.ts). A header that cannot be read (CORS, 404,
 * not GGUF, a slow server) skips the check: the load itself then reports the problem. Also returns
 * each header read from a stored file, so the tensor-table check does not read it again.
 */
export async function checkFitBeforeDownload(
  request: FitRequest,
): Promise<{ memory?: MemoryEstimate; storedHeaders: (StoredHeader | undefined)[] }> {
  const timeoutMs = Math.min(request.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS, HEADER_TIMEOUT_MS);
  const storedHeaders: (StoredHeader | undefined)[] = [];
  const read = async (url: string, index: number) => {
    const blob = request.stored[index];
    if (!blob) return readGgufHeader(url, { signal: request.signal, timeoutMs });
    const header = await readGgufHeaderFromBlob(blob);
    storedHeaders[index] = { header, blob };
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
  return { memory: fitEstimate(headers, request), storedHeaders };
}

/** The estimate, or `too-large` when the device cannot give it; undefined for a header the estimate cannot read. */
function fitEstimate(headers: GgufHeader[], request: FitRequest): MemoryEstimate | undefined {
  try {
    return checkDeviceFit({
      model: headers,
      contextSize: request.contextSize,
      backend: request.backend,
      device: request.device,
      alternatives: CATALOG,
      name: fileName(request.urls[0] ?? ''),
    });
  } catch (error) {
    if (LlmError.is(error) && error.code === 'too-large') throw error;
    return undefined; // a header the estimate cannot read: no check
  }
}

/**
 * Checks that `blob` holds every byte its tensor table names (`load-failed` when not), so a short file
 * (cut, or stored by an older version) fails with a clear reason instead of reaching llama.cpp. The
 * fit check's header serves when it was read from this very file; a header read from the server does
 * not vouch for the bytes stored, so that file's own header is read. A header this reader cannot
 * follow passes: llama.cpp judges the file.
 */
export async function checkTensorTable(url: string, blob: Blob, stored?: StoredHeader): Promise<void> {
  let header;
  try {
    header = stored?.blob === blob ? stored.header : await readGgufHeaderFromBlob(blob);
  } catch {
    return;
  }
  checkTensorData(header, fileName(url), blob.size);
}

/** What llama.cpp says of a loaded model (wllama's `getLoadedContextInfo()`), as far as its cache needs. */
export interface LoadedModel {
  n_ctx_train: number;
  n_layer: number;
  n_embd: number;
  metadata: Record<string, string>;
}

/**
 * The error for a context of `contextSize` tokens that did not fit in memory (llama.cpp took the model
 * with a small one): what its cache costs, from the model's own shape, and what to do.
 */
export function contextTooLarge(contextSize: number, modelBytes: number, model: LoadedModel): LlmError {
  const arch = model.metadata['general.architecture'] ?? '';
  const number = (key: string) => Number(model.metadata[`${arch}.${key}`]) || 0;
  const heads = number('attention.head_count') || 1;
  const kvHeads = number('attention.head_count_kv') || heads;
  const headSize = model.n_embd / heads;
  const shape = {
    kvHeadsPerLayer: Array.from({ length: model.n_layer }, () => kvHeads),
    keyLength: number('attention.key_length') || headSize,
    valueLength: number('attention.value_length') || headSize,
  };
  const trained = model.n_ctx_train > 0 ? ` (the model was trained for ${model.n_ctx_train.toLocaleString('en')})` : '';
  return new LlmError(
    'too-large',
    `A context of ${contextSize.toLocaleString('en')} tokens does not fit in memory: its cache alone needs about ${formatBytes(kvCacheSize(shape, contextSize))}, on top of the model's ${formatBytes(modelBytes)}, and WebAssembly can address at most 4 GiB. Set a smaller context-size${trained}.`,
  );
}
