// Where the browser refuses the Origin Private File System (Firefox private windows), the model is
// kept in the Cache API for the visit, and <llm-status> says it will not be kept. Stand-in: this
// Chromium has OPFS, so the page's getDirectory() is made to refuse as Firefox's does, before
// anything asks; everything after that (download, store, load, answer) is the real code path.
import { expect, fixture, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';

const refused = new DOMException('Security error when calling GetDirectory', 'SecurityError');
Object.defineProperty(navigator.storage, 'getDirectory', { value: () => Promise.reject(refused), configurable: true });
await import('../../src/index.js');

import type { LlmChat, LlmModel, LlmStatus } from '../../src/index.js';
import { uniqueModelUrl } from '../helpers/model.js';
import { part } from '../helpers/chat.js';

describe('model storage when OPFS is refused (stand-in for a Firefox private window)', () => {
  afterEach(() => fixtureCleanup());

  it('loads into the Cache API, answers, says the model is not kept, and reads it back from there', async () => {
    const url = uniqueModelUrl('once'); // served once: a second load must come from the store
    const markup = `<llm-model src="${url}"><llm-status></llm-status><llm-chat temperature="0" max-tokens="8"></llm-chat></llm-model>`;
    const model = await fixture<LlmModel>(markup);
    const status = model.querySelector<LlmStatus>('llm-status')!;
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    const detail = await chat.send('Once upon a time');
    expect(detail?.finishReason).to.be.oneOf(['stop', 'length']);
    expect(model.modelInfo?.storage).to.deep.include({ store: 'cache', persistent: false });
    await status.updateComplete;
    expect(part(status, 'storage')?.textContent).to.match(/downloaded again on your next visit: .*refused/);
    await expect(status).to.be.accessible();

    fixtureCleanup();
    const again = await fixture<LlmModel>(markup);
    const labels: string[] = [];
    const secondStatus = again.querySelector<LlmStatus>('llm-status')!;
    again.addEventListener('llm-progress', () => {
      void secondStatus.updateComplete.then(() => labels.push(part(secondStatus, 'label')?.textContent ?? ''));
    });
    const ready = oneEvent(again, 'llm-ready');
    void again.load();
    await ready;
    await waitUntil(() => labels.length > 0, 'progress was shown');
    expect(
      labels.some((label) => label.includes('from this device')),
      labels.join(' | '),
    ).to.equal(true);
  });
});
