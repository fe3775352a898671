// One engine for several tabs in Chromium: the scenarios of shared-engine.scenario.mjs, with the
// pages of one headless Chromium; and a holder the browser freezes in the background (Chromium only:
// its DevTools protocol freezes a page as the browser does, with the Page Lifecycle's freeze event).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openPage, serveStatic } from './harness.mjs';
import { answer, describeSharedEngine, openShared, puppeteerBrowser, send } from './shared-engine.scenario.mjs';

describeSharedEngine('chromium', {
  async start() {
    const session = await openPage('chromium');
    return { browser: puppeteerBrowser(session), close: () => session.browser.close() };
  },
});

describe('chromium: a holder frozen in the background', () => {
  test('hands the model to a follower, which answers with it; resumed, the holder answers as a follower', async () => {
    const server = await serveStatic('.', { isolated: true });
    const session = await openPage('chromium');
    try {
      const browser = puppeteerBrowser(session);
      const frozen = session.page; // the first page: the holder
      const holder = await browser.newPage();
      await openShared(holder, server.origin);
      await send(holder, 'Once upon a time');
      assert.equal((await answer(holder, 90_000)).backend, 'wllama-wasm');
      const follower = await browser.newPage();
      await openShared(follower, server.origin);
      await send(follower, 'Once upon a time');
      const followed = await answer(follower, 30_000);
      assert.equal(followed.backend, 'another-tab', JSON.stringify(followed));

      const devtools = await frozen.createCDPSession();
      await devtools.send('Page.setWebLifecycleState', { state: 'frozen' });
      // The frozen tab lets the model go: the follower loads it (from the store) and answers with it.
      await follower.waitFor(() => document.querySelector('llm-model').backendKind === 'wllama-wasm', 60_000);
      await send(follower, 'Once upon a time');
      const own = await answer(follower, 60_000);
      assert.equal(own.status, 'ready', JSON.stringify(own));
      assert.equal(own.backend, 'wllama-wasm');
      assert.ok(own.text.length > 0);
      assert.deepEqual(own.errors, []);

      await devtools.send('Page.setWebLifecycleState', { state: 'active' });
      await send(holder, 'Once upon a time');
      const resumed = await answer(holder, 60_000);
      assert.equal(resumed.status, 'ready', JSON.stringify(resumed));
      assert.equal(resumed.backend, 'another-tab', 'the resumed tab follows the tab that holds the model now');
      assert.equal(resumed.text, own.text, 'the same conversation on the same model, greedy: the same answer');
      assert.deepEqual(resumed.pageErrors ?? [], []);
    } finally {
      await session.browser.close();
      await server.stop();
    }
  });
});
