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

test(
  'the AskThisPage story: an answer lists the FAQ passages it was given, and a source link highlights its passage',
  { skip: !BUILT && 'run `npm run build-storybook` first' },
  async () => {
    const { page } = session;
    await page.goto(`${server.origin}/iframe.html?id=compositions--ask-this-page&viewMode=story`);
    await page.waitForFunction(() => document.querySelector('llm-chat')?.shadowRoot?.querySelector('textarea'), {
      timeout: 30_000,
    });
    // The BERT test model finds passages by shared words: this question shares the shipping paragraph's.
    const answer = await page.evaluate(async () => {
      const chat = document.querySelector('llm-chat');
      const retrieved = new Promise((resolve) => chat.addEventListener('llm-retrieve', (e) => resolve(e.detail)));
      await chat.send('How long does shipping within the EU take?');
      const { passages } = await retrieved;
      return { content: chat.messages[1]?.content ?? '', found: passages.map((passage) => passage.text) };
    });
    assert.ok(answer.content.trim().length > 0, 'an answer arrived');
    assert.match(answer.found[0] ?? '', /Shipping within the EU takes 2 to 4 working days/);
    const links = await page.evaluate(() =>
      [
        ...document.querySelector('llm-chat').shadowRoot.querySelectorAll('[part~="sources"] [part~="source-link"]'),
      ].map((link) => link.textContent.trim()),
    );
    assert.equal(links.length, answer.found.length, 'one source link per passage given');
    assert.match(links[0], /^\[1\] Trailbird 2 tent: questions and answers › Shipping and returns › Orders leave/);

    const link = await page.evaluateHandle(() =>
      document.querySelector('llm-chat').shadowRoot.querySelector('[part~="source-link"]'),
    );
    await link.click();
    const cited = await page.waitForFunction(
      () => {
        const marked = document.querySelector('[data-llm-cited]');
        return marked && { id: marked.id, focused: document.activeElement === marked };
      },
      { timeout: 5_000 },
    );
    assert.deepEqual(await cited.jsonValue(), { id: 'faq-shipping', focused: true });
  },
);
