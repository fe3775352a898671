// What every generating element has from their one base (GeneratingElement): updateComplete that
// includes markdown, `disabled`, and the same sampling attributes. Real llama.cpp on stories260K.
import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import '../../src/index.js';
import type { GenerationOptions, LlmChat, LlmComplete, LlmForm, LlmModel, LlmText } from '../../src/index.js';
import { MODEL_URL } from '../helpers/model.js';
import { part, parts } from '../helpers/chat.js';
import { nextEvent } from '../helpers/wait.js';

afterEach(() => fixtureCleanup());

// First in this file: the markdown renderer is not loaded yet, as on a page that restores a chat.
it('<llm-chat> updateComplete waits until restored answers are rendered as markdown', async () => {
  const model = await fixture<LlmModel>(
    `<llm-model src="${MODEL_URL}" loading="manual"><llm-chat></llm-chat></llm-model>`,
  );
  const chat = model.querySelector<LlmChat>('llm-chat')!;
  chat.messages = [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'A **bold** answer with `code`.' },
  ];
  await chat.updateComplete;
  const answer = parts(chat, 'assistant')[0]!;
  expect(answer.querySelector('strong')?.textContent, 'rendered, not blank').to.equal('bold');
  expect(answer.querySelector('code')?.textContent).to.equal('code');
});

it('<llm-chat disabled> sends nothing: its field and Send are disabled, send() resolves null', async () => {
  const model = await fixture<LlmModel>(`<llm-model src="${MODEL_URL}"><llm-chat disabled></llm-chat></llm-model>`);
  const chat = model.querySelector<LlmChat>('llm-chat')!;
  await chat.updateComplete;
  const sent: string[] = [];
  chat.addEventListener('llm-send', (e) => sent.push(e.detail.content));
  expect((part(chat, 'input') as HTMLTextAreaElement).disabled).to.equal(true);
  expect((part(chat, 'send') as HTMLButtonElement).disabled).to.equal(true);
  expect(await chat.send('Hello')).to.equal(null);
  expect(sent).to.deep.equal([]);
  expect(chat.messages).to.deep.equal([]);
  await expect(chat).to.be.accessible();

  chat.disabled = false;
  await chat.updateComplete;
  expect((part(chat, 'input') as HTMLTextAreaElement).disabled).to.equal(false);
  const detail = await chat.send('Hello');
  expect(detail?.text.length, 'sends again once enabled').to.be.greaterThan(0);
});

describe('the same sampling attributes on every generating element', () => {
  const SAMPLING = 'temperature="0.5" max-tokens="7" top-k="3" top-p="0.8"';
  const EXPECTED = { temperature: 0.5, max_tokens: 7, top_k: 3, top_p: 0.8 };

  /** Records the options of every request the engine gets. */
  function recordOptions(model: LlmModel): GenerationOptions[] {
    const seen: GenerationOptions[] = [];
    const engine = model.engine;
    const { chat, complete } = engine;
    engine.chat = (messages, options = {}) => (seen.push(options), chat.call(engine, messages, options));
    engine.complete = (prompt, options = {}) => (seen.push(options), complete.call(engine, prompt, options));
    return seen;
  }

  const pick = ({ temperature, max_tokens, top_k, top_p }: GenerationOptions) => ({
    temperature,
    max_tokens,
    top_k,
    top_p,
  });

  it('<llm-chat>', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-chat ${SAMPLING}></llm-chat></llm-model>`,
    );
    const seen = recordOptions(model);
    const detail = await model.querySelector<LlmChat>('llm-chat')!.send('Hello');
    expect(seen.map(pick)).to.deep.equal([EXPECTED]);
    expect(detail?.stats.completionTokens).to.be.at.most(7);
  });

  it('<llm-text>', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-text manual prompt="Once" ${SAMPLING}></llm-text></llm-model>`,
    );
    const seen = recordOptions(model);
    const detail = await model.querySelector<LlmText>('llm-text')!.run();
    expect(seen.map(pick)).to.deep.equal([EXPECTED]);
    expect(detail?.stats.completionTokens).to.be.at.most(7);
  });

  it('<llm-complete> inline', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-complete delay="0" ${SAMPLING}><textarea aria-label="Story"></textarea></llm-complete></llm-model>`,
    );
    const seen = recordOptions(model);
    const complete = model.querySelector<LlmComplete>('llm-complete')!;
    const field = complete.querySelector('textarea')!;
    field.focus();
    field.value = 'Once upon a time';
    const response = nextEvent(complete, 'llm-response', 30_000);
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'e' }));
    await response;
    expect(seen.map(pick)).to.deep.equal([EXPECTED]);
  });

  it('<llm-form>', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-form ${SAMPLING.replace('"7"', '"200"')}><textarea slot="source" aria-label="Text">Anna</textarea><form><input name="a" maxlength="2" aria-label="A"></form></llm-form></llm-model>`,
    );
    const seen = recordOptions(model);
    await model.querySelector<LlmForm>('llm-form')!.fill();
    expect(seen.map(pick)).to.deep.equal([{ ...EXPECTED, max_tokens: 200 }]);
  });
});
