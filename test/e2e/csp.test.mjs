// The script-tag build on pages with a strict Content Security Policy, sent as an HTTP header as a
// site would (see TEST_POLICIES in scripts/dev-server-plugins.mjs). With what llm-elements documents
// (script-src 'wasm-unsafe-eval', worker-src blob:, and under Trusted Types the policy names
// llm-elements, lit-html and dompurify) a chat answers and a field completes with no violation; a
// page that forbids WebAssembly or blob: workers gets a backend-unavailable error within seconds
// that names the directive to change, instead of a load that never ends.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { FIREFOX_PATH, openPage, serveStatic } from './harness.mjs';

const BROWSERS = ['chromium', 'firefox'];

/** Sends a message and waits (bounded) for the answer or the error, reading what the page shows. */
async function chatOnce(page) {
  return page.evaluate(async () => {
    const chat = document.querySelector('llm-chat');
    const model = document.querySelector('llm-model');
    const errors = [];
    model.addEventListener('llm-error', (event) => errors.push(event.detail.code));
    const started = performance.now();
    const result = await Promise.race([
      chat.send('Once upon a time'),
      new Promise((resolve) => setTimeout(() => resolve('timeout'), 60_000)),
    ]);
    await chat.updateComplete;
    return {
      ms: Math.round(performance.now() - started),
      timedOut: result === 'timeout',
      finishReason: result?.finishReason,
      code: result?.error?.code,
      text: chat.messages[1]?.content ?? '',
      // The error message and the Retry button beside it, as a visitor sees them.
      shownError: [...chat.shadowRoot.querySelectorAll('[part~="error"], [part~="retry"]')]
        .map((part) => part.textContent.trim())
        .join(' '),
      modelErrors: errors,
    };
  });
}

for (const browser of BROWSERS) {
  const skip = browser !== 'chromium' && !existsSync(FIREFOX_PATH) && `no Firefox at ${FIREFOX_PATH}`;
  describe(`${browser} under a Content Security Policy`, { skip }, () => {
    let server;
    let session;

    before(async () => {
      server = await serveStatic('.', { isolated: true });
    });

    after(async () => {
      await session?.browser.close();
      await server?.stop();
    });

    async function open(policy) {
      await session?.browser.close();
      session = await openPage(browser);
      await session.page.goto(`${server.origin}/test/e2e/csp.html?csp=${policy}`);
      await session.page.waitForFunction(() => customElements.get('llm-chat') && customElements.get('llm-complete'));
      return session;
    }

    for (const policy of ['strict', 'trusted-types']) {
      test(`${policy}: a chat answers and a field completes, with no violation`, async () => {
        const { page, errors } = await open(policy);
        const answer = await chatOnce(page);
        assert.equal(answer.shownError, '', 'no error shown');
        assert.equal(answer.timedOut, false);
        assert.ok(answer.text.trim().split(/\s+/).length >= 3, `a story arrived: ${answer.text}`);

        await page.focus('llm-complete textarea');
        await page.keyboard.type('Once upon a time');
        await page.waitForFunction(() => document.querySelector('llm-complete').text.trim().length > 0, {
          timeout: 60_000,
        });
        const { violations, trustedTypes } = await page.evaluate(() => ({
          violations: window.__violations,
          trustedTypes: 'trustedTypes' in window,
        }));
        assert.deepEqual(violations, [], 'no Content Security Policy violation');
        assert.deepEqual(errors, []);
        console.log(`[${browser}, ${policy}] answered in ${answer.ms} ms; Trusted Types API: ${trustedTypes}`);
      });
    }

    const blocked = {
      'no-wasm': /Content Security Policy does not allow WebAssembly.*'wasm-unsafe-eval'/,
      'no-blob-worker': /does not allow a worker from a blob: URL.*worker-src/,
    };
    for (const [policy, message] of Object.entries(blocked)) {
      test(`${policy}: backend-unavailable within seconds, naming the directive, shown in the chat`, async () => {
        const { page } = await open(policy);
        const answer = await chatOnce(page);
        assert.equal(answer.timedOut, false, 'the load ended');
        assert.equal(answer.finishReason, 'error');
        assert.equal(answer.code, 'backend-unavailable');
        assert.deepEqual(answer.modelErrors, ['backend-unavailable'], 'llm-error from <llm-model>, once');
        assert.match(answer.shownError, message);
        assert.match(answer.shownError, /Retry/);
        assert.ok(answer.ms < 15_000, `failed in ${answer.ms} ms`);
        console.log(`[${browser}, ${policy}] failed in ${answer.ms} ms: ${answer.shownError}`);
      });
    }
  });
}
