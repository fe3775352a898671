// engine.embed() and PassageIndex on real llama.cpp (wllama) in Chromium, on stories260K loaded to
// embed (mean pooling: a llama's hidden states, 64 numbers a text). Its vectors mean little, but they
// are real and deterministic: a question that is a passage's exact words finds that passage first.
import { expect } from '@open-wc/testing';
import { Engine, LlmError, MemoryVectorStore, PassageIndex, type EmbedOptions } from '../../src/engine/index.js';
import { MODEL_URL } from '../helpers/model.js';
import { within } from '../helpers/wait.js';

const PASSAGES = [
  'Returns are free within thirty days of delivery.',
  'The shop opens at nine in the morning on weekdays.',
  'Shipping to Canada takes five to seven working days.',
  'Gift cards never expire and can be used online.',
  'A cat sat on the warm mat and purred all day.',
  'The big red ball rolled down the hill into the pond.',
];

const norm = (vector: Float32Array) => Math.hypot(...vector);

describe('engine.embed() and PassageIndex on stories260K', function () {
  this.timeout(60_000);
  let engine: Engine;

  before(async () => {
    engine = new Engine({ source: MODEL_URL, loadOptions: { embeddings: true, contextSize: 512 } });
    await within(engine.load(), 30_000, 'the model loading to embed');
  });
  after(() => engine.unload());

  /** The engine, counting the texts it is asked to embed. */
  function counting(): { embed: Engine['embed']; texts: string[] } {
    const texts: string[] = [];
    return {
      texts,
      embed: (batch: readonly string[], options?: EmbedOptions) => {
        texts.push(...batch);
        return engine.embed(batch, options);
      },
    };
  }

  it('gives one normalized vector per text, in order, the same each time; the model info says so', async () => {
    expect(engine.modelInfo?.embedding).to.deep.equal({ size: 64, pooling: 'mean' });
    const progress: Array<[number, number]> = [];
    const vectors = await engine.embed(PASSAGES, { batchSize: 4, onProgress: (d, t) => progress.push([d, t]) });
    expect(vectors.map((v) => v.length)).to.deep.equal(PASSAGES.map(() => 64));
    for (const vector of vectors) expect(norm(vector)).to.be.closeTo(1, 1e-3);
    expect(progress).to.deep.equal([
      [4, 6],
      [6, 6],
    ]);
    const again = await engine.embed([PASSAGES[2] as string]);
    expect([...(again[0] as Float32Array)]).to.deep.equal([...(vectors[2] as Float32Array)]);
    expect([...(vectors[0] as Float32Array)]).to.not.deep.equal([...(vectors[1] as Float32Array)]);
  });

  it('still writes text, and a chat waiting behind a long embedding starts before it ends', async () => {
    const many = Array.from({ length: 64 }, (_, i) => `${PASSAGES[i % PASSAGES.length]} (${i})`);
    const order: string[] = [];
    const embedding = engine.embed(many, { batchSize: 8, onProgress: (done) => order.push(`embedded ${done}`) });
    const chat = engine.complete('Once upon a time', { max_tokens: 8, temperature: 0 });
    const result = await chat.result;
    order.push('chat done');
    await embedding;
    expect(result.finishReason).to.equal('length');
    expect(result.text).to.not.equal('');
    expect(order.indexOf('chat done')).to.be.lessThan(order.indexOf('embedded 64'));
  });

  it('writes the same text as the model loaded without embeddings (greedy), so one load serves both', async () => {
    const plain = new Engine({ source: MODEL_URL, loadOptions: { contextSize: 512 } });
    try {
      const options = { max_tokens: 24, temperature: 0 } as const;
      const expected = (await plain.complete('Once upon a time', options).result).text;
      const text = (await engine.complete('Once upon a time', options).result).text;
      expect(expected).to.not.equal('');
      expect(text).to.equal(expected);
    } finally {
      await plain.unload();
    }
  });

  it('refuses an empty text, and stops when aborted; the engine embeds again after', async () => {
    const empty = await engine.embed(['fine', '  ']).catch((error: unknown) => error);
    expect(LlmError.is(empty) && empty.code).to.equal('invalid-request');
    const controller = new AbortController();
    const stopped = engine.embed(
      Array.from({ length: 64 }, (_, i) => `passage ${i}`),
      { batchSize: 4, signal: controller.signal, onProgress: () => controller.abort() },
    );
    const error = await stopped.catch((caught: unknown) => caught);
    expect(LlmError.is(error) && error.code).to.equal('aborted');
    expect(await engine.embed(['after'])).to.have.length(1);
  });

  it('is unsupported on a model not loaded to embed, saying how to load it', async () => {
    const plain = new Engine({ source: MODEL_URL, loadOptions: { contextSize: 256 } });
    try {
      const error = await plain.embed(['text']).catch((caught: unknown) => caught);
      expect(LlmError.is(error) && error.code).to.equal('unsupported');
      expect((error as Error).message).to.match(/embeddings: true/);
    } finally {
      await plain.unload();
    }
  });

  it('finds a passage first for a question that is its words, above a floor others stay under', async () => {
    const index = new PassageIndex({
      embedder: engine,
      model: `test-${Math.random()}`,
      store: new MemoryVectorStore(),
    });
    await index.update(
      'faq',
      PASSAGES.map((text) => ({ text })),
    );
    for (const text of PASSAGES) {
      const [best, second] = await index.search(text, { limit: 2, minScore: -1 });
      expect(best?.text).to.equal(text);
      expect(best?.score).to.be.closeTo(1, 1e-3);
      expect(second?.score ?? -1).to.be.lessThan(best?.score ?? 0);
    }
    expect(await index.search(PASSAGES[0] as string, { minScore: 1.01 })).to.deep.equal([]);
    const budgeted = await index.search(PASSAGES[0] as string, { limit: 6, minScore: -1, maxTokens: 15 });
    expect(budgeted.map((p) => p.text)[0]).to.equal(PASSAGES[0]);
    expect(budgeted.reduce((sum, p) => sum + Math.ceil(p.text.length / 4), 0)).to.be.at.most(15);
  });

  it('keeps vectors in IndexedDB: a reload embeds nothing, a changed page only what changed, a removed source is gone', async () => {
    const model = `test-${Date.now()}-${Math.random()}`;
    const name = `idx-${Math.random()}`;
    const first = counting();
    const index = new PassageIndex({ embedder: first, model, name });
    const update = await index.update(
      'page',
      PASSAGES.map((text) => ({ text })),
    );
    expect(update).to.deep.equal({ embedded: 6, reused: 0, removed: 0 });
    await index.update('other', [{ text: 'A source of its own.' }]);

    // A new page load: a new index over the same storage.
    const second = counting();
    const reloaded = new PassageIndex({ embedder: second, model, name });
    const changed = [...PASSAGES.slice(0, 5), 'Shipping to Mexico takes ten days.'];
    expect(
      await reloaded.update(
        'page',
        changed.map((text) => ({ text })),
      ),
    ).to.deep.equal({
      embedded: 1,
      reused: 5,
      removed: 1,
    });
    expect(second.texts).to.deep.equal(['Shipping to Mexico takes ten days.']);
    const [hit] = await reloaded.search('Shipping to Mexico takes ten days.', { minScore: -1 });
    expect(hit?.source).to.equal('page');

    // The next visit no longer has the source "other": it leaves storage and results.
    const third = new PassageIndex({ embedder: counting(), model, name });
    await third.update(
      'page',
      changed.map((text) => ({ text })),
    );
    expect(await third.retain(['page'])).to.deep.equal(['other']);
    const results = await third.search('A source of its own.', { limit: 10, minScore: -1 });
    expect(results.map((p) => p.source)).to.not.include('other');
    const fourth = counting();
    const afterRemoval = new PassageIndex({ embedder: fourth, model, name });
    await afterRemoval.update('other', [{ text: 'A source of its own.' }]);
    expect(fourth.texts).to.deep.equal(['A source of its own.']); // its vector was deleted with it
  });

  it('an update stopped half-way keeps what it embedded: the next one embeds only the rest', async () => {
    const index = new PassageIndex({
      embedder: engine,
      model: `test-${Math.random()}`,
      store: new MemoryVectorStore(),
    });
    const passages = Array.from({ length: 70 }, (_, i) => ({ text: `Passage number ${i} of the long page.` }));
    const controller = new AbortController();
    const stopped = await index
      .update('long', passages, {
        signal: controller.signal,
        onProgress: (done) => {
          if (done >= 64) controller.abort();
        },
      })
      .catch((error: unknown) => error);
    expect(LlmError.is(stopped) && stopped.code).to.equal('aborted');
    expect(await index.update('long', passages)).to.deep.equal({ embedded: 6, reused: 64, removed: 0 });
  });
});
