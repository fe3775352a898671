// One engine for several tabs (<llm-model share="tabs">, the default), with real pages of one
// Chromium browser on the built script-tag page: the first page to load holds the model, a second
// runs its requests there and says so; closing the holder mid-answer ends the follower's answer with
// a retryable error, and its Retry answers once it has taken the model over.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openPage, serveStatic } from './harness.mjs';

/** Opens the page, and records the llm-error codes and the llm-response events of its chat. */
async function open(page, origin) {
  await page.goto(`${origin}/test/e2e/shared.html`);
  await page.waitForFunction(() => customElements.get('llm-chat') && customElements.get('llm-model'));
  await page.evaluate(() => {
    const chat = document.querySelector('llm-chat');
    window.errorCodes = [];
    window.responses = 0;
    chat.addEventListener('llm-error', (event) => window.errorCodes.push(event.detail.code));
    chat.addEventListener('llm-response', () => window.responses++);
  });
}

/** Notes how many answers the chat has given, so `answer()` waits for the next. */
const mark = (page) => page.evaluate(() => (window.seen = window.responses + window.errorCodes.length));

/** Sends `text` from the page's chat (typed, as a visitor does). */
async function send(page, text) {
  await mark(page);
  await page.evaluate(() => document.querySelector('llm-chat').shadowRoot.querySelector('textarea').focus());
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Waits for the chat's next answer to end (or fail), and returns its text, status and the model's backend. */
async function answer(page, timeout = 90_000) {
  await page.waitForFunction(
    () => window.responses + window.errorCodes.length > window.seen && !document.querySelector('llm-chat').streaming,
    { timeout },
  );
  return page.evaluate(() => {
    const chat = document.querySelector('llm-chat');
    const model = document.querySelector('llm-model');
    return {
      text: chat.messages.at(-1)?.content ?? '',
      status: chat.status,
      errors: [...window.errorCodes],
      backend: model.backendKind,
      reason: model.backendReason,
    };
  });
}

describe('chromium: one engine for several tabs', () => {
  let server;
  let session;

  before(async () => {
    server = await serveStatic('.', { isolated: true });
    session = await openPage('chromium');
  });

  after(async () => {
    await session?.browser.close();
    await server?.stop();
  });

  test("a second tab runs in the first one's engine and says so; both answer; the holder closed mid-answer, the follower takes over", async () => {
    const holder = session.page;
    await open(holder, server.origin);
    await send(holder, 'Once upon a time');
    const first = await answer(holder);
    assert.equal(first.status, 'ready', JSON.stringify(first));
    assert.equal(first.backend, 'wllama-wasm');
    assert.ok(first.text.length > 0);

    const follower = await session.browser.newPage();
    const followerErrors = [];
    follower.on('pageerror', (error) => followerErrors.push(error.message));
    await open(follower, server.origin);
    await send(follower, 'Once upon a time');
    const second = await answer(follower);
    assert.equal(second.status, 'ready', JSON.stringify(second));
    assert.equal(second.backend, 'another-tab');
    assert.match(second.reason, /another tab/);
    assert.equal(second.text, first.text, 'the same model, greedy: the same answer');
    const status = await follower.evaluate(() => document.querySelector('llm-status').shadowRoot.textContent);
    assert.match(status, /another tab/i, "the follower's <llm-status> says where the model runs");

    // A long answer in the follower; the holder's tab closes once it has begun.
    await follower.evaluate(() => (document.querySelector('llm-chat').maxTokens = 1500));
    await send(follower, 'Once upon a time');
    await follower.waitForFunction(
      () => {
        const chat = document.querySelector('llm-chat');
        return chat.streaming && chat.messages.length === 4 && chat.messages[3].content.length > 0;
      },
      { timeout: 30_000 },
    );
    await holder.close();
    const cut = await answer(follower, 30_000);
    assert.equal(cut.status, 'error', JSON.stringify(cut));
    assert.deepEqual(cut.errors, ['engine-moved']);
    const retry = await follower.evaluate(() =>
      Boolean(document.querySelector('llm-chat').shadowRoot.querySelector('[part~="retry"]')),
    );
    assert.ok(retry, 'the error offers Retry');

    await follower.evaluate(() => (document.querySelector('llm-chat').maxTokens = 30));
    await mark(follower);
    await follower.evaluate(() =>
      document.querySelector('llm-chat').shadowRoot.querySelector('[part~="retry"]').click(),
    );
    const retried = await answer(follower);
    assert.equal(retried.status, 'ready', JSON.stringify(retried));
    assert.equal(retried.backend, 'wllama-wasm', 'the follower holds the model now');
    assert.ok(retried.text.length > 0);
    assert.deepEqual(retried.errors, ['engine-moved'], 'no other error');
    assert.deepEqual(followerErrors, []);
  });

  test('a follower stops its own answer and asks again; another model, other settings or share="none" get their own engine', async () => {
    // The page the test before left holds stories260K (run alone: the first page here); the second follows.
    const holder = await session.browser.newPage();
    await open(holder, server.origin);
    await send(holder, 'Once upon a time');
    await answer(holder);
    const follower = await session.browser.newPage();
    await open(follower, server.origin);
    await follower.evaluate(() => (document.querySelector('llm-chat').maxTokens = 1500));
    await send(follower, 'Once upon a time');
    await follower.waitForFunction(() => document.querySelector('llm-chat').messages.at(-1)?.content.length > 0, {
      timeout: 30_000,
    });
    const finish = await follower.evaluate(
      () =>
        new Promise((resolve) => {
          const chat = document.querySelector('llm-chat');
          chat.addEventListener('llm-response', (event) => resolve(event.detail.finishReason), { once: true });
          chat.stop();
        }),
    );
    assert.equal(finish, 'abort');
    await follower.evaluate(() => (document.querySelector('llm-chat').maxTokens = 30));
    await send(follower, 'Once upon a time');
    const after = await answer(follower);
    assert.equal(after.status, 'ready', JSON.stringify(after));
    assert.equal(after.backend, 'another-tab');
    assert.deepEqual(after.errors, []);

    const own = [
      ['another model', (model) => (model.src = `/__test/once/${Date.now()}/stories260K.gguf`)],
      ['another context size', (model) => (model.contextSize = 1024)],
      ['share="none"', (model) => model.setAttribute('share', 'none')],
    ];
    for (const [what, change] of own) {
      const page = await session.browser.newPage();
      await open(page, server.origin);
      await page.evaluate(`(${change})(document.querySelector('llm-model'))`);
      await send(page, 'Once upon a time');
      const result = await answer(page);
      assert.equal(result.status, 'ready', `${what}: ${JSON.stringify(result)}`);
      assert.equal(result.backend, 'wllama-wasm', `${what}: its own engine`);
      assert.doesNotMatch(result.reason, /another tab/, what);
      await page.close();
    }
  });
});
