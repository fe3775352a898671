// A model split with llama-gguf-split (three parts, written by scripts/make-models.mjs from the
// 135M-parameter Q8_0 model) loads from the URL of its first part, or from every part in any order,
// and answers exactly as the whole file does.
import { expect } from '@open-wc/testing';
import { Engine, resolveSource } from '../../src/engine/index.js';
import { requestCount } from '../helpers/model.js';

const WHOLE = 'random-smollm2-135m-q8_0-v3.gguf';
const part = (n: number) => `random-smollm2-135m-q8_0-v3-0000${n}-of-00003.gguf`;
const url = (file: string) => new URL(`/models/${file}`, location.href).href;

async function greedy(engine: Engine): Promise<string> {
  return (await engine.complete('Once upon a time', { temperature: 0, max_tokens: 4 }).result).text;
}

describe('a split model', function () {
  this.timeout(240_000);

  it('the first part names all of them; a list in any order is put in order', () => {
    expect(resolveSource(url(part(1))).urls).to.deep.equal([1, 2, 3].map((n) => url(part(n))));
    expect(resolveSource([url(part(3)), url(part(1)), url(part(2))]).urls).to.deep.equal(
      [1, 2, 3].map((n) => url(part(n))),
    );
    expect(resolveSource(url(part(2))).urls, 'a later part alone is left as it is').to.deep.equal([url(part(2))]);
  });

  it('loads from its first part and answers as the whole file does', async () => {
    const engine = new Engine();
    try {
      await engine.load(url(WHOLE));
      const reference = await greedy(engine);
      await engine.unload();
      const info = await engine.load(url(part(1)));
      expect(info.name).to.be.a('string');
      expect(await greedy(engine)).to.equal(reference);
      for (const n of [1, 2, 3]) expect((await requestCount(url(part(n)))).get, `part ${n} fetched`).to.be.at.least(1);
    } finally {
      await engine.unload();
    }
  });
});
