// The demo page (`npm start`) on a phone-sized screen: nothing overflows sideways, and the model
// field takes its own default, a path relative to the page, and loads it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoServer } from '../../scripts/demo-server.mjs';
import { resolveModelDir } from '../../scripts/resolve-model.mjs';
import { openPage } from './harness.mjs';

const PHONE = { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

describe('the demo at 390 px', () => {
  let server;
  let session;

  before(async () => {
    server = await startDemoServer({ port: 0, modelDir: await resolveModelDir() });
    session = await openPage('chromium');
    await session.page.setViewport(PHONE);
    await session.page.goto(`${server.origin}/demo/`);
    await session.page.waitForFunction(
      () => customElements.get('llm-form') && document.querySelector('llm-form').shadowRoot?.childElementCount,
    );
  });

  after(async () => {
    await session?.browser.close();
    await server?.stop();
  });

  test('nothing is wider than the screen', async () => {
    const { page } = session;
    // The screen's width, not innerWidth: on a phone the layout viewport widens to fit what overflows.
    const widths = await page.evaluate(
      (screen) => ({
        page: document.documentElement.scrollWidth,
        wider: [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > screen + 0.5)
          .map((el) => el.localName + (el.id ? `#${el.id}` : '') + (el.name ? `[name=${el.name}]` : '')),
      }),
      PHONE.width,
    );
    assert.ok(widths.page <= PHONE.width, `the page is ${widths.page} px wide; past the edge: ${widths.wider}`);
    assert.deepEqual(widths.wider, []);
  });

  test('"Use this model" takes the default relative path and loads it; a non-web URL is refused', async () => {
    const { page, errors } = session;
    await page.evaluate(() => {
      window.submitted = 0;
      document.getElementById('model-form').addEventListener('submit', () => window.submitted++);
    });
    const field = await page.evaluate(() => {
      const input = document.getElementById('model-url');
      return { value: input.value, valid: input.checkValidity() };
    });
    assert.deepEqual(field, { value: '/models/stories260K.gguf', valid: true });

    await page.click('#model-form button[type="submit"]');
    await page.waitForFunction(() => ['ready', 'error'].includes(document.getElementById('model').status), {
      timeout: 60_000,
    });
    const loaded = await page.evaluate(() => {
      const model = document.getElementById('model');
      return { submitted: window.submitted, status: model.status, name: model.modelInfo?.name ?? null, src: model.src };
    });
    assert.equal(loaded.submitted, 1, 'the form was submitted (not stopped by the field)');
    // Loaded: the demo's <llm-text> starts writing as soon as the model is ready, so it may be generating.
    assert.ok(['ready', 'generating'].includes(loaded.status), `loaded, not ${loaded.status}`);
    assert.equal(loaded.src, '/models/stories260K.gguf');

    // A URL that is not a web address says why, and changes nothing.
    await page.evaluate(() => {
      document.getElementById('model-url').value = 'javascript:alert(1)';
    });
    await page.click('#model-form button[type="submit"]');
    const refused = await page.evaluate(() => {
      const input = document.getElementById('model-url');
      return { message: input.validationMessage, src: document.getElementById('model').src };
    });
    assert.match(refused.message, /URL of a GGUF file/);
    assert.equal(refused.src, '/models/stories260K.gguf');
    assert.deepEqual(errors, []);
  });
});
