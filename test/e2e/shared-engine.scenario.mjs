// One engine for several tabs (<llm-model share="tabs">, the default), with real pages of one
// browser on test/e2e/shared.html: the first page to load holds the model, a second runs its
// requests there and says so; closing the holder mid-answer ends the follower's answer with a
// retryable error, and its Retry answers once it has taken the model over; a follower stops its
// own answer; another model or other settings get their own engine. The same scenarios for every
// browser, driven through a small page interface (puppeteer's pages, or WebKit's WebDriver windows):
//   browser: { newPage(): Promise<Page> } (the first call may return the browser's first page)
//   Page: { goto(url), run(fn, ...args), waitFor(fn, timeoutMs, ...args), type(text), close() }
// The tests of one describe reuse each other's pages (page loads and model loads are slow), and
// each still runs alone (--test-name-pattern): it opens what the ones before would have left.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { serveStatic } from './harness.mjs';

/** Opens the page, and records the llm-error codes and the llm-response events of its chat. */
export async function openShared(page, origin) {
  await page.goto(`${origin}/test/e2e/shared.html`);
  await page.waitFor(() => Boolean(customElements.get('llm-chat') && customElements.get('llm-model')), 30_000);
  await page.run(() => {
    const chat = document.querySelector('llm-chat');
    window.errorCodes = [];
    window.responses = 0;
    chat.addEventListener('llm-error', (event) => window.errorCodes.push(event.detail.code));
    chat.addEventListener('llm-response', () => window.responses++);
  });
}

/** Notes how many answers the chat has given, so `answer()` waits for the next. */
const mark = (page) => page.run(() => (window.seen = window.responses + window.errorCodes.length));

/** Sends `text` from the page's chat. */
export async function send(page, text) {
  await mark(page);
  await page.type(text);
}

/** Waits for the chat's next answer to end (or fail), and returns its text, status and the model's backend. */
export async function answer(page, timeout) {
  await page.waitFor(
    () => window.responses + window.errorCodes.length > window.seen && !document.querySelector('llm-chat').streaming,
    timeout,
  );
  return page.run(() => {
    const chat = document.querySelector('llm-chat');
    const model = document.querySelector('llm-model');
    return {
      text: chat.messages.at(-1)?.content ?? '',
      status: chat.status,
      errors: [...window.errorCodes],
      backend: model.backendKind,
      reason: model.backendReason,
      pageErrors: window.__errors,
    };
  });
}

const setMaxTokens = (page, n) => page.run((n) => (document.querySelector('llm-chat').maxTokens = n), n);

/**
 * The scenarios, in one describe named `name`. `start()` resolves with `{ browser, close() }`;
 * `loadTimeout` bounds an answer that may include loading the model (WebKit's compatibility build
 * compiles for tens of seconds on 2 cores).
 */
export function describeSharedEngine(name, { start, skip = false, loadTimeout = 90_000 }) {
  describe(`${name}: one engine for several tabs`, { skip }, () => {
    let server;
    let session;
    /** The page holding stories260K with the default settings, and one following it, as the tests leave them. */
    let holder = null;
    let follower = null;

    before(async () => {
      server = await serveStatic('.', { isolated: true });
      session = await start();
    });

    after(async () => {
      await session?.close();
      await server?.stop();
    });

    /** A page that answered from its own engine: the holder of the default model. Resolves with its answer. */
    async function openHolder() {
      holder = await session.browser.newPage();
      await openShared(holder, server.origin);
      await send(holder, 'Once upon a time');
      const first = await answer(holder, loadTimeout);
      assert.equal(first.status, 'ready', JSON.stringify(first));
      assert.equal(first.backend, 'wllama-wasm');
      assert.ok(first.text.length > 0);
      return first;
    }

    /** A second page of the same model and settings, following the holder. Resolves with its answer. */
    async function openFollower() {
      follower = await session.browser.newPage();
      await openShared(follower, server.origin);
      await send(follower, 'Once upon a time');
      const second = await answer(follower, loadTimeout);
      assert.equal(second.status, 'ready', JSON.stringify(second));
      assert.equal(second.backend, 'another-tab');
      return second;
    }

    /** Sends a message asking for a long answer, and waits for its first words. */
    async function beginLongAnswer(page) {
      await setMaxTokens(page, 1500);
      const before = await page.run(() => document.querySelector('llm-chat').messages.length);
      await send(page, 'Once upon a time');
      await page.waitFor(
        (before) => {
          const chat = document.querySelector('llm-chat');
          return chat.streaming && chat.messages.length === before + 2 && chat.messages.at(-1).content.length > 0;
        },
        30_000,
        before,
      );
    }

    test("a second tab runs in the first one's engine and says so; both answer; the holder closed mid-answer, the follower takes over", async () => {
      const first = await openHolder();
      const second = await openFollower();
      assert.match(second.reason, /another tab/);
      assert.equal(second.text, first.text, 'the same model, greedy: the same answer');
      const status = await follower.run(() => document.querySelector('llm-status').shadowRoot.textContent);
      assert.match(status, /another tab/i, "the follower's <llm-status> says where the model runs");

      // A long answer in the follower; the holder's tab closes once it has begun.
      await beginLongAnswer(follower);
      await holder.close();
      holder = null;
      const cut = await answer(follower, 30_000);
      assert.equal(cut.status, 'error', JSON.stringify(cut));
      assert.deepEqual(cut.errors, ['engine-moved']);
      const retry = await follower.run(() =>
        Boolean(document.querySelector('llm-chat').shadowRoot.querySelector('[part~="retry"]')),
      );
      assert.ok(retry, 'the error offers Retry');

      await setMaxTokens(follower, 30);
      await mark(follower);
      await follower.run(() => document.querySelector('llm-chat').shadowRoot.querySelector('[part~="retry"]').click());
      const retried = await answer(follower, loadTimeout);
      assert.equal(retried.status, 'ready', JSON.stringify(retried));
      assert.equal(retried.backend, 'wllama-wasm', 'the follower holds the model now');
      assert.ok(retried.text.length > 0);
      assert.deepEqual(retried.errors, ['engine-moved'], 'no other error');
      assert.deepEqual(retried.pageErrors, [], 'no error on the page');
      // The next tests: this page holds the model now.
      [holder, follower] = [follower, null];
    });

    test('a follower stops its own answer and asks again', async () => {
      if (!holder) await openHolder();
      if (!follower) await openFollower();
      await beginLongAnswer(follower);
      await follower.run(() => {
        const chat = document.querySelector('llm-chat');
        chat.addEventListener('llm-response', (event) => (window.finish = event.detail.finishReason), { once: true });
        window.finish = null;
        chat.stop();
      });
      const finish = await follower.waitFor(() => window.finish, 30_000);
      assert.equal(finish, 'abort');
      await setMaxTokens(follower, 30);
      await send(follower, 'Once upon a time');
      const after = await answer(follower, loadTimeout);
      assert.equal(after.status, 'ready', JSON.stringify(after));
      assert.equal(after.backend, 'another-tab');
      assert.ok(after.text.length > 0);
      assert.deepEqual(after.errors, []);
      assert.deepEqual(after.pageErrors, [], 'no error on the page');
    });

    test('another model, another context size or share="none" get their own engine', async () => {
      // The follower's page changes its <llm-model> (each change from the holder's settings, in
      // one task, so one load): while the holder still holds the default model.
      if (!holder) await openHolder();
      if (!follower) await openFollower();
      const own = [
        ['another model', { src: `/__test/once/${Date.now()}/stories260K.gguf` }],
        ['another context size', { src: '/models/stories260K.gguf', contextSize: 1024 }],
        ['share="none"', { contextSize: null, share: 'none' }],
      ];
      for (const [what, change] of own) {
        await follower.run((change) => {
          const model = document.querySelector('llm-model');
          if ('src' in change) model.src = change.src;
          if ('contextSize' in change) model.contextSize = change.contextSize ?? undefined;
          if ('share' in change) model.setAttribute('share', change.share);
        }, change);
        await send(follower, 'Once upon a time');
        const result = await answer(follower, loadTimeout);
        assert.equal(result.status, 'ready', `${what}: ${JSON.stringify(result)}`);
        assert.equal(result.backend, 'wllama-wasm', `${what}: its own engine`);
        assert.doesNotMatch(result.reason, /another tab/, what);
        assert.deepEqual(result.errors, [], what);
      }
      follower = null;
    });
  });
}

/** The page interface over a puppeteer browser (`openPage()`'s session): its first page, then new ones. */
export function puppeteerBrowser(session) {
  let first = session.page;
  const wrap = (page) => ({
    goto: (url) => page.goto(url),
    run: (fn, ...args) => page.evaluate(fn, ...args),
    async waitFor(fn, timeout, ...args) {
      // Polled on a timer, not on animation frames: a tab in the background may get none.
      const handle = await page.waitForFunction(fn, { timeout, polling: 100 }, ...args);
      return handle.jsonValue();
    },
    /** Typed, as a visitor does. */
    async type(text) {
      await page.evaluate(() => document.querySelector('llm-chat').shadowRoot.querySelector('textarea').focus());
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    },
    close: () => page.close(),
  });
  return {
    async newPage() {
      const page = first ?? (await session.browser.newPage());
      first = null;
      return wrap(page);
    },
  };
}
