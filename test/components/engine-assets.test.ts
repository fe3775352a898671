// A missing or wrong engine file (wllama.wasm) ends the load with an llm-error that names the file
// and the fix, within seconds, instead of "Loading… 99%" forever; Retry works once it is repaired.
import { expect, fixture, fixtureCleanup, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat, LlmModel } from '../../src/index.js';
import { MODEL_URL } from '../helpers/model.js';
import { part } from '../helpers/chat.js';
import { nextEvent } from '../helpers/wait.js';

/** The bound the browsers issue sets for a broken engine file to be reported. */
const REPORTED_WITHIN_MS = 15_000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer = 0;
  const limit = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => reject(new Error(`${what} did not happen within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

describe('a broken engine file (wllama.wasm)', () => {
  let meta: HTMLMetaElement | null = null;
  afterEach(() => {
    meta?.remove();
    fixtureCleanup();
  });

  for (const [mode, says] of [
    ['404', /answered HTTP 404/],
    ['html', /is a web page, not WebAssembly/],
    ['random', /is not WebAssembly/],
  ] as const) {
    it(`${mode}: llm-error within seconds, naming the file and the fix; Retry answers once it is repaired`, async () => {
      const id = Math.random().toString(36).slice(2);
      const assets = `/__test/wasm/${mode}/${id}/`;
      meta = Object.assign(document.createElement('meta'), { name: 'llm-elements-assets', content: assets });
      document.head.append(meta);
      const model = await fixture<LlmModel>(
        `<llm-model src="${MODEL_URL}"><llm-chat temperature="0" max-tokens="8"></llm-chat></llm-model>`,
      );
      const chat = model.querySelector<LlmChat>('llm-chat')!;
      const failed = oneEvent(model, 'llm-error');
      const sent = chat.send('Once upon a time');
      const { detail } = await within(failed, REPORTED_WITHIN_MS, 'llm-error');
      expect(detail.code).to.equal('backend-unavailable');
      expect(detail.message).to.include(new URL(`${assets}wllama.wasm`, location.href).href);
      expect(detail.message).to.match(says);
      expect(detail.message).to.include('llm-elements-assets');
      expect((await sent)?.finishReason).to.equal('error');
      await chat.updateComplete;
      expect(part(chat, 'error')?.textContent).to.match(says);

      await fetch(`/__test/restore?id=${id}`);
      const ready = nextEvent(model, 'llm-ready', 60_000, 'the engine started after Retry');
      const response = nextEvent(chat, 'llm-response', 30_000, 'an answer after Retry');
      part(chat, 'retry')!.click();
      await ready;
      const answered = await response;
      expect(answered.detail.text.length).to.be.greaterThan(0);
    });
  }
});
