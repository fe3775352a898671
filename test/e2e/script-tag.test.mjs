// The script-tag build on a plain HTML page: one <script type="module"> and the elements, served as
// static files. A message gets a story back, with no error and no request to another host: in
// Chromium and Firefox, cross-origin isolated (threads) and not (one thread), and in a Firefox
// private window (no file system for the page: the model is kept in the Cache API or memory).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { FIREFOX_PATH, openPage, serveStatic } from './harness.mjs';

const RUNS = [
  { browser: 'chromium', isolated: true },
  { browser: 'chromium', isolated: false },
  { browser: 'firefox', isolated: true },
  { browser: 'firefox', isolated: false },
  // Not isolated: a private window reports 4 logical cores on a 2-core machine (fingerprinting
  // protection), and 4 llama.cpp threads on 2 cores crawl (about 1 token/s here).
  { browser: 'firefox-private', isolated: false },
];

for (const { browser, isolated } of RUNS) {
  const skip = browser !== 'chromium' && !existsSync(FIREFOX_PATH) && `no Firefox at ${FIREFOX_PATH}`;
  describe(`${browser}, ${isolated ? 'cross-origin isolated' : 'not isolated'}`, { skip }, () => {
    let server;
    let session;

    before(async () => {
      server = await serveStatic('.', { isolated });
      session = await openPage(browser);
    });

    after(async () => {
      await session?.browser.close();
      await server?.stop();
    });

    test('a page with only the script tag chats with the model, and talks to no other host', async () => {
      const { page, requests, errors } = session;
      await page.goto(`${server.origin}/test/e2e/script-tag.html`);
      await page.waitForFunction(() => customElements.get('llm-chat') && customElements.get('llm-model'));

      const beforeUse = [...requests];
      assert.ok(!beforeUse.some((url) => /wllama|\.wasm|\.gguf|markdown-renderer/.test(url)), `lazy: ${beforeUse}`);

      const sendAndWait = async () => {
        await page.evaluate(() => document.querySelector('llm-chat').shadowRoot.querySelector('textarea').focus());
        await page.keyboard.type('Once upon a time');
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          () => {
            const chat = document.querySelector('llm-chat');
            return (
              (chat.messages.length === 2 && !chat.streaming && chat.messages[1].content.length > 0) ||
              chat.status === 'error'
            );
          },
          { timeout: 90_000 },
        );
      };
      try {
        await sendAndWait();
      } catch (error) {
        // Seen twice in CI under load, in Firefox with threads, never locally: say where it stood,
        // then try once more in a fresh page (a second hang fails the test).
        const state = await page.evaluate(() => {
          const chat = document.querySelector('llm-chat');
          const model = document.querySelector('llm-model');
          return {
            chat: chat.status,
            model: model.status,
            progress: model.progress,
            messages: chat.messages.map((m) => `${m.role}:${m.content.length}`),
          };
        });
        console.log(`[${browser}] no answer within 90 s (${error.message}); state: ${JSON.stringify(state)}; retrying`);
        await page.goto(`${server.origin}/test/e2e/script-tag.html?retry`);
        await page.waitForFunction(() => customElements.get('llm-chat') && customElements.get('llm-model'));
        await sendAndWait();
      }
      const answer = await page.evaluate(() => {
        const chat = document.querySelector('llm-chat');
        const model = document.querySelector('llm-model');
        const shown = chat.shadowRoot.querySelector('[part~="assistant"] .content')?.textContent.trim() ?? '';
        const error = chat.shadowRoot.querySelector('[part~="error"]')?.textContent.trim() ?? '';
        return {
          text: chat.messages[1]?.content.trim() ?? '',
          shown,
          error,
          reason: model.backendReason,
          storage: model.modelInfo?.storage ?? null,
          speed: model.engine.lastResult?.tokensPerSecond ?? 0,
        };
      });
      assert.equal(answer.error, '', 'no error shown');
      assert.ok(answer.text.split(/\s+/).length >= 5, `a story arrived: ${answer.text}`);
      assert.equal(answer.shown, answer.text, 'the answer is on the page');
      assert.deepEqual(errors, []);
      // Isolated: the thread rule, or fewer when the CPU probe found cores busy (a loaded machine).
      assert.match(
        answer.reason,
        isolated
          ? /\d+ threads on \d+ logical cores|\d+ threads?: of \d+ logical cores only about/
          : /one thread, because the page is not cross-origin isolated/,
      );
      if (browser === 'firefox-private') {
        assert.equal(answer.storage?.persistent, false, 'a private window does not keep the model');
      } else {
        // `persisted` (the browser's answer to storage.persist()) may arrive after the load, or never.
        const { store, persistent } = answer.storage ?? {};
        assert.deepEqual({ store, persistent }, { store: 'opfs', persistent: true });
      }

      // blob: URLs (wllama's workers) carry the origin that made them; data: URLs fetch nothing.
      const foreign = requests.filter(
        (url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== server.origin,
      );
      assert.deepEqual(foreign, [], 'every request goes to the page’s own server');
      assert.ok(
        requests.some((url) => url.endsWith('/chunks/wllama.wasm')),
        'the wasm came from beside the script',
      );
      assert.ok(!requests.some((url) => url.includes('wllama-compat')), 'the compatibility build is not fetched here');
      console.log(
        `[${browser}${isolated ? ', isolated' : ''}] ${answer.reason} ${answer.speed.toFixed(0)} tokens/s; storage ${answer.storage?.store}`,
      );
    });
  });
}
