import { expect } from '@open-wc/testing';
import {
  ReasoningSplitter,
  splitReasoning,
  templateReasoning,
  withoutReasoning,
  type ReasoningPieces,
} from '../../src/engine/prompting/reasoning.js';
import { Engine } from '../../src/engine/index.js';
import { MODEL_URL } from '../helpers/model.js';

/** Feeds `deltas` one by one and collects both sides, checking no tag ever leaks into either. */
function run(deltas: readonly string[], openedInPrompt = false): ReasoningPieces {
  const splitter = new ReasoningSplitter({ openedInPrompt });
  const out: ReasoningPieces = { reasoning: '', answer: '' };
  for (const piece of [...deltas.map((delta) => splitter.push(delta)), splitter.flush()]) {
    expect(piece.reasoning + piece.answer).not.to.match(/<\/?think>/);
    out.reasoning += piece.reasoning;
    out.answer += piece.answer;
  }
  return out;
}

const SAMPLE = '<think>\nThe user greets me.\nI greet back.\n</think>\n\nHello! How can I help?';
const SPLIT = { reasoning: 'The user greets me.\nI greet back.', answer: 'Hello! How can I help?' };

describe('ReasoningSplitter', () => {
  it('splits a whole output into reasoning and answer', () => {
    expect(run([SAMPLE])).to.deep.equal(SPLIT);
  });

  it('gives the same split at every split point of the sample (tags cut anywhere)', () => {
    for (let at = 0; at <= SAMPLE.length; at++) {
      expect(run([SAMPLE.slice(0, at), SAMPLE.slice(at)]), `split at ${at}`).to.deep.equal(SPLIT);
    }
  });

  it('gives the same split one character at a time, and at every pair of split points', () => {
    expect(run([...SAMPLE])).to.deep.equal(SPLIT);
    for (let a = 1; a < SAMPLE.length; a += 3) {
      for (let b = a; b < SAMPLE.length; b += 5) {
        expect(run([SAMPLE.slice(0, a), SAMPLE.slice(a, b), SAMPLE.slice(b)]), `split at ${a}, ${b}`).to.deep.equal(
          SPLIT,
        );
      }
    }
  });

  it('streams reasoning before it is closed (only a possible tag start is held back)', () => {
    const splitter = new ReasoningSplitter();
    expect(splitter.push('<think>Let me')).to.deep.equal({ reasoning: 'Let me', answer: '' });
    expect(splitter.inReasoning).to.equal(true);
    expect(splitter.push(' see </th')).to.deep.equal({ reasoning: ' see', answer: '' });
    expect(splitter.push('ink>Yes')).to.deep.equal({ reasoning: '', answer: 'Yes' });
    expect(splitter.inReasoning).to.equal(false);
  });

  it('leaves output with no tags as it is: all answer, whitespace included', () => {
    expect(run(['Once upon', ' a time'])).to.deep.equal({ reasoning: '', answer: 'Once upon a time' });
    expect(run([' Once', '\n'])).to.deep.equal({ reasoning: '', answer: ' Once\n' });
    expect(run(['<', 'p>hi</p>'])).to.deep.equal({ reasoning: '', answer: '<p>hi</p>' });
    expect(run(['<thi'])).to.deep.equal({ reasoning: '', answer: '<thi' });
    expect(run([])).to.deep.equal({ reasoning: '', answer: '' });
  });

  it('keeps tags that are not at the start in the answer', () => {
    expect(splitReasoning('A <think>b</think> c')).to.deep.equal({ reasoning: '', answer: 'A <think>b</think> c' });
  });

  it('keeps an unclosed reasoning as reasoning (cut at the length limit): no answer', () => {
    expect(run(['<think>\nStill thinking', ' about it\n'])).to.deep.equal({
      reasoning: 'Still thinking about it',
      answer: '',
    });
    expect(run(['<think>Hmm </thi'])).to.deep.equal({ reasoning: 'Hmm </thi', answer: '' });
  });

  it('starts inside the reasoning when the prompt opened it (no opening tag in the output)', () => {
    const output = 'Okay, a greeting.\n</think>\n\nHi!';
    for (let at = 0; at <= output.length; at++) {
      expect(run([output.slice(0, at), output.slice(at)], true), `split at ${at}`).to.deep.equal({
        reasoning: 'Okay, a greeting.',
        answer: 'Hi!',
      });
    }
    // The model writes the tag anyway: dropped.
    expect(run(['<think>\nOkay.</think>Hi!'], true)).to.deep.equal({ reasoning: 'Okay.', answer: 'Hi!' });
    expect(run(['\nunclosed'], true)).to.deep.equal({ reasoning: 'unclosed', answer: '' });
  });

  it('gives an empty reasoning when the model thinks nothing', () => {
    expect(run(['<think>\n\n</think>\n\nHi'])).to.deep.equal({ reasoning: '', answer: 'Hi' });
  });
});

describe('templateReasoning', () => {
  it('knows a template that opens the reasoning in the prompt (DeepSeek-R1 distills, QwQ)', () => {
    const deepseek = "{% if add_generation_prompt %}{{'<｜Assistant｜><think>\\n'}}{% endif %}";
    const qwq = "{%- if add_generation_prompt %}\n    {{- '<|im_start|>assistant\\n<think>\\n' }}\n{%- endif %}";
    expect(templateReasoning(deepseek)).to.deep.equal({ reasons: true, opensInPrompt: true });
    expect(templateReasoning(qwq)).to.deep.equal({ reasons: true, opensInPrompt: true });
  });

  it('knows a template that reasons without opening it (Qwen3), and one that does not reason', () => {
    const qwen3 =
      "{{- '<|im_start|>' + message.role + '\\n<think>\\n' + reasoning_content + '\\n</think>\\n\\n' }}" +
      "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- if enable_thinking is false %}{{- '<think>\\n\\n</think>\\n\\n' }}{%- endif %}{%- endif %}";
    expect(templateReasoning(qwen3)).to.deep.equal({ reasons: true, opensInPrompt: false });
    expect(templateReasoning("{{'<|im_start|>assistant\\n'}}")).to.deep.equal({ reasons: false, opensInPrompt: false });
    expect(templateReasoning(null)).to.deep.equal({ reasons: false, opensInPrompt: false });
  });
});

describe('withoutReasoning', () => {
  it('removes earlier reasoning from assistant messages only', () => {
    expect(
      withoutReasoning([
        { role: 'user', content: '<think>mine</think> keep' },
        { role: 'assistant', content: '<think>\nhmm\n</think>\n\nHello' },
        { role: 'assistant', content: 'Plain' },
      ]),
    ).to.deep.equal([
      { role: 'user', content: '<think>mine</think> keep' },
      { role: 'assistant', content: 'Hello' },
      { role: 'assistant', content: 'Plain' },
    ]);
  });
});

describe('Engine on stories260K, a model that never thinks', () => {
  let engine: Engine;
  afterEach(() => engine?.unload());

  it('gives no reasoning and the same text as the raw output, for a chat and a completion', async () => {
    engine = new Engine({ source: MODEL_URL });
    const greedy = { temperature: 0, max_tokens: 24 };
    const chat = [{ role: 'user' as const, content: 'Tell me a story.' }];
    const separate = await engine.chat(chat, greedy).result;
    const inline = await engine.chat(chat, { ...greedy, reasoning: 'inline' }).result;
    expect(separate.text.length).to.be.above(0);
    expect(separate.text).to.equal(inline.text);
    expect(separate).not.to.have.property('reasoning');
    expect(separate).not.to.have.property('reasoningMs');
    const completion = await engine.complete('Once upon a time', greedy).result;
    const raw = await engine.complete('Once upon a time', { ...greedy, reasoning: 'inline' }).result;
    expect(completion.text).to.equal(raw.text);
    expect(completion).not.to.have.property('reasoning');
  });
});
