// <llm-model browser-model>: the browser's built-in model first, `src` otherwise.
// This Chromium has no built-in model, so the first describe runs the real path (the page's own
// model on real llama.cpp, and the reason); the second runs against a scripted stand-in of the
// Prompt API installed on globalThis (test/helpers/scripted-prompt-api.ts). The stand-in's first
// test runs before any user action on this page: the browser's download waits for one, which the
// real click on Retry gives.
import { expect, fixture, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/index.js';
import type { LlmChat, LlmModel, LlmStatus } from '../../src/index.js';
import type { LlmErrorEvent } from '../../src/events/llm-error.js';
import type { LlmReadyEvent } from '../../src/events/llm-ready.js';
import { MODEL_URL } from '../helpers/model.js';
import { part, transcript, typeAndSend } from '../helpers/chat.js';
import { DEFAULT_ANSWER, installPromptApi } from '../helpers/scripted-prompt-api.js';

async function pageWith(attributes: string) {
  const model = await fixture<LlmModel>(
    `<llm-model ${attributes}><llm-status></llm-status><llm-chat max-tokens="24"></llm-chat></llm-model>`,
  );
  return {
    model,
    status: model.querySelector<LlmStatus>('llm-status')!,
    chat: model.querySelector<LlmChat>('llm-chat')!,
  };
}

/** Clicks the middle of `element` with the real mouse (a user action, as the browser counts them). */
async function click(element: Element) {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

describe('<llm-model browser-model> in this browser, which has no built-in model (real path)', () => {
  afterEach(() => fixtureCleanup());

  it('runs src on llama.cpp, and the reason says the built-in model is missing and which model runs instead', async () => {
    const hasApi = 'LanguageModel' in globalThis;
    const { model, status } = await pageWith(`browser-model src="${MODEL_URL}" loading="eager"`);
    const ready = await oneEvent<LlmReadyEvent>(model, 'llm-ready');
    expect(ready.detail.backend).to.equal('wllama-wasm');
    expect(ready.detail.reason).to.match(
      hasApi
        ? /^Chrome’s built-in model \(Gemini Nano\) is unavailable in this browser; using the page's own model: WebAssembly \(llama\.cpp\)/
        : /^The browser has no built-in model \(no Prompt API\); using the page's own model: WebAssembly \(llama\.cpp\)/,
    );
    expect(model.engine.capabilities?.browserModel ?? null).to.satisfy(
      (found: { availability: string } | null) => found === null || found.availability === 'unavailable',
    );
    await status.updateComplete;
    expect(part(status, 'backend')?.textContent).to.include("using the page's own model");
    await expect(status).to.be.accessible();
    // A real answer from the fallback.
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    const response = await chat.send('Once upon a time');
    expect(response?.text.length).to.be.greaterThan(0);
  });

  it('without src there is nothing to fall back to: a visible error that says so, and llm-error', async () => {
    const { model, status } = await pageWith('browser-model loading="manual"');
    const failed = oneEvent<LlmErrorEvent>(model, 'llm-error');
    void model.load().catch(() => {});
    const { detail } = await failed;
    expect(detail.code).to.equal('backend-unavailable');
    expect(detail.message).to.match(/built-in model was asked for, but .*, and no src is given to fall back to/);
    await status.updateComplete;
    expect(part(status, 'error')?.textContent).to.equal('This browser cannot run the AI model.');
    expect(part(status, 'error-detail')?.textContent).to.include(detail.message);
    await expect(status).to.be.accessible();
  });
});

describe('<llm-model browser-model> (stand-in of the Prompt API)', () => {
  let standIn: ReturnType<typeof installPromptApi> | null = null;
  afterEach(() => {
    fixtureCleanup();
    standIn?.uninstall();
    standIn = null;
  });

  it('a model the browser must download: without a user action, the status asks for one; a real click on Retry starts the download, its progress shows, then it is ready', async () => {
    expect(navigator.userActivation.hasBeenActive, 'no user action yet on this page').to.equal(false);
    standIn = installPromptApi({ availability: 'downloadable', downloadSteps: [0.3, 0.6] });
    const { model, status } = await pageWith(`browser-model src="${MODEL_URL}" loading="manual"`);
    const failed = oneEvent<LlmErrorEvent>(model, 'llm-error');
    void model.load().catch(() => {});
    const { detail } = await failed;
    expect(detail.code).to.equal('not-allowed');
    expect(standIn.record.creates, 'the page’s own model was not downloaded instead').to.have.length(0);
    await status.updateComplete;
    expect(part(status, 'error')?.textContent).to.equal('Press Retry to start the AI model.');
    expect(part(status, 'error-detail')?.textContent).to.match(/click or key press on the page: press Retry/);
    await expect(status).to.be.accessible();

    const fractions: number[] = [];
    model.addEventListener('llm-progress', (event) => fractions.push(event.detail.fraction));
    const ready = oneEvent<LlmReadyEvent>(model, 'llm-ready');
    await click(part(status, 'retry')!);
    const { detail: readyDetail } = await ready;
    expect(readyDetail.backend).to.equal('browser-model');
    expect(readyDetail.reason).to.match(/^Chrome’s built-in model \(Gemini Nano\): the browser downloads it once/);
    expect(
      fractions.some((f) => f > 0 && f < 1),
      'the browser’s download progress reached the page',
    ).to.equal(true);
    await status.updateComplete;
    expect(part(status, 'backend')?.textContent).to.include('no text leaves it');
  });

  it('a chat answers from the browser’s model, streamed into the transcript, accessible while it streams and after', async () => {
    standIn = installPromptApi({ availability: 'available' });
    const { model, chat, status } = await pageWith(`browser-model src="${MODEL_URL}"`);
    let streamingChecked = false;
    chat.addEventListener('llm-token', () => {
      streamingChecked = true;
    });
    const response = await typeAndSend(chat, 'Tell me a story');
    expect(streamingChecked, 'llm-token events streamed').to.equal(true);
    expect(response.detail.text).to.equal(DEFAULT_ANSWER);
    expect(model.backendKind).to.equal('browser-model');
    expect(transcript(chat).at(-1)).to.equal(DEFAULT_ANSWER);
    await expect(chat).to.be.accessible();
    await status.updateComplete;
    expect(part(status, 'backend')?.textContent).to.match(/already on this device, nothing to download/);

    // The second turn continues the browser's session (a clone), sending only the new message.
    await typeAndSend(chat, 'Another');
    expect(standIn.record.prompts.at(-1)?.input).to.equal('Another');
    expect(transcript(chat)).to.have.length(4);
  });

  it('the page’s language reaches the browser, so it readies the model for it', async () => {
    standIn = installPromptApi({ availability: 'available' });
    const wrapper = await fixture<HTMLDivElement>(
      `<div lang="ja"><llm-model browser-model loading="eager"><llm-chat></llm-chat></llm-model></div>`,
    );
    const model = wrapper.querySelector<LlmModel>('llm-model')!;
    await waitUntil(() => model.status === 'ready', 'the browser model loads', { timeout: 10_000 });
    expect(standIn.record.creates[0]).to.deep.include({ expectedOutputs: [{ type: 'text', languages: ['ja'] }] });
  });
});
