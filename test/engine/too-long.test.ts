// Input that cannot fit the model's context window, on real llama.cpp (wllama) and stories260K with a
// 256-token context: refused before any token, in plain words, with a stable code; the engine goes on.
import { expect } from '@open-wc/testing';
import { Engine, type GenerationResult } from '../../src/engine/index.js';
import { MODEL_URL } from '../helpers/model.js';
import { within } from '../helpers/wait.js';

const CONTEXT = 256;
/** About 320 of stories260K's tokens: its small vocabulary spends a token on every 2–3 characters. */
const LONG = 'Once upon a time there was a little girl named Lily who liked to play in the park. '.repeat(12);

/** The request's result, bounded: a refusal comes before any token. */
const settled = (result: Promise<GenerationResult>, what: string) => within(result, 30_000, what);

function expectTooLong(result: GenerationResult): void {
  expect(result.finishReason).to.equal('error');
  expect(result.text).to.equal('', 'nothing was generated');
  const error = result.error!;
  expect(error.code).to.equal('too-long');
  // Plain words with both numbers and what to do; none of llama.cpp's own wording.
  expect(error.message).to.match(/^The text is too long for this model: it is about \d+ tokens/);
  expect(error.message).to.include(`reads at most ${CONTEXT} at once`);
  expect(error.message).to.include('Shorten it.');
  expect(error.message).not.to.match(/Generation failed|exceeds|available context|try increasing/);
}

describe('Engine: input too long for the context window (wllama + stories260K, context 256)', () => {
  let engine: Engine;

  beforeEach(async () => {
    engine = new Engine();
    await engine.load(MODEL_URL, { contextSize: CONTEXT });
  });

  afterEach(async () => {
    await engine.unload();
  });

  it('a chat whose one message cannot fit fails with too-long in plain words; the next short one answers', async () => {
    const result = await settled(
      engine.chat([{ role: 'user', content: LONG }], { temperature: 0, max_tokens: 20 }).result,
      'the too-long chat ending',
    );
    expectTooLong(result);
    const tokens = Number(/about (\d+) tokens/.exec(result.error!.message)?.[1]);
    expect(tokens, 'the count is llama.cpp’s, past the context').to.be.greaterThan(CONTEXT);
    console.log(`[figures] ${LONG.length} characters: ${tokens} tokens (estimate ${Math.ceil(LONG.length / 2.5)})`);
    expect(engine.status).to.equal('ready', 'the engine stays usable');

    const next = await settled(
      engine.chat([{ role: 'user', content: 'Once upon a time' }], { temperature: 0, max_tokens: 20 }).result,
      'the short chat ending',
    );
    expect(next.finishReason).to.be.oneOf(['stop', 'length']);
    expect(next.text.trim()).not.to.equal('');
  });

  it('complete() with a prompt that cannot fit fails the same way', async () => {
    const result = await settled(
      engine.complete(LONG, { temperature: 0, max_tokens: 20 }).result,
      'the too-long completion ending',
    );
    expectTooLong(result);
    const next = await settled(engine.complete('Once upon a time', { temperature: 0, max_tokens: 20 }).result, 'next');
    expect(next.finishReason).to.be.oneOf(['stop', 'length']);
  });

  it('fit "none" sends the conversation whole, and one too long for the context fails with too-long', async () => {
    const half = LONG.slice(0, LONG.length / 2);
    const result = await settled(
      engine.chat(
        [
          { role: 'user', content: half },
          { role: 'assistant', content: half },
          { role: 'user', content: 'And then?' },
        ],
        { temperature: 0, max_tokens: 20, fit: 'none' },
      ).result,
      'the unfitted chat ending',
    );
    expectTooLong(result);
  });

  it('earlier turns the estimate let through but the tokenizer does not are left out, and the last message is answered', async () => {
    // Each of these characters is three bytes, and stories260K spends a token on each byte: far
    // more than the cautious estimate (one token every 2.5 characters) counts.
    const wide = '雪'.repeat(100);
    const result = await settled(
      engine.chat(
        [
          { role: 'user', content: wide },
          { role: 'assistant', content: 'Yes.' },
          { role: 'user', content: 'Once upon a time' },
        ],
        { temperature: 0, max_tokens: 20 },
      ).result,
      'the chat with a wide earlier turn ending',
    );
    expect(result.error?.message, 'no error').to.equal(undefined);
    expect(result.finishReason).to.be.oneOf(['stop', 'length']);
    expect(result.droppedMessages).to.equal(2);
    expect(result.text.trim()).not.to.equal('');
  });
});
