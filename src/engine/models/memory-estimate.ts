// What llama.cpp (through wllama, on the CPU) needs in memory to run a GGUF model: weights, key/value
// cache, compute buffers and overhead, from the model's header or from a catalog entry's published
// shape. Whether the device can give that is device-fit.ts. No Lit, no DOM: usable from any page or worker.
import type { CatalogEntry, CatalogShape } from './catalog.js';
import { LlmError } from '../core/errors.js';
import type { MemoryEstimate } from '../core/types.js';
import { checkTensorData, ggmlTypeBytes, type GgufHeader, type GgufTensorInfo, type GgufValue } from './gguf-header.js';

// ---------------------------------------------------------------------------------------------
// The model's shape
// ---------------------------------------------------------------------------------------------

/** What the estimate needs to know about a model: its dimensions and its weights. */
export interface ModelShape {
  architecture: string;
  layers: number;
  /** Embedding width (n_embd). */
  embd: number;
  /** Attention heads (the largest count when it varies by layer). */
  heads: number;
  /** Key/value heads of each layer (0 for a layer without attention). */
  kvHeadsPerLayer: readonly number[];
  /** Width of one key head and one value head. */
  keyLength: number;
  valueLength: number;
  /** Feed-forward width (the largest when it varies by layer). */
  ff: number;
  vocab: number;
  /** BPE merges of the tokenizer (0 for SentencePiece-style vocabularies). */
  merges: number;
  /** The context the model was trained for, 0 when unknown. */
  trainedContext: number;
  /** Bytes of all tensors. */
  weightsBytes: number;
  /** The token embeddings also serve as the output layer (no `output.weight`). */
  tiedEmbeddings: boolean;
  /** The largest tensor (WebGPU binds each one whole). */
  largestTensor: { name: string; bytes: number };
}

function numberAt(metadata: Readonly<Record<string, GgufValue>>, key: string): number | number[] | undefined {
  const value = metadata[key];
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value.values) return [...value.values];
  return undefined;
}

/**
 * The dimensions and weights of a model from its header (all parts of a split model, in order).
 * Throws `load-failed` for a header whose tensors no file holds (see `checkTensorData()`).
 */
export function modelShape(headers: GgufHeader | readonly GgufHeader[]): ModelShape {
  const parts = 'tensors' in headers ? [headers] : [...headers];
  const first = parts[0];
  if (!first) throw new LlmError('not-gguf', 'No GGUF header was given.');
  parts.forEach((part, i) => checkTensorData(part, parts.length > 1 ? `part ${i + 1} of the model` : 'the model'));
  const meta = first.metadata;
  const arch = typeof meta['general.architecture'] === 'string' ? meta['general.architecture'] : 'llama';
  const get = (key: string) => numberAt(meta, `${arch}.${key}`);
  const scalar = (value: number | number[] | undefined) =>
    Array.isArray(value) ? Math.max(0, ...value) : (value ?? 0);
  const tensors = parts.flatMap((part) => part.tensors);
  const tensor = (name: string) => tensors.find((t) => t.name === name);
  const embedding = tensor('token_embd.weight');

  const embd = scalar(get('embedding_length')) || embedding?.shape[0] || 0;
  const layers = scalar(get('block_count'));
  const headValue = get('attention.head_count');
  const heads = scalar(headValue) || 1;
  const kvValue = get('attention.head_count_kv') ?? headValue ?? heads;
  const kvHeadsPerLayer = Array.from({ length: layers }, (_, i) =>
    Array.isArray(kvValue) ? (kvValue[i] ?? 0) : kvValue,
  );
  const headWidth = Math.floor(embd / heads);
  const tokens = meta['tokenizer.ggml.tokens'];
  const merges = meta['tokenizer.ggml.merges'];
  const vocab =
    (typeof tokens === 'object' ? tokens.length : 0) || scalar(get('vocab_size')) || embedding?.shape[1] || 0;
  const largest = tensors.reduce<GgufTensorInfo | undefined>((a, b) => (a && a.bytes >= b.bytes ? a : b), undefined);
  return {
    architecture: arch,
    layers,
    embd,
    heads,
    kvHeadsPerLayer,
    keyLength: scalar(get('attention.key_length')) || headWidth,
    valueLength: scalar(get('attention.value_length')) || headWidth,
    ff: scalar(get('feed_forward_length')),
    vocab,
    merges: typeof merges === 'object' ? merges.length : 0,
    trainedContext: scalar(get('context_length')),
    weightsBytes: tensors.reduce((sum, t) => sum + t.bytes, 0),
    tiedEmbeddings: Boolean(embedding) && !tensor('output.weight'),
    largestTensor: { name: largest?.name ?? '', bytes: largest?.bytes ?? 0 },
  };
}

// ---------------------------------------------------------------------------------------------
// The estimate
// ---------------------------------------------------------------------------------------------

export interface EstimateOptions {
  /** Context window in tokens (n_ctx). */
  contextSize: number;
  /** Type of the keys and values in llama.cpp's cache: `F16` (llama.cpp's and wllama's default), `Q8_0`, … */
  cacheType?: string;
  /** Tokens llama.cpp computes at once (n_ubatch): 512 by default. */
  batchSize?: number;
}

/** llama.cpp's micro-batch (n_ubatch) default. */
const DEFAULT_BATCH = 512;
/** llama.cpp rounds the cache up to a multiple of this many cells (n_ctx 1000 gets 1024, 300 gets 512). */
const CACHE_PADDING = 256;

/**
 * What llama.cpp in WebAssembly needs besides weights, cache and compute buffers: the runtime, the
 * stacks, the graphs' metadata and what loading leaves behind (FIXED), and the vocabulary's tables
 * (each token's text and lookup entries, each BPE merge's pair). Calibrated against the heap measured
 * in Chromium (test/engine/model-fit.memory.bench.ts, `node scripts/bench/memory.mjs`): 32-66 MiB
 * for vocabularies of 512 to 152k tokens; allocation order moves the real figure by ±20 MiB.
 */
const FIXED_OVERHEAD_BYTES = 32 * 1024 ** 2;
const OVERHEAD_PER_TOKEN_BYTES = 200;
const OVERHEAD_PER_MERGE_BYTES = 120;
/** wllama starts every model with this much wasm memory (INITIAL_MEMORY); it never uses less. */
export const WASM_INITIAL_MEMORY_BYTES = 128 * 1024 ** 2;

function cacheTypeBytes(type = 'F16'): number {
  return (ggmlTypeBytes(type, 1024) ?? 2048) / 1024;
}

/**
 * What llama.cpp (through wllama, on the CPU) needs in memory to run a model with a context of
 * `contextSize` tokens: the weights (as the file holds them: wllama reads them into memory, tied
 * embeddings once), the key/value cache (layers × context, rounded up to 256, × key and value
 * widths × the cache type's bytes: F16 by default), llama.cpp's compute buffers (sized for a
 * 512-token batch) and a fixed overhead plus the vocabulary's tables. The total never goes below the
 * 128 MiB wasm memory wllama starts with. Give every part of a split model.
 */
export function estimateModelMemory(
  model: GgufHeader | readonly GgufHeader[] | ModelShape,
  options: EstimateOptions,
): MemoryEstimate {
  const shape = 'kvHeadsPerLayer' in model ? model : modelShape(model);
  const contextSize = Math.max(1, Math.floor(options.contextSize));
  const cells = Math.ceil(contextSize / CACHE_PADDING) * CACHE_PADDING;
  const batch = Math.min(contextSize, options.batchSize ?? DEFAULT_BATCH);
  const kvCacheBytes = kvCacheSize(shape, contextSize, options.cacheType);
  const computeBytes = computeBufferBytes(shape, cells, batch);
  const overheadBytes =
    FIXED_OVERHEAD_BYTES + OVERHEAD_PER_TOKEN_BYTES * shape.vocab + OVERHEAD_PER_MERGE_BYTES * shape.merges;
  const sum = shape.weightsBytes + kvCacheBytes + computeBytes + overheadBytes;
  return {
    contextSize,
    weightsBytes: shape.weightsBytes,
    kvCacheBytes,
    computeBytes,
    overheadBytes,
    totalBytes: Math.max(sum, WASM_INITIAL_MEMORY_BYTES),
  };
}

/**
 * llama.cpp's key/value cache for a context of `contextSize` tokens: every layer keeps a key and a
 * value per head and token, in cells rounded up to 256, of the cache type (F16 by default).
 */
export function kvCacheSize(
  shape: Pick<ModelShape, 'kvHeadsPerLayer' | 'keyLength' | 'valueLength'>,
  contextSize: number,
  cacheType?: string,
): number {
  const cells = Math.ceil(Math.max(1, Math.floor(contextSize)) / CACHE_PADDING) * CACHE_PADDING;
  const kvWidth = shape.kvHeadsPerLayer.reduce((sum, kv) => sum + kv * (shape.keyLength + shape.valueLength), 0);
  return Math.ceil(cells * kvWidth * cacheTypeBytes(cacheType));
}

/**
 * llama.cpp's compute buffer, which it reserves for the worst-case batch when the context is created,
 * plus its output buffer (the logits of one token). Measured in Chromium: per token of the batch,
 * 12 bytes per feed-forward unit (gate, up and their product in F32) and 20 per embedding unit, plus
 * the attention mask over the whole cache (F16, cells × batch); a 2-layer model needs a little less.
 */
function computeBufferBytes(shape: ModelShape, cells: number, batch: number): number {
  return batch * (12 * shape.ff + 20 * shape.embd) + cells * batch * 2 + shape.vocab * 4;
}

// ---------------------------------------------------------------------------------------------
// Catalog shapes: the same estimate from a published shape and quantization
// ---------------------------------------------------------------------------------------------

/** llama.cpp's rule for which layers of a Q4_K_M model get more bits (use_more_bits in llama-quant.cpp). */
function moreBits(i: number, n: number): boolean {
  return i < n / 8 || i >= (7 * n) / 8 || (i - Math.floor(n / 8)) % 3 === 2;
}

/**
 * The type llama.cpp gives a K-quant tensor whose rows are not a multiple of 256 values: a legacy
 * quant of about the same size (Q4_K → Q5_0, Q5_K → Q5_1, Q6_K → Q8_0).
 */
function kQuantFallback(type: string, rowLength: number): string {
  if (rowLength % 256 === 0) return type;
  return { Q4_K: 'Q5_0', Q5_K: 'Q5_1', Q6_K: 'Q8_0' }[type] ?? type;
}

/**
 * A model's shape from its published dimensions and quantization (a catalog entry), with the tensor
 * types llama.cpp's quantizer gives a Llama-style model (Llama, Qwen2, SmolLM): norms in F32, Q8_0
 * everything else; or for Q4_K_M, Q6_K for the output (the tied embeddings), the value projection and
 * feed-forward down projection of some layers, Q4_K for the rest.
 */
export function shapeFromCatalog(shape: CatalogShape): ModelShape {
  const { embd, layers, heads, kvHeads, ff, vocab, quantization } = shape;
  const headWidth = embd / heads;
  const kvWidth = headWidth * kvHeads;
  const tensors: { name: string; elements: number; rowLength: number; type: string }[] = [];
  const q4km = quantization === 'Q4_K_M';
  const add = (name: string, rowLength: number, rows: number, type: string) =>
    tensors.push({ name, elements: rowLength * rows, rowLength, type: kQuantFallback(type, rowLength) });
  const base = q4km ? 'Q4_K' : 'Q8_0';
  add('token_embd.weight', embd, vocab, q4km && shape.tiedEmbeddings ? 'Q6_K' : base);
  if (!shape.tiedEmbeddings) add('output.weight', embd, vocab, q4km ? 'Q6_K' : base);
  add('output_norm.weight', embd, 1, 'F32');
  for (let i = 0; i < layers; i++) {
    add(`blk.${i}.attn_norm.weight`, embd, 1, 'F32');
    add(`blk.${i}.ffn_norm.weight`, embd, 1, 'F32');
    add(`blk.${i}.attn_q.weight`, embd, embd, base);
    add(`blk.${i}.attn_k.weight`, embd, kvWidth, base);
    add(`blk.${i}.attn_v.weight`, embd, kvWidth, q4km && moreBits(i, layers) ? 'Q6_K' : base);
    add(`blk.${i}.attn_output.weight`, embd, embd, base);
    add(`blk.${i}.ffn_gate.weight`, embd, ff, base);
    add(`blk.${i}.ffn_up.weight`, embd, ff, base);
    add(`blk.${i}.ffn_down.weight`, ff, embd, q4km && moreBits(i, layers) ? 'Q6_K' : base);
    if (shape.qkvBias) {
      add(`blk.${i}.attn_q.bias`, embd, 1, 'F32');
      add(`blk.${i}.attn_k.bias`, kvWidth, 1, 'F32');
      add(`blk.${i}.attn_v.bias`, kvWidth, 1, 'F32');
    }
  }
  const sized = tensors.map((t) => ({ name: t.name, bytes: ggmlTypeBytes(t.type, t.elements) ?? 0 }));
  const largest = sized.reduce((a, b) => (a.bytes >= b.bytes ? a : b));
  return {
    architecture: shape.architecture,
    layers,
    embd,
    heads,
    kvHeadsPerLayer: Array.from({ length: layers }, () => kvHeads),
    keyLength: headWidth,
    valueLength: headWidth,
    ff,
    vocab,
    merges: shape.merges,
    trainedContext: shape.trainedContext,
    weightsBytes: sized.reduce((sum, t) => sum + t.bytes, 0),
    tiedEmbeddings: shape.tiedEmbeddings,
    largestTensor: largest,
  };
}

/** The memory a catalog entry's GGUF build needs at a context size (its `memoryMB` is this at 2048 tokens). */
export function estimateCatalogEntry(entry: Pick<CatalogEntry, 'shape'>, contextSize: number): MemoryEstimate {
  return estimateModelMemory(shapeFromCatalog(entry.shape), { contextSize });
}
