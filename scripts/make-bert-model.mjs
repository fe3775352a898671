// Makes a BERT embedding test model: a GGUF v3 file of llama.cpp's `bert` architecture (as
// convert_hf_to_gguf.py writes all-MiniLM-L6-v2 or bge-small-en-v1.5), deterministic random weights,
// and a WordPiece vocab in llama.cpp's spelling (a word's first piece starts with ▁, a `##` piece is
// bare). Preset `minilm-embed-<quant>` in make-models.mjs, which caches the file in .cache/models.
//
// The residual branches (attention output, feed-forward down) are scaled down, so each token's vector
// stays close to its own embedding through the layers: mean pooling then gives a bag-of-words vector,
// and texts sharing words score a higher cosine than texts sharing none, as a trained model would.
import { readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readGguf } from './gguf.mjs';
import { FILE_TYPE, GGUF, kv, madeUpPiece, QUANTS, Random, randomWeights, writeGguf } from './make-models.mjs';
import { resolveTestModel } from './resolve-model.mjs';

const GGML = { F32: 0, F16: 1, Q4_0: 2, Q8_0: 8 };
/** llama.cpp's token types (gguf TokenType). */
const TOKEN = { NORMAL: 1, CONTROL: 3, UNUSED: 5 };
/** llama_pooling_type: what `bert.pooling_type` holds (all-MiniLM-L6-v2 pools the mean, bge-small CLS). */
export const POOLING = { NONE: 0, MEAN: 1, CLS: 2 };
/** Scale of the residual branches' output weights (1 is a plain random layer): see the file's comment. */
const BRANCH_SCALE = 0.15;
/** Scale of position and token-type embeddings next to the token's own: words, not positions, decide. */
const POSITION_SCALE = 0.1;
/** Scale of the biases. */
const BIAS_SCALE = 0.1;

// Common English words (whole-word pieces), so that ordinary sentences tokenize into known pieces.
const WORDS = `the of and to a in is it you that he was for on are with as his they be at one have this from
or had by not word but what some we can out other were all there when up use your how said an each she which do
their time if will way about many then them write would like so these her long make thing see him two has look more
day could go come did number sound no most people my over know water than call first who may down side been now
find any new work part take get place made live where after back little only round man year came show every good me
give our under name very through just form sentence great think say help low line differ turn cause much mean before
move right boy old too same tell does set three want air well also play small end put home read hand port large spell
add even land here must big high such follow act why ask men change went light kind off need house picture try us again
animal point mother world near build self earth father head stand own page should country found answer school grow
study still learn plant cover food sun four between state keep eye never last let thought city tree cross farm hard
start might story saw far sea draw left late run while press close night real life few north open seem together next
white children begin got walk example ease paper group always music those both mark often letter until mile river car
feet care second book carry took science eat room friend began idea fish mountain stop once base hear horse cut sure
watch color face wood main enough plain girl usual young ready above ever red list though feel talk bird soon body dog
family direct pose leave song measure door product black short numeral class wind question happen complete ship area
half rock order fire south problem piece told knew pass since top whole king space heard best hour better true during
hundred five remember step early hold west ground interest reach fast verb sing listen six table travel less morning
ten simple several vowel toward war lay against pattern slow center love person money serve appear road map rain rule
govern pull cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan figure star
box noun field rest correct able pound done beauty drive stood contain front teach week final gave green oh quick
develop ocean warm free minute strong special mind behind clear tail produce fact street inch multiply nothing course
stay wheel full force blue object decide surface deep moon island foot system busy test record boat common gold
possible plane stead dry wonder laugh thousand ago ran check game shape equate hot miss brought heat snow tire bring
yes distant fill east paint language among return returns refund policy shipping ship shipped delivery deliver
store shop price prices cost pay payment card account password reset email contact support hours weekend monday
friday today tomorrow days weeks months free thirty fifty dollars within accepted item items cat cats dogs park ran
happy sad once upon lily tim ben sam mom dad toy toys ball tree garden sky blue bright quiet loud warranty battery
phone screen app download install browser page site web website search answer answers question questions citation
source sources document documents library model models engine chat message messages privacy data cookie cookies`
  .split(/\s+/)
  .filter(Boolean);
/** Common endings, as `##` pieces. */
const SUFFIXES = ['s', 'es', 'ed', 'ing', 'er', 'ers', 'est', 'ly', 'ion', 'tion', 'ment', 'ness', 'ful', 'less'];
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

/**
 * A WordPiece vocab of `size` pieces laid out as bert-base-uncased's: [PAD] 0, [unused0..98] 1-99,
 * [UNK] 100, [CLS] 101, [SEP] 102, [MASK] 103; then single characters, whole words (WORDS and
 * stories260K's), `##` pieces (characters, endings, stories260K's), and made-up pieces up to `size`.
 * Every lowercase word tokenizes without [UNK]: its characters are all pieces.
 */
function buildWordPieceVocab(source, size) {
  const tokens = [];
  const types = [];
  const taken = new Set();
  const add = (text, type = TOKEN.NORMAL) => {
    if (taken.has(text)) return;
    taken.add(text);
    tokens.push(text);
    types.push(type);
  };
  add('[PAD]', TOKEN.CONTROL);
  for (let i = 0; i < 99; i++) add(`[unused${i}]`, TOKEN.UNUSED);
  for (const special of ['[UNK]', '[CLS]', '[SEP]', '[MASK]']) add(special, TOKEN.CONTROL);
  for (const char of PUNCTUATION + DIGITS + LETTERS) add(`\u2581${char}`);
  const stories = source.metadata.get('tokenizer.ggml.tokens').value;
  for (const word of WORDS) add(`\u2581${word}`);
  for (const piece of stories) if (/^\u2581[a-z]+$/.test(piece)) add(piece);
  for (const char of DIGITS + LETTERS) add(char);
  for (const suffix of SUFFIXES) add(suffix);
  for (const piece of stories) if (/^[a-z]+$/.test(piece)) add(piece);
  for (let k = 0; tokens.length < size; k++) add(madeUpPiece(k));
  return { tokens, types };
}

/** `count` float32s uniform in [-limit, limit], as bytes. */
function randomF32(count, limit, random) {
  const words = new Uint32Array(count);
  random.fill(words);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = (words[i] / 0x80000000 - 1) * limit;
  return new Uint8Array(values.buffer);
}

/**
 * Writes a `bert` GGUF of `shape` ({ embd, layers, heads, ff, ctx, vocab }) with `quant` matrices
 * (F16, Q8_0 or Q4_0; norms, biases, position and token-type embeddings F32, as the converter keeps
 * them) to `out`, mean pooling by default (`pooling`). Returns { path, parameters, bytes }.
 */
export async function makeBertModel({ name, shape, quant, out, pooling = POOLING.MEAN, seed = 0x2545f491 }) {
  if (!(quant in FILE_TYPE)) throw new Error(`quant ${quant}: use one of ${QUANTS.join(', ')}`);
  const { embd, layers, heads, ff, ctx } = shape;
  const source = readGguf(readFileSync(await resolveTestModel()));
  const vocab = buildWordPieceVocab(source, shape.vocab);
  const id = (text) => vocab.tokens.indexOf(text);

  const STR = GGUF.STRING;
  const kvs = [
    kv('general.architecture', STR, 'bert'),
    kv('general.type', STR, 'model'),
    kv('general.name', STR, name),
    kv('bert.context_length', GGUF.U32, ctx),
    kv('bert.embedding_length', GGUF.U32, embd),
    kv('bert.feed_forward_length', GGUF.U32, ff),
    kv('bert.block_count', GGUF.U32, layers),
    kv('bert.attention.head_count', GGUF.U32, heads),
    kv('bert.attention.layer_norm_epsilon', GGUF.F32, 1e-12),
    kv('bert.attention.causal', GGUF.BOOL, false),
    kv('bert.pooling_type', GGUF.U32, pooling),
    kv('general.file_type', GGUF.U32, FILE_TYPE[quant]),
    ...(quant === 'F16' ? [] : [kv('general.quantization_version', GGUF.U32, 2)]),
    kv('tokenizer.ggml.model', STR, 'bert'),
    kv('tokenizer.ggml.token_type_count', GGUF.U32, 2), // sentence A and B; llama.cpp adds A's row
    kv('tokenizer.ggml.tokens', [GGUF.ARRAY, STR], vocab.tokens),
    kv('tokenizer.ggml.token_type', [GGUF.ARRAY, GGUF.I32], vocab.types),
    kv('tokenizer.ggml.unknown_token_id', GGUF.U32, id('[UNK]')),
    kv('tokenizer.ggml.seperator_token_id', GGUF.U32, id('[SEP]')), // sic: llama.cpp's spelling
    kv('tokenizer.ggml.padding_token_id', GGUF.U32, id('[PAD]')),
    kv('tokenizer.ggml.cls_token_id', GGUF.U32, id('[CLS]')),
    kv('tokenizer.ggml.mask_token_id', GGUF.U32, id('[MASK]')),
  ];

  // ggml dims: ne0 is the row length (input features), ne1 the rows. `scale`: of a random tensor;
  // `fill`: a constant one (norm weights 1, norm biases 0).
  const q = GGML[quant];
  const f32 = GGML.F32;
  const size = vocab.tokens.length;
  const tensors = [
    { name: 'token_embd.weight', dims: [embd, size], type: q },
    { name: 'token_types.weight', dims: [embd, 2], type: f32, scale: POSITION_SCALE },
    { name: 'position_embd.weight', dims: [embd, ctx], type: f32, scale: POSITION_SCALE },
    { name: 'token_embd_norm.weight', dims: [embd], type: f32, fill: 1 },
    { name: 'token_embd_norm.bias', dims: [embd], type: f32, fill: 0 },
  ];
  for (let l = 0; l < layers; l++) {
    const blk = `blk.${l}`;
    for (const part of ['attn_q', 'attn_k', 'attn_v']) {
      tensors.push(
        { name: `${blk}.${part}.weight`, dims: [embd, embd], type: q },
        { name: `${blk}.${part}.bias`, dims: [embd], type: f32, scale: BIAS_SCALE },
      );
    }
    tensors.push(
      { name: `${blk}.attn_output.weight`, dims: [embd, embd], type: q, scale: BRANCH_SCALE },
      { name: `${blk}.attn_output.bias`, dims: [embd], type: f32, scale: BIAS_SCALE * BRANCH_SCALE },
      { name: `${blk}.attn_output_norm.weight`, dims: [embd], type: f32, fill: 1 },
      { name: `${blk}.attn_output_norm.bias`, dims: [embd], type: f32, fill: 0 },
      { name: `${blk}.ffn_up.weight`, dims: [embd, ff], type: q },
      { name: `${blk}.ffn_up.bias`, dims: [ff], type: f32, scale: BIAS_SCALE },
      { name: `${blk}.ffn_down.weight`, dims: [ff, embd], type: q, scale: BRANCH_SCALE },
      { name: `${blk}.ffn_down.bias`, dims: [embd], type: f32, scale: BIAS_SCALE * BRANCH_SCALE },
      { name: `${blk}.layer_output_norm.weight`, dims: [embd], type: f32, fill: 1 },
      { name: `${blk}.layer_output_norm.bias`, dims: [embd], type: f32, fill: 0 },
    );
  }

  const random = new Random(seed);
  await mkdir(dirname(out), { recursive: true });
  writeGguf(out, kvs, tensors, ({ dims, type, scale = 1, fill }) => {
    const count = dims.reduce((a, b) => a * b, 1);
    if (fill !== undefined) return new Uint8Array(new Float32Array(count).fill(fill).buffer);
    // F32 tensors are sized as the token embedding's rows (uniform, spread ~1/sqrt(embd)) times `scale`.
    if (type === f32) return randomF32(count, (1.7 / Math.sqrt(embd)) * scale, random);
    return randomWeights(quant, dims[1], dims[0], random, [], scale);
  });
  const parameters = tensors.reduce((sum, { dims }) => sum + dims.reduce((a, b) => a * b, 1), 0);
  return { path: out, parameters, bytes: statSync(out).size };
}
