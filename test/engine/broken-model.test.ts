// Models whose GGUF header lies (made from stories260K's real bytes by the test server, see
// DERIVED_MODELS in scripts/dev-server-plugins.mjs): the failure names the model, in plain words,
// never the engine file or a stack trace, and the engine loads the next model as if nothing happened.
import { expect } from '@open-wc/testing';
import { Engine, LlmError, estimateModel } from '../../src/engine/index.js';
import { MODEL_URL, STORY_WORDS, requestCount, uniqueFileUrl } from '../helpers/model.js';

async function loadError(engine: Engine, url: string): Promise<LlmError> {
  const failed: unknown = await engine.load(url).then(
    () => null,
    (error: unknown) => error,
  );
  expect(LlmError.is(failed), `expected an LlmError, got ${String(failed)}`).to.equal(true);
  return failed as LlmError;
}

/** What a visitor must never read in a message: llama.cpp's stack, or advice about the engine file. */
function expectPlainWords(error: LlmError): void {
  expect(error.message).not.to.match(/stack trace|__wrap_abort|wasm-function|\(ABORT\)|\bat [\w$.]+ \(/i);
  expect(error.message).not.to.match(/wllama\.wasm|engine file|llm-elements-assets/);
}

describe('a model whose header lies', () => {
  it('1,000 layers declared, 5 present (llama.cpp aborts): load-failed in plain words; the same engine then loads stories260K and answers', async () => {
    const engine = new Engine();
    try {
      const error = await loadError(engine, uniqueFileUrl('once', 'stories260K-deep.gguf'));
      expect(error.code, error.message).to.equal('load-failed');
      expect(error.message).to.match(/stories260K-deep\.gguf/);
      expectPlainWords(error);
      expect(engine.status).to.equal('error');

      await engine.load(MODEL_URL);
      const answer = await engine.complete('Once upon a time', { temperature: 0, max_tokens: 16 }).result;
      expect(answer.text).to.match(STORY_WORDS);
    } finally {
      await engine.unload();
    }
  });

  it('a tensor declaring 2^52 GiB in a 1 MB file: load-failed, the header is corrupt (not "choose a smaller model"), before the download', async () => {
    const engine = new Engine();
    try {
      const url = uniqueFileUrl('once', 'stories260K-vast-tensor.gguf');
      const error = await loadError(engine, url);
      expect(error.code, error.message).to.equal('load-failed');
      expect(error.message).to.match(/corrupt/);
      expect(error.message).to.match(/token_embd\.weight/);
      expect(error.message).not.to.match(/smaller model|GiB/);
      expectPlainWords(error);
      expect((await requestCount(url)).get, 'GET requests for the model').to.equal(0);

      // A page asking for the estimate first hears the same, not a number of GiB.
      const estimate: unknown = await estimateModel(uniqueFileUrl('once', 'stories260K-vast-tensor.gguf')).catch(
        (e: unknown) => e,
      );
      expect(LlmError.is(estimate) && estimate.code, String(estimate)).to.equal('load-failed');
    } finally {
      await engine.unload();
    }
  });
});
