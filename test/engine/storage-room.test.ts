// A model that cannot fit in the storage the browser gives the page fails at once, before a byte
// is fetched, with both numbers. The browser's estimate is scripted here (a stand-in for a full
// disk: Chromium's quota cannot be made small from a page).
import { expect } from '@open-wc/testing';
import { Engine, LlmError } from '../../src/engine/index.js';
import { requestCount, uniqueModelUrl } from '../helpers/model.js';

describe('storage room, with a scripted navigator.storage.estimate()', () => {
  const real = navigator.storage.estimate.bind(navigator.storage);
  afterEach(() => {
    navigator.storage.estimate = real;
  });

  it('too little room: a storage error with both numbers, before any GET; with room it loads', async () => {
    navigator.storage.estimate = () => Promise.resolve({ quota: 100 * 1024 ** 2, usage: 99.5 * 1024 ** 2 });
    const url = uniqueModelUrl('once');
    const engine = new Engine();
    try {
      const failed: unknown = await engine.load(url).then(
        () => null,
        (error: unknown) => error,
      );
      expect(LlmError.is(failed) && failed.code).to.equal('storage');
      expect((failed as Error).message).to.match(
        /needs 1\.1 MiB, but this browser lets the page store only 512 KiB more/,
      );
      expect((failed as Error).message).to.match(/\(100 MiB of 100 MiB used\)/);
      expect((await requestCount(url)).get).to.equal(0, 'nothing was downloaded');
      navigator.storage.estimate = real;
      await engine.load(url);
      expect(engine.status).to.equal('ready');
    } finally {
      await engine.unload();
    }
  });
});
