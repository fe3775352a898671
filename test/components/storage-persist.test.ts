// Once a model is stored, the browser is asked (navigator.storage.persist()) not to evict it, and
// <llm-status> says so when the browser declines. Stand-in: headless Chromium's answer cannot be
// chosen, so the page's persist()/persisted() are scripted to decline; the rest is the real path.
import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat, LlmModel, LlmStatus } from '../../src/index.js';
import { part } from '../helpers/chat.js';
import { MODEL_URL } from '../helpers/model.js';

let asked = 0;
Object.defineProperty(navigator.storage, 'persisted', { value: () => Promise.resolve(false), configurable: true });
Object.defineProperty(navigator.storage, 'persist', {
  value: () => {
    asked++;
    return Promise.resolve(false);
  },
  configurable: true,
});

describe('asking the browser to keep the model (scripted persist(): declined)', () => {
  afterEach(() => fixtureCleanup());

  it('asks once per page, records the answer, and <llm-status> says the model may be evicted', async () => {
    const markup = `<llm-model src="${MODEL_URL}"><llm-status></llm-status><llm-chat temperature="0" max-tokens="4"></llm-chat></llm-model>`;
    const model = await fixture<LlmModel>(markup);
    const status = model.querySelector<LlmStatus>('llm-status')!;
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    expect((await chat.send('Once upon a time'))?.finishReason).to.be.oneOf(['stop', 'length']);
    expect(model.modelInfo?.storage).to.deep.include({ store: 'opfs', persistent: true, persisted: false });
    await status.updateComplete;
    expect(part(status, 'storage')?.textContent).to.match(/may remove the stored model/);
    await expect(status).to.be.accessible();
    await model.unload();
    await model.load();
    expect(asked).to.equal(1, 'asked once per page');
  });
});
