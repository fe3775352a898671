// A realistic download: a 144 MB model (the 135M-parameter shape of SmolLM2 at Q8_0, random
// weights, made by scripts/make-models.mjs) whose connection drops at 60% resumes from the bytes
// already stored, and loads; the second load comes from the store.
import { expect } from '@open-wc/testing';
import { Engine, type LoadProgress } from '../../src/engine/index.js';
import { droppedModelUrl, requestCount } from '../helpers/model.js';

const FILE = 'random-smollm2-135m-q8_0-v3.gguf';

describe('a 144 MB download cut at 60%', function () {
  this.timeout(240_000);

  it('resumes with Range (about 1.00× the file fetched), loads, and loads again from the store', async () => {
    const url = droppedModelUrl(60, { file: FILE });
    const engine = new Engine();
    const progress: LoadProgress[] = [];
    try {
      let started = performance.now();
      const info = await engine.load(url, { onProgress: (p) => progress.push(p) });
      const firstLoadMs = performance.now() - started;
      const size = progress.at(-1)!.model.total;
      const { get, bytes } = await requestCount(url);
      expect(size).to.be.above(100 * 1024 ** 2);
      expect(get).to.equal(2, 'the first GET, then one resume');
      expect(bytes / size).to.be.at.most(1.05, `fetched ${bytes} bytes for a ${size}-byte file`);
      expect(info.contextSize).to.be.above(0);
      await engine.unload();

      started = performance.now();
      const again: LoadProgress[] = [];
      await engine.load(url, { onProgress: (p) => again.push(p) });
      const cachedLoadMs = performance.now() - started;
      expect(again.find((p) => p.total > 0)?.fromCache, 'the second load reads the store').to.equal(true);
      expect((await requestCount(url)).get).to.equal(2, 'no further GET');
      console.log(
        `resume (${(size / 1024 ** 2).toFixed(0)} MiB, cut at 60%): fetched ${(bytes / size).toFixed(3)}× the file; ` +
          `load with download ${(firstLoadMs / 1000).toFixed(1)} s, from the store ${(cachedLoadMs / 1000).toFixed(1)} s`,
      );
    } finally {
      await engine.unload();
    }
  });
});
