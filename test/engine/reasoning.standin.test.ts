// The engine with a reasoning model, on the thinking stand-in (stories260K never thinks): the
// reasoning is split from the answer as it streams, reported on the result, and left out of the
// history sent back.
import { expect } from '@open-wc/testing';
import type { Engine, GenerationPart } from '../../src/engine/index.js';
import { OPENS_THINK_TEMPLATE, thinkingEngine } from '../helpers/thinking-model.js';
import { waitFor } from '../helpers/wait.js';

const OUTPUT = '<think>\nThe user says hi.\nI say hi back.\n</think>\n\nHello there!';
const QWEN3_TEMPLATE = "{{- '<|im_start|>assistant\\n' }}{{- '<think>\\n\\n</think>\\n\\n' }}";

describe('Engine with a reasoning model (thinking stand-in)', () => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.unload();
    engine = undefined;
  });

  it('yields only the answer; the reasoning is on the generation and the result, with its duration', async () => {
    const standIn = thinkingEngine({ output: OUTPUT });
    engine = standIn.engine;
    const generation = engine.chat([{ role: 'user', content: 'Hi' }]);
    const deltas: string[] = [];
    for await (const delta of generation) deltas.push(delta);
    const result = await generation.result;
    expect(deltas.join('')).to.equal('Hello there!');
    expect(generation.reasoning).to.equal('The user says hi.\nI say hi back.');
    expect(result.text).to.equal('Hello there!');
    expect(result.reasoning).to.equal('The user says hi.\nI say hi back.');
    expect(result.reasoningMs).to.be.a('number').and.at.least(0);
    expect(result.finishReason).to.equal('stop');
  });

  it('parts() streams the reasoning first, then the answer, in order', async () => {
    engine = thinkingEngine({ output: OUTPUT }).engine;
    const parts: GenerationPart[] = [];
    for await (const part of engine.chat([{ role: 'user', content: 'Hi' }]).parts()) parts.push(part);
    const types = parts.map((part) => part.type);
    expect(types.indexOf('answer')).to.be.above(types.lastIndexOf('reasoning'));
    expect(parts.filter((p) => p.type === 'reasoning').length, 'streamed in pieces').to.be.above(3);
    expect(parts.map((p) => p.text).join('')).to.equal('The user says hi.\nI say hi back.Hello there!');
  });

  it("reasoning: 'inline' leaves the raw output, tags included, as the text", async () => {
    engine = thinkingEngine({ output: OUTPUT }).engine;
    const result = await engine.chat([{ role: 'user', content: 'Hi' }], { reasoning: 'inline' }).result;
    expect(result.text).to.equal(OUTPUT);
    expect(result).not.to.have.property('reasoning');
  });

  it('starts inside the reasoning when the template opened it in the prompt (DeepSeek-R1 distills)', async () => {
    engine = thinkingEngine({
      output: 'Okay, a greeting.\n</think>\n\nHi!',
      chatTemplate: OPENS_THINK_TEMPLATE,
    }).engine;
    const result = await engine.chat([{ role: 'user', content: 'Hi' }]).result;
    expect(result).to.include({ reasoning: 'Okay, a greeting.', text: 'Hi!' });
  });

  it('keeps a reasoning cut off before its end as reasoning: the answer is empty', async () => {
    engine = thinkingEngine({ output: '<think>\nStill thinking about' }).engine;
    const result = await engine.chat([{ role: 'user', content: 'Hi' }]).result;
    expect(result).to.include({ reasoning: 'Still thinking about', text: '' });
  });

  it('leaves earlier reasoning out of the conversation sent back (as the templates expect)', async () => {
    const standIn = thinkingEngine({ output: OUTPUT, chatTemplate: QWEN3_TEMPLATE });
    engine = standIn.engine;
    const history = [
      { role: 'user' as const, content: 'Hi' },
      { role: 'assistant' as const, content: '<think>\nsecret musing\n</think>\n\nHello!' },
      { role: 'user' as const, content: 'How are you?' },
    ];
    await engine.chat(history).result;
    await engine.chat(history, { reasoning: 'inline' }).result;
    const [separate, inline] = standIn.inputs;
    expect(separate).to.deep.equal({
      kind: 'chat',
      messages: [history[0], { role: 'assistant', content: 'Hello!' }, history[2]],
    });
    expect(inline, 'inline: the caller chose to send it as it is').to.deep.equal({ kind: 'chat', messages: history });
  });

  it('a generation stopped while thinking ends with the reasoning so far and no answer', async () => {
    engine = thinkingEngine({ output: OUTPUT, holdAfter: '<think>\nLet me think' }).engine;
    const generation = engine.chat([{ role: 'user', content: 'Hi' }]);
    await waitFor(() => generation.reasoning === 'Let me think', 5000, 'the reasoning so far');
    generation.abort();
    const result = await generation.result;
    expect(result).to.include({ finishReason: 'abort', reasoning: 'Let me think', text: '' });
  });
});
