// wllama's compatibility build (for Safari: no JSPI, no Memory64), served from our own files and
// run for real. Stand-in: this Chromium has JSPI, so the page hides it before anything asks;
// detection, selection, wllama's own choice and the compat wasm itself are then the real ones.
import { expect } from '@open-wc/testing';

delete (WebAssembly as { Suspending?: unknown }).Suspending;
const { Engine, detectCapabilities } = await import('../../src/engine/index.js');
const { MODEL_URL } = await import('../helpers/model.js');

describe('the compatibility build, in a browser without JSPI (stand-in: JSPI hidden in Chromium)', () => {
  it('is chosen and said so, loads from our own files, and answers', async () => {
    const capabilities = await detectCapabilities();
    expect(capabilities.jspi).to.equal(false);
    const engine = new Engine({ source: MODEL_URL });
    try {
      const result = await engine.complete('Once upon a time', { max_tokens: 12, temperature: 0 }).result;
      expect(result.finishReason).to.be.oneOf(['stop', 'length']);
      expect(result.text.length).to.be.greaterThan(0);
      expect(engine.selection?.wasmBuild).to.equal('compat');
      expect(engine.selection?.reason).to.match(
        /compatibility build, because this browser lacks JavaScript Promise Integration \(JSPI\)/,
      );
      const fetched = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
      expect(fetched.some((path) => path.endsWith('/wllama-compat.wasm'))).to.equal(true, 'the compat wasm ran');
      expect(fetched.some((path) => path.endsWith('/wllama.wasm'))).to.equal(false, 'the main wasm was not fetched');
    } finally {
      await engine.unload();
    }
  });
});
