// The built Storybook (npm run build-storybook): a story's iframe renders its element and runs the
// real model that Storybook serves as a static file.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { openPage, serveStatic } from './harness.mjs';

const BUILT = existsSync('storybook-static/iframe.html');
let server;
let session;

before(async () => {
  if (!BUILT) return;
  server = await serveStatic('storybook-static');
  session = await openPage();
});

after(async () => {
  await session?.browser.close();
  await server?.stop();
});

test(
  'the llm-status story renders and loads the model Storybook serves',
  { skip: !BUILT && 'run `npm run build-storybook` first' },
  async () => {
    const { page, requests } = session;
    await page.goto(`${server.origin}/iframe.html?id=elements-llm-status--default&viewMode=story`);
    await page.waitForFunction(
      () =>
        document.querySelector('llm-status')?.shadowRoot?.querySelector('[part~="label"]')?.textContent.trim() ===
        'Ready · runs on this device',
      { timeout: 60_000 },
    );
    const reason = await page.evaluate(
      () => document.querySelector('llm-status').shadowRoot.querySelector('[part~="backend"]').textContent,
    );
    assert.match(reason, /WebAssembly \(llama\.cpp\)/);
    const foreign = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== server.origin);
    assert.deepEqual(foreign, [], 'Storybook and the model stay on the page’s own host');
  },
);

test(
  'the llm-chat story renders its element and answers',
  { skip: !BUILT && 'run `npm run build-storybook` first' },
  async () => {
    const { page } = session;
    await page.goto(`${server.origin}/iframe.html?id=elements-llm-chat--default&viewMode=story`);
    await page.waitForFunction(() => document.querySelector('llm-chat')?.shadowRoot?.querySelector('textarea'), {
      timeout: 30_000,
    });
    await page.evaluate(() => document.querySelector('llm-chat').send('Once upon a time'));
    const answer = await page.evaluate(() => document.querySelector('llm-chat').messages[1]?.content ?? '');
    assert.ok(answer.trim().length > 0, 'an answer arrived');
  },
);

test(
  'the llm-tool story: the model’s call, once allowed, fills and submits the form beside the chat',
  { skip: !BUILT && 'run `npm run build-storybook` first' },
  async () => {
    const { page } = session;
    await page.goto(`${server.origin}/iframe.html?id=elements-llm-tool--from-a-form&viewMode=story`);
    await page.waitForFunction(() => document.querySelector('llm-chat')?.shadowRoot?.querySelector('textarea'), {
      timeout: 30_000,
    });
    const answered = page.evaluate(() => document.querySelector('llm-chat').send('Two lattes, please'));
    // `confirm`: the visitor is asked first.
    const allow = await page.waitForFunction(
      () => document.querySelector('llm-chat').shadowRoot.querySelector('[part~="tool-allow"]'),
      { timeout: 90_000 },
    );
    await allow.click();
    await answered;
    const seen = await page.evaluate(() => ({
      ordered: document.querySelector('llm-tool output').value,
      summary: document.querySelector('llm-chat').shadowRoot.querySelector('[part~="tool-summary"]')?.textContent,
    }));
    assert.match(seen.ordered, /^Ordered: [1-4] × (espresso|latte)$/, 'the page’s submit handler ran');
    assert.match(seen.summary, /order_coffee: done/);
  },
);
