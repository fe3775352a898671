// A page that creates and removes a model with a chat 30 times (removed after an answer, in the
// middle of one, and while the model loads) is left with no worker running and a heap that does not
// grow with the cycles: every removal releases llama.cpp's workers and the model's memory.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, serveStatic } from './harness.mjs';

const CYCLES = 30;
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

/** The page's JS heap after a full garbage collection, in bytes. */
async function heapAfterGc(page) {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  return (await page.metrics()).JSHeapUsedSize;
}

/** Runs `count` cycles in the page; each ends with the model removed and its engine released. */
function cycles(page, count, offset = 0) {
  return page.evaluate(
    async (count, offset) => {
      const outcomes = [];
      for (let i = offset; i < offset + count; i++) {
        const model = document.createElement('llm-model');
        model.setAttribute('src', '/models/stories260K.gguf');
        model.innerHTML = '<llm-chat temperature="0" max-tokens="12"></llm-chat>';
        document.querySelector('main').append(model);
        const chat = model.querySelector('llm-chat');
        await chat.updateComplete;
        const answer = chat.send('Once upon a time');
        // Three ways to leave: after the answer, in the middle of it, while the model loads.
        const kind = ['after', 'mid-answer', 'loading'][i % 3];
        if (kind === 'after') await answer;
        if (kind === 'mid-answer')
          await new Promise((resolve) => chat.addEventListener('llm-token', resolve, { once: true }));
        if (kind === 'loading')
          await new Promise((resolve) => model.addEventListener('llm-progress', resolve, { once: true }));
        model.remove();
        const result = await answer;
        if (model.engine.status !== 'idle') {
          await new Promise((resolve, reject) => {
            const limit = setTimeout(() => reject(new Error(`cycle ${i} (${kind}): not released`)), 15_000);
            model.engine.addEventListener('statuschange', () => {
              if (model.engine.status !== 'idle') return;
              clearTimeout(limit);
              resolve();
            });
          });
        }
        outcomes.push(`${kind}:${result?.finishReason}`);
      }
      return outcomes;
    },
    count,
    offset,
  );
}

test(`${CYCLES} create/remove cycles leave no worker and a flat heap`, async () => {
  const { page, errors } = session;
  await page.goto(`${server.origin}/test/e2e/lifecycle.html`);
  await page.waitForFunction(() => customElements.get('llm-model'));

  // Warm up: the first cycles load the engine's code, the markdown renderer and the cached model.
  const warm = await cycles(page, 3);
  const heapBefore = await heapAfterGc(page);
  const outcomes = await cycles(page, CYCLES - 3, 3);
  const heapAfter = await heapAfterGc(page);

  // The count can see llama.cpp's workers: one more model, kept until counted.
  await page.evaluate(async () => {
    const model = document.createElement('llm-model');
    model.setAttribute('src', '/models/stories260K.gguf');
    model.id = 'kept';
    document.querySelector('main').append(model);
    await model.load();
  });
  const workersWhileLoaded = page.workers().length;
  assert.ok(workersWhileLoaded > 0, 'a loaded model has workers');
  await page.evaluate(() => document.getElementById('kept').remove());

  const workersLeft = await waitForNoWorkers(page);
  // Named, a worker left says whose it is (llama.cpp's, the download's writer, the CPU probe).
  const left = await Promise.all(
    page.workers().map((worker) =>
      worker
        .evaluate(() => self.name)
        .then(
          (name) => `${name || 'unnamed'} ${worker.url()}`,
          () => worker.url(),
        ),
    ),
  );
  assert.equal(workersLeft, 0, `no worker is left running: ${left.join(', ')}`);
  assert.deepEqual(errors, []);
  const all = [...warm, ...outcomes];
  assert.equal(all.filter((o) => o === 'after:length' || o === 'after:stop').length, CYCLES / 3, all.join(' '));
  assert.ok(
    all.filter((o) => o.startsWith('mid-answer:')).every((o) => o === 'mid-answer:abort'),
    all.join(' '),
  );
  const growth = heapAfter - heapBefore;
  console.log(
    `[lifecycle] ${CYCLES} cycles; heap after GC ${(heapBefore / 1e6).toFixed(2)} → ${(heapAfter / 1e6).toFixed(2)} MB; workers while one model was loaded ${workersWhileLoaded}, left ${workersLeft}`,
  );
  // Keeping each cycle's model (1.2 MB) alive would add 30 MB; a flat heap moves by well under that.
  assert.ok(growth < 10e6, `the heap grew ${(growth / 1e6).toFixed(1)} MB over ${CYCLES - 3} cycles`);
});

/** Waits (at most 10 s) for the page's workers to end; returns how many are left. */
async function waitForNoWorkers(page, ms = 10_000) {
  if (page.workers().length === 0) return 0;
  await new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      page.off('workerdestroyed', onGone);
      resolve();
    }
    function onGone() {
      if (page.workers().length === 0) done();
    }
    page.on('workerdestroyed', onGone);
  });
  return page.workers().length;
}
