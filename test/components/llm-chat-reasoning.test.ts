// <llm-chat> on the real model (llama.cpp with stories260K, which never reasons): a plain answer has
// no reasoning section. The sections themselves are tested on the thinking stand-in
// (llm-chat-reasoning.standin.test.ts).
import { expect, fixture } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat, LlmModel } from '../../src/index.js';
import { part, transcript } from '../helpers/chat.js';
import { MODEL_URL } from '../helpers/model.js';

describe('<llm-chat> reasoning on a model that does not reason (stories260K)', () => {
  it('shows a plain answer with no reasoning section, and saves none', async () => {
    localStorage.removeItem('llm-chat:plain');
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-chat temperature="0" max-tokens="12" persist="plain"></llm-chat></llm-model>`,
    );
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    const answer = await chat.send('Once upon a time');
    await chat.updateComplete;
    expect(answer?.finishReason).to.be.oneOf(['stop', 'length']);
    expect(answer?.text).to.not.equal('');
    expect(answer?.reasoning).to.equal(undefined);
    expect(transcript(chat)).to.have.length(2);
    expect(part(chat, 'reasoning'), 'no reasoning section').to.equal(null);
    expect(chat.getAttribute('reasoning'), 'the default, reflected').to.equal('collapsed');
    const saved = JSON.parse(localStorage.getItem('llm-chat:plain') ?? '{}') as { messages?: object[] };
    expect(saved.messages?.every((message) => !('reasoning' in message))).to.equal(true);
    localStorage.removeItem('llm-chat:plain');
    await expect(chat).to.be.accessible();
  });
});
