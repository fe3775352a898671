// The script-tag build in WebKit (Safari's engine: WebKitGTK's MiniBrowser over WebDriver). WebKit
// lacks Memory64, JSPI, SharedArrayBuffer and OPFS, so this is the compatibility build, one thread,
// and the Cache API: a message still gets a story back, with no error on the page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { serveStatic } from './harness.mjs';
import { openWebKit, webkitAvailable } from './webkit.mjs';

for (const isolated of [true, false]) {
  describe(
    `webkit, ${isolated ? 'cross-origin isolated' : 'not isolated'}`,
    { skip: !webkitAvailable() && 'WebKitGTK, WebKitWebDriver or Xvfb is not installed' },
    () => {
      let server;
      let webkit;

      before(async () => {
        server = await serveStatic('.', { isolated });
        webkit = await openWebKit();
      });

      after(async () => {
        await webkit?.close();
        await server?.stop();
      });

      test('a page with only the script tag chats with the model (compatibility build)', async () => {
        await webkit.goto(`${server.origin}/test/e2e/script-tag.html`);
        await webkit.waitFor(() => Boolean(customElements.get('llm-chat') && customElements.get('llm-model')), 30_000);
        const started = Date.now();
        await webkit.execute(() => void document.querySelector('llm-chat').send('Once upon a time'));
        // The compatibility build's first compile is slow on 2 cores.
        await webkit.waitFor(() => {
          const chat = document.querySelector('llm-chat');
          return (chat.messages.length === 2 && !chat.streaming) || chat.status === 'error';
        }, 240_000);
        const answer = await webkit.execute(() => {
          const chat = document.querySelector('llm-chat');
          const model = document.querySelector('llm-model');
          return {
            text: chat.messages[1]?.content.trim() ?? '',
            shown: chat.shadowRoot.querySelector('[part~="assistant"] .content')?.textContent.trim() ?? '',
            error: chat.shadowRoot.querySelector('[part~="error"]')?.textContent.trim() ?? '',
            reason: model.backendReason,
            storage: model.modelInfo?.storage ?? null,
            speed: model.engine.lastResult?.tokensPerSecond ?? 0,
            errors: window.__errors,
            // WebDriver shows no requests; the page's own resource timings do (not its workers').
            foreign: performance
              .getEntriesByType('resource')
              .map((entry) => entry.name)
              .filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== location.origin),
          };
        });
        assert.equal(answer.error, '', 'no error shown');
        assert.ok(answer.text.split(/\s+/).length >= 5, `a story arrived: ${answer.text}`);
        assert.equal(answer.shown, answer.text, 'the answer is on the page');
        assert.deepEqual(answer.errors, [], 'no error on the page');
        assert.deepEqual(answer.foreign, [], 'every request the page made went to its own server');
        assert.match(answer.reason, /compatibility build, because this browser lacks/);
        assert.equal(answer.storage?.store === 'opfs', false, 'WebKitGTK has no OPFS');
        console.log(
          `[webkit${isolated ? ', isolated' : ''}] ${answer.reason} ${answer.speed.toFixed(0)} tokens/s; storage ${answer.storage?.store}; first answer after ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      });

      if (isolated) return;

      test('a reload of the page loads the model again, with no error on the page', async () => {
        // WebDriver's going to the same address again is a reload; WebKitGTK then drops what the
        // page before had put in the Cache API, even what this page puts there while it loads.
        for (const visit of [1, 2]) {
          await webkit.goto(`${server.origin}/test/e2e/script-tag.html?reload`);
          await webkit.waitFor(
            () => Boolean(customElements.get('llm-chat') && customElements.get('llm-model')),
            30_000,
          );
          await webkit.execute(() => void document.querySelector('llm-chat').send('Once upon a time'));
          await webkit.waitFor(() => {
            const chat = document.querySelector('llm-chat');
            return (chat.messages.length === 2 && !chat.streaming) || chat.status === 'error';
          }, 240_000);
          const result = await webkit.execute(() => ({
            text: document.querySelector('llm-chat').messages[1]?.content.trim() ?? '',
            error: document.querySelector('llm-model').error?.message ?? '',
            errors: window.__errors,
          }));
          assert.equal(result.error, '', `visit ${visit}: no error`);
          assert.ok(result.text.length > 0, `visit ${visit}: the answer came`);
          assert.deepEqual(result.errors, [], `visit ${visit}: no error on the page`);
        }
      });

      test('a long conversation follows its end as it grows, with no error on the page', async () => {
        await webkit.goto(`${server.origin}/test/e2e/script-tag.html?long`);
        await webkit.waitFor(() => Boolean(customElements.get('llm-chat') && customElements.get('llm-model')), 30_000);
        // Messages out of view are laid out only when they come into view (content-visibility):
        // following the end from the resize observer must not re-lay them out in its own callback
        // (WebKit reports that as a "ResizeObserver loop" error on the page).
        await webkit.execute(() => {
          const chat = document.querySelector('llm-chat');
          chat.messages = Array.from({ length: 300 }, (_, i) =>
            i % 2
              ? {
                  role: 'assistant',
                  content: `Answer ${i}:\n\n- one\n- two\n\n${'Some words here. '.repeat(1 + (i % 9))}`,
                }
              : { role: 'user', content: `Question ${i}?` },
          );
          void chat.updateComplete.then(() => chat.send('Once upon a time'));
        });
        await webkit.waitFor(() => {
          const chat = document.querySelector('llm-chat');
          return (chat.messages.length === 302 && !chat.streaming) || chat.status === 'error';
        }, 240_000);
        const result = await webkit.execute(
          () =>
            new Promise((resolve) =>
              // A frame more, for a late error to be reported.
              requestAnimationFrame(() =>
                setTimeout(() => {
                  const chat = document.querySelector('llm-chat');
                  const log = chat.shadowRoot.querySelector('[part~="log"]');
                  resolve({
                    answer: chat.messages[301]?.content.trim() ?? '',
                    fromEnd: log.scrollHeight - log.scrollTop - log.clientHeight,
                    errors: window.__errors,
                  });
                }),
              ),
            ),
        );
        assert.ok(result.answer.length > 0, 'the answer came');
        assert.ok(result.fromEnd < 32, `the log shows its end (${result.fromEnd} px from it)`);
        assert.deepEqual(result.errors, [], 'no error on the page');
      });

      test('under a strict CSP with Trusted Types enforced: a chat answers, with no violation', async () => {
        await webkit.goto(`${server.origin}/test/e2e/csp.html?csp=trusted-types`);
        await webkit.waitFor(() => Boolean(customElements.get('llm-chat')), 30_000);
        await webkit.execute(() => void document.querySelector('llm-chat').send('Once upon a time'));
        await webkit.waitFor(() => {
          const chat = document.querySelector('llm-chat');
          return (chat.messages.length === 2 && !chat.streaming) || chat.status === 'error';
        }, 240_000);
        const result = await webkit.execute(() => {
          const chat = document.querySelector('llm-chat');
          return {
            text: chat.messages[1]?.content.trim() ?? '',
            error: chat.shadowRoot.querySelector('[part~="error"]')?.textContent.trim() ?? '',
            violations: window.__violations,
            errors: window.__errors,
            trustedTypes: 'trustedTypes' in window,
          };
        });
        assert.equal(result.error, '', 'no error shown');
        assert.ok(result.text.split(/\s+/).length >= 3, `a story arrived: ${result.text}`);
        assert.deepEqual(result.violations, [], 'no Content Security Policy violation');
        assert.deepEqual(result.errors, []);
        console.log(`[webkit, trusted-types] answered; Trusted Types API: ${result.trustedTypes}`);
      });

      test('a CSP without wasm-unsafe-eval: backend-unavailable naming it, within seconds', async () => {
        await webkit.goto(`${server.origin}/test/e2e/csp.html?csp=no-wasm`);
        await webkit.waitFor(() => Boolean(customElements.get('llm-chat')), 30_000);
        await webkit.execute(() => {
          window.__started = performance.now();
          void document.querySelector('llm-chat').send('Once upon a time');
        });
        await webkit.waitFor(() => document.querySelector('llm-chat').status === 'error', 30_000);
        const result = await webkit.execute(() => ({
          code: document.querySelector('llm-model').error?.code,
          shown:
            document.querySelector('llm-chat').shadowRoot.querySelector('[part~="error"]')?.textContent.trim() ?? '',
          ms: Math.round(performance.now() - window.__started),
        }));
        assert.equal(result.code, 'backend-unavailable');
        assert.match(result.shown, /'wasm-unsafe-eval'/);
        console.log(`[webkit, no-wasm] failed in ${result.ms} ms`);
      });
    },
  );
}
