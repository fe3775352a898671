// <llm-model>: one shared engine, load modes, src changes, removal, events, and late upgrades.
import { expect, fixture, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { EngineFallbackEvent, LlmError, type LlmChat, type LlmModel, type LlmStatus } from '../../src/index.js';
import { LlmChat as LlmChatClass } from '../../src/components/llm-chat/llm-chat.component.js';
import { LlmModel as LlmModelClass } from '../../src/components/llm-model/llm-model.component.js';
import type { ModelHandle } from '../../src/context/model-context.js';
import type { LlmErrorEvent } from '../../src/events/llm-error.js';
import type { LlmFallbackEvent } from '../../src/events/llm-fallback.js';
import type { LlmReadyEvent } from '../../src/events/llm-ready.js';
import type { EngineStatus } from '../../src/engine/index.js';
import { MODEL_URL, brokenModelUrl, requestCount, uniqueModelUrl } from '../helpers/model.js';
import { part } from '../helpers/chat.js';

/** The handle an element got from its provider (read through the controller, as the element does). */
const handleOf = (el: Element): ModelHandle | undefined =>
  (el as unknown as { model: { handle?: ModelHandle } }).model.handle;

describe('<llm-model>', () => {
  afterEach(() => fixtureCleanup());

  it('gives every element inside the same engine; the nearest <llm-model> wins', async () => {
    const outer = await fixture<LlmModel>(`
      <llm-model src="${MODEL_URL}">
        <llm-chat id="a"></llm-chat>
        <div><llm-status id="s"></llm-status></div>
        <llm-model id="inner" src="${MODEL_URL}"><llm-chat id="c"></llm-chat></llm-model>
      </llm-model>`);
    const inner = outer.querySelector<LlmModel>('#inner')!;
    const consumers = ['#a', '#s', '#c'].map((id) => outer.querySelector(id)!);
    await waitUntil(() => consumers.every((el) => handleOf(el)), 'every element found a provider');
    expect(handleOf(outer.querySelector('#a')!)?.engine).to.equal(outer.engine);
    expect(handleOf(outer.querySelector('#s')!)?.engine).to.equal(outer.engine);
    expect(handleOf(inner.querySelector('#c')!)?.engine).to.equal(inner.engine);
    expect(inner.engine).not.to.equal(outer.engine);
  });

  it('lazy (default): downloads nothing until an element needs the model, then loads once', async () => {
    const url = uniqueModelUrl('once');
    const model = await fixture<LlmModel>(`<llm-model src="${url}"><llm-chat></llm-chat></llm-model>`);
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    await chat.updateComplete; // both elements connected and rendered: whatever they do on connect is done
    expect(model.status).to.equal('idle');
    expect(model.engine.status).to.equal('idle');
    expect(await requestCount(url)).to.deep.include({ get: 0, head: 0 });
    const ready = oneEvent<LlmReadyEvent>(model, 'llm-ready');
    part(chat, 'input')!.focus();
    await sendKeys({ type: 'O' }); // the user starts typing: loading begins before anything is sent
    const { detail } = await ready;
    expect(chat.messages).to.deep.equal([]);
    expect(detail.backend).to.equal('wllama-wasm');
    expect(detail.reason).to.match(/WebAssembly/);
    expect(detail.modelInfo.architecture).to.equal('llama');
    expect(model.getAttribute('status')).to.equal('ready');
    expect(model.backendKind).to.equal('wllama-wasm');
    expect(model.backendReason).to.match(/WebAssembly/);
    expect((await requestCount(url)).get).to.equal(1);
  });

  it('eager: loads on connect, reporting progress events that end at 1', async () => {
    const fractions: number[] = [];
    const model = document.createElement('llm-model');
    model.addEventListener('llm-progress', (e) => fractions.push(e.detail.fraction));
    const ready = oneEvent<LlmReadyEvent>(model, 'llm-ready');
    model.setAttribute('loading', 'eager');
    model.src = uniqueModelUrl('once');
    await fixture(model);
    await ready;
    expect(fractions.at(-1)).to.equal(1);
    expect(fractions.length).to.be.greaterThan(1);
  });

  it('manual: neither focus nor requests load it; load() does', async () => {
    const url = uniqueModelUrl('once');
    const model = await fixture<LlmModel>(`<llm-model loading="manual" src="${url}"><llm-chat></llm-chat></llm-model>`);
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    part(chat, 'input')!.focus();
    const refused = await chat.send('Hello');
    expect(refused?.finishReason).to.equal('error');
    expect((await requestCount(url)).get).to.equal(0);
    await model.load();
    expect(model.status).to.equal('ready');
    expect((await chat.send('Hello'))?.finishReason).to.be.oneOf(['length', 'stop']);
  });

  it('a bad src shows a visible error in <llm-status> and <llm-chat>, fires llm-error; a corrected src works', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${brokenModelUrl('404')}"><llm-status></llm-status><llm-chat max-tokens="10"></llm-chat></llm-model>`,
    );
    const status = model.querySelector<LlmStatus>('llm-status')!;
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    const errors: string[] = [];
    const onError = (e: LlmErrorEvent) => errors.push(`${(e.target as Element).localName}:${e.detail.code}`);
    document.addEventListener('llm-error', onError);
    const reply = await chat.send('Hello').finally(() => document.removeEventListener('llm-error', onError));
    expect(errors).to.deep.equal(['llm-model:model-not-found'], 'one llm-error, from <llm-model>');
    expect(reply?.finishReason).to.equal('error');
    await status.updateComplete;
    await chat.updateComplete;
    expect(part(status, 'error')?.textContent).to.equal('The AI model is not available right now.');
    expect(part(status, 'error-detail')?.textContent, 'the developer’s message').to.match(/No model at .*404/);
    expect(part(chat, 'error')?.textContent).to.match(/No model at .*404/);
    expect(chat.messages).to.deep.equal([{ role: 'user', content: 'Hello' }], 'the message is kept');
    await expect(status).to.be.accessible();
    await expect(chat).to.be.accessible();

    const ready = oneEvent<LlmReadyEvent>(model, 'llm-ready');
    model.src = MODEL_URL;
    await ready;
    await status.updateComplete;
    await chat.updateComplete;
    expect(part(status, 'error')).to.equal(null);
    expect(part(chat, 'error')).to.equal(null, 'the error goes once the model loads');
    const answer = await chat.regenerate();
    expect(answer?.finishReason).to.be.oneOf(['length', 'stop']);
    expect(part(chat, 'error')).to.equal(null);
  });

  it('a download cut mid-way resumes by itself: the answer comes with no error and no Retry', async () => {
    const url = uniqueModelUrl('drop-once'); // 64 KB, then the connection is reset; this server ignores Range
    const model = await fixture<LlmModel>(
      `<llm-model src="${url}"><llm-chat temperature="0" max-tokens="8"></llm-chat></llm-model>`,
    );
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    const errors: string[] = [];
    model.addEventListener('llm-error', (e) => errors.push(e.detail.code));
    const answer = await chat.send('Once upon a time');
    expect(answer?.finishReason, answer?.error?.message).to.be.oneOf(['length', 'stop']);
    expect(errors).to.deep.equal([]);
    expect((await requestCount(url)).get).to.equal(2, 'the cut GET, then one resume');
    await chat.updateComplete;
    expect(part(chat, 'error')).to.equal(null);
  });

  it('a load left mid-download (unload) is not taken for the model: the next load of that URL works', async () => {
    const url = uniqueModelUrl('slow');
    const model = await fixture<LlmModel>(`<llm-model loading="manual" src="${url}"></llm-model>`);
    const progressed = oneEvent(model, 'llm-progress');
    const loading = model.load().catch((error: unknown) => error);
    await progressed;
    // The route trickles the file: under load its first bytes can take longer than waitUntil's default second.
    await waitUntil(() => model.progress.model.loaded > 0, 'some bytes arrived', { timeout: 15_000 });
    await model.unload();
    expect(LlmError.is(await loading) && ((await loading) as LlmError).code).to.equal('aborted');
    await model.load();
    expect(model.status).to.equal('ready');
    const result = await model.engine.complete('Once upon a time', { max_tokens: 8, temperature: 0 }).result;
    expect(result.finishReason).to.be.oneOf(['stop', 'length']);
    expect((await requestCount(url)).get).to.equal(2, 'downloaded again, not read from a partial file');
  });

  it('changing src reloads the model and the elements follow', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-chat temperature="0" max-tokens="8"></llm-chat></llm-model>`,
    );
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    await chat.send('Hello');
    const first = model.modelInfo;
    const ready = oneEvent<LlmReadyEvent>(model, 'llm-ready');
    model.src = new URL('/models/stories260K-chatml.gguf', location.href).href;
    await ready;
    expect(model.modelInfo).not.to.equal(first);
    expect(model.modelInfo?.chatTemplate).to.include('<|im_start|>');
    expect((await chat.send('Hello'))?.finishReason).to.be.oneOf(['length', 'stop']);
  });

  it('a send right after a src change waits for the new model; no status says ready while it loads', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-status></llm-status><llm-chat temperature="0" max-tokens="8"></llm-chat></llm-model>`,
    );
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    const status = model.querySelector<LlmStatus>('llm-status')!;
    await chat.send('Hello');
    const first = model.modelInfo;
    const seen: string[] = [];
    model.addEventListener('llm-ready', () =>
      seen.push(`ready:${model.modelInfo?.chatTemplate?.includes('im_start')}`),
    );
    model.src = uniqueModelUrl('head403').replace(/stories260K\.gguf$/, 'stories260K-chatml.gguf');
    await model.updateComplete;
    expect(model.status).to.equal('loading');
    await status.updateComplete;
    expect(status.status).to.equal('loading');
    expect(status.shadowRoot!.textContent).not.to.match(/ready/i);
    const answer = await chat.send('Hello');
    expect(answer?.finishReason, answer?.error?.message).to.be.oneOf(['length', 'stop']);
    expect(model.modelInfo).not.to.equal(first);
    expect(model.modelInfo?.chatTemplate, 'the answer came from the new model').to.include('<|im_start|>');
    expect(seen).to.deep.equal(['ready:true']);
  });

  it('removing it aborts work in flight and releases the engine; moving it does not', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-chat temperature="0" max-tokens="300"></llm-chat></llm-model>`,
    );
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    await model.load();
    const loaded = model.modelInfo;
    const statuses: EngineStatus[] = [];
    model.engine.addEventListener('statuschange', (event) => statuses.push(event.status));
    const host = model.parentElement!;
    host.append(model); // a move: disconnect and connect in one task
    await new Promise<void>((resolve) => queueMicrotask(resolve)); // after the release check it queued

    const pending = chat.send('Once upon a time');
    await oneEvent(chat, 'llm-token');
    // A release would have unloaded the model (idle), and this answer would have loaded it again.
    expect(statuses).to.deep.equal(['generating'], 'the move kept the model');
    expect(model.modelInfo).to.equal(loaded);
    model.remove();
    expect((await pending)?.finishReason).to.equal('abort');
    await waitUntil(() => model.engine.status === 'idle', 'the engine is released');
    expect(model.engine.modelInfo).to.equal(null);
  });

  it('with an MLC build too (webgpu-model), a device without WebGPU runs the GGUF and says why', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}" webgpu-model="Qwen2.5-0.5B-Instruct-q4f16_1-MLC"><llm-status></llm-status></llm-model>`,
    );
    await model.load();
    expect(model.backendKind).to.equal('wllama-wasm');
    expect(model.backendReason).to.match(/no WebGPU adapter|shader-f16|software fallback/);
    const status = model.querySelector<LlmStatus>('llm-status')!;
    await status.updateComplete;
    expect(part(status, 'backend')?.textContent).to.equal(model.backendReason);
  });

  it('an unknown catalog model name fires llm-error listing the known names', async () => {
    const model = document.createElement('llm-model');
    const errored = oneEvent<LlmErrorEvent>(model, 'llm-error');
    model.setAttribute('catalog', 'no-such-model');
    await fixture(model);
    const { detail } = await errored;
    expect(detail.code).to.equal('model-not-found');
    expect(detail.message).to.match(/Known: smollm2-360m, qwen2\.5-0\.5b, llama-3\.2-1b/);
  });

  it('re-fires the engine’s fallback from WebGPU as llm-fallback', async () => {
    const model = await fixture<LlmModel>(`<llm-model src="${MODEL_URL}"></llm-model>`);
    const fallback = oneEvent<LlmFallbackEvent>(model, 'llm-fallback');
    const error = new LlmError('backend-unavailable', 'DeviceLostError: lost');
    model.engine.dispatchEvent(new EngineFallbackEvent('web-llm', 'wllama-wasm', error));
    expect((await fallback).detail).to.deep.equal({ from: 'web-llm', to: 'wllama-wasm', message: error.message });
  });

  it('a chat upgraded before its <llm-model> still gets the engine (late upgrade)', async () => {
    const container = await fixture<HTMLDivElement>(`
      <div><late-model-x src="${MODEL_URL}"><late-chat-x temperature="0" max-tokens="8"></late-chat-x></late-model-x></div>`);
    const chat = container.querySelector('late-chat-x') as LlmChat;
    customElements.define('late-chat-x', class extends LlmChatClass {});
    await (chat as LlmChat).updateComplete;
    expect(handleOf(chat)).to.equal(undefined);
    customElements.define('late-model-x', class extends LlmModelClass {});
    const model = container.querySelector('late-model-x') as LlmModel;
    await waitUntil(() => handleOf(chat), 'the late <llm-model> reaches the chat');
    expect(handleOf(chat)?.engine).to.equal(model.engine);
    expect((await chat.send('Hello'))?.finishReason).to.be.oneOf(['length', 'stop']);
  });
});
