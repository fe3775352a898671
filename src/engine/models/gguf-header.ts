// The GGUF header: what a model file says before its tensor data (metadata and the table of
// tensors), parsed from its first bytes, and whether that table fits a file. Reading those bytes
// (over HTTP or from a Blob) is read-gguf-header.ts. No Lit, no DOM: usable from any page or worker.
import { LlmError } from '../core/errors.js';

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
export class HeaderTruncated extends RangeError {
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

export function notGguf(why: string): LlmError {
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
// Does the tensor table fit a file?
// ---------------------------------------------------------------------------------------------

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
