// Device fit before download: what a GGUF model needs in memory, read from its header alone (the
// first bytes of the file, fetched with HTTP Range), and whether the device can give it that.
// No Lit, no DOM: usable from any page or worker.
import type { CatalogEntry, CatalogShape } from './catalog.js';
import { LlmError, abortError } from '../core/errors.js';
import type { BackendKind, MemoryEstimate } from '../core/types.js';

// ---------------------------------------------------------------------------------------------
// ggml tensor types
// ---------------------------------------------------------------------------------------------

/** ggml's tensor types by id (ggml.h): name, elements per block, bytes per block. */
const GGML_TYPES: Readonly<Record<number, readonly [name: string, blockElements: number, blockBytes: number]>> = {
  0: ['F32', 1, 4],
  1: ['F16', 1, 2],
  2: ['Q4_0', 32, 18],
  3: ['Q4_1', 32, 20],
  6: ['Q5_0', 32, 22],
  7: ['Q5_1', 32, 24],
  8: ['Q8_0', 32, 34],
  9: ['Q8_1', 32, 36],
  10: ['Q2_K', 256, 84],
  11: ['Q3_K', 256, 110],
  12: ['Q4_K', 256, 144],
  13: ['Q5_K', 256, 176],
  14: ['Q6_K', 256, 210],
  15: ['Q8_K', 256, 292],
  16: ['IQ2_XXS', 256, 66],
  17: ['IQ2_XS', 256, 74],
  18: ['IQ3_XXS', 256, 98],
  19: ['IQ1_S', 256, 50],
  20: ['IQ4_NL', 32, 18],
  21: ['IQ3_S', 256, 110],
  22: ['IQ2_S', 256, 82],
  23: ['IQ4_XS', 256, 136],
  24: ['I8', 1, 1],
  25: ['I16', 1, 2],
  26: ['I32', 1, 4],
  27: ['I64', 1, 8],
  28: ['F64', 1, 8],
  29: ['IQ1_M', 256, 56],
  30: ['BF16', 1, 2],
  34: ['TQ1_0', 256, 54],
  35: ['TQ2_0', 256, 66],
  39: ['MXFP4', 32, 17],
};

const TYPE_IDS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(GGML_TYPES).map(([id, [name]]) => [name, Number(id)]),
);

/** Bytes of a tensor of `elements` values of ggml type `type` (undefined for a type this table lacks). */
export function ggmlTypeBytes(type: number | string, elements: number): number | undefined {
  const info = GGML_TYPES[typeof type === 'string' ? (TYPE_IDS[type.toUpperCase()] ?? -1) : type];
  if (!info) return undefined;
  return Math.ceil(elements / info[1]) * info[2];
}

// ---------------------------------------------------------------------------------------------
// GGUF header
// ---------------------------------------------------------------------------------------------

/** A GGUF metadata value. Arrays keep their length; numeric arrays up to 65,536 items also their values. */
export type GgufValue = number | string | boolean | GgufArray;

export interface GgufArray {
  readonly type: 'array';
  /** GGUF value type of the items (8: string, 4: uint32, …). */
  readonly itemType: number;
  readonly length: number;
  /** The items of a numeric or boolean array of at most 65,536 items; absent otherwise. */
  readonly values?: readonly number[];
}

/** One tensor as the header describes it. */
export interface GgufTensorInfo {
  readonly name: string;
  /** ggml order: the first dimension is the row length. */
  readonly shape: readonly number[];
  /** ggml type id. */
  readonly type: number;
  /** `F16`, `Q4_K`, … (or `type <id>` for a type this library does not know). */
  readonly typeName: string;
  /** Offset of its data from the start of the data section. */
  readonly offset: number;
  /** Size of its data in bytes. */
  readonly bytes: number;
}

/** What a GGUF file says before its tensor data: metadata and the table of tensors. */
export interface GgufHeader {
  readonly version: number;
  readonly metadata: Readonly<Record<string, GgufValue>>;
  readonly tensors: readonly GgufTensorInfo[];
  /** Where the tensor data starts: the header's size, padded to `alignment`. */
  readonly dataOffset: number;
  readonly alignment: number;
}

/** The buffer ends inside the header; `needed` is a guess of the header's whole size (at least one more byte). */
class HeaderTruncated extends RangeError {
  constructor(readonly needed: number) {
    super(`The GGUF header needs at least ${needed} bytes.`);
  }
}

const VALUE_SIZES: Readonly<Record<number, number>> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};
const STRING = 8;
const ARRAY = 9;
const KEPT_ARRAY_ITEMS = 65_536;
/** No sane header has a string or a count this large: the file is not GGUF (or is corrupt). */
const SANE_LIMIT = 2 ** 31;

class Cursor {
  offset = 0;
  private readonly view: DataView;
  private readonly decoder = new TextDecoder();

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(count: number, hint = this.offset + count): void {
    if (this.offset + count > this.bytes.byteLength) throw new HeaderTruncated(Math.max(hint, this.offset + count));
  }
  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }
  u64(): number {
    this.need(8);
    const value = Number(this.view.getBigUint64(this.offset, true));
    this.offset += 8;
    return value;
  }
  count(what: string): number {
    const value = this.u64();
    if (value > SANE_LIMIT) throw notGguf(`its header declares ${value} ${what}`);
    return value;
  }
  string(): string {
    const length = this.count('bytes in a string');
    this.need(length);
    const text = this.decoder.decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return text;
  }
  skipString(): void {
    const length = this.count('bytes in a string');
    this.need(length);
    this.offset += length;
  }
  scalar(type: number): number | boolean {
    const size = VALUE_SIZES[type];
    if (size === undefined) throw notGguf(`its header has a value of unknown type ${type}`);
    this.need(size);
    const at = this.offset;
    this.offset += size;
    const v = this.view;
    switch (type) {
      case 0:
        return v.getUint8(at);
      case 1:
        return v.getInt8(at);
      case 2:
        return v.getUint16(at, true);
      case 3:
        return v.getInt16(at, true);
      case 4:
        return v.getUint32(at, true);
      case 5:
        return v.getInt32(at, true);
      case 6:
        return v.getFloat32(at, true);
      case 7:
        return v.getUint8(at) !== 0;
      case 10:
        return Number(v.getBigUint64(at, true));
      case 11:
        return Number(v.getBigInt64(at, true));
      default:
        return v.getFloat64(at, true);
    }
  }
  value(type: number): GgufValue {
    if (type === STRING) return this.string();
    if (type !== ARRAY) return this.scalar(type);
    const itemType = this.u32();
    const length = this.count('array items');
    const start = this.offset;
    const size = VALUE_SIZES[itemType];
    if (size !== undefined) {
      this.need(length * size);
      if (length > KEPT_ARRAY_ITEMS) {
        this.offset += length * size;
        return { type: 'array', itemType, length };
      }
      const values: number[] = [];
      for (let i = 0; i < length; i++) values.push(Number(this.scalar(itemType)));
      return { type: 'array', itemType, length, values };
    }
    for (let i = 0; i < length; i++) {
      try {
        if (itemType === STRING) this.skipString();
        else this.value(itemType);
      } catch (error) {
        // Guess the array's end from the items read so far (a 150k-token vocabulary runs to megabytes).
        if (error instanceof HeaderTruncated && i > 0) {
          const perItem = (this.offset - start) / i;
          throw new HeaderTruncated(Math.max(error.needed, Math.ceil(start + perItem * length)));
        }
        throw error;
      }
    }
    return { type: 'array', itemType, length };
  }
}

function notGguf(why: string): LlmError {
  return new LlmError('not-gguf', `This is not a GGUF model: ${why}.`);
}

/**
 * Parses a GGUF header (versions 2 and 3) from the first bytes of a model file. Throws a
 * `RangeError` when `bytes` ends before the header does (read more of the file and call again),
 * and an `LlmError` with code `not-gguf` when the bytes are not a GGUF file.
 */
export function parseGgufHeader(bytes: ArrayBuffer | Uint8Array): GgufHeader {
  const cursor = new Cursor(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  cursor.need(4);
  const magic = String.fromCharCode(...(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).subarray(0, 4));
  if (magic !== 'GGUF') throw notGguf('it does not start with "GGUF"');
  cursor.offset = 4;
  const version = cursor.u32();
  if (version < 2 || version > 3) throw notGguf(`its GGUF version ${version} is not supported (2 and 3 are)`);
  const tensorCount = cursor.count('tensors');
  const kvCount = cursor.count('metadata entries');
  const metadata: Record<string, GgufValue> = {};
  for (let i = 0; i < kvCount; i++) {
    const key = cursor.string();
    metadata[key] = cursor.value(cursor.u32());
  }
  const raw: { name: string; shape: number[]; type: number; offset: number }[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = cursor.string();
    const dims = cursor.u32();
    if (dims > 8) throw notGguf(`tensor ${name} has ${dims} dimensions`);
    const shape: number[] = [];
    for (let d = 0; d < dims; d++) shape.push(cursor.u64());
    raw.push({ name, shape, type: cursor.u32(), offset: cursor.u64() });
  }
  const alignment = Number(metadata['general.alignment'] ?? 32) || 32;
  const dataOffset = Math.ceil(cursor.offset / alignment) * alignment;
  // A type this table lacks: its size is the distance to the next tensor's data (0 for the last).
  const offsets = raw.map((t) => t.offset).sort((a, b) => a - b);
  const tensors = raw.map((t): GgufTensorInfo => {
    const elements = t.shape.reduce((a, b) => a * b, 1);
    const known = ggmlTypeBytes(t.type, elements);
    const next = offsets.find((offset) => offset > t.offset);
    return {
      ...t,
      typeName: GGML_TYPES[t.type]?.[0] ?? `type ${t.type}`,
      bytes: known ?? (next === undefined ? 0 : next - t.offset),
    };
  });
  return { version, metadata, tensors, dataOffset, alignment };
}

// ---------------------------------------------------------------------------------------------
// Reading a header over HTTP or from a Blob
// ---------------------------------------------------------------------------------------------

/** The first read of a header; most headers (a 32k-token vocabulary takes about 800 KB) fit in it. */
const FIRST_READ_BYTES = 1024 * 1024;
/** No header is read past this: a 150k-token vocabulary with its merges is under 10 MB. */
export const MAX_HEADER_BYTES = 32 * 1024 ** 2;
/** How long reading a header may take before it is given up (the load then goes on without it). */
export const HEADER_TIMEOUT_MS = 10_000;

export interface ReadHeaderOptions {
  signal?: AbortSignal;
  /** Bytes read at most (default 32 MiB). */
  maxBytes?: number;
  /** Milliseconds the whole read may take (default 10 s). */
  timeoutMs?: number;
}

/** Reads growing prefixes of a file until its header parses. `read(end)` returns at least `end` bytes, fewer at the file's end. */
async function readHeaderWith(
  read: (end: number) => Promise<Uint8Array>,
  where: string,
  maxBytes: number,
): Promise<GgufHeader> {
  let target = Math.min(FIRST_READ_BYTES, maxBytes);
  for (;;) {
    const bytes = await read(target);
    try {
      return parseGgufHeader(bytes);
    } catch (error) {
      if (!(error instanceof HeaderTruncated)) throw error;
      if (bytes.byteLength < target) throw notGguf(`${where} ends inside its header`);
      if (target >= maxBytes) {
        throw new LlmError('load-failed', `The header of ${where} is larger than ${maxBytes} bytes; it was not read.`);
      }
      // The parser's guess of the whole header (from the arrays it has seen), with some room.
      target = Math.min(maxBytes, Math.ceil(Math.max(target * 1.5, error.needed * 1.25)));
    }
  }
}

/** A growable byte buffer. */
class Bytes {
  data = new Uint8Array(0);
  length = 0;
  append(chunk: Uint8Array): void {
    if (this.length + chunk.byteLength > this.data.byteLength) {
      const grown = new Uint8Array(Math.max(this.length + chunk.byteLength, this.data.byteLength * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(chunk, this.length);
    this.length += chunk.byteLength;
  }
  view(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Reads the GGUF header of the model at `url` without downloading the model: HTTP Range requests
 * for the first bytes, more when the header is longer (a large vocabulary makes it megabytes),
 * at most `maxBytes`. A server that ignores Range (200 and the whole file) is read only as far as
 * the header, then the response is dropped. Rejects with an `LlmError`: `aborted`, `not-gguf`, or
 * `network`/`model-not-found` when the server does not give the bytes (CORS, 404, time limit).
 */
export async function readGgufHeader(url: string, options: ReadHeaderOptions = {}): Promise<GgufHeader> {
  const { signal, maxBytes = MAX_HEADER_BYTES, timeoutMs = HEADER_TIMEOUT_MS } = options;
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const bytes = new Bytes();
  let stream: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let ended = false;
  let size = Infinity;

  /** Appends what `reader` gives until there are `end` bytes; false when the body ended first. */
  const take = async (reader: ReadableStreamDefaultReader<Uint8Array>, end: number): Promise<boolean> => {
    while (bytes.length < end) {
      const { done, value } = await reader.read();
      if (done) return false;
      bytes.append(value);
    }
    return true;
  };

  const read = async (end: number): Promise<Uint8Array> => {
    if (bytes.length >= end || ended) return bytes.view();
    if (!stream) {
      // no-store: a part of the file (or a response cut short) must not stand in for the file later.
      const response = await fetch(url, {
        headers: { Range: `bytes=${bytes.length}-${Math.min(end, size) - 1}` },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (response.status === 416) {
        await response.body?.cancel();
        ended = true;
        return bytes.view();
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw response.status === 404 || response.status === 410
          ? new LlmError('model-not-found', `No model at ${url} (HTTP ${response.status}).`)
          : new LlmError('network', `The server answered HTTP ${response.status} for the header of ${url}.`);
      }
      if (response.status === 206) {
        const range = /bytes (\d+)-(\d+)\/(\d+|\*)/.exec(response.headers.get('content-range') ?? '');
        if (!range || Number(range[1]) !== bytes.length) {
          await response.body.cancel();
          throw new LlmError('network', `The server answered another part of ${url} than the one asked for.`);
        }
        if (range[3] !== '*') size = Number(range[3]);
        // Read as far as asked, never further, even from a server that sends more than the range.
        const reader = response.body.getReader();
        if (await take(reader, end)) await reader.cancel();
        else if (bytes.length < end) ended = true;
        if (bytes.length >= size) ended = true;
        return bytes.view();
      }
      // Range ignored (200): the whole file from its first byte. Read it only as far as needed.
      bytes.length = 0;
      stream = response.body.getReader();
    }
    if (!(await take(stream, end))) ended = true;
    return bytes.view();
  };

  try {
    return await readHeaderWith(read, fileName(url), maxBytes);
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    if (LlmError.is(error)) throw error;
    const timedOut = controller.signal.aborted && !signal?.aborted;
    throw new LlmError(
      'network',
      timedOut
        ? `The header of ${url} did not arrive within ${Math.round(timeoutMs / 1000)} s.`
        : `Could not read the header of ${url}: ${error instanceof Error ? error.message : String(error)}.`,
      { cause: error },
    );
  } finally {
    clearTimeout(timeout);
    signal?.removeEventListener('abort', onAbort);
    // Drop the rest of a response that ignored Range (and any request still open).
    controller.abort();
  }
}

/** Reads the GGUF header at the start of a Blob (a model file already stored in the browser). */
export async function readGgufHeaderFromBlob(blob: Blob, maxBytes = MAX_HEADER_BYTES): Promise<GgufHeader> {
  return readHeaderWith(
    async (end) => new Uint8Array(await blob.slice(0, end).arrayBuffer()),
    blob instanceof File ? blob.name : 'the file',
    maxBytes,
  );
}

/**
 * No model file comes near 1 PiB (the largest published GGUF models are about 1 TB): a header whose
 * tensor data would end past it is corrupt, not a model too large for this device.
 */
const MAX_PLAUSIBLE_FILE_BYTES = 2 ** 50;

/**
 * Throws `load-failed` when the header describes tensor data no file holds: a tensor whose declared
 * size no model file comes near (the header is corrupt: it must reach neither the memory estimate,
 * "needs 4503599627370496 GiB", nor llama.cpp), or, given the file's size (a stored file), data that
 * ends past the file (cut short, or a corrupt header). Before a download the file's size is not
 * compared: the server's size is only its word, and the fit tests serve headers without bodies.
 */
export function checkTensorData(header: GgufHeader, name: string, fileBytes?: number): void {
  let needed = 0;
  for (const tensor of header.tensors) {
    const end = header.dataOffset + tensor.offset + tensor.bytes;
    if (!(end <= MAX_PLAUSIBLE_FILE_BYTES)) {
      const values = tensor.shape.map((n) => n.toLocaleString('en')).join(' × ');
      throw new LlmError(
        'load-failed',
        `The header of ${name} is corrupt: its tensor ${tensor.name} declares ${values} values, far more than any model file holds. Check the file, or choose another model.`,
      );
    }
    needed = Math.max(needed, end);
  }
  if (fileBytes !== undefined && needed > fileBytes) {
    throw new LlmError(
      'load-failed',
      `${name} is truncated: its tensor table needs ${needed.toLocaleString('en')} bytes, the file has ${fileBytes.toLocaleString('en')}. Retry to download it again; if this persists, the file itself is cut short or its header corrupt.`,
    );
  }
}

function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
  } catch {
    return url;
  }
}

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
  const kvWidth = shape.kvHeadsPerLayer.reduce((sum, kv) => sum + kv * (shape.keyLength + shape.valueLength), 0);
  const kvCacheBytes = Math.ceil(cells * kvWidth * cacheTypeBytes(options.cacheType));
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

// ---------------------------------------------------------------------------------------------
// Does it fit?
// ---------------------------------------------------------------------------------------------

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
    reason: `this device reports about ${formatGiB(reported * 1024 ** 3)} of memory (so it has less than ${formatBytes(bytes)})`,
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

/** `1.5 GiB`, `520 MiB`. */
function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? formatGiB(bytes) : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

function formatGiB(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}
