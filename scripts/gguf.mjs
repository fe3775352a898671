// A small reader/writer for GGUF headers (v2/v3), enough to add metadata to a real model file.
// Used by the test server to derive test models from stories260K (e.g. one with a chat template), and
// by the benchmarks to write a bigger model with stories260K's tokenizer.

const TYPE = {
  U8: 0,
  I8: 1,
  U16: 2,
  I16: 3,
  U32: 4,
  I32: 5,
  F32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  U64: 10,
  I64: 11,
  F64: 12,
};
const SCALAR_SIZE = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

class Reader {
  constructor(buffer) {
    this.buffer = buffer;
    this.offset = 0;
  }
  u32() {
    const value = this.buffer.readUInt32LE(this.offset);
    this.offset += 4;
    return value;
  }
  u64() {
    const value = this.buffer.readBigUInt64LE(this.offset);
    this.offset += 8;
    return Number(value);
  }
  string() {
    const length = this.u64();
    const value = this.buffer.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
  value(type) {
    if (type === TYPE.STRING) return this.string();
    if (type === TYPE.ARRAY) {
      const itemType = this.u32();
      const count = this.u64();
      const items = [];
      for (let i = 0; i < count; i++) items.push(this.value(itemType));
      return items;
    }
    const size = SCALAR_SIZE[type];
    if (size === undefined) throw new Error(`unknown GGUF value type ${type}`);
    const b = this.buffer;
    const o = this.offset;
    this.offset += size;
    switch (type) {
      case TYPE.U8:
        return b.readUInt8(o);
      case TYPE.I8:
        return b.readInt8(o);
      case TYPE.U16:
        return b.readUInt16LE(o);
      case TYPE.I16:
        return b.readInt16LE(o);
      case TYPE.U32:
        return b.readUInt32LE(o);
      case TYPE.I32:
        return b.readInt32LE(o);
      case TYPE.F32:
        return b.readFloatLE(o);
      case TYPE.BOOL:
        return b.readUInt8(o) !== 0;
      case TYPE.U64:
        return b.readBigUInt64LE(o);
      case TYPE.I64:
        return b.readBigInt64LE(o);
      default:
        return b.readDoubleLE(o);
    }
  }
}

/** Parses the header: metadata, where the tensor infos start and end, and where the data begins. */
export function readGguf(buffer) {
  const reader = new Reader(buffer);
  if (buffer.toString('latin1', 0, 4) !== 'GGUF') throw new Error('not a GGUF file');
  reader.offset = 4;
  const version = reader.u32();
  const tensorCount = reader.u64();
  const kvCount = reader.u64();
  const metadata = new Map();
  const kvStart = reader.offset;
  for (let i = 0; i < kvCount; i++) {
    const key = reader.string();
    const type = reader.u32();
    metadata.set(key, { type, value: reader.value(type) });
  }
  const tensorInfoStart = reader.offset;
  for (let i = 0; i < tensorCount; i++) {
    reader.string();
    const dims = reader.u32();
    reader.offset += 8 * dims + 4 + 8;
  }
  const tensorInfoEnd = reader.offset;
  const alignment = Number(metadata.get('general.alignment')?.value ?? 32);
  const dataStart = Math.ceil(tensorInfoEnd / alignment) * alignment;
  return { version, tensorCount, kvCount, kvStart, metadata, tensorInfoStart, tensorInfoEnd, alignment, dataStart };
}

function encodeString(text) {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(bytes.length));
  return Buffer.concat([length, bytes]);
}

/** Returns a copy of a GGUF file with string metadata added or replaced. Tensors are untouched. */
export function withStringMetadata(buffer, entries) {
  const header = readGguf(buffer);
  const kvs = [];
  const reader = new Reader(buffer);
  reader.offset = header.kvStart;
  for (let i = 0; i < header.kvCount; i++) {
    const start = reader.offset;
    const key = reader.string();
    const type = reader.u32();
    reader.value(type);
    if (!(key in entries)) kvs.push(buffer.subarray(start, reader.offset));
  }
  for (const [key, value] of Object.entries(entries)) {
    const type = Buffer.alloc(4);
    type.writeUInt32LE(TYPE.STRING);
    kvs.push(Buffer.concat([encodeString(key), type, encodeString(value)]));
  }
  const head = Buffer.alloc(24);
  head.write('GGUF', 0, 'latin1');
  head.writeUInt32LE(header.version, 4);
  head.writeBigUInt64LE(BigInt(header.tensorCount), 8);
  head.writeBigUInt64LE(BigInt(kvs.length), 16);
  const infos = buffer.subarray(header.tensorInfoStart, header.tensorInfoEnd);
  const beforeData = Buffer.concat([head, ...kvs, infos]);
  const padded = Math.ceil(beforeData.length / header.alignment) * header.alignment;
  return Buffer.concat([beforeData, Buffer.alloc(padded - beforeData.length), buffer.subarray(header.dataStart)]);
}

/**
 * Returns a copy of a GGUF file with numeric metadata values and tensor dimensions overwritten in
 * place (same types, same number of dimensions): for the broken models of the tests, whose header
 * says what its tensors are not. `metadata`: key → number; `shapes`: tensor name → dimensions.
 */
export function withPatchedHeader(buffer, { metadata = {}, shapes = {} }) {
  const copy = Buffer.from(buffer);
  const header = readGguf(copy);
  const reader = new Reader(copy);
  reader.offset = header.kvStart;
  for (let i = 0; i < header.kvCount; i++) {
    const key = reader.string();
    const type = reader.u32();
    const at = reader.offset;
    reader.value(type);
    if (!(key in metadata)) continue;
    const value = metadata[key];
    if (type === TYPE.U32) copy.writeUInt32LE(value, at);
    else if (type === TYPE.I32) copy.writeInt32LE(value, at);
    else if (type === TYPE.U64) copy.writeBigUInt64LE(BigInt(value), at);
    else throw new Error(`${key} is of GGUF type ${type}, not an integer this can patch`);
  }
  for (let i = 0; i < header.tensorCount; i++) {
    const name = reader.string();
    const dims = reader.u32();
    const shape = shapes[name];
    if (shape && shape.length !== dims) throw new Error(`${name} has ${dims} dimensions, not ${shape.length}`);
    shape?.forEach((size, d) => copy.writeBigUInt64LE(BigInt(size), reader.offset + 8 * d));
    reader.offset += 8 * dims + 4 + 8;
  }
  return copy;
}

/** ggml tensor types: `block` elements take `bytes` bytes (ggml's type traits). */
export const GGML_TYPES = {
  F32: { id: 0, block: 1, bytes: 4 },
  F16: { id: 1, block: 1, bytes: 2 },
  Q4_0: { id: 2, block: 32, bytes: 18 },
  Q4_1: { id: 3, block: 32, bytes: 20 },
  Q5_0: { id: 6, block: 32, bytes: 22 },
  Q5_1: { id: 7, block: 32, bytes: 24 },
  Q8_0: { id: 8, block: 32, bytes: 34 },
  Q2_K: { id: 10, block: 256, bytes: 84 },
  Q3_K: { id: 11, block: 256, bytes: 110 },
  Q4_K: { id: 12, block: 256, bytes: 144 },
  Q5_K: { id: 13, block: 256, bytes: 176 },
  Q6_K: { id: 14, block: 256, bytes: 210 },
  BF16: { id: 30, block: 1, bytes: 2 },
};
