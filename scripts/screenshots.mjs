#!/usr/bin/env node
// Screenshots of the elements as a site owner and a visitor see them, for before/after comparisons
// (docs/screenshots/): the built script-tag bundle on plain pages, in Debian's Chromium.
//
//   node scripts/screenshots.mjs <out-dir> [--root <checkout>] [--text-element llm-text|llm-complete]
//
// `--root` is the checkout whose dist/cdn/llm-elements.js is served (default: this one; run
// `npm run build` there first); `--text-element llm-complete` shows the prompt output with the old
// `<llm-complete prompt>` instead of `<llm-text>`. The model is `$LLM_ELEMENTS_MODELS/stories260K.gguf`.
// It writes:
//   light-page-os-dark.png  a plain light (serif) page with the OS in dark mode: <llm-status>, the prompt
//                           output, <llm-form> filled (its message and Undo), <llm-chat> with an answer
//   status-downloading.png  <llm-status> at about 40 % of a download throttled to 200 KB/s (the model;
//                           the engine files 400 KB/s)
//   phone-chat.png          a 390 × 844 chat (device scale 2) with markdown, a code block and a table
/* global document, requestAnimationFrame -- page.evaluate() runs these functions in the page */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';
import { resolveModelDir } from './resolve-model.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { root: { type: 'string', default: '.' }, 'text-element': { type: 'string', default: 'llm-text' } },
});
if (positionals.length !== 1) {
  console.error('usage: node scripts/screenshots.mjs <out-dir> [--root <checkout>] [--text-element llm-complete]');
  process.exit(2);
}
const outDir = resolve(positionals[0]);
const root = resolve(values.root);
const bundle = join(root, 'dist/cdn/llm-elements.js');
if (!existsSync(bundle)) {
  console.error(`${bundle} is missing: run \`npm run build\` in ${root} first.`);
  process.exit(1);
}
const modelDir = process.env.LLM_ELEMENTS_MODELS ?? (await resolveModelDir());
const MODEL_RATE = 200 * 1024; // bytes per second on the throttled route
// The engine files (10 MB), throttled too: where progress counts them, ~40 % falls mid-download
// (after ~9 s), with a speed and time left to show. (The before shots, at f687471, used 25×.)
const ENGINE_RATE = 2 * MODEL_RATE;

// ---- Pages ----

const PAGE_STYLE = `
  body { margin: 0 auto; max-width: 46rem; padding: 1.5rem; background: #fff; color: #222;
         font: 17px/1.55 Georgia, 'DejaVu Serif', serif; }
  h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
  section { margin: 1.25rem 0; }
  label { display: block; margin: .4rem 0; }`;

const textElement =
  values['text-element'] === 'llm-complete'
    ? `<llm-complete id="text" prompt="Once upon a time" temperature="0" max-tokens="24"></llm-complete>`
    : `<llm-text id="text" prompt="Once upon a time" temperature="0" max-tokens="24"></llm-text>`;

const SOURCE_TEXT = 'Hi, this is Lily Smith (lily@example.com). Please send the blue one, size M, on 3 June 2025.';

const ANSWER = [
  'Here is **a short answer** with a list:',
  '',
  '1. Open the *settings* page',
  '2. Choose `Theme`',
  '',
  '```js',
  'console.log("copy me");',
  '```',
  '',
  '| Size | Price |',
  '| ---- | ----: |',
  '| S    | 10 €  |',
  '| M    | 12 €  |',
].join('\n');

const pages = {
  'light-page': `
    <h1>Our shop</h1>
    <p>An ordinary light page, in a serif font. The elements below come from one script tag.</p>
    <llm-model src="/models/stories260K.gguf" loading="eager">
      <section><llm-status></llm-status></section>
      <section><p>A story from the prompt "Once upon a time":</p>${textElement}</section>
      <section>
        <llm-form id="form">
          <textarea slot="source" aria-label="Text to fill the form from" rows="2" cols="50">${SOURCE_TEXT}</textarea>
          <form>
            <label>Name <input name="name" /></label>
            <label>Email <input name="email" type="email" /></label>
            <label>Size <select name="size"><option>S</option><option>M</option></select></label>
          </form>
        </llm-form>
      </section>
      <section><llm-chat id="chat" temperature="0" max-tokens="24"></llm-chat></section>
    </llm-model>`,
  status: `
    <h1>Our shop</h1>
    <llm-model src="/models/stories260K.gguf?throttle" loading="eager"><llm-status></llm-status></llm-model>
    <p>The page goes on below the status.</p>`,
  'phone-chat': `
    <llm-model src="/models/stories260K.gguf" loading="eager">
      <llm-status></llm-status>
      <llm-chat id="chat" style="height: 700px"></llm-chat>
    </llm-model>`,
};

function html(body, style = PAGE_STYLE) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="icon" href="data:,"><title>llm-elements screenshot</title><style>${style}</style>
    <script type="module" src="/dist/cdn/llm-elements.js"></script></head><body>${body}</body></html>`;
}

// ---- A static server: the checkout's files, the model (Range, throttling), COOP/COEP ----

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.css': 'text/css',
};

/** Writes `path` (bytes `start`..`end`) to `res`, at `rate` bytes per second when given. */
function sendFile(res, path, { start = 0, end, rate } = {}) {
  const stream = createReadStream(path, { start, end, highWaterMark: 16 * 1024 });
  if (!rate) return stream.pipe(res);
  const began = Date.now();
  let sent = 0;
  stream.on('data', (chunk) => {
    stream.pause();
    res.write(chunk);
    sent += chunk.length;
    const wait = Math.max(0, (sent / rate) * 1000 - (Date.now() - began));
    setTimeout(() => stream.resume(), wait);
  });
  stream.on('end', () => res.end());
  res.on('close', () => stream.destroy());
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  res.setHeader('Cache-Control', 'no-store');
  const page = /^\/__shots\/([\w-]+)\.html$/.exec(url.pathname)?.[1];
  if (page && pages[page]) {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    return res.end(html(pages[page]));
  }
  const throttled = url.searchParams.has('throttle') || req.headers.referer?.includes('/__shots/status.html');
  const path = url.pathname.startsWith('/models/')
    ? join(modelDir, url.pathname.slice('/models/'.length))
    : join(root, url.pathname);
  if (!path.startsWith(url.pathname.startsWith('/models/') ? modelDir : root) || !existsSync(path)) {
    res.statusCode = 404;
    return res.end();
  }
  const { size } = statSync(path);
  res.setHeader('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
  res.setHeader('Accept-Ranges', 'bytes');
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  const start = range ? Number(range[1]) : 0;
  const end = range && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (range) {
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  }
  res.setHeader('Content-Length', String(end - start + 1));
  if (req.method === 'HEAD') return res.end();
  const isModel = url.pathname.startsWith('/models/');
  const rate = throttled ? (isModel ? MODEL_RATE : extname(path) === '.wasm' ? ENGINE_RATE : 0) : 0;
  sendFile(res, path, { start, end, rate });
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---- The shots ----

const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });

/** A page in a fresh browser context (no cached model), with the page's errors printed. */
async function open(viewport) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  [page] ${error.message}`));
  await page.setViewport(viewport);
  return { page, close: () => context.close() };
}

const bounded = (ms, what) => ({ timeout: ms, polling: 100, what });

async function shoot(page, name, options = {}) {
  const path = join(outDir, `${name}.png`);
  await page.screenshot({ path, ...options });
  console.log(`${path} (${Math.round(statSync(path).size / 1024)} KB)`);
}

mkdirSync(outDir, { recursive: true });
try {
  // (a) A plain light page, the OS in dark mode.
  {
    const { page, close } = await open({ width: 900, height: 900 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.goto(`${origin}/__shots/light-page.html`);
    await page.waitForFunction(() => document.querySelector('llm-model')?.status === 'ready', bounded(60_000));
    await page.evaluate(async () => {
      const text = document.querySelector('#text');
      if (!text.text && !text.output) await new Promise((done) => text.addEventListener('llm-response', done));
      await document.querySelector('#form').fill();
      await document.querySelector('#chat').send('Tell me a story.');
    });
    await page.evaluate(() => document.activeElement?.blur());
    await shoot(page, 'light-page-os-dark', { fullPage: true });
    await close();
  }
  // (b) <llm-status> while downloading, at about 40 %.
  {
    const { page, close } = await open({ width: 700, height: 260 });
    await page.goto(`${origin}/__shots/status.html`);
    await page.waitForFunction(
      () => (document.querySelector('llm-model')?.progress?.fraction ?? 0) >= 0.4,
      bounded(60_000),
    );
    await shoot(page, 'status-downloading');
    await close();
  }
  // (c) A chat at phone width, with markdown, a code block and a table.
  {
    const { page, close } = await open({ width: 390, height: 844, deviceScaleFactor: 2 });
    await page.goto(`${origin}/__shots/phone-chat.html`);
    await page.waitForFunction(() => document.querySelector('llm-model')?.status === 'ready', bounded(60_000));
    await page.evaluate(async (answer) => {
      const chat = document.querySelector('#chat');
      chat.messages = [
        { role: 'user', content: 'How do I change the theme?' },
        { role: 'assistant', content: answer },
        { role: 'user', content: 'Thanks!' },
        { role: 'assistant', content: 'You are welcome. *Anything else?*' },
      ];
      await chat.updateComplete;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    }, ANSWER);
    await shoot(page, 'phone-chat');
    await close();
  }
} finally {
  await browser.close();
  server.close();
}
