// After a download the browser is asked, once per page, to keep the stored model
// (navigator.storage.persist()), and no load waits for the answer: Firefox answers with a permission
// prompt, which headless never settles (an earlier version awaited it, and loads hung). Stand-in:
// headless Chromium's answers cannot be chosen, so the page's persist() is scripted never to settle,
// as that prompt does, and persisted() to say no; everything else is the real path.
import { expect, fixture, fixtureCleanup, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmModel, LlmStatus } from '../../src/index.js';
import { part } from '../helpers/chat.js';
import { uniqueModelUrl } from '../helpers/model.js';

let asked = 0;
/** Calls of persisted(): every request to keep the storage starts with one, in the same task. */
let queried = 0;
Object.defineProperty(navigator.storage, 'persisted', {
  value: () => {
    queried++;
    return Promise.resolve(false);
  },
  configurable: true,
});
Object.defineProperty(navigator.storage, 'persist', {
  value: () => {
    asked++;
    return new Promise<boolean>(() => {}); // a prompt nobody answers
  },
  configurable: true,
});

async function statusFixture(src: string) {
  const model = await fixture<LlmModel>(
    `<llm-model loading="manual" src="${src}"><llm-status></llm-status></llm-model>`,
  );
  return { model, status: model.querySelector<LlmStatus>('llm-status')! };
}

describe('asking the browser to keep the model (scripted persist(): never answers; persisted(): no)', () => {
  afterEach(() => fixtureCleanup());

  it('asks once per page after a download, and no load waits for the answer', async () => {
    const url = uniqueModelUrl('once');
    const { model, status } = await statusFixture(url);
    await model.load(); // would never resolve if the load waited for persist()
    expect(model.status).to.equal('ready');
    await waitUntil(() => asked === 1, 'asked after the download');
    expect(model.modelInfo?.storage).to.deep.equal({ store: 'opfs', persistent: true }, 'no answer yet');
    await status.updateComplete;
    expect(part(status, 'storage'), 'nothing said while the browser has not answered').to.equal(null);

    expect(queried).to.equal(1);
    const other = await statusFixture(uniqueModelUrl('once'));
    await other.model.load();
    // No wait is needed to see that nothing was asked: a request to keep the storage starts with
    // persisted(), called in the task that finished the load, before load() resolves.
    expect(queried).to.equal(1, 'no second request was started');
    expect(asked).to.equal(1, 'asked once per page, however many downloads');
  });

  it('a model read from the store: persisted() says no, and <llm-status> says it may be evicted', async () => {
    const url = uniqueModelUrl('once'); // served once: the second load reads the store
    await (await statusFixture(url)).model.load();
    fixtureCleanup();
    const { model, status } = await statusFixture(url);
    await model.load();
    await waitUntil(() => model.modelInfo?.storage?.persisted === false, 'the browser’s answer is recorded');
    expect(model.modelInfo?.storage).to.deep.equal({ store: 'opfs', persistent: true, persisted: false });
    await status.updateComplete;
    expect(part(status, 'storage')?.textContent).to.equal(
      'This browser may remove the stored model when the device runs low on space.',
    );
    expect(part(status, 'cache')?.textContent).to.equal('Cached in this browser, 1.1 MiB');
    await expect(status).to.be.accessible();
    expect(asked).to.equal(1, 'reading from the store asks nothing');
  });
});
