// Runs without COOP/COEP (web-test-runner.single-thread.config.mjs): wllama's single-thread path.
import { expect } from '@open-wc/testing';
import { Engine } from '../../src/engine/index.js';
import { MODEL_URL, STORY_WORDS } from '../helpers/model.js';

describe('Engine without cross-origin isolation', () => {
  let engine: Engine;
  afterEach(() => engine?.unload());

  it('runs llama.cpp on one thread, says why, and generates the same greedy text', async () => {
    expect(crossOriginIsolated, 'precondition: this config serves without COOP/COEP').to.equal(false);
    engine = new Engine();
    await engine.load(MODEL_URL);
    expect(engine.selection?.kind).to.equal('wllama-wasm');
    expect(engine.selection?.threads).to.equal(1);
    expect(engine.selection?.reason).to.match(/not cross-origin isolated/);
    const result = await engine.complete('Once upon a time', { temperature: 0, max_tokens: 24 }).result;
    console.log(`[figures] single-thread decode ${result.tokensPerSecond.toFixed(1)} tokens/s`);
    expect(result.text).to.match(STORY_WORDS);
    expect(result.completionTokens).to.equal(24);
  });

  it('streams a chat answer', async () => {
    engine = new Engine({ source: MODEL_URL });
    const generation = engine.chat([{ role: 'user', content: 'Tell me a story.' }], { temperature: 0, max_tokens: 30 });
    let streamed = '';
    for await (const delta of generation) streamed += delta;
    const result = await generation.result;
    expect(streamed).to.equal(result.text);
    expect(result.text.length).to.be.greaterThan(0);
  });
});
