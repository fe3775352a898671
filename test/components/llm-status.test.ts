// <llm-status> on the real model: progress (network and cache), backend and reason, errors, speed.
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat, LlmModel, LlmStatus } from '../../src/index.js';
import type { LlmErrorEvent } from '../../src/events/llm-error.js';
import type { LlmReadyEvent } from '../../src/events/llm-ready.js';
import { MODEL_URL, requestCount, uniqueModelUrl } from '../helpers/model.js';
import { part } from '../helpers/chat.js';
import { nextEvent } from '../helpers/wait.js';

async function statusFixture(src: string, extra = '') {
  const model = await fixture<LlmModel>(
    `<llm-model src="${src}"><llm-status></llm-status><llm-chat temperature="0" max-tokens="20"></llm-chat>${extra}</llm-model>`,
  );
  return {
    model,
    status: model.querySelector<LlmStatus>('llm-status')!,
    chat: model.querySelector<LlmChat>('llm-chat')!,
  };
}

describe('<llm-status>', () => {
  afterEach(() => fixtureCleanup());

  it('shows a native progress bar while downloading, then the backend and why, then the speed', async () => {
    const { model, status, chat } = await statusFixture(uniqueModelUrl('slow'));
    expect(part(status, 'label')?.textContent).to.equal('Model not loaded yet');
    await expect(status).to.be.accessible();

    const ready = oneEvent<LlmReadyEvent>(model, 'llm-ready');
    void model.load();
    await waitUntil(() => model.progress.loaded > 0, 'the download starts', { timeout: 30_000 });
    await status.updateComplete;
    const progress = part(status, 'progress') as HTMLProgressElement;
    expect(progress.tagName).to.equal('PROGRESS');
    expect(progress.getAttribute('aria-label')).to.equal('Model download');
    expect(progress.value).to.be.greaterThan(0).and.lessThan(1);
    expect(part(status, 'label')?.textContent).to.match(/^Downloading the model… \d+%$/);
    expect(status.getAttribute('status')).to.equal('loading');
    await expect(status).to.be.accessible();

    await ready;
    await status.updateComplete;
    expect(part(status, 'progress')).to.equal(null);
    expect(part(status, 'label')?.textContent).to.equal('Model ready');
    expect(part(status, 'backend')?.textContent).to.match(/WebAssembly \(llama\.cpp\).*threads?/);
    expect(part(status, 'stats'), 'no speed before an answer').to.equal(null);

    await chat.send('Hello');
    await status.updateComplete;
    expect(part(status, 'stats')?.textContent).to.match(/^\d+(\.\d)? tokens\/s$/);
    await expect(status).to.be.accessible();
  });

  it('says when the model comes from the browser cache', async () => {
    const url = uniqueModelUrl('once');
    const first = await statusFixture(url);
    await first.model.load();
    fixtureCleanup();
    const { model, status } = await statusFixture(url);
    const labels: string[] = [];
    model.addEventListener('llm-progress', () => {
      void status.updateComplete.then(() => labels.push(part(status, 'label')?.textContent ?? ''));
    });
    await model.load();
    expect(labels.some((label) => label.startsWith('Loading the model from this browser’s cache'))).to.equal(
      true,
      labels.join(' | '),
    );
  });

  it('shows a load error with a Retry button, and only Retry loads again', async () => {
    const url = uniqueModelUrl('fail-once'); // HTTP 500 for the first HEAD and GET, the model afterwards
    const { model, status, chat } = await statusFixture(url);
    const errored = oneEvent<LlmErrorEvent>(model, 'llm-error');
    await model.load().catch(() => {});
    expect((await errored).detail.code).to.equal('network');
    await status.updateComplete;
    expect(status.getAttribute('status')).to.equal('error');
    expect(part(status, 'label')?.textContent).to.equal('The model could not be loaded');
    const error = part(status, 'error');
    expect(error, 'an error part').to.exist;
    expect(error!.getAttribute('role')).to.equal('alert');
    expect(error!.textContent).to.match(/HTTP 500/);
    const retry = part(status, 'retry');
    expect(retry, 'a Retry button').to.be.instanceOf(HTMLButtonElement);
    expect(retry!.textContent?.trim()).to.equal('Retry');
    await expect(status).to.be.accessible();
    expect(await requestCount(url)).to.deep.include({ get: 1, head: 1 }, 'HEAD and GET, both answered with 500');

    // Nothing but Retry loads again: a request fails at once with the load's error, fetching nothing.
    const reply = await chat.send('Hello');
    expect(reply?.finishReason).to.equal('error');
    expect(reply?.error).to.equal(model.error);
    await status.updateComplete;
    expect(status.getAttribute('status')).to.equal('error');
    expect(part(status, 'retry'), 'Retry is still offered').to.be.instanceOf(HTMLButtonElement);
    expect(await requestCount(url)).to.deep.include({ get: 1, head: 1 }, 'the request did not fetch the model');

    const ready = nextEvent(model, 'llm-ready', 30_000, 'the model ready after Retry');
    part(status, 'retry')!.click();
    expect((await ready).detail.modelInfo.architecture).to.equal('llama');
    await status.updateComplete;
    expect(status.getAttribute('status')).to.equal('ready');
    expect(part(status, 'error')).to.equal(null);
    expect(part(status, 'retry')).to.equal(null);
    expect(part(status, 'label')?.textContent).to.equal('Model ready');
    expect((await requestCount(url)).get).to.equal(2, 'Retry downloaded the model');
  });

  it('without an <llm-model> it says so in its error part', async () => {
    const status = await fixture<LlmStatus>(html`<llm-status></llm-status>`);
    await waitUntil(() => part(status, 'error'), 'the missing <llm-model> is reported');
    expect(part(status, 'error')?.getAttribute('role')).to.equal('alert');
    expect(part(status, 'error')?.textContent).to.equal('No <llm-model> around this status.');
    await status.updateComplete;
    expect(status.getAttribute('status')).to.equal('error');
  });

  it('texts can be replaced for another language', async () => {
    const { status } = await statusFixture(MODEL_URL);
    expect(part(status, 'label')?.textContent).to.equal('Model not loaded yet');
    status.strings = { idle: 'Modèle pas encore chargé' };
    await status.updateComplete;
    expect(part(status, 'label')?.textContent).to.equal('Modèle pas encore chargé');
  });
});
