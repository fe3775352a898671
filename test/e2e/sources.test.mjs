// Sources on a page with only the script tag, in Chromium, Firefox and WebKit: the sources' code and
// <llm-source>'s load with the first question (not with the page); the page's passage that shares
// the question's words comes first (the maker's BERT test model embeds, bag-of-words-like); the
// answer lists it, and its link marks the page's element; a second visit reads the vectors back
// from IndexedDB and embeds nothing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ensureModel } from '../../scripts/make-models.mjs';
import { FIREFOX_PATH, openPage, serveStatic } from './harness.mjs';
import { openWebKit, webkitAvailable } from './webkit.mjs';

const QUESTION = 'When does the store open in the morning?';
const EXPECTED = 'The store opens at nine in the morning on weekdays.';
/** The lazy chunks of sources (their file names start with these). */
const SOURCE_CHUNKS = /\/(chat-sources|model-retrieval|split-passages)-/;

/** A driver for puppeteer-core (Chromium; Firefox over WebDriver BiDi), shaped like webkit.mjs's. */
function puppeteerDriver({ browser, page }) {
  let current = page;
  return {
    goto: (url) => current.goto(url),
    execute: (fn, ...args) => current.evaluate(fn, ...args),
    waitFor: (fn, timeout, ...args) => current.waitForFunction(fn, { timeout, polling: 250 }, ...args),
    async newPage() {
      current = await browser.newPage();
    },
    // A real click (puppeteer scrolls the link into view first).
    click: () => current.click('llm-chat >>> [part~="source-link"]'),
  };
}

/** The same calls over WebKitWebDriver; a click in the page (WebDriver's click cannot reach a shadow root's link). */
function webkitDriver(webkit) {
  return {
    goto: (url) => webkit.goto(url),
    execute: (fn, ...args) => webkit.execute(fn, ...args),
    waitFor: (fn, timeout, ...args) => webkit.waitFor(fn, timeout, ...args),
    async newPage() {
      await webkit.switchTo(await webkit.newWindow());
    },
    click: () =>
      webkit.execute(() =>
        document.querySelector('llm-chat').shadowRoot.querySelector('[part~="source-link"]').click(),
      ),
  };
}

/** Opens the page, asks QUESTION and waits (within `bound` ms) for the answer's end; returns what the page saw. */
async function ask(driver, url, bound) {
  await driver.goto(url);
  await driver.waitFor(() => Boolean(customElements.get('llm-chat') && customElements.get('llm-model')), 30_000);
  const lazy = await driver.execute(
    (chunks) => ({
      defined: customElements.get('llm-source') !== undefined,
      loaded: performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => new RegExp(chunks).test(name)),
    }),
    SOURCE_CHUNKS.source,
  );
  const started = Date.now();
  await driver.execute((question) => void document.querySelector('llm-chat').send(question), QUESTION);
  await driver.waitFor(() => {
    const chat = document.querySelector('llm-chat');
    return (window.__retrieved.length > 0 && chat.messages.length === 2 && !chat.streaming) || chat.status === 'error';
  }, bound);
  const seen = await driver.execute(async () => {
    const chat = document.querySelector('llm-chat');
    await chat.updateComplete;
    const link = chat.shadowRoot.querySelector('[part="sources"] [part~="source-link"]');
    return {
      status: chat.status,
      error: chat.shadowRoot.querySelector('[part~="error"]')?.textContent.trim() ?? '',
      answer: chat.messages[1]?.content ?? '',
      retrieved: window.__retrieved,
      link: link?.textContent.trim() ?? null,
      progress: window.__indexProgress,
      sourceDefined: customElements.get('llm-source') !== undefined,
      errors: window.__errors,
    };
  });
  return { lazy, seen, seconds: (Date.now() - started) / 1000 };
}

/** The whole scenario in one browser: two visits of the page, the second in a new page of the same profile. */
async function scenario(name, driver, origin, bound) {
  const first = await ask(driver, `${origin}/test/e2e/sources.html`, bound);
  assert.deepEqual(first.lazy, { defined: false, loaded: [] }, 'sources’ code not loaded before the first question');
  assert.notEqual(first.seen.status, 'error', `no error: ${first.seen.error}`);
  assert.equal(first.seen.error, '');
  assert.ok(first.seen.answer.length > 0, 'an answer came');
  assert.ok(first.seen.sourceDefined, '<llm-source> is defined once the chat read its sources');
  assert.equal(first.seen.retrieved[0].query, QUESTION);
  const [best, next] = first.seen.retrieved[0].passages;
  assert.equal(best?.text, EXPECTED, `the store's hours first: ${JSON.stringify(first.seen.retrieved[0].passages)}`);
  assert.ok(!next || next.score < best.score);
  assert.match(first.seen.link ?? '', /^\[1\] /, 'the sources listed under the answer');
  assert.ok(first.seen.link.includes('The store opens'), first.seen.link);
  assert.ok(
    first.seen.progress.some((event) => event.total > 0),
    `the first visit embedded the page: ${JSON.stringify(first.seen.progress)}`,
  );

  await driver.click();
  await driver.waitFor(() => document.querySelector('[data-llm-cited]'), 10_000);
  const cited = await driver.execute(() =>
    [...document.querySelectorAll('[data-llm-cited]')].map((element) => element.textContent.trim()),
  );
  assert.deepEqual(cited, [EXPECTED], 'the link marks the page’s passage');
  assert.deepEqual(first.seen.errors, [], 'no error on the page');

  await driver.newPage();
  const second = await ask(driver, `${origin}/test/e2e/sources.html?again`, bound);
  assert.notEqual(second.seen.status, 'error', `no error: ${second.seen.error}`);
  assert.equal(second.seen.retrieved[0]?.passages[0]?.text, EXPECTED);
  assert.deepEqual(second.seen.errors, [], 'no error on the second page');
  const embedded = second.seen.progress.filter((event) => event.total > 0);
  assert.deepEqual(embedded, [], 'the second visit embedded nothing (the vectors were kept in IndexedDB)');
  console.log(
    `[${name}] first answer ${first.seconds.toFixed(1)} s (score ${best.score.toFixed(2)}${next ? ` vs ${next.score.toFixed(2)}` : ''}), second ${second.seconds.toFixed(1)} s`,
  );
}

before(async () => {
  await ensureModel('minilm-embed-q8_0'); // made once, cached in .cache/models (served at /models/)
});

for (const browser of ['chromium', 'firefox']) {
  const skip = browser === 'firefox' && !existsSync(FIREFOX_PATH) && `no Firefox at ${FIREFOX_PATH}`;
  describe(browser, { skip }, () => {
    let server;
    let session;

    before(async () => {
      server = await serveStatic('.');
      session = await openPage(browser);
    });

    after(async () => {
      await session?.browser.close();
      await server?.stop();
    });

    test('an answer from the page’s passages, cited and linked; a second visit embeds nothing', async () => {
      await scenario(browser, puppeteerDriver(session), server.origin, 120_000);
      assert.deepEqual(session.errors, [], 'no error in the console');
    });
  });
}

describe('webkit', { skip: !webkitAvailable() && 'WebKitGTK, WebKitWebDriver or Xvfb is not installed' }, () => {
  let server;
  let webkit;

  before(async () => {
    server = await serveStatic('.');
    webkit = await openWebKit();
  });

  after(async () => {
    await webkit?.close();
    await server?.stop();
  });

  test('an answer from the page’s passages, cited and linked (compatibility build)', async () => {
    // The compatibility build's first compile is slow on 2 cores (see webkit.test.mjs).
    await scenario('webkit', webkitDriver(webkit), server.origin, 300_000);
  });
});
