// Makes test models: real GGUF v3 llamas with deterministic random weights, shaped like the small
// models of the catalog (SmolLM2-135M, SmolLM2-360M, Qwen2.5-0.5B) and quantized like real files
// (F16, Q8_0, Q4_0), plus llama-gguf-split parts. They load and generate in llama.cpp like the real
// thing (same tensor sizes, so the same download, memory and speed), without anyone's weights.
// The tokenizer is stories260K's SPM vocab, padded to the real vocab size with made-up pieces.
// Files are made once into .cache/models; the name carries MAKER_VERSION, so a changed maker makes
// new files instead of reusing stale ones. Same bytes on every machine (xorshift, no Math.random).
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GGML_TYPES, readGguf } from './gguf.mjs';
import { QWEN25_TOOLS_TEMPLATE } from './qwen-tools-template.mjs';
import { CACHE_DIR, resolveTestModel } from './resolve-model.mjs';

/** Bump when the bytes a preset makes change: every file name carries it. */
export const MAKER_VERSION = 3;

/**
 * Model shapes. `vocab: 0` keeps stories260K's 512 tokens. `tied`: no output.weight, the output
 * reuses token_embd (as SmolLM2 and Qwen2.5 small models do). `chat`: ChatML template and tokens;
 * `tools`: Qwen2.5-Instruct's template instead (tools in the system prompt, calls in <tool_call>),
 * with its <tool_call> and </tool_call> tokens. `callsTools` (untied only): three bigrams planted in
 * the random weights, so that greedy decoding calls a tool as a trained model would, where llama.cpp's
 * grammar lets text come before the call (even for tool_choice 'required'): after a newline
 * <tool_call>, after <tool_call> a newline (then the grammar writes the call), after `}` </tool_call>
 * (where the grammar allows it: the call's end), after </tool_call> <|im_end|>.
 */
export const SHAPES = {
  '57m': { label: 'llama-57m', embd: 768, layers: 8, heads: 12, kvHeads: 12, ff: 2048, ctx: 2048, vocab: 0 },
  '135m': {
    label: 'smollm2-135m',
    embd: 576,
    layers: 30,
    heads: 9,
    kvHeads: 3,
    ff: 1536,
    ctx: 8192,
    vocab: 49152,
    ropeBase: 100000,
    tied: true,
    chat: true,
  },
  '360m': {
    label: 'smollm2-360m',
    embd: 960,
    layers: 32,
    heads: 15,
    kvHeads: 5,
    ff: 2560,
    ctx: 8192,
    vocab: 49152,
    ropeBase: 100000,
    tied: true,
    chat: true,
  },
  // stories15M's shape (karpathy's tinyllamas; context raised from 256 to hold a tools prompt, its
  // output matrix untied for `callsTools`) with Qwen2.5's tool-calling template: small enough that a
  // tools prompt of ~800 tokens is read in well under a second on 2 cores (the 135M shape: tens of seconds).
  '15m-tools': {
    label: 'stories15m-tools',
    embd: 288,
    layers: 6,
    heads: 6,
    kvHeads: 6,
    ff: 768,
    ctx: 4096,
    vocab: 32000,
    chat: true,
    tools: true,
    callsTools: true,
  },
  // all-MiniLM-L6-v2's shape on llama.cpp's `bert` architecture, an embedding model with a WordPiece
  // vocab of bert-base-uncased's size, made by scripts/make-bert-model.mjs.
  'minilm-embed': {
    label: 'minilm-l6-embed',
    arch: 'bert',
    embd: 384,
    layers: 6,
    heads: 12,
    ff: 1536,
    ctx: 512,
    vocab: 30522,
  },
  // Qwen2.5-0.5B's shape and vocab size on the llama architecture (no q/k/v biases).
  '500m': {
    label: 'qwen2.5-0.5b',
    embd: 896,
    layers: 24,
    heads: 14,
    kvHeads: 2,
    ff: 4864,
    ctx: 32768,
    vocab: 151936,
    ropeBase: 1000000,
    eps: 1e-6,
    tied: true,
    chat: true,
  },
};

const TYPES = GGML_TYPES;
const TYPE_BY_ID = new Map(Object.values(GGML_TYPES).map((type) => [type.id, type]));
/** `general.file_type` (llama_ftype) of a file whose weights are all of one type. */
export const FILE_TYPE = { F16: 1, Q4_0: 2, Q8_0: 7 };
export const QUANTS = Object.keys(FILE_TYPE);

/** ChatML, as SmolLM2 and Qwen2.5 use (the same template as the test server's stories260K-chatml.gguf). */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const ALIGN = 32; // GGUF_DEFAULT_ALIGNMENT; our files never set general.alignment
const TOKEN = { NORMAL: 1, CONTROL: 3, USER_DEFINED: 4 };

// --- deterministic numbers ---------------------------------------------------------------------

/** xorshift32: the same stream on every machine, so every machine makes the same file. */
export class Random {
  constructor(seed) {
    this.state = seed >>> 0 || 1;
  }
  /** Fills `words` with random 32-bit words (a loop on a local, fast enough for ~100M words/s). */
  fill(words) {
    let s = this.state;
    for (let i = 0; i < words.length; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      words[i] = s;
    }
    this.state = s >>> 0;
  }
}

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);
/** float -> IEEE half bits, rounded to nearest even (subnormals included). */
function toHalf(value) {
  f32Scratch[0] = value;
  const x = u32Scratch[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  let mant = x & 0x7fffff;
  if (exp >= 31) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    const half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const middle = 1 << (shift - 1);
    return sign | (half + (rest > middle || (rest === middle && half & 1) ? 1 : 0));
  }
  const half = (exp << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  return sign | (half + (rest > 0x1000 || (rest === 0x1000 && half & 1) ? 1 : 0)); // a carry bumps the exponent, as it should
}

// --- tensor data --------------------------------------------------------------------------------

/**
 * Random weights of `rows` x `cols` in `type`, uniform with a standard deviation near 1/sqrt(cols)
 * (so activations keep their size through the layers), times `scale`. Rows in `zeroRows` are zero.
 */
export function randomWeights(type, rows, cols, random, zeroRows = [], scale = 1) {
  const spec = TYPES[type];
  const rowBytes = (cols / spec.block) * spec.bytes;
  const bytes = new Uint8Array(rows * rowBytes);
  random.fill(new Uint32Array(bytes.buffer, 0, bytes.length >>> 2));
  const limit = (1.7 / Math.sqrt(cols)) * scale; // largest weight; the spread is 1.7/sqrt(3) ~ 1/sqrt(cols)
  if (type === 'F16') {
    // A table of 65536 evenly spaced halves in [-limit, limit]; each random 16 bits picks one.
    const table = new Uint16Array(65536);
    for (let i = 0; i < 65536; i++) table[i] = toHalf(((i - 32767.5) / 32767.5) * limit);
    const halves = new Uint16Array(bytes.buffer);
    for (let i = 0; i < halves.length; i++) halves[i] = table[halves[i]];
  } else {
    // Each block is an f16 scale d and random quants: Q8_0 int8 (value q*d), Q4_0 nibbles (value
    // (q-8)*d). d varies by block (x0.75..1.25, from the random byte the scale overwrites).
    const maxQuant = type === 'Q8_0' ? 128 : 8;
    const scales = Array.from({ length: 16 }, (_, i) => toHalf((limit / maxQuant) * (0.75 + i / 30)));
    for (let at = 0; at < bytes.length; at += spec.bytes) {
      const d = scales[bytes[at] & 15];
      bytes[at] = d & 0xff;
      bytes[at + 1] = d >>> 8;
    }
  }
  for (const row of zeroRows) bytes.fill(0, row * rowBytes, (row + 1) * rowBytes);
  return bytes;
}

/** Sets row `row` of `bytes` (`type`, rows of `cols`) to `value` at column `col` and zero elsewhere. */
function setOneHotRow(bytes, type, cols, row, col, value) {
  const spec = TYPES[type];
  const rowBytes = (cols / spec.block) * spec.bytes;
  bytes.fill(0, row * rowBytes, (row + 1) * rowBytes);
  if (type === 'F16') {
    new DataView(bytes.buffer).setUint16(row * rowBytes + col * 2, toHalf(value), true);
    return;
  }
  // One block holds the value as its largest quant: Q8_0 127*d, Q4_0 (15-8)*d; other quants are zero.
  const at = row * rowBytes + Math.floor(col / spec.block) * spec.bytes;
  const top = type === 'Q8_0' ? 127 : 7;
  const d = toHalf(value / top);
  bytes[at] = d & 0xff;
  bytes[at + 1] = d >>> 8;
  const i = col % spec.block;
  if (type === 'Q8_0') bytes[at + 2 + i] = top;
  else {
    bytes.fill(0x88, at + 2, at + spec.bytes); // quant 8 is zero
    const j = at + 2 + (i % 16);
    bytes[j] = i < 16 ? (bytes[j] & 0xf0) | 15 : (bytes[j] & 0x0f) | (15 << 4);
  }
}

const tensorBytes = (type, dims) => {
  const spec = TYPE_BY_ID.get(type);
  if (!spec) throw new Error(`unsupported ggml type ${type}`);
  return (dims.reduce((a, b) => a * b, 1) / spec.block) * spec.bytes;
};
const padded = (n) => Math.ceil(n / ALIGN) * ALIGN;

// --- GGUF encoding ------------------------------------------------------------------------------

export const GGUF = { U16: 2, I32: 5, U32: 4, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9 };

/** Strings as GGUF writes them (u64 length, utf-8), many at once into one buffer. */
function encodeStrings(texts) {
  const utf8 = texts.map((text) => Buffer.from(text, 'utf8'));
  const out = Buffer.alloc(utf8.reduce((sum, b) => sum + 8 + b.length, 0));
  let at = 0;
  for (const b of utf8) {
    out.writeBigUInt64LE(BigInt(b.length), at);
    b.copy(out, at + 8);
    at += 8 + b.length;
  }
  return out;
}

function encodeScalar(type, value) {
  const b = Buffer.alloc(type === GGUF.BOOL ? 1 : type === GGUF.U16 ? 2 : 4);
  if (type === GGUF.BOOL) b.writeUInt8(value ? 1 : 0);
  else if (type === GGUF.U16) b.writeUInt16LE(value);
  else if (type === GGUF.U32) b.writeUInt32LE(value);
  else if (type === GGUF.I32) b.writeInt32LE(value);
  else b.writeFloatLE(value);
  return b;
}

/** One KV: `type` a GGUF scalar type, STRING, or [ARRAY, item type] with `value` an array. */
export function kv(key, type, value) {
  let encoded;
  if (type === GGUF.STRING) encoded = encodeStrings([value]);
  else if (Array.isArray(type)) {
    const [, item] = type;
    const head = Buffer.alloc(12);
    head.writeUInt32LE(item);
    head.writeBigUInt64LE(BigInt(value.length), 4);
    const items = item === GGUF.STRING ? encodeStrings(value) : Buffer.alloc(value.length * 4);
    if (item === GGUF.F32) value.forEach((v, i) => items.writeFloatLE(v, i * 4));
    if (item === GGUF.I32) value.forEach((v, i) => items.writeInt32LE(v, i * 4));
    encoded = Buffer.concat([head, items]);
  } else encoded = encodeScalar(type, value);
  const typeBytes = Buffer.alloc(4);
  typeBytes.writeUInt32LE(Array.isArray(type) ? GGUF.ARRAY : type);
  return Buffer.concat([encodeStrings([key]), typeBytes, encoded]);
}

/**
 * Writes a GGUF v3 file: `kvs` (encoded KVs), `tensors` ({ name, dims, type }), and each tensor's
 * bytes from `data(tensor)`, asked for one at a time (so a big model never sits in memory twice).
 * Written beside `path` and renamed at the end: a broken run never leaves a file that looks made.
 */
export function writeGguf(path, kvs, tensors, data, kvCount = kvs.length) {
  let offset = 0;
  const infos = tensors.map(({ name, dims, type }) => {
    const info = Buffer.alloc(4 + 8 * dims.length + 4 + 8);
    info.writeUInt32LE(dims.length);
    dims.forEach((dim, i) => info.writeBigUInt64LE(BigInt(dim), 4 + 8 * i));
    info.writeUInt32LE(type, 4 + 8 * dims.length);
    info.writeBigUInt64LE(BigInt(offset), 8 + 8 * dims.length);
    offset += padded(tensorBytes(type, dims));
    return Buffer.concat([encodeStrings([name]), info]);
  });
  const head = Buffer.alloc(24);
  head.write('GGUF', 0, 'latin1');
  head.writeUInt32LE(3, 4);
  head.writeBigUInt64LE(BigInt(tensors.length), 8);
  head.writeBigUInt64LE(BigInt(kvCount), 16);
  const header = Buffer.concat([head, ...kvs, ...infos]);
  const partial = `${path}.${process.pid}.partial`;
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, Buffer.concat([header, Buffer.alloc(padded(header.length) - header.length)]));
    for (const tensor of tensors) {
      const bytes = data(tensor);
      writeSync(fd, bytes);
      writeSync(fd, Buffer.alloc(padded(bytes.length) - bytes.length));
    }
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(partial, path);
}

// --- tokenizer ----------------------------------------------------------------------------------

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';
/** Made-up text piece number `k`: a pronounceable word, every other one starting a word (▁). */
export function madeUpPiece(k) {
  let n = (k >>> 1) + 1; // bijective base 70 over syllables: every n gives another word
  let word = '';
  while (n > 0) {
    n -= 1;
    const syllable = n % 70;
    word = CONSONANTS[Math.floor(syllable / 5)] + VOWELS[syllable % 5] + word;
    n = Math.floor(n / 70);
  }
  return k % 2 === 0 ? `\u2581${word}` : word;
}

/**
 * stories260K's SPM vocab (so prompts tokenize as with the real test model), with ChatML's control
 * tokens when `chat`, Qwen2.5's <tool_call> and </tool_call> when `tools` (user-defined, as in its
 * GGUFs: read and written as text), padded to `size` with unique made-up pieces scored below every real one.
 */
function buildVocab(source, size, chat, tools = false) {
  const tokens = [...source.metadata.get('tokenizer.ggml.tokens').value];
  const scores = [...source.metadata.get('tokenizer.ggml.scores').value];
  const types = [...source.metadata.get('tokenizer.ggml.token_type').value];
  if (chat) {
    tokens.push('<|im_start|>', '<|im_end|>');
    scores.push(0, 0);
    types.push(TOKEN.CONTROL, TOKEN.CONTROL);
  }
  if (tools) {
    tokens.push('<tool_call>', '</tool_call>');
    scores.push(0, 0);
    types.push(TOKEN.USER_DEFINED, TOKEN.USER_DEFINED);
  }
  const taken = new Set(tokens);
  const floor = Math.min(...scores) - 1;
  for (let k = 0; tokens.length < size; k++) {
    const piece = madeUpPiece(k);
    if (taken.has(piece)) continue;
    taken.add(piece);
    tokens.push(piece);
    scores.push(floor - k / size);
    types.push(TOKEN.NORMAL);
  }
  return { tokens, scores, types };
}

// --- models -------------------------------------------------------------------------------------

/**
 * Writes a llama GGUF of `shape` (see SHAPES) with `quant` weights (F16, Q8_0 or Q4_0; norms F32)
 * to `out` and returns { path, parameters, bytes }. `name` becomes general.name.
 */
export async function makeModel({ name, shape, quant, out, seed = 0x2545f491 }) {
  if (!(quant in FILE_TYPE)) throw new Error(`quant ${quant}: use one of ${QUANTS.join(', ')}`);
  const {
    embd,
    layers,
    heads,
    kvHeads,
    ff,
    ctx,
    tied = false,
    chat = false,
    tools = false,
    callsTools = false,
  } = shape;
  const source = readGguf(readFileSync(await resolveTestModel()));
  const vocab = buildVocab(source, shape.vocab, chat, tools);
  const size = vocab.tokens.length;
  const headDim = embd / heads;
  const kvDim = headDim * kvHeads;
  // Special and byte tokens get zero output rows: their logit is 0, below the best of thousands of
  // text pieces, so greedy output is always text (a random byte token makes invalid UTF-8, which
  // wllama 3.13 fails to decode). Tied models zero those embeddings too, harmless for a random model.
  const silenced = vocab.types.flatMap((type, id) => (type === TOKEN.NORMAL ? [] : [id]));
  const eos = chat ? vocab.tokens.indexOf('<|im_end|>') : 2; // SmolLM2-Instruct's eos is <|im_end|>

  const STR = GGUF.STRING;
  const kvs = [
    kv('general.architecture', STR, 'llama'),
    kv('general.type', STR, 'model'),
    kv('general.name', STR, name),
    kv('llama.vocab_size', GGUF.U32, size),
    kv('llama.context_length', GGUF.U32, ctx),
    kv('llama.embedding_length', GGUF.U32, embd),
    kv('llama.block_count', GGUF.U32, layers),
    kv('llama.feed_forward_length', GGUF.U32, ff),
    kv('llama.rope.dimension_count', GGUF.U32, headDim),
    kv('llama.rope.freq_base', GGUF.F32, shape.ropeBase ?? 10000),
    kv('llama.attention.head_count', GGUF.U32, heads),
    kv('llama.attention.head_count_kv', GGUF.U32, kvHeads),
    kv('llama.attention.layer_norm_rms_epsilon', GGUF.F32, shape.eps ?? 1e-5),
    kv('general.file_type', GGUF.U32, FILE_TYPE[quant]),
    ...(quant === 'F16' ? [] : [kv('general.quantization_version', GGUF.U32, 2)]),
    kv('tokenizer.ggml.model', STR, 'llama'),
    kv('tokenizer.ggml.tokens', [GGUF.ARRAY, STR], vocab.tokens),
    kv('tokenizer.ggml.scores', [GGUF.ARRAY, GGUF.F32], vocab.scores),
    kv('tokenizer.ggml.token_type', [GGUF.ARRAY, GGUF.I32], vocab.types),
    kv('tokenizer.ggml.bos_token_id', GGUF.U32, 1),
    kv('tokenizer.ggml.eos_token_id', GGUF.U32, eos),
    kv('tokenizer.ggml.unknown_token_id', GGUF.U32, 0),
    ...(chat ? [kv('tokenizer.chat_template', STR, tools ? QWEN25_TOOLS_TEMPLATE : CHATML_TEMPLATE)] : []),
    // As Qwen2.5's BPE: no BOS, no space before text. llama.cpp feeds the generation prompt
    // (`<|im_start|>assistant\n`) through a tool call's grammar, which a BOS or a `▁assistant` breaks.
    ...(tools
      ? [kv('tokenizer.ggml.add_bos_token', GGUF.BOOL, false), kv('tokenizer.ggml.add_space_prefix', GGUF.BOOL, false)]
      : []),
  ];

  // ggml dims: ne0 is the row length (input features), ne1 the rows.
  const q = TYPES[quant].id;
  const f32 = TYPES.F32.id;
  const tensors = [{ name: 'token_embd.weight', dims: [embd, size], type: q, zeroRows: tied ? silenced : [] }];
  for (let l = 0; l < layers; l++) {
    tensors.push(
      { name: `blk.${l}.attn_norm.weight`, dims: [embd], type: f32 },
      { name: `blk.${l}.attn_q.weight`, dims: [embd, embd], type: q },
      { name: `blk.${l}.attn_k.weight`, dims: [embd, kvDim], type: q },
      { name: `blk.${l}.attn_v.weight`, dims: [embd, kvDim], type: q },
      { name: `blk.${l}.attn_output.weight`, dims: [embd, embd], type: q },
      { name: `blk.${l}.ffn_norm.weight`, dims: [embd], type: f32 },
      { name: `blk.${l}.ffn_gate.weight`, dims: [embd, ff], type: q },
      { name: `blk.${l}.ffn_up.weight`, dims: [embd, ff], type: q },
      { name: `blk.${l}.ffn_down.weight`, dims: [ff, embd], type: q },
    );
  }
  tensors.push({ name: 'output_norm.weight', dims: [embd], type: f32 });
  if (!tied) tensors.push({ name: 'output.weight', dims: [embd, size], type: q, zeroRows: silenced });

  // Planted bigrams: the input row of `from` is one large value on its own dimension (it outweighs
  // what the random layers add, so the final norm leaves ~sqrt(embd) there), and the output row of
  // `to` reads that dimension: its logit ~sqrt(embd) = 17 beats the random ones (below ~2).
  const id = (piece) => vocab.tokens.indexOf(piece);
  const bigrams = callsTools
    ? [
        ['<0x0A>', '<tool_call>'],
        ['<tool_call>', '<0x0A>'],
        ['<0x7D>', '</tool_call>'],
        ['</tool_call>', '<|im_end|>'],
      ].map(([from, to], i) => ({ from: id(from), to: id(to), dim: i + 1 }))
    : [];
  if (bigrams.length) {
    if (tied) throw new Error('callsTools needs an untied output');
    tensors[0].oneHot = bigrams.map(({ from, dim }) => [from, dim, 256]);
    tensors.at(-1).oneHot = bigrams.map(({ to, dim }) => [to, dim, 1]);
  }

  const random = new Random(seed);
  await mkdir(dirname(out), { recursive: true });
  writeGguf(out, kvs, tensors, ({ dims, type, zeroRows, oneHot = [] }) => {
    if (type === f32) return new Uint8Array(new Float32Array(dims[0]).fill(1).buffer); // norms: identity
    const bytes = randomWeights(quant, dims[1], dims[0], random, zeroRows);
    for (const [row, col, value] of oneHot) setOneHotRow(bytes, quant, dims[0], row, col, value);
    return bytes;
  });
  const parameters = tensors.reduce((sum, { dims }) => sum + dims.reduce((a, b) => a * b, 1), 0);
  return { path: out, parameters, bytes: statSync(out).size };
}

// --- llama-gguf-split ---------------------------------------------------------------------------

/** The header of a GGUF file (readGguf) and its tensors ({ name, dims, type, offset }). */
function readHeader(fd) {
  for (let size = 1 << 23; ; size *= 2) {
    const buffer = Buffer.alloc(size);
    const length = readSync(fd, buffer, 0, size, 0);
    try {
      const header = readGguf(buffer.subarray(0, length));
      const tensors = [];
      let at = header.tensorInfoStart;
      for (let i = 0; i < header.tensorCount; i++) {
        const nameLength = Number(buffer.readBigUInt64LE(at));
        const name = buffer.toString('utf8', at + 8, at + 8 + nameLength);
        at += 8 + nameLength;
        const dims = Array.from({ length: buffer.readUInt32LE(at) }, (_, d) =>
          Number(buffer.readBigUInt64LE(at + 4 + 8 * d)),
        );
        at += 4 + 8 * dims.length;
        tensors.push({ name, dims, type: buffer.readUInt32LE(at), offset: Number(buffer.readBigUInt64LE(at + 4)) });
        at += 12;
      }
      return { header, tensors, kvs: buffer.subarray(header.kvStart, header.tensorInfoStart) };
    } catch (error) {
      // A header bigger than what was read (a huge vocab) reads past the end: read more.
      if (!(error instanceof RangeError) || length < size) throw error;
    }
  }
}

/** `model.gguf` -> `model-00001-of-00003.gguf` ... (llama.cpp's llama_split_path). */
export function splitPaths(path, parts) {
  const base = path.replace(/\.gguf$/, '');
  const pad = (n) => String(n).padStart(5, '0');
  return Array.from({ length: parts }, (_, i) => `${base}-${pad(i + 1)}-of-${pad(parts)}.gguf`);
}

/**
 * Splits a GGUF file into `parts` files as llama-gguf-split does, the tensors in order and balanced
 * by size: each part is a complete GGUF with split.no (u16, from 0), split.count (u16) and
 * split.tensors.count (i32, the tensors of the whole model); the first part also keeps every KV of
 * the model, before those three. Returns the part paths (see splitPaths).
 */
export function splitModel(path, parts) {
  const fd = openSync(path, 'r');
  try {
    const { header, tensors, kvs } = readHeader(fd);
    if (header.metadata.has('split.count')) throw new Error(`${path} is already a split part`);
    if (header.alignment !== ALIGN) throw new Error(`${path} aligns its tensors to ${header.alignment}, not ${ALIGN}`);
    if (!(parts >= 2 && parts <= tensors.length)) throw new Error(`cannot split ${tensors.length} tensors in ${parts}`);
    const sizes = tensors.map(({ type, dims }) => padded(tensorBytes(type, dims)));
    const total = sizes.reduce((a, b) => a + b, 0);
    const groups = [[]];
    let done = 0;
    tensors.forEach((tensor, i) => {
      const current = groups.at(-1);
      const partsLeft = parts - groups.length;
      const due = done >= (total * groups.length) / parts || tensors.length - i <= partsLeft;
      if (current.length > 0 && partsLeft > 0 && due) groups.push([tensor]);
      else current.push(tensor);
      done += sizes[i];
    });
    const paths = splitPaths(path, parts);
    groups.forEach((group, no) => {
      const splitKvs = [
        kv('split.no', GGUF.U16, no),
        kv('split.count', GGUF.U16, parts),
        kv('split.tensors.count', GGUF.I32, tensors.length),
      ];
      const partKvs = no === 0 ? [kvs, ...splitKvs] : splitKvs;
      const kvCount = (no === 0 ? header.kvCount : 0) + splitKvs.length;
      writeGguf(
        paths[no],
        partKvs,
        group,
        ({ type, dims, offset }) => {
          const bytes = Buffer.allocUnsafe(tensorBytes(type, dims));
          readSync(fd, bytes, 0, bytes.length, header.dataStart + offset);
          return bytes;
        },
        kvCount,
      );
    });
    return paths;
  } finally {
    closeSync(fd);
  }
}

// --- presets --------------------------------------------------------------------------------------

/**
 * Presets: `<shape>-<quant>` (shapes 57m 135m 360m 500m 15m-tools minilm-embed, quants f16 q8_0 q4_0, e.g.
 * `135m-q8_0`), and `split:<preset>:<parts>` for llama-gguf-split parts of one (e.g. `split:135m-q8_0:3`).
 */
export const PRESETS = [
  '57m-f16',
  '135m-q8_0',
  '135m-q4_0',
  '360m-q8_0',
  '500m-q4_0',
  'split:135m-q8_0:3',
  '15m-tools-q8_0',
  'minilm-embed-q8_0',
];

/** What `preset` makes: { name, shape, quant } for makeModel, and `parts` for a split. */
export function presetSpec(preset) {
  const split = /^split:([^:]+):(\d+)$/.exec(preset);
  if (split) return { ...presetSpec(split[1]), parts: Number(split[2]) };
  const match = /^([\w-]+)-(f16|q8_0|q4_0)$/i.exec(preset);
  const shape = match && SHAPES[match[1].toLowerCase()];
  if (!shape) throw new Error(`unknown model preset "${preset}"; for example: ${PRESETS.join(', ')}`);
  const quant = match[2].toUpperCase();
  return { shape, quant, name: `random-${shape.label}-${quant.toLowerCase()}-v${MAKER_VERSION}` };
}

/** The file(s) of a preset in .cache/models, made or not: one path, or the parts of a split. */
export function presetPaths(preset) {
  const { name, parts } = presetSpec(preset);
  const path = join(CACHE_DIR, `${name}.gguf`);
  return parts ? splitPaths(path, parts) : [path];
}

const making = new Map();

/** Makes the files of `preset` once (cached in .cache/models) and returns all their paths. */
export function ensureModelFiles(preset) {
  if (!making.has(preset)) {
    making.set(
      preset,
      make(preset).catch((error) => {
        making.delete(preset); // a later call tries again
        throw error;
      }),
    );
  }
  return making.get(preset);
}

/** Makes `preset` once (cached in .cache/models) and returns its path; for a split, the first part. */
export async function ensureModel(preset) {
  return (await ensureModelFiles(preset))[0];
}

async function make(preset) {
  const paths = presetPaths(preset);
  if (paths.every((path) => existsSync(path))) return paths;
  const { shape, quant, name, parts } = presetSpec(preset);
  const started = performance.now();
  if (parts) {
    splitModel(await ensureModel(preset.split(':')[1]), parts);
  } else {
    // Imported when needed: make-bert-model.mjs builds on this file's helpers.
    const maker = shape.arch === 'bert' ? (await import('./make-bert-model.mjs')).makeBertModel : makeModel;
    const { parameters } = await maker({ name, shape, quant, out: paths[0] });
    console.log(`[models] ${name}: ${(parameters / 1e6).toFixed(1)}M parameters, ${quant}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const path of paths) console.log(`[models] wrote ${path} (${statSync(path).size} bytes, ${seconds} s)`);
  return paths;
}
