// A tool declared in HTML (<llm-tool> with a form) on a page with only the script tag: the built
// bundle loads the chat's tool code and <llm-tool>'s with the first answer that may call one (not
// with the page), the model's call fills and submits the page's form, and the step shows its result.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ensureModel } from '../../scripts/make-models.mjs';
import { openPage, serveStatic } from './harness.mjs';

let server;
let session;

before(async () => {
  await ensureModel('15m-tools-q8_0'); // made once, cached in .cache/models (served at /models/)
  server = await serveStatic('.');
  session = await openPage('chromium');
});

after(async () => {
  await session?.browser.close();
  await server?.stop();
});

test('a form in <llm-tool> is filled and submitted by the model’s call; its code loads with the first answer', async () => {
  const { page, requests, errors } = session;
  await page.goto(`${server.origin}/test/e2e/tool.html`);
  await page.waitForFunction(() => customElements.get('llm-chat'));
  assert.equal(await page.evaluate(() => customElements.get('llm-tool')), undefined, '<llm-tool> not loaded yet');
  assert.ok(!requests.some((url) => /chat-tools|tool-loop/.test(url)), `lazy: ${requests}`);

  await page.evaluate(() => {
    const chat = document.querySelector('llm-chat');
    chat.toolChoice = 'required';
    chat.addEventListener('llm-tool-result', (event) => (window.toolResult = event.detail));
    chat.shadowRoot.querySelector('textarea').focus();
  });
  await page.keyboard.type('What is the weather in Paris?');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () =>
      (window.toolResult && !document.querySelector('llm-chat').streaming) ||
      document.querySelector('llm-chat').status === 'error',
    { timeout: 120_000 },
  );
  const seen = await page.evaluate(() => {
    const chat = document.querySelector('llm-chat');
    return {
      status: chat.status,
      step: window.toolResult,
      submitted: document.querySelector('#submitted').value,
      summary: chat.shadowRoot.querySelector('[part~="tool-summary"]')?.textContent.trim(),
      defined: !!customElements.get('llm-tool'),
    };
  });
  assert.notEqual(seen.status, 'error', 'no error');
  assert.ok(seen.defined, '<llm-tool> is defined once the chat called it');
  assert.equal(seen.step.status, 'done', JSON.stringify(seen.step));
  assert.ok(['Paris', 'Tokyo'].includes(seen.submitted), `the page's submit handler ran: ${seen.submitted}`);
  assert.deepEqual(seen.step.result, { submitted: true, fields: { city: seen.submitted } });
  assert.match(seen.summary, /get_weather/);
  assert.ok(
    requests.some((url) => /chat-tools/.test(url)),
    'the chat’s tool code came as its own chunk',
  );
  assert.deepEqual(errors, []);
});
