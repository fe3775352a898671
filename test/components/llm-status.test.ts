// <llm-status> on the real model: progress (network and cache), backend and reason, errors, speed.
import { expect, fixture, fixtureCleanup, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat, LlmModel, LlmStatus } from '../../src/index.js';
import { MODEL_URL, brokenModelUrl, uniqueModelUrl } from '../helpers/model.js';
import { next, part } from '../helpers/chat.js';

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

    void model.load();
    await waitUntil(() => model.progress.loaded > 0, 'the download starts');
    await status.updateComplete;
    const progress = part(status, 'progress') as HTMLProgressElement;
    expect(progress.tagName).to.equal('PROGRESS');
    expect(progress.getAttribute('aria-label')).to.equal('Model download');
    expect(progress.value).to.be.greaterThan(0).and.lessThan(1);
    expect(part(status, 'label')?.textContent).to.match(/^Downloading the model… \d+%$/);
    expect(status.getAttribute('status')).to.equal('loading');
    await expect(status).to.be.accessible();

    await next(model, 'llm-ready');
    await status.updateComplete;
    expect(part(status, 'progress')).to.equal(null);
    expect(part(status, 'label')?.textContent).to.equal('Model ready');
    expect(part(status, 'backend')?.textContent).to.match(/WebAssembly \(llama\.cpp\).*threads?/);

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
    model.addEventListener('llm-progress', async () => {
      await status.updateComplete;
      labels.push(part(status, 'label')?.textContent ?? '');
    });
    await model.load();
    expect(labels.some((label) => label.startsWith('Loading the model from this browser’s cache'))).to.equal(
      true,
      labels.join(' | '),
    );
  });

  it('shows an error with a Retry button that loads again', async () => {
    const { model, status } = await statusFixture(brokenModelUrl('html'));
    await model.load().catch(() => {});
    await status.updateComplete;
    expect(status.getAttribute('status')).to.equal('error');
    expect(part(status, 'error')?.getAttribute('role')).to.equal('alert');
    expect(part(status, 'error')?.textContent).to.match(/web page/);
    await expect(status).to.be.accessible();

    model.src = MODEL_URL; // the page fixes its src; Retry (or the change itself) loads it
    const ready = next(model, 'llm-ready');
    part(status, 'retry')?.click();
    await ready;
    await status.updateComplete;
    expect(part(status, 'error')).to.equal(null);
    expect(part(status, 'label')?.textContent).to.equal('Model ready');
  });

  it('texts can be replaced for another language', async () => {
    const { status } = await statusFixture(MODEL_URL);
    status.strings = { idle: 'Modèle pas encore chargé' };
    await status.updateComplete;
    expect(part(status, 'label')?.textContent).to.equal('Modèle pas encore chargé');
  });
});
