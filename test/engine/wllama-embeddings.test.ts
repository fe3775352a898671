// Contract of wllama's embedding API on the real test model (stories260K, a llama): what
// createEmbedding needs at load (embeddings, pooling) and what it returns (shape, normalization,
// determinism); and on a model of a real embedding shape (the maker's BERT, all-MiniLM-L6-v2's
// shape, preset minilm-embed-q8_0). A probe for issue 29 (retrieval): the engine's embed() builds on it.
import { expect } from '@open-wc/testing';
import { Wllama } from '@wllama/wllama';

const MODEL_URL = new URL('/models/stories260K.gguf', location.href).href;
const WASM = new URL('/src/engine/backends/wllama.wasm', location.href).href;
const quiet = { debug: () => {}, log: () => {}, warn: () => {}, error: console.error };

async function loaded(params: Record<string, unknown>, url = MODEL_URL): Promise<Wllama> {
  const wllama = new Wllama({ default: WASM }, { logger: quiet, suppressNativeLog: true });
  const blob = await (await fetch(url)).blob();
  await wllama.loadModel([blob], { n_ctx: 512, n_parallel: 1, ...params });
  return wllama;
}

/** What the model writes after "Once upon a time" (5 tokens, greedy), trimmed. */
async function continuation(wllama: Wllama): Promise<string> {
  const completion = await wllama.createCompletion({ prompt: 'Once upon a time', max_tokens: 5, temperature: 0 });
  return (completion.choices[0]?.text ?? '').trim();
}

const norm = (vector: number[]) => Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));

describe("wllama's createEmbedding on stories260K (contract)", function () {
  this.timeout(60_000);

  it('loaded with embeddings and mean pooling: one normalized vector per input, the same each time', async () => {
    const wllama = await loaded({ embeddings: true, pooling_type: 'mean' });
    try {
      const inputs = ['Once upon a time there was a cat.', 'The dog ran to the park.'];
      const first = await wllama.createEmbedding({ input: inputs });
      const again = await wllama.createEmbedding({ input: inputs });
      const vectors = first.data.map((item) => item.embedding as number[]);
      expect(vectors).to.have.length(2);
      expect(vectors.map((vector) => vector.length)).to.deep.equal([64, 64]); // stories260K's embedding size
      expect(first.usage.prompt_tokens).to.be.greaterThan(0);
      for (const vector of vectors) expect(norm(vector)).to.be.closeTo(1, 1e-3);
      expect(again.data.map((item) => item.embedding)).to.deep.equal(first.data.map((item) => item.embedding));
      expect(vectors[0]).to.not.deep.equal(vectors[1]);
    } finally {
      await wllama.exit();
    }
  });

  it('loaded without the embeddings flag, it refuses to embed (and still writes text)', async () => {
    const wllama = await loaded({});
    try {
      const refusal = await wllama.createEmbedding({ input: ['Once upon a time'] }).then(
        () => '',
        (error: unknown) => String(error),
      );
      expect(refusal).to.match(/Embeddings is not enabled/);
      expect(await continuation(wllama)).to.not.equal('');
    } finally {
      await wllama.exit();
    }
  });

  it('loaded with embeddings and mean pooling, the same model still writes text: one load serves both', async () => {
    const wllama = await loaded({ embeddings: true, pooling_type: 'mean' });
    try {
      expect(await continuation(wllama)).to.not.equal('');
    } finally {
      await wllama.exit();
    }
  });
});

// scripts/make-bert-model.mjs: llama.cpp's `bert` architecture with all-MiniLM-L6-v2's shape (384 wide,
// 6 layers, 12 heads, WordPiece vocab of 30522, bert.pooling_type mean), random weights whose small
// residual branches keep each token's identity, so mean pooling scores shared words (made before the run).
const BERT_URL = new URL('/models/random-minilm-l6-embed-q8_0-v3.gguf', location.href).href;
const BERT_DIMS = 384;
const PASSAGES = [
  'Returns are accepted within thirty days of delivery.',
  'Shipping is free for orders over fifty dollars.',
  'Our store opens at nine in the morning, every day but Sunday.',
];
// Passage 1's text again, as a question that quotes it: the same input twice in one call.
const INPUTS = [...PASSAGES, PASSAGES[1]!];

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0) / (norm(a) * norm(b));

/** Embeds INPUTS twice on one load of the BERT model with `params`; the vectors of each call. */
async function bertVectors(params: Record<string, unknown>): Promise<number[][][]> {
  const wllama = await loaded({ embeddings: true, ...params }, BERT_URL);
  try {
    const calls = [];
    for (let i = 0; i < 2; i++) {
      const result = await wllama.createEmbedding({ input: INPUTS });
      calls.push(result.data.map((item) => item.embedding as number[]));
    }
    return calls;
  } finally {
    await wllama.exit();
  }
}

describe("wllama's createEmbedding on a BERT embedding model (all-MiniLM-L6-v2's shape, random weights)", function () {
  this.timeout(180_000);
  const poolings = { metadata: {}, mean: { pooling_type: 'mean' }, cls: { pooling_type: 'cls' } };
  const calls: Record<string, number[][][]> = {};

  before(async () => {
    for (const [pooling, params] of Object.entries(poolings)) calls[pooling] = await bertVectors(params);
  });

  for (const pooling of Object.keys(poolings)) {
    const label = pooling === 'metadata' ? "the model's own pooling" : `pooling_type '${pooling}'`;

    it(`${label}: one L2-normalized ${BERT_DIMS}-dim vector per input, the same on every call`, () => {
      const [first, again] = calls[pooling]!;
      expect(first!.map((vector) => vector.length)).to.deep.equal(INPUTS.map(() => BERT_DIMS));
      for (const vector of first!) expect(norm(vector)).to.be.closeTo(1, 1e-3);
      expect(again).to.deep.equal(first);
    });

    it(`${label}: identical inputs give identical vectors, different inputs different ones`, () => {
      const [vectors] = calls[pooling]!;
      expect(cosine(vectors![3]!, vectors![1]!)).to.be.closeTo(1, 1e-6);
      for (let i = 0; i < PASSAGES.length; i++) {
        for (let j = i + 1; j < PASSAGES.length; j++) expect(vectors![i]).to.not.deep.equal(vectors![j]);
      }
    });

    it(`${label}: a question equal to a passage's text scores cosine 1 against it, less against the others`, () => {
      const [vectors] = calls[pooling]!;
      const question = vectors![3]!;
      const scores = PASSAGES.map((_, i) => cosine(question, vectors![i]!));
      expect(scores[1]).to.be.closeTo(1, 1e-6);
      for (const other of [scores[0]!, scores[2]!]) expect(other).to.be.lessThan(scores[1]! - 1e-4);
    });
  }

  it("without pooling_type the model's bert.pooling_type applies (mean): the vectors of 'mean', not of 'cls'", () => {
    expect(calls.metadata).to.deep.equal(calls.mean);
    expect(calls.metadata![0]![0]).to.not.deep.equal(calls.cls![0]![0]);
  });

  it('mean pooling scores a question highest against the passage it shares words with', async () => {
    const wllama = await loaded({ embeddings: true }, BERT_URL);
    try {
      const question = 'When does the store open in the morning?';
      const result = await wllama.createEmbedding({ input: [question, ...PASSAGES] });
      const [asked, ...passages] = result.data.map((item) => item.embedding as number[]);
      const scores = passages.map((passage) => cosine(asked!, passage));
      expect(scores.indexOf(Math.max(...scores))).to.equal(2);
    } finally {
      await wllama.exit();
    }
  });
});
