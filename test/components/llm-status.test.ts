// <llm-status> on the real model: progress (network and cache) in a visitor's words, errors with
// Retry, and for developers the backend and reason, speed and messages behind Details; a height
// that stays put from state to state, and a compact one-line variant.
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { LlmChat, LlmModel, LlmStatus } from '../../src/index.js';
import type { LlmErrorEvent } from '../../src/events/llm-error.js';
import type { LlmReadyEvent } from '../../src/events/llm-ready.js';
import { MODEL_URL, brokenModelUrl, requestCount, uniqueModelUrl } from '../helpers/model.js';
import { part } from '../helpers/chat.js';
import { nextEvent } from '../helpers/wait.js';

async function statusFixture(src: string, extra = '', attributes = '') {
  const model = await fixture<LlmModel>(
    `<llm-model src="${src}"><llm-status ${attributes}></llm-status><llm-chat temperature="0" max-tokens="20"></llm-chat>${extra}</llm-model>`,
  );
  // Its view is a chunk of its own, loaded when the first status connects.
  await model.querySelector<LlmStatus>('llm-status')!.updateComplete;
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
    expect(progress.getAttribute('aria-label')).to.equal('Model loading');
    await waitUntil(() => progress.value > 0, 'the whole is known', { timeout: 30_000 });
    expect(progress.value).to.be.greaterThan(0).and.lessThan(1);
    expect(part(status, 'label')?.textContent).to.equal('Getting the AI model ready');
    expect(part(status, 'figures')?.textContent).to.match(/^[\d.]+ (B|KiB|MiB) of [\d.]+ MiB( · \d+ (sec|min) left)?$/);
    expect(status.getAttribute('status')).to.equal('loading');
    await expect(status).to.be.accessible();

    await ready;
    await status.updateComplete;
    expect(part(status, 'progress')).to.equal(null);
    expect(part(status, 'label')?.textContent).to.equal('Ready · runs on this device');
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
    expect(labels.some((label) => label === 'Loading the AI model from this device…')).to.equal(
      true,
      labels.join(' | '),
    );
    expect(labels.filter((label) => label.startsWith('Getting the AI model ready'))).to.deep.equal(
      [],
      'a stored model is never said to be downloading',
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
    expect(error!.textContent).to.equal('Connection failed. Check it, then retry.');
    expect(part(status, 'error-detail')?.textContent, 'the developer’s message, in the details').to.match(/HTTP 500/);
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
    expect(part(status, 'label')?.textContent).to.equal('Ready · runs on this device');
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

  /** What a visitor sees: the rendered text of the box (closed details are not rendered). */
  const visibleText = (status: LlmStatus) => (status.shadowRoot!.querySelector('.base') as HTMLElement).innerText;
  const DEVELOPER_WORDS = /thread|core|src|wasm|llama|CSP|HTTP/i;
  const height = (status: LlmStatus) => status.getBoundingClientRect().height;

  it('speaks plainly by default in every state; the details (backend, threads, messages) open by keyboard', async () => {
    const { model, status } = await statusFixture(uniqueModelUrl('slow'));
    const seen: string[] = [visibleText(status)];
    await expect(status).to.be.accessible();
    const ready = oneEvent<LlmReadyEvent>(model, 'llm-ready');
    void model.load();
    await waitUntil(() => model.engine.selection && model.progress.total > 0, 'loading, the backend chosen', {
      timeout: 30_000,
    });
    await status.updateComplete;
    seen.push(visibleText(status));
    await expect(status).to.be.accessible();
    await ready;
    await status.updateComplete;
    seen.push(visibleText(status));
    expect(seen.join(' | '), 'nothing for developers is shown unasked').not.to.match(DEVELOPER_WORDS);

    // The Details button is the status's one stop in the tab order; Enter opens, Escape closes.
    (document.activeElement as HTMLElement | null)?.blur();
    const button = part(status, 'details-button') as HTMLButtonElement;
    for (let i = 0; i < 5 && status.shadowRoot!.activeElement !== button; i++) await sendKeys({ press: 'Tab' });
    expect(status.shadowRoot!.activeElement, 'Details reached with Tab').to.equal(button);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await status.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(status.details, 'the details attribute follows').to.equal(true);
    expect(visibleText(status)).to.match(/WebAssembly \(llama\.cpp\).*thread/);
    await expect(status).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await status.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(status.shadowRoot!.activeElement, 'the keyboard stays on Details').to.equal(button);
    expect(visibleText(status)).not.to.match(DEVELOPER_WORDS);

    // An error in a visitor's words; the developer's message (the address) only in the details.
    const errored = oneEvent<LlmErrorEvent>(model, 'llm-error');
    model.src = brokenModelUrl('404');
    await model.load().catch(() => {});
    expect((await errored).detail.message, 'the developer’s message names the address').to.match(/404/);
    await status.updateComplete;
    expect(part(status, 'error')?.textContent).to.equal('The AI model is not available right now.');
    expect(part(status, 'retry')).to.be.instanceOf(HTMLButtonElement);
    expect(visibleText(status)).not.to.match(DEVELOPER_WORDS);
    await expect(status).to.be.accessible();
    status.details = true;
    await status.updateComplete;
    expect(visibleText(status)).to.match(/404/);
    await expect(status).to.be.accessible();
  });

  it('with the details attribute, a developer sees them open from the start', async () => {
    const { model, status } = await statusFixture(MODEL_URL, '', 'details');
    await model.load();
    await status.updateComplete;
    expect(part(status, 'details-button')?.getAttribute('aria-expanded')).to.equal('true');
    expect(visibleText(status)).to.match(/WebAssembly \(llama\.cpp\).*thread/);
    await expect(status).to.be.accessible();
  });

  for (const width of [800, 390]) {
    it(`keeps its height from idle to loading, ready and error (${width} px wide)`, async () => {
      await setViewport({ width, height: 800 });
      try {
        const { model, status } = await statusFixture(uniqueModelUrl('slow'));
        const heights: Record<string, number> = { idle: height(status) };
        void model.load();
        await waitUntil(() => model.progress.total > 0, 'loading, the whole known', { timeout: 30_000 });
        await status.updateComplete;
        heights.loading = height(status);
        await waitUntil(() => model.status === 'ready', 'ready', { timeout: 60_000 });
        await status.updateComplete;
        heights.ready = height(status);
        model.src = brokenModelUrl('404');
        await model.load().catch(() => {});
        await status.updateComplete;
        heights.error = height(status);
        const values = Object.values(heights);
        expect(Math.max(...values) - Math.min(...values)).to.be.at.most(3, JSON.stringify(heights));
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }

  it('variant="compact" is one line while loading, ready and in error; its details open over the page', async () => {
    const { model, status } = await statusFixture(uniqueModelUrl('slow'), '', 'variant="compact"');
    const label = part(status, 'label')!;
    const oneLine = () => {
      const lineHeight = label.getBoundingClientRect().height;
      return height(status) < lineHeight * 2.5;
    };
    expect(oneLine(), 'idle').to.equal(true);
    void model.load();
    await waitUntil(() => model.progress.total > 0, 'loading, the whole known', { timeout: 30_000 });
    await status.updateComplete;
    expect(part(status, 'progress')).to.exist;
    expect(oneLine(), `loading: ${height(status)} px`).to.equal(true);
    await expect(status).to.be.accessible();
    await waitUntil(() => model.status === 'ready', 'ready', { timeout: 60_000 });
    await status.updateComplete;
    expect(oneLine(), 'ready').to.equal(true);
    const before = height(status);
    status.details = true;
    await status.updateComplete;
    expect(height(status), 'the details do not push the page').to.equal(before);
    const panel = part(status, 'details')!;
    expect(panel.getBoundingClientRect().top).to.be.at.least(status.getBoundingClientRect().bottom);
    await expect(status).to.be.accessible();
    status.details = false;
    model.src = brokenModelUrl('404');
    await model.load().catch(() => {});
    await status.updateComplete;
    expect(part(status, 'retry')).to.be.instanceOf(HTMLButtonElement);
    expect(oneLine(), 'error').to.equal(true);
    await expect(status).to.be.accessible();
  });

  it('texts can be replaced for another language', async () => {
    const { status } = await statusFixture(MODEL_URL);
    expect(part(status, 'label')?.textContent).to.equal('Model not loaded yet');
    status.strings = { idle: 'Modèle pas encore chargé' };
    await status.updateComplete;
    expect(part(status, 'label')?.textContent).to.equal('Modèle pas encore chargé');
  });
});
