// Contract of wllama's embedding API on the real test model (stories260K, a llama): what
// createEmbedding needs at load (embeddings, pooling) and what it returns (shape, normalization,
// determinism). A probe for issue 29 (retrieval): the engine's embed() builds on what this shows.
import { expect } from '@open-wc/testing';
import { Wllama } from '@wllama/wllama';

const MODEL_URL = new URL('/models/stories260K.gguf', location.href).href;
const WASM = new URL('/src/engine/backends/wllama.wasm', location.href).href;
const quiet = { debug: () => {}, log: () => {}, warn: () => {}, error: console.error };

async function loaded(params: Record<string, unknown>): Promise<Wllama> {
  const wllama = new Wllama({ default: WASM }, { logger: quiet, suppressNativeLog: true });
  const blob = await (await fetch(MODEL_URL)).blob();
  await wllama.loadModel([blob], { n_ctx: 512, n_parallel: 1, ...params });
  return wllama;
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
      const text =
        (await wllama.createCompletion({ prompt: 'Once upon a time', max_tokens: 5, temperature: 0 })).choices[0]
          ?.text ?? '';
      expect(text.trim()).to.not.equal('');
    } finally {
      await wllama.exit();
    }
  });

  it('loaded with embeddings and mean pooling, the same model still writes text: one load serves both', async () => {
    const wllama = await loaded({ embeddings: true, pooling_type: 'mean' });
    try {
      const text =
        (await wllama.createCompletion({ prompt: 'Once upon a time', max_tokens: 5, temperature: 0 })).choices[0]
          ?.text ?? '';
      expect(text.trim()).to.not.equal('');
    } finally {
      await wllama.exit();
    }
  });
});
