// engine.countTokens() on real llama.cpp (wllama) and stories260K: the model's own tokenizer counts,
// exactly what the text costs in a prompt, evaluating nothing; without a model it refuses in words.
import { expect } from '@open-wc/testing';
import { Engine, type LlmError } from '../../src/engine/index.js';
import { estimateTokens } from '../../src/engine/core/token-count.js';
import { WebLlmBackend, type MlcEngineFactory } from '../../src/engine/backends/web-llm.js';
import { MODEL_URL } from '../helpers/model.js';
import { ScriptedMlcEngine } from '../helpers/scripted-mlc-engine.js';
import { installPromptApi } from '../helpers/scripted-prompt-api.js';
import { testDevice } from '../helpers/capabilities.js';
import { within } from '../helpers/wait.js';

const CONTEXT = 256;
const STORY = 'Once upon a time there was a little girl named Lily who liked to play in the park. ';

describe('Engine.countTokens (wllama + stories260K)', () => {
  let engine: Engine;

  before(async () => {
    engine = new Engine();
    await engine.load(MODEL_URL, { contextSize: CONTEXT });
  });

  after(async () => {
    await engine.unload();
  });

  it('counts with the tokenizer: positive whole numbers, the same each time, growing with the text', async () => {
    const one = await within(engine.countTokens(STORY), 30_000, 'a count');
    const again = await within(engine.countTokens(STORY), 30_000, 'the same count');
    const three = await within(engine.countTokens(STORY.repeat(3)), 30_000, 'a longer count');
    expect(one.exact, 'llama.cpp’s tokenizer, not an estimate').to.equal(true);
    expect(Number.isInteger(one.tokens) && one.tokens > 0, String(one.tokens)).to.equal(true);
    expect(again).to.deep.equal(one);
    expect(three.tokens).to.be.greaterThan(2 * one.tokens);
    expect(await engine.countTokens('')).to.deep.equal({ tokens: 0, exact: true });
    console.log(`[figures] ${STORY.length} characters: ${one.tokens} tokens (estimate ${estimateTokens(STORY)})`);
  });

  it('counts text longer than the context window (what a file too large to attach needs)', async () => {
    const long = STORY.repeat(12);
    const { tokens, exact } = await within(engine.countTokens(long), 30_000, 'a long count');
    expect(exact).to.equal(true);
    expect(tokens).to.be.greaterThan(CONTEXT);
  });

  it('is what the text costs as a prompt: the prompt is the count and its beginning-of-text token', async () => {
    const text = STORY.repeat(2);
    const { tokens } = await engine.countTokens(text);
    const result = await within(engine.complete(text, { max_tokens: 1, temperature: 0 }).result, 30_000, 'answer');
    expect(result.finishReason).to.be.oneOf(['stop', 'length']);
    expect(result.promptTokens).to.equal(tokens + 1);
  });

  it('counts while an answer streams, without disturbing it', async () => {
    const generation = engine.complete(STORY, { max_tokens: 40, temperature: 0 });
    const counted = engine.countTokens(STORY);
    const [result, count] = await within(Promise.all([generation.result, counted]), 30_000, 'both');
    expect(result.finishReason).to.be.oneOf(['stop', 'length']);
    expect(result.completionTokens).to.be.greaterThan(0);
    expect(count.exact).to.equal(true);
    expect(count.tokens).to.be.greaterThan(0);
    const alone = await within(engine.complete(STORY, { max_tokens: 40, temperature: 0 }).result, 30_000, 'alone');
    expect(alone.text, 'the same answer as without a count beside it').to.equal(result.text);
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = (await engine.countTokens(STORY, { signal: controller.signal }).catch((e: unknown) => e)) as LlmError;
    expect(error.code).to.equal('aborted');
  });
});

describe('Engine.countTokens without a model', () => {
  it('rejects with not-loaded, in plain words', async () => {
    const error = (await new Engine().countTokens('hello').catch((e: unknown) => e)) as LlmError;
    expect(error.code).to.equal('not-loaded');
    expect(error.message).to.match(/No model is loaded/);
  });
});

describe('Engine.countTokens on the other backends (stand-ins)', () => {
  it('web-llm has no tokenizer to ask: an estimate, about 4 characters a token, said to be one', async () => {
    const scripted = new ScriptedMlcEngine({});
    const createEngine: MlcEngineFactory = async (modelId) => {
      await scripted.reload(modelId);
      return scripted as unknown as Awaited<ReturnType<MlcEngineFactory>>;
    };
    const gpu = { shaderF16: true, maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30 };
    const engine = new Engine({
      detectCapabilities: async () =>
        testDevice({ webgpu: { ...gpu, vendor: '', architecture: '', description: '', isFallbackAdapter: false } }),
      backends: { 'web-llm': async () => new WebLlmBackend({ createEngine }) },
    });
    try {
      await engine.load({ mlc: { id: 'Scripted-0.5B-Instruct-q4f16_1-MLC' } });
      expect(engine.modelInfo).to.not.equal(null);
      expect(await engine.countTokens(STORY)).to.deep.equal({ tokens: Math.ceil(STORY.length / 4), exact: false });
    } finally {
      await engine.unload();
    }
  });

  it('the browser’s model counts with its own measure, without the turn’s control tokens', async () => {
    const installed = installPromptApi({ availability: 'available' });
    const engine = new Engine({ source: { browserModel: true } });
    try {
      await engine.load();
      // The stand-in counts a word a token, and 2 around a prompt.
      expect(await engine.countTokens('one two three')).to.deep.equal({ tokens: 3, exact: true });
    } finally {
      await engine.unload();
      installed.uninstall();
    }
  });
});
