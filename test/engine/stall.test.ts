// A server that hangs mid-download: the load fails with a network error the user can act on (no
// "Downloading… 0%" forever), the partial file is not taken for the model, and the engine recovers.
import { expect } from '@open-wc/testing';
import { Engine, LlmError } from '../../src/engine/index.js';
import { MODEL_URL, uniqueModelUrl } from '../helpers/model.js';

describe('a download that stalls', () => {
  it('fails with a network error after the no-data bound, leaves no partial model, and the engine loads the next one', async () => {
    const url = uniqueModelUrl('stall'); // headers and 64 KB, then nothing
    const engine = new Engine({ loadOptions: { stallTimeoutMs: 1500 } });
    try {
      const failed: unknown = await engine.load(url).then(
        () => null,
        (error: unknown) => error,
      );
      expect(LlmError.is(failed) && failed.code).to.equal('network');
      expect((failed as Error).message).to.match(/stalled: no data for 2 s\. Check the connection, then retry\.$/);
      expect(engine.status).to.equal('error');
      expect(engine.progress.model.loaded).to.be.greaterThan(0, 'bytes arrived before the stall');

      // The 64 KB already stored must not pass for the model: a second try downloads again (and
      // stalls again), rather than failing to load a truncated file.
      const again: unknown = await engine.load(url).then(
        () => null,
        (error: unknown) => error,
      );
      expect(LlmError.is(again) && again.code).to.equal('network');

      await engine.load(MODEL_URL);
      const result = await engine.complete('Once upon a time', { max_tokens: 8, temperature: 0 }).result;
      expect(result.finishReason).to.be.oneOf(['stop', 'length']);
    } finally {
      await engine.unload();
    }
  });

  for (const [route, message] of [
    ['head-hang', /did not answer within 2 s\. Check the connection, then retry\.$/],
    ['headers-only', /stalled: no data for 2 s\. Check the connection, then retry\.$/],
  ] as const) {
    it(`${route === 'head-hang' ? 'a HEAD that never answers' : 'a GET that sends headers and no byte'}: a network error within the bound`, async () => {
      const engine = new Engine({ loadOptions: { stallTimeoutMs: 1500 } });
      try {
        const started = performance.now();
        const failed: unknown = await engine.load(uniqueModelUrl(route)).then(
          () => null,
          (error: unknown) => error,
        );
        expect(LlmError.is(failed) && failed.code).to.equal('network');
        expect((failed as Error).message).to.match(message);
        expect(engine.status).to.equal('error');
        console.log(`stall: ${route} failed after ${Math.round(performance.now() - started)} ms (bound 1500 ms)`);
      } finally {
        await engine.unload();
      }
    });
  }
});

describe('what a HEAD request says, and what the GET says', () => {
  it('HEAD refused (403, as signed-URL hosts answer) but GET fine: the model loads', async () => {
    const engine = new Engine({ source: uniqueModelUrl('head403') });
    try {
      const result = await engine.complete('Once upon a time', { max_tokens: 8, temperature: 0 }).result;
      expect(result.finishReason).to.be.oneOf(['stop', 'length']);
    } finally {
      await engine.unload();
    }
  });

  it('no HEAD, and a GET that declares 5 GiB: too-large at once, with the size, before the body is read', async () => {
    const engine = new Engine();
    try {
      const failed: unknown = await engine.load(uniqueModelUrl('huge-get')).then(
        () => null,
        (error: unknown) => error,
      );
      expect(LlmError.is(failed) && failed.code).to.equal('too-large');
      expect((failed as Error).message).to.match(/is 5(\.0)? GiB; one file can be at most 2(\.0)? GiB/);
      expect(engine.progress.model.loaded).to.be.lessThan(1024 ** 2, 'it stopped after the first bytes');
    } finally {
      await engine.unload();
    }
  });
});
