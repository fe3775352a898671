// Device fit before download: whether the device can give a model the memory it needs (see
// memory-estimate.ts), read from its header alone, and if not, a message with both numbers and what
// to do. No Lit, no DOM: usable from any page or worker.
import type { CatalogEntry } from './catalog.js';
import { LlmError } from '../core/errors.js';
import { formatBytes } from '../core/format-bytes.js';
import type { BackendKind, MemoryEstimate } from '../core/types.js';
import type { GgufHeader } from './gguf-header.js';
import { estimateCatalogEntry, estimateModelMemory, modelShape, type ModelShape } from './memory-estimate.js';

/** Both of wllama's wasm builds (Memory64 or not) grow their memory to at most 4 GiB. */
export const WASM_MAX_MEMORY_BYTES = 4 * 1024 ** 3;

/** What the device can give a model, and why that much. */
export interface MemoryBudget {
  bytes: number;
  /** Why, in words: "WebAssembly can address at most 4 GiB", … */
  reason: string;
}

/** What the device offers that the fit check reads (see `Capabilities`). */
export interface FitDevice {
  /** `navigator.deviceMemory`: RAM in GiB, rounded to a power of two and capped by the browser; null when unknown. */
  deviceMemoryGiB: number | null;
  webgpu?: { maxBufferSize: number; maxStorageBufferBindingSize: number } | null;
}

/**
 * The memory a model may use on the CPU path: at most the 4 GiB a wasm memory can grow to, and less
 * on a device that reports little RAM. `navigator.deviceMemory` is coarse (a power of two, rounded
 * and capped by the browser), so it counts only as an upper bound: a device that reports N GiB has
 * less than 2N GiB.
 */
export function memoryBudget(device: FitDevice | null | undefined): MemoryBudget {
  const wasm: MemoryBudget = { bytes: WASM_MAX_MEMORY_BYTES, reason: 'WebAssembly can address at most 4 GiB' };
  const reported = device?.deviceMemoryGiB;
  if (!reported || reported <= 0) return wasm;
  const bytes = 2 * reported * 1024 ** 3;
  if (bytes >= wasm.bytes) return wasm;
  return {
    bytes,
    reason: `this device reports about ${formatBytes(reported * 1024 ** 3)} of memory (so it has less than ${formatBytes(bytes)})`,
  };
}

export interface FitCheck {
  /** The model's header (every part of a split model), or its shape. */
  model: GgufHeader | readonly GgufHeader[] | ModelShape;
  contextSize: number;
  /** Which backend will run it: the CPU path checks memory, llama.cpp's WebGPU path the adapter's buffer limits. */
  backend?: Extract<BackendKind, 'wllama-wasm' | 'wllama-webgpu'>;
  device?: FitDevice | null;
  /** Smaller models to suggest when this one cannot fit at any context (the catalog). */
  alternatives?: readonly Pick<CatalogEntry, 'name' | 'shape'>[];
  /** How the message names the model. */
  name?: string;
}

/** The smallest context the fit check suggests. */
const MIN_CONTEXT = 256;

/**
 * Checks that a model fits the device before anything is downloaded. Returns the estimate, or throws
 * an `LlmError` with code `too-large` whose message gives both numbers (needed and available) and
 * what to do: a context size that fits, or a smaller model from `alternatives`.
 */
export function checkDeviceFit(check: FitCheck): MemoryEstimate {
  const shape = 'kvHeadsPerLayer' in check.model ? check.model : modelShape(check.model);
  const estimate = estimateModelMemory(shape, { contextSize: check.contextSize });
  const name = check.name ? `${check.name} ` : 'This model ';
  if (check.backend === 'wllama-webgpu' && check.device?.webgpu) {
    const limit = Math.min(check.device.webgpu.maxBufferSize, check.device.webgpu.maxStorageBufferBindingSize);
    const kvLayer = Math.max(...shape.kvHeadsPerLayer, 0) * shape.keyLength * estimate.contextSize * 2;
    const biggest =
      shape.largestTensor.bytes >= kvLayer
        ? shape.largestTensor
        : { name: 'one layer of the context cache', bytes: kvLayer };
    if (biggest.bytes > limit) {
      throw new LlmError(
        'too-large',
        `${name}has a tensor (${biggest.name}) of ${formatBytes(biggest.bytes)}, but the WebGPU adapter can bind at most ${formatBytes(limit)} at once. It can run on the CPU (WebAssembly) instead.`,
      );
    }
    return estimate;
  }
  const budget = memoryBudget(check.device);
  if (estimate.totalBytes <= budget.bytes) return estimate;

  const needs = `${name}needs about ${formatBytes(estimate.totalBytes)} of memory with a context of ${estimate.contextSize.toLocaleString('en')} tokens (weights ${formatBytes(estimate.weightsBytes)}, context cache ${formatBytes(estimate.kvCacheBytes)}, work buffers ${formatBytes(estimate.computeBytes + estimate.overheadBytes)}), but ${budget.reason}.`;
  const fitting = largestFittingContext(shape, estimate.contextSize, budget.bytes);
  if (fitting) {
    const at = estimateModelMemory(shape, { contextSize: fitting });
    const trained = shape.trainedContext
      ? ` (the model was trained for ${shape.trainedContext.toLocaleString('en')})`
      : '';
    throw new LlmError(
      'too-large',
      `${needs} A context of ${fitting.toLocaleString('en')} tokens fits (about ${formatBytes(at.totalBytes)}): set context-size to ${fitting.toLocaleString('en')} or less${trained}.`,
    );
  }
  const smaller = (check.alternatives ?? [])
    .map((entry) => ({ entry, bytes: estimateCatalogEntry(entry, estimate.contextSize).totalBytes }))
    .filter(({ bytes }) => bytes <= budget.bytes && bytes < estimate.totalBytes)
    .sort((a, b) => b.bytes - a.bytes)[0];
  const advice = smaller
    ? `Choose a smaller model, such as ${smaller.entry.name} (about ${formatBytes(smaller.bytes)}; catalog="${smaller.entry.name}").`
    : 'Choose a smaller or more quantized model.';
  const floor =
    estimate.contextSize > MIN_CONTEXT
      ? ` Even a context of ${MIN_CONTEXT} tokens needs about ${formatBytes(estimateModelMemory(shape, { contextSize: MIN_CONTEXT }).totalBytes)}.`
      : '';
  throw new LlmError('too-large', `${needs}${floor} ${advice}`);
}

/** The largest context (a multiple of 256, below `contextSize`) that fits in `budget`, or 0. */
function largestFittingContext(shape: ModelShape, contextSize: number, budget: number): number {
  const fits = (tokens: number) => estimateModelMemory(shape, { contextSize: tokens }).totalBytes <= budget;
  let low = 0;
  let high = Math.floor((contextSize - 1) / MIN_CONTEXT);
  // Memory grows with the context: find the largest step that fits.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid * MIN_CONTEXT)) low = mid;
    else high = mid - 1;
  }
  return low * MIN_CONTEXT;
}
