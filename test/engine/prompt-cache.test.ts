// llama.cpp keeps the KV cache of the last prompt and reuses the beginning the next prompt shares
// with it, so a chat's turn N does not read the whole history again. Real llama.cpp (wllama) on the
// test model with a ChatML template; the figures are llama.cpp's own counts, never times.
import { expect } from '@open-wc/testing';
import { Engine, type ChatMessage, type GenerationResult } from '../../src/engine/index.js';

const CHATML_URL = new URL('/models/stories260K-chatml.gguf', location.href).href;
const QUESTION = 'Tell me a story about a little girl named Lily who found a red ball in the park.';

async function turn(engine: Engine, history: ChatMessage[], text: string): Promise<GenerationResult> {
  history.push({ role: 'user', content: text });
  const generation = engine.chat(history, { temperature: 0, max_tokens: 8 });
  const result = await generation.result;
  expect(result.finishReason, result.error?.message).to.be.oneOf(['stop', 'length']);
  history.push({ role: 'assistant', content: result.text });
  return result;
}

describe('prompt cache (llama.cpp reuses the shared beginning of a chat)', function () {
  this.timeout(120_000);
  let engine: Engine;

  before(async () => {
    engine = new Engine();
    await engine.load(CHATML_URL, { contextSize: 2048 });
  });
  after(() => engine.unload());

  it('a later turn processes only what is new, not the whole history', async () => {
    const history: ChatMessage[] = [{ role: 'system', content: 'You tell short stories.' }];
    const first = await turn(engine, history, QUESTION);
    const second = await turn(engine, history, `And then? ${QUESTION}`);
    const third = await turn(engine, history, `What happened next? ${QUESTION}`);
    expect(first.cachedPromptTokens ?? 0, 'nothing to reuse on the first turn').to.be.below(first.promptTokens / 2);
    for (const [before, result] of [
      [first, second],
      [second, third],
    ] as const) {
      expect(result.cachedPromptTokens, 'reported by llama.cpp').to.be.a('number');
      // promptTokens is the whole prompt, history included: it grows turn by turn.
      expect(result.promptTokens).to.be.greaterThan(before.promptTokens);
      // Everything before the new question is reused: at least the previous turn's whole prompt.
      expect(result.cachedPromptTokens).to.be.at.least(before.promptTokens);
    }
    // What turn 3 reads is its new question and the previous answer, far less than its prompt.
    expect(third.promptTokens - (third.cachedPromptTokens ?? 0)).to.be.below(third.promptTokens / 2);
  });

  it('two chats alternating on one engine do not make each other read their history again', async () => {
    const a: ChatMessage[] = [{ role: 'system', content: 'You are storyteller A.' }];
    const b: ChatMessage[] = [{ role: 'system', content: 'You are storyteller B, who likes dogs.' }];
    const a1 = await turn(engine, a, QUESTION);
    await turn(engine, b, `A dog story, please. ${QUESTION}`);
    const a2 = await turn(engine, a, `And then? ${QUESTION}`);
    // B's turn came in between, yet A's earlier turn is still reused.
    expect(a2.cachedPromptTokens ?? 0).to.be.at.least(a1.promptTokens);
  });
});
