// Synthetic GGUF models (Llama architecture, all-zero weights) for the memory-fit tests and
// measurements: any shape, vocabulary size and tensor type, with a real tokenizer (stories260K's, or
// GPT-2's with its merges) padded to the vocabulary size, so llama.cpp loads them. `headerOnly`
// writes the header alone: a file that declares a model far larger than itself (the fit check must
// refuse it from the header, before a download).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GGML_TYPES, readGguf } from './gguf.mjs';

const KV = { I32: 5, U32: 4, F32: 6, STRING: 8, ARRAY: 9 };

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
const str = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([u64(bytes.length), bytes]);
};
function item(type, value) {
  if (type === KV.STRING) return str(value);
  const b = Buffer.alloc(4);
  if (type === KV.F32) b.writeFloatLE(value);
  else if (type === KV.I32) b.writeInt32LE(value);
  else b.writeUInt32LE(value);
  return b;
}
function kv(key, type, value, itemType) {
  const body =
    type === KV.ARRAY
      ? Buffer.concat([u32(itemType), u64(value.length), ...value.map((v) => item(itemType, v))])
      : item(type, value);
  return Buffer.concat([str(key), u32(type), body]);
}

/** The tokenizer entries: stories260K's (SentencePiece-style) or GPT-2's (BPE with merges), padded to `vocab` tokens. */
function tokenizer(kind, vocab, modelDir) {
  const file =
    kind === 'gpt2' ? join(modelDir, 'vocab-only', 'ggml-vocab-gpt-2.gguf') : join(modelDir, 'stories260K.gguf');
  const meta = readGguf(readFileSync(file)).metadata;
  const tokens = [...meta.get('tokenizer.ggml.tokens').value];
  const types = [...meta.get('tokenizer.ggml.token_type').value];
  if (vocab < tokens.length) throw new Error(`a ${kind} vocabulary has at least ${tokens.length} tokens`);
  for (let i = tokens.length; i < vocab; i++) {
    tokens.push(kind === 'gpt2' ? `w${i}` : `▁w${i}`);
    types.push(1);
  }
  const entries = [
    kv('tokenizer.ggml.model', KV.STRING, kind === 'gpt2' ? 'gpt2' : 'llama'),
    kv('tokenizer.ggml.tokens', KV.ARRAY, tokens, KV.STRING),
    kv('tokenizer.ggml.token_type', KV.ARRAY, types, KV.I32),
  ];
  if (kind === 'gpt2') {
    entries.push(
      kv('tokenizer.ggml.pre', KV.STRING, 'gpt-2'),
      kv('tokenizer.ggml.merges', KV.ARRAY, meta.get('tokenizer.ggml.merges').value, KV.STRING),
      kv('tokenizer.ggml.bos_token_id', KV.U32, 50256),
      kv('tokenizer.ggml.eos_token_id', KV.U32, 50256),
    );
  } else {
    const scores = [...meta.get('tokenizer.ggml.scores').value];
    while (scores.length < vocab) scores.push(-1000);
    entries.push(
      kv('tokenizer.ggml.scores', KV.ARRAY, scores, KV.F32),
      kv('tokenizer.ggml.unknown_token_id', KV.U32, 0),
      kv('tokenizer.ggml.bos_token_id', KV.U32, 1),
      kv('tokenizer.ggml.eos_token_id', KV.U32, 2),
    );
  }
  return entries;
}

/**
 * A Llama-architecture GGUF with all-zero weights.
 * @param {{ name?: string, vocab: number, tokenizer?: 'llama' | 'gpt2', embd: number, layers: number,
 *   heads: number, kvHeads?: number, ff: number, ctx?: number, tied?: boolean, type?: keyof GGML_TYPES,
 *   headerOnly?: boolean, modelDir: string }} spec
 */
export function syntheticModel(spec) {
  const { vocab, embd, layers, heads, ff, modelDir } = spec;
  const kvHeads = spec.kvHeads ?? heads;
  const ctx = spec.ctx ?? 2048;
  const type = spec.type ?? 'F16';
  const kvDim = (embd / heads) * kvHeads;
  const kvs = [
    kv('general.architecture', KV.STRING, 'llama'),
    kv('general.name', KV.STRING, spec.name ?? 'synthetic'),
    kv('llama.context_length', KV.U32, ctx),
    kv('llama.embedding_length', KV.U32, embd),
    kv('llama.block_count', KV.U32, layers),
    kv('llama.feed_forward_length', KV.U32, ff),
    kv('llama.attention.head_count', KV.U32, heads),
    kv('llama.attention.head_count_kv', KV.U32, kvHeads),
    kv('llama.rope.dimension_count', KV.U32, embd / heads),
    kv('llama.attention.layer_norm_rms_epsilon', KV.F32, 1e-5),
    ...tokenizer(spec.tokenizer ?? 'llama', vocab, modelDir),
  ];
  const tensors = [['token_embd.weight', [embd, vocab], type]];
  for (let l = 0; l < layers; l++) {
    tensors.push(
      [`blk.${l}.attn_norm.weight`, [embd], 'F32'],
      [`blk.${l}.attn_q.weight`, [embd, embd], type],
      [`blk.${l}.attn_k.weight`, [embd, kvDim], type],
      [`blk.${l}.attn_v.weight`, [embd, kvDim], type],
      [`blk.${l}.attn_output.weight`, [embd, embd], type],
      [`blk.${l}.ffn_norm.weight`, [embd], 'F32'],
      [`blk.${l}.ffn_gate.weight`, [embd, ff], type],
      [`blk.${l}.ffn_up.weight`, [embd, ff], type],
      [`blk.${l}.ffn_down.weight`, [ff, embd], type],
    );
  }
  tensors.push(['output_norm.weight', [embd], 'F32']);
  if (!spec.tied) tensors.push(['output.weight', [embd, vocab], type]);

  const ALIGN = 32;
  let offset = 0;
  const infos = [];
  const sizes = [];
  for (const [name, dims, t] of tensors) {
    const { id, block, bytes } = GGML_TYPES[t];
    if (dims[0] % block) throw new Error(`${name}: rows of ${dims[0]} are not whole ${t} blocks`);
    const size = (dims.reduce((a, b) => a * b, 1) / block) * bytes;
    infos.push(Buffer.concat([str(name), u32(dims.length), ...dims.map(u64), u32(id), u64(offset)]));
    sizes.push(size);
    offset += Math.ceil(size / ALIGN) * ALIGN;
  }
  const head = Buffer.concat([Buffer.from('GGUF'), u32(3), u64(tensors.length), u64(kvs.length)]);
  const before = Buffer.concat([head, ...kvs, ...infos]);
  const dataStart = Math.ceil(before.length / ALIGN) * ALIGN;
  if (spec.headerOnly) return Buffer.concat([before, Buffer.alloc(dataStart - before.length)]);
  const file = Buffer.alloc(dataStart + offset);
  before.copy(file);
  // Norm weights are 1 (identity); every other weight stays 0.
  let at = dataStart;
  for (const [i, [, dims, t]] of tensors.entries()) {
    if (t === 'F32' && dims.length === 1) for (let j = 0; j < dims[0]; j++) file.writeFloatLE(1, at + j * 4);
    at += Math.ceil(sizes[i] / ALIGN) * ALIGN;
  }
  return file;
}

/**
 * The synthetic models the test server serves under /models/ (made on first request, kept in memory).
 * `wide-vocab`: a 151,936-token vocabulary (as Qwen2.5's) on a small model: a header of megabytes, and
 * logits that dominate the compute buffer. `gpt2-wide`: GPT-2's BPE vocabulary and its 50,000 merges, padded to as many tokens.
 * `fake-7b-q8`, `fake-3b-32k`: headers alone, declaring models far larger than their bodies.
 */
export const SYNTHETIC_MODELS = {
  'synthetic-wide-vocab.gguf': { vocab: 151936, embd: 256, layers: 2, heads: 4, ff: 512, tied: true },
  'synthetic-wide-vocab-untied.gguf': { vocab: 151936, embd: 256, layers: 2, heads: 4, ff: 512 },
  'synthetic-gpt2-wide.gguf': { vocab: 151936, tokenizer: 'gpt2', embd: 256, layers: 2, heads: 4, ff: 512, tied: true },
  'synthetic-deep-ctx.gguf': { vocab: 512, embd: 512, layers: 16, heads: 8, ff: 1024, ctx: 8192, type: 'Q8_0' },
  // Llama-2-7B's shape in Q8_0: about 7 GB of weights, declared in a header of a few hundred KB.
  'fake-7b-q8.gguf': {
    vocab: 32000,
    embd: 4096,
    layers: 32,
    heads: 32,
    ff: 11008,
    ctx: 4096,
    type: 'Q8_0',
    headerOnly: true,
  },
  // 1.4 GB of weights that fit, whose cache at a long context does not (no grouped-query attention).
  'fake-3b-32k.gguf': {
    vocab: 32000,
    embd: 3072,
    layers: 26,
    heads: 24,
    ff: 8192,
    ctx: 32768,
    type: 'Q4_K',
    headerOnly: true,
  },
};

const made = new Map();

/** The bytes of a synthetic model by file name, or undefined. */
export function syntheticModelBytes(name, modelDir) {
  const spec = SYNTHETIC_MODELS[name];
  if (!spec) return undefined;
  if (!made.has(name)) made.set(name, syntheticModel({ ...spec, name: name.replace(/\.gguf$/, ''), modelDir }));
  return made.get(name);
}
