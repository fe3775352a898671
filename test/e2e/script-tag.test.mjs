// The script-tag build on a plain HTML page: one <script type="module"> and the elements, served as
// static files. A message gets a story back, and no request leaves the page's own host.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, serveStatic } from './harness.mjs';

let server;
let session;

before(async () => {
  server = await serveStatic('.');
  session = await openPage();
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

  await page.evaluate(() => document.querySelector('llm-chat').shadowRoot.querySelector('textarea').focus());
  await page.keyboard.type('Once upon a time');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => {
      const chat = document.querySelector('llm-chat');
      return chat.messages.length === 2 && !chat.streaming && chat.messages[1].content.length > 0;
    },
    { timeout: 60_000 },
  );
  const answer = await page.evaluate(() => {
    const chat = document.querySelector('llm-chat');
    const shown = chat.shadowRoot.querySelector('[part~="assistant"] .content').textContent.trim();
    return { text: chat.messages[1].content.trim(), shown };
  });
  assert.ok(answer.text.split(/\s+/).length >= 5, `a story arrived: ${answer.text}`);
  assert.equal(answer.shown, answer.text, 'the answer is on the page');
  assert.deepEqual(errors, []);

  // blob: URLs (wllama's workers) carry the origin that made them; data: URLs fetch nothing.
  const foreign = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== server.origin);
  assert.deepEqual(foreign, [], 'every request goes to the page’s own server');
  assert.ok(
    requests.some((url) => url.endsWith('/chunks/wllama.wasm')),
    'the wasm came from beside the script',
  );
  console.log(`requests: ${requests.map((url) => url.replace(server.origin, '')).join(', ')}`);
});
