// One engine for several tabs in Firefox (puppeteer over WebDriver BiDi): the scenarios of
// shared-engine.scenario.mjs with the tabs of one Firefox; and in private windows, where the model
// store keeps nothing another tab could load from, each tab loads its own engine and says why.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { FIREFOX_PATH, openPage, serveStatic } from './harness.mjs';
import { answer, describeSharedEngine, openShared, puppeteerBrowser, send } from './shared-engine.scenario.mjs';

const skip = !existsSync(FIREFOX_PATH) && `no Firefox at ${FIREFOX_PATH}`;

describeSharedEngine('firefox', {
  skip,
  async start() {
    const session = await openPage('firefox');
    return { browser: puppeteerBrowser(session), close: () => session.browser.close() };
  },
});

describe('firefox, private windows: each tab its own engine', { skip }, () => {
  let server;
  let session;

  before(async () => {
    server = await serveStatic('.', { isolated: true });
    session = await openPage('firefox-private');
  });

  after(async () => {
    await session?.browser.close();
    await server?.stop();
  });

  test('two private tabs of one model each load their own engine, and say why', async () => {
    const browser = puppeteerBrowser(session);
    for (const tab of ['first', 'second']) {
      const page = await browser.newPage();
      await openShared(page, server.origin);
      await send(page, 'Once upon a time');
      const result = await answer(page, 90_000);
      assert.equal(result.status, 'ready', `${tab}: ${JSON.stringify(result)}`);
      assert.equal(result.backend, 'wllama-wasm', `${tab}: its own engine`);
      assert.match(result.reason, /not shared with other tabs/, tab);
      assert.deepEqual(result.errors, [], tab);
    }
  });
});
