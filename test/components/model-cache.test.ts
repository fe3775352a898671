// The stored model in the elements, on the real model: <llm-model>'s `cached`, `cachedBytes` and
// `removeFromCache()`, and <llm-status>'s "Cached in this browser, 1.1 MiB" with its Remove button.
import { expect, fixture, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { LlmError, listCachedModels, type LlmModel, type LlmStatus } from '../../src/index.js';
import type { LlmRemovedEvent } from '../../src/events/llm-removed.js';
import { freshModelUrl, requestCount } from '../helpers/model.js';
import { part } from '../helpers/chat.js';

const SIZE = 1_185_376;

async function modelWithStatus(src: string, statusAttributes = '', lang = '') {
  const model = await fixture<LlmModel>(
    `<div ${lang ? `lang="${lang}"` : ''}><button id="before">Before</button><llm-model loading="manual" src="${src}"><llm-status ${statusAttributes}></llm-status></llm-model></div>`,
  ).then((wrapper) => wrapper.querySelector<LlmModel>('llm-model')!);
  return { model, status: model.querySelector<LlmStatus>('llm-status')! };
}

describe('the stored model in <llm-model> and <llm-status>', () => {
  afterEach(() => fixtureCleanup());

  it('<llm-model>: cached after a load; removeFromCache() unloads, removes, fires llm-removed, and the next load downloads again', async () => {
    const url = await freshModelUrl();
    const { model } = await modelWithStatus(url);
    await model.engine.checkCache(); // what connecting started
    expect(model.cached).to.equal(false);
    expect(model.hasAttribute('cached')).to.equal(false);
    expect(model.cachedBytes).to.equal(0);

    await model.load();
    expect(model.cached, 'cached as soon as the load resolves').to.equal(true);
    await model.updateComplete;
    expect(model.hasAttribute('cached')).to.equal(true);
    expect(model.cachedBytes).to.equal(SIZE);

    const removedEvent = oneEvent<LlmRemovedEvent>(model, 'llm-removed');
    const files = await model.removeFromCache();
    const { detail, bubbles, composed } = await removedEvent;
    expect({ bubbles, composed }).to.deep.equal({ bubbles: true, composed: true });
    expect(detail.sizeBytes).to.equal(SIZE);
    expect(detail.files.map((f) => f.url)).to.deep.equal([url]);
    expect(files).to.deep.equal(detail.files);
    expect(model.status).to.equal('idle', 'unloaded first');
    expect(model.cached).to.equal(false);
    expect(model.cachedBytes).to.equal(0);
    await model.updateComplete;
    expect(model.hasAttribute('cached')).to.equal(false);
    expect((await listCachedModels()).some((e) => e.url === url)).to.equal(false);

    await model.load();
    expect((await requestCount(url)).get).to.equal(3, 'the failure spent, the first download, and this one');
    expect(model.cached).to.equal(true);
  });

  it('<llm-model>: a model stored on an earlier visit is cached as soon as the element connects, fetching nothing', async () => {
    const url = await freshModelUrl();
    const first = await modelWithStatus(url);
    await first.model.load();
    fixtureCleanup();
    const before = await requestCount(url);

    const { model } = await modelWithStatus(url, '', '');
    await waitUntil(() => model.cached, 'the element found the stored model');
    expect(model.cachedBytes).to.equal(SIZE);
    expect(model.status).to.equal('idle');
    expect(await requestCount(url)).to.deep.equal(before, 'nothing fetched');
  });

  it('<llm-status>: shows the stored size; with removable, a Remove button reached and pressed by keyboard; axe passes', async () => {
    const url = await freshModelUrl();
    const { model, status } = await modelWithStatus(url, 'removable');
    await model.load();
    await status.updateComplete;
    expect(part(status, 'cache')?.textContent).to.equal('Cached in this browser, 1.1 MiB');
    const remove = part(status, 'remove') as HTMLButtonElement;
    expect(remove).to.be.instanceOf(HTMLButtonElement);
    expect(remove.textContent?.trim()).to.equal('Remove');
    expect(remove.getAttribute('aria-label')).to.equal('Remove the model from this browser (1.1 MiB)');
    await expect(status).to.be.accessible();

    // Remove lives in the details: Tab to Details, open them, Tab to Remove.
    document.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(status.shadowRoot?.activeElement).to.equal(part(status, 'details-button'));
    await sendKeys({ press: 'Enter' });
    await status.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(status.shadowRoot?.activeElement, 'the Remove button is next in the tab order').to.equal(remove);
    const removed = oneEvent<LlmRemovedEvent>(model, 'llm-removed');
    await sendKeys({ press: 'Enter' });
    await removed;
    await waitUntil(() => !part(status, 'cache'), 'the stored size is gone');
    expect(part(status, 'remove')).to.equal(null);
    expect(model.status).to.equal('idle');
    expect(part(status, 'label')?.textContent).to.equal('Model not loaded yet');
    await waitUntil(
      () => status.shadowRoot?.activeElement === part(status, 'label'),
      'focus stays on the status text, not lost with the button',
    );
    await expect(status).to.be.accessible();
  });

  it('<llm-status>: no Remove button without removable; texts and sizes follow the page’s language', async () => {
    const url = await freshModelUrl();
    const { model, status } = await modelWithStatus(url, '', 'fr');
    await model.load();
    await status.updateComplete;
    expect(part(status, 'remove')).to.equal(null);
    status.strings = { cached: 'En cache dans ce navigateur : {size}' };
    await status.updateComplete;
    expect(part(status, 'cache')?.textContent).to.match(/^En cache dans ce navigateur : 1,1\s?Mio$/);
  });

  it('<llm-status>: a removal refused because another tab loads the model shows why, and keeps the model', async () => {
    const url = await freshModelUrl();
    const { model, status } = await modelWithStatus(url, 'removable');
    await model.load();
    await status.updateComplete;
    // Another tab loading the same file holds its lock; held here by hand.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await new Promise<void>((granted) => {
      void navigator.locks.request(`llm-elements/model/${url}`, { mode: 'shared' }, () => {
        granted();
        return held;
      });
    });
    const refused = await model.removeFromCache().catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(LlmError);
    expect((refused as LlmError).code).to.equal('storage');
    expect(model.cached, 'still stored').to.equal(true);
    expect(model.status, 'and still loaded').to.equal('ready');
    await status.updateComplete;
    (part(status, 'remove') as HTMLButtonElement).click();
    await waitUntil(() => part(status, 'error'), 'the refusal is shown');
    expect(part(status, 'error')?.getAttribute('role')).to.equal('alert');
    expect(part(status, 'error')?.textContent).to.match(/being downloaded or loaded right now/);
    expect(part(status, 'cache')?.textContent).to.match(/^Cached in this browser/);
    await expect(status).to.be.accessible();
    release();
  });
});
