#!/usr/bin/env node
// Writes a real GGUF llama with deterministic random weights (about 50M parameters, f16), for
// benchmarks that need more work per token than stories260K. It borrows stories260K's tokenizer
// (so prompts tokenize the same) and is cached in .cache/models/. Usage: node make-model.mjs [out]
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readGguf } from '../gguf.mjs';
import { CACHE_DIR, resolveTestModel } from '../resolve-model.mjs';

export const BIG_MODEL = 'random-llama-57m-f16-v2.gguf';
/** stories260K's tokenizer: 0..2 are <unk> <s> </s>, 3..258 the bytes <0x00>..<0xFF>, then text pieces. */
const FIRST_TEXT_TOKEN = 259;
const SHAPE = { embd: 768, layers: 8, heads: 12, kvHeads: 12, ff: 2048, ctx: 2048 };
const TYPE = { F32: 0, F16: 1 };
const KV = { U32: 4, F32: 6, STRING: 8, ARRAY: 9 };

// xorshift32: the same weights on every machine, so runs compare.
let seed = 0x2545f491;
function random() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0xffffffff;
}

function toHalf(value) {
  const f = new Float32Array([value]);
  const x = new Uint32Array(f.buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  let exp = ((x >>> 23) & 0xff) - 127 + 15;
  const mant = x & 0x7fffff;
  if (exp <= 0) return sign;
  if (exp >= 31) return sign | 0x7c00;
  return sign | (exp << 10) | (mant >>> 13);
}

const str = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(bytes.length));
  return Buffer.concat([len, bytes]);
};
const u32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u64 = (n) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};
const f32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeFloatLE(n);
  return b;
};

/** Re-encodes a KV read from stories260K (strings, numbers and arrays of them). */
function encodeValue(type, value) {
  switch (type) {
    case KV.STRING:
      return str(value);
    case KV.U32:
      return u32(value);
    case KV.F32:
      return f32(value);
    case KV.ARRAY: {
      const itemType = typeof value[0] === 'string' ? KV.STRING : Number.isInteger(value[0]) ? 5 : KV.F32;
      const items = value.map((item) =>
        itemType === KV.STRING
          ? str(item)
          : itemType === 5
            ? (() => {
                const b = Buffer.alloc(4);
                b.writeInt32LE(item);
                return b;
              })()
            : f32(item),
      );
      return Buffer.concat([u32(itemType), u64(value.length), ...items]);
    }
    default:
      throw new Error(`unsupported KV type ${type}`);
  }
}

export async function makeBigModel(out = join(CACHE_DIR, BIG_MODEL)) {
  if (existsSync(out)) return out;
  const source = readGguf(readFileSync(await resolveTestModel()));
  const vocab = source.metadata.get('tokenizer.ggml.tokens').value.length;
  const { embd, layers, heads, kvHeads, ff, ctx } = SHAPE;
  const kvDim = (embd / heads) * kvHeads;

  const kvs = [
    ['general.architecture', KV.STRING, 'llama'],
    ['general.name', KV.STRING, 'random-llama-57m'],
    ['llama.context_length', KV.U32, ctx],
    ['llama.embedding_length', KV.U32, embd],
    ['llama.block_count', KV.U32, layers],
    ['llama.feed_forward_length', KV.U32, ff],
    ['llama.attention.head_count', KV.U32, heads],
    ['llama.attention.head_count_kv', KV.U32, kvHeads],
    ['llama.rope.dimension_count', KV.U32, embd / heads],
    ['llama.attention.layer_norm_rms_epsilon', KV.F32, 1e-5],
    ['general.file_type', KV.U32, 1],
  ];
  for (const key of [
    'tokenizer.ggml.model',
    'tokenizer.ggml.tokens',
    'tokenizer.ggml.scores',
    'tokenizer.ggml.token_type',
    'tokenizer.ggml.bos_token_id',
    'tokenizer.ggml.eos_token_id',
    'tokenizer.ggml.unknown_token_id',
  ]) {
    const { type, value } = source.metadata.get(key);
    kvs.push([key, type, value]);
  }

  // ggml dims: ne0 is the row length (input features).
  const tensors = [['token_embd.weight', [embd, vocab], TYPE.F16]];
  for (let l = 0; l < layers; l++) {
    tensors.push(
      [`blk.${l}.attn_norm.weight`, [embd], TYPE.F32],
      [`blk.${l}.attn_q.weight`, [embd, embd], TYPE.F16],
      [`blk.${l}.attn_k.weight`, [embd, kvDim], TYPE.F16],
      [`blk.${l}.attn_v.weight`, [embd, kvDim], TYPE.F16],
      [`blk.${l}.attn_output.weight`, [embd, embd], TYPE.F16],
      [`blk.${l}.ffn_norm.weight`, [embd], TYPE.F32],
      [`blk.${l}.ffn_gate.weight`, [embd, ff], TYPE.F16],
      [`blk.${l}.ffn_up.weight`, [embd, ff], TYPE.F16],
      [`blk.${l}.ffn_down.weight`, [ff, embd], TYPE.F16],
    );
  }
  tensors.push(['output_norm.weight', [embd], TYPE.F32], ['output.weight', [embd, vocab], TYPE.F16]);

  const ALIGN = 32;
  let offset = 0;
  const infos = [];
  const datas = [];
  let parameters = 0;
  for (const [name, dims, type] of tensors) {
    const count = dims.reduce((a, b) => a * b, 1);
    parameters += count;
    const data = Buffer.alloc(count * (type === TYPE.F16 ? 2 : 4));
    const scale = 1 / Math.sqrt(dims[0]);
    // The output rows of special and byte tokens (ids below FIRST_TEXT_TOKEN) stay zero: their logit
    // is 0 while the best of the ~250 text pieces is almost surely above it, so greedy output is
    // valid text (random byte tokens make invalid UTF-8, which wllama 3.13 fails to decode).
    const silenced = name === 'output.weight' ? FIRST_TEXT_TOKEN * dims[0] : 0;
    for (let i = 0; i < count; i++) {
      if (type === TYPE.F32) {
        data.writeFloatLE(1, i * 4); // norms: identity
      } else if (i >= silenced) {
        data.writeUInt16LE(toHalf((random() * 2 - 1) * scale * 1.7), i * 2);
      }
    }
    infos.push(Buffer.concat([str(name), u32(dims.length), ...dims.map(u64), u32(type), u64(offset)]));
    const padded = Math.ceil(data.length / ALIGN) * ALIGN;
    datas.push(data, Buffer.alloc(padded - data.length));
    offset += padded;
  }
  const head = Buffer.concat([Buffer.from('GGUF'), u32(3), u64(tensors.length), u64(kvs.length)]);
  const meta = Buffer.concat(
    kvs.map(([key, type, value]) => Buffer.concat([str(key), u32(type), encodeValue(type, value)])),
  );
  const before = Buffer.concat([head, meta, ...infos]);
  const pad = Buffer.alloc(Math.ceil(before.length / ALIGN) * ALIGN - before.length);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, Buffer.concat([before, pad, ...datas]));
  console.log(`[bench] wrote ${out}: ${(parameters / 1e6).toFixed(1)}M parameters`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await makeBigModel(process.argv[2]);
