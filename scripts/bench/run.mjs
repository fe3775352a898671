#!/usr/bin/env node
// `npm run bench`: measures llm-elements side by side against the raw library and native llama.cpp
// in one run, prints a table (median, min, max, ratio, target) and writes JSON to bench-results/.
// A full run also rewrites BENCHMARKS.md. `npm run bench -- --smoke` is a short run for CI that
// fails only when a benchmark breaks, never on noisy numbers.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';
import { isolationHeaders, modelRoutes, wllamaWasm } from '../dev-server-plugins.mjs';
import { CHROME_ARGS, findChrome } from '../find-chrome.mjs';
import { ENTRY_BUDGET_BYTES, measure } from '../size.mjs';
import { makeBigModel } from './make-model.mjs';
import { ensureModel } from '../make-models.mjs';
import { CACHE_DIR, resolveTestModel } from '../resolve-model.mjs';
import { NODE_LLAMA_CPP, nativeGreedy, nativeSpeed } from './native.mjs';
import { traceStep } from './trace.mjs';
import { conversationStep } from './conversation.mjs';
import { retrievalStep } from './retrieval.mjs';

const smoke = process.argv.includes('--smoke');
// --only overhead,threads runs some benchmarks (for investigating one number); BENCHMARKS.md is
// rewritten only by a complete full run.
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const only = onlyArg ? new Set(onlyArg.split(',')) : null;
const P = smoke
  ? {
      runs: 2,
      tokens: 32,
      stream: 400,
      conversation: 100,
      conversationRounds: 1,
      threadRuns: 1,
      native: ['small'],
      speedModels: ['small'],
      speedTokens: 16,
      speedRuns: 1,
      turns: 3,
      loadModels: ['small'],
    }
  : {
      runs: 8,
      tokens: 128,
      stream: 2000,
      conversation: 1000,
      conversationRounds: 4,
      threadRuns: 2,
      native: ['small', 'big'],
      speedModels: ['135m-q8_0', '135m-q4_0', '500m-q8_0', '500m-q4_0'],
      speedTokens: 48,
      speedRuns: 2,
      turns: 10,
      loadModels: ['135m-q8_0', '135m-q4_0', '500m-q8_0', '500m-q4_0'],
    };
const notes = [];
/** Tables that go below the results in BENCHMARKS.md. */
const sections = [];
// --models=135m-q8_0,500m-q4_0 measures speed and load on these models only (for investigating).
const modelsArg = process.argv.find((arg) => arg.startsWith('--models='))?.slice('--models='.length);
if (modelsArg) P.speedModels = P.loadModels = modelsArg.split(',');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2 : NaN;
};
const rows = [];
function row(name, values, { ratio, target, pass, unit = '' }) {
  rows.push({
    name,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    unit,
    ratio,
    target,
    pass,
  });
}

/** A row whose median must reach `min` times `baseline` (a median measured in the same run). */
function atLeast(name, values, baseline, min, unit) {
  const ratio = median(values) / baseline;
  row(name, values, { ratio, target: `≥ ${min}`, pass: ratio >= min, unit });
}

/** Serves the models the project makes (.cache/models) under /bench-models/<name>. */
function serveModels(dir) {
  return async (context, next) => {
    const match = /^\/bench-models\/([\w.-]+\.gguf)$/.exec(context.path);
    if (!match) return next();
    const path = join(dir, match[1]);
    context.type = 'application/octet-stream';
    context.length = statSync(path).size;
    if (context.method !== 'HEAD') context.body = createReadStream(path);
    else context.status = 200;
  };
}

/** COOP/COEP on every response, except the bench page asked for without them (`?isolated=0`). */
function benchIsolation() {
  const isolate = isolationHeaders(true);
  return (context, next) =>
    context.path === '/bench/index.html' && context.query.isolated === '0' ? next() : isolate(context, next);
}

const small = await resolveTestModel();
const needsBig = !only || ['overhead', 'trace', 'wasm'].some((name) => only.has(name));
const big = smoke || !needsBig ? null : await makeBigModel();
if (only) console.log(`[bench] only: ${[...only].join(', ')}`);

// Only the weight benchmark reads the build (the pages run the sources through the dev server).
if (!only || only.has('weight')) {
  console.log('[bench] building');
  if (spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

const server = await startDevServer({
  config: {
    rootDir: '.',
    port: 0,
    hostname: '127.0.0.1',
    nodeResolve: true,
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
    middleware: [benchIsolation(), wllamaWasm(), modelRoutes({ modelDir: join(small, '..') }), serveModels(CACHE_DIR)],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const origin = `http://127.0.0.1:${server.server.address().port}`;
const SMALL_URL = `${origin}/models/stories260K.gguf`;
const BIG_URL = big ? `${origin}/bench-models/${basename(big)}` : null;
const browser = await puppeteer.launch({
  executablePath: findChrome(),
  headless: true,
  args: CHROME_ARGS,
  protocolTimeout: 0,
});
const page = await browser.newPage();
page.on('pageerror', (error) => console.error('[page]', error.message));
await page.goto(`${origin}/bench/index.html`);
await page.waitForFunction(() => window.bench);
const browserVersion = await browser.version();
const hardwareConcurrency = await page.evaluate(() => navigator.hardwareConcurrency);
// The page in front: a background tab gets no animation frames (the trace and the chat wait for one).
const call = async (name, args, on = page) => {
  await on.bringToFront();
  return on.evaluate((n, a) => window.bench[n](a), name, args);
};
// The same page without cross-origin isolation: one thread, as on most sites.
const plainPage = await browser.newPage();
plainPage.on('pageerror', (error) => console.error('[page, not isolated]', error.message));
await plainPage.goto(`${origin}/bench/index.html?isolated=0`);
await plainPage.waitForFunction(() => window.bench);
const modelUrl = (path) => `${origin}/${path === small ? 'models' : 'bench-models'}/${basename(path)}`;

/** Runs `fn` while another process keeps one core busy (a visitor's device is rarely idle). */
async function withBusyCore(fn) {
  const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  try {
    return await fn();
  } finally {
    busy.kill('SIGKILL');
  }
}

// The long prompt of the speed benchmarks (≈ 125 tokens in a full run).
const SPEED_PROMPT =
  'The old lighthouse keeper climbed the spiral stairs every evening to light the lamp, counting the steps as his father had taught him. '.repeat(
    smoke ? 2 : 5,
  );
const fmt = (n) => (n === undefined || Number.isNaN(n) ? '' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

/** Chromium's renderer processes (their pids), to find the one a new browser context gets. */
function rendererPids() {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
      } catch {
        return false;
      }
    });
}

/** A process's resident set now (VmRSS) or at its peak (VmHWM), in bytes; 0 when it is gone. */
function residentBytes(pid, field) {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}

let failed = false;
async function step(label, fn) {
  if (only && !only.has(label.split(' ')[0])) return;
  console.log(`[bench] ${label}`);
  try {
    await fn();
  } catch (error) {
    failed = true;
    console.error(`[bench] ${label} broke: ${error.stack ?? error}`);
  }
}

// 1. Overhead: decode tokens/s and time to first token, ours vs raw wllama, alternated A B C.
await step('overhead', async () => {
  const threads = Math.min(hardwareConcurrency, 2);
  const r = await call('overhead', { url: BIG_URL ?? SMALL_URL, runs: P.runs, tokens: P.tokens, threads });
  const raw = median(r.raw.map((x) => x.tps));
  for (const path of ['engine', 'chat']) {
    const tps = r[path].map((x) => x.tps);
    atLeast(
      `overhead: decode tokens/s through ${path === 'engine' ? 'Engine' : '<llm-chat>'} vs raw wllama`,
      tps,
      raw,
      0.97,
      'tok/s',
    );
  }
  row(
    'overhead: raw wllama decode (reference)',
    r.raw.map((x) => x.tps),
    { ratio: 1, target: '', pass: true, unit: 'tok/s' },
  );
  atLeast(
    'overhead: decode tokens/s through <llm-chat> vs raw wllama writing into a plain <p>',
    r.chat.map((x) => x.tps),
    median(r.rawDom.map((x) => x.tps)),
    0.97,
    'tok/s',
  );
  row(
    'overhead: raw wllama time to first token (reference)',
    r.raw.map((x) => x.ttft),
    { ratio: 1, target: '', pass: true, unit: 'ms' },
  );
  const rawTtft = median(r.raw.map((x) => x.ttft));
  const ttft = r.engine.map((x) => x.ttft);
  row('overhead: time to first token, Engine vs raw wllama (raw / ours)', ttft, {
    ratio: rawTtft / median(ttft),
    target: '≥ 0.97',
    pass: rawTtft / median(ttft) >= 0.97,
    unit: 'ms',
  });
});

// 1b. Where time to first token goes: a per-request trace from send() to the first text shown.
await step('trace', async () => {
  // A page of its own, opened last, so it is the one in front while its requests are traced.
  const tracePage = await browser.newPage();
  await tracePage.goto(`${origin}/bench/index.html`);
  await tracePage.waitForFunction(() => window.bench);
  const { table } = await traceStep({
    call: (name, args) => call(name, args, tracePage),
    row,
    median,
    url: BIG_URL ?? SMALL_URL,
    runs: P.runs,
    threads: Math.min(hardwareConcurrency, 2),
  });
  await tracePage.close();
  sections.push(table);
});

// 2. Streaming render cost in <llm-chat>.
await step('streaming', async () => {
  const r = await call('streaming', { count: P.stream, intervalMs: 2 });
  const buckets = r.busyPer100;
  const head = buckets.slice(0, 3);
  const tail = buckets.slice(-3);
  const ratio = median(tail) / Math.max(median(head), 1e-3);
  row(`streaming: main-thread ms per 100 tokens, end vs start (${r.tokens} tokens)`, buckets, {
    ratio,
    target: '≤ 1.5',
    pass: ratio <= 1.5,
    unit: 'ms',
  });
  row('streaming: long tasks (> 50 ms)', [r.longTasks], { ratio: r.longTasks, target: '0', pass: r.longTasks === 0 });
});

// 2b. Long conversations: a chat restored with 1,000 messages and scrolled from top to bottom, with
// the messages' content-visibility rule and without it (switched off by the bench), side by side.
await step('conversation', () =>
  conversationStep({ call, row, median, fmt, notes, count: P.conversation, rounds: P.conversationRounds }),
);

// 2c. Retrieval: passages embedded per second (ours vs raw wllama), and time to first token with a
// search over the passages vs without.
await step('retrieval', () =>
  retrievalStep({
    call,
    row,
    median,
    fmt,
    notes,
    modelUrl,
    chatUrl: SMALL_URL,
    ...(smoke ? { count: 48, chunk: 16, runs: 2 } : { count: 1000, chunk: 100, runs: 10 }),
  }),
);

// 3. Weight of the script-tag build.
await step('weight', async () => {
  const { rows: files, entryGzip } = measure();
  row('weight: script-tag entry, gzip KB', [entryGzip / 1024], {
    ratio: entryGzip / ENTRY_BUDGET_BYTES,
    target: '≤ 30 KB',
    pass: entryGzip <= ENTRY_BUDGET_BYTES,
    unit: 'KB',
  });
  for (const f of files.filter((x) => x.loads !== 'with the page')) {
    row(`weight: ${f.file.replace(/-[\w-]{8}\.js$/, '.js')} (${f.loads}), gzip KB`, [f.gzip / 1024], {
      ratio: undefined,
      target: '',
      pass: true,
      unit: 'KB',
    });
  }
});

// 4. Sharing: five consumers, one download, one engine.
await step('sharing', async () => {
  const url = `${origin}/__test/once/bench-${Date.now()}/stories260K.gguf`;
  const r = await call('sharing', { url });
  row('sharing: model-file requests for 5 chats', [r.modelRequests], {
    ratio: r.modelRequests,
    target: '1',
    pass: r.modelRequests === 1,
  });
  row('sharing: engines loaded for 5 chats', [r.enginesLoaded], {
    ratio: r.enginesLoaded,
    target: '1',
    pass: r.enginesLoaded === 1 && r.enginesShared === 1,
  });
  if (r.answered !== 5) throw new Error(`only ${r.answered} of 5 chats answered`);
});

// 5. Threads: our automatic choice vs each hand-picked count, on an idle machine and with another
// process keeping one core busy.
await step('threads', async () => {
  const path = smoke ? small : await ensureModel('135m-q8_0');
  const counts = [...new Set([1, 2, Math.min(4, hardwareConcurrency), hardwareConcurrency])].filter(
    (n) => n <= hardwareConcurrency,
  );
  for (const load of ['idle', 'one core busy']) {
    const measure = (threads) =>
      call('engineSpeed', {
        url: modelUrl(path),
        threads,
        prompt: SPEED_PROMPT,
        tokens: P.speedTokens,
        runs: P.threadRuns,
      });
    const run = () => (load === 'idle' ? measureAll() : withBusyCore(measureAll));
    const measureAll = async () => {
      const picked = [];
      for (const threads of counts) picked.push(await measure(threads));
      return { picked, auto: await measure(undefined) };
    };
    const { picked, auto } = await run();
    for (const kind of ['decode', 'prompt']) {
      const best = Math.max(...picked.map((p) => median(p[kind])));
      const bestThreads = picked.find((p) => median(p[kind]) === best)?.threads;
      atLeast(
        `threads (${load}): ${kind} tokens/s, ${basename(path)}, auto (${auto.threads}) vs best hand-picked (${bestThreads} of ${counts.join('/')})`,
        auto[kind],
        best,
        load === 'idle' ? 0.95 : 0.9,
        'tok/s',
      );
    }
    notes.push(`Threads, ${load}: auto chose ${auto.threads} — "${auto.reason}"`);
  }
});

// 6. Speed at real sizes: our engine in Chromium vs native llama.cpp at the same thread count, on
// quantized models; isolated (threads) and not (one thread).
await step('speed', async () => {
  for (const preset of P.speedModels) {
    const path = preset === 'small' ? small : await ensureModel(preset);
    const args = { url: modelUrl(path), prompt: SPEED_PROMPT, tokens: P.speedTokens, runs: P.speedRuns };
    const isolated = await call('engineSpeed', args);
    const plain = await call('engineSpeed', args, plainPage);
    for (const [ours, where] of [
      [isolated, 'isolated'],
      [plain, 'not isolated'],
    ]) {
      const native = await nativeSpeed(path, { ...args, threads: ours.threads });
      for (const kind of ['decode', 'prompt']) {
        const ratio = median(ours[kind]) / median(native[kind]);
        row(
          `speed: ${kind} tokens/s, ${basename(path)}, ours ${where} (${ours.threads} thread${ours.threads === 1 ? '' : 's'}) vs native llama.cpp (same threads, ${fmt(median(native[kind]))} tok/s)`,
          ours[kind],
          where === 'isolated'
            ? { ratio, target: '≥ 0.5', pass: ratio >= 0.5, unit: 'tok/s' }
            : { ratio, target: 'report', pass: true, unit: 'tok/s' },
        );
      }
    }
  }
});

// 7. Multi-turn chat: time to first token of turn 10 vs turn 1 (llama.cpp reuses the KV cache of the
// shared prefix), for one chat and for two chats alternating on one engine.
await step('chat', async () => {
  const path = smoke ? small : await ensureModel('135m-q8_0');
  const userText =
    'I am planning a small vegetable garden behind the house, about four metres by three, with sun in the morning and shade after two. Which vegetables grow well there, how far apart should I plant them, and what should I do first this spring? '.repeat(
      smoke ? 1 : 2,
    );
  for (const chats of [1, 2]) {
    const per = await call('multiTurn', { url: modelUrl(path), turns: P.turns, userText, answerTokens: 16, chats });
    per.forEach((chat, c) => {
      const label = chats === 1 ? 'one chat' : `two chats alternating, chat ${c === 0 ? 'A' : 'B'}`;
      const first = chat.ttft[0];
      const last = chat.ttft.at(-1);
      row(
        `chat: time to first token, turn ${P.turns} vs turn 1, ${label} (turn ${P.turns} processes ${chat.processed.at(-1)} of its ${chat.promptTokens.at(-1)} prompt tokens)`,
        chat.ttft,
        { ratio: last / first, target: '≤ 1.5', pass: last / first <= 1.5, unit: 'ms' },
      );
    });
    notes.push(
      `Chat, ${chats} chat(s): prompt tokens processed / in the prompt, per turn ${per.map((c) => c.processed.map((n, i) => `${n}/${c.promptTokens[i]}`).join(' ')).join(' | ')}; time to first token (ms) ${per.map((c) => c.ttft.map((t) => t.toFixed(0)).join(' ')).join(' | ')}.`,
    );
  }
});

// 8. Load time from the network (local server) vs from the model cache, and the page's peak memory
// (the renderer process's peak resident set, which holds llama.cpp's wasm memory) ÷ file size.
await step('load', async () => {
  for (const preset of P.loadModels) {
    const path = preset === 'small' ? small : await ensureModel(preset);
    const size = statSync(path).size;
    // A fresh browser context: its own renderer process (for the memory figure) and empty storage.
    const before = new Set(rendererPids());
    const context = await browser.createBrowserContext();
    const fresh = await context.newPage();
    await fresh.goto(`${origin}/bench/index.html`);
    await fresh.waitForFunction(() => window.bench);
    const pids = rendererPids().filter((pid) => !before.has(pid));
    // What the page holds before any model: Chromium's renderer, our script, the bench page.
    const baseline = Math.max(0, ...pids.map((pid) => residentBytes(pid, 'VmRSS')));
    const r = await call('loadTimes', { url: modelUrl(path) }, fresh);
    const peak = Math.max(0, ...pids.map((pid) => residentBytes(pid, 'VmHWM')));
    await context.close();
    row(`load: ${basename(path)} from the model cache vs from the network (network / cache)`, [r.cache], {
      ratio: r.network / r.cache,
      target: 'report',
      pass: r.fromCache,
      unit: 'ms',
    });
    row(`load: ${basename(path)} from the network (local server)`, [r.network], {
      ratio: undefined,
      target: '',
      pass: true,
      unit: 'ms',
    });
    row(
      `memory: ${basename(path)}, page peak resident memory above the empty page (${fmt(baseline / 2 ** 20)} MB) ÷ file size (${fmt(size / 2 ** 20)} MB)`,
      [(peak - baseline) / 2 ** 20],
      { ratio: (peak - baseline) / size, target: 'report', pass: peak > baseline, unit: 'MB' },
    );
  }
});

// 9. llama.cpp settings on a quantized real-size model: what each one buys over wllama's defaults.
const SETTINGS = [
  { label: 'wllama defaults (n_ubatch 512, flash attention auto, f16 KV)', params: {} },
  { label: 'n_ubatch 128', params: { n_ubatch: 128 } },
  { label: 'n_ubatch 32', params: { n_ubatch: 32 } },
  { label: 'flash attention off', params: { flash_attn: false } },
  { label: 'f32 KV cache', params: { cache_type_k: 'f32', cache_type_v: 'f32' } },
];
await step('settings', async () => {
  const path = smoke ? small : await ensureModel('135m-q8_0');
  const url = `${origin}/${smoke ? 'models' : 'bench-models'}/${basename(path)}`;
  const threads = Math.min(hardwareConcurrency, 2);
  const results = [];
  for (const setting of smoke ? SETTINGS.slice(0, 2) : SETTINGS)
    results.push({
      ...setting,
      ...(await call('rawSpeed', {
        url,
        params: { n_threads: threads, ...setting.params },
        prompt: SPEED_PROMPT,
        tokens: P.tokens,
        runs: P.threadRuns,
      })),
    });
  // The same model through our engine on wllama's two builds: main (Memory64: every memory access
  // is bounds-checked) and compat (32-bit memory, Asyncify), alternated.
  const compatPage = await browser.newPage();
  await compatPage.goto(`${origin}/bench/index.html?build=compat`);
  await compatPage.waitForFunction(() => window.bench);
  const builds = { main: { decode: [], prompt: [] }, compat: { decode: [], prompt: [] } };
  for (let i = 0; i < P.threadRuns; i++) {
    for (const [name, on] of [
      ['main', page],
      ['compat', compatPage],
    ]) {
      const r = await call('engineSpeed', { url, threads, prompt: SPEED_PROMPT, tokens: P.speedTokens, runs: 1 }, on);
      builds[name].decode.push(...r.decode);
      builds[name].prompt.push(...r.prompt);
    }
  }
  await compatPage.close();
  const [base] = results;
  for (const kind of ['prompt', 'decode']) {
    row(
      `settings: ${kind} tokens/s, ${basename(path)}, ${threads} threads, our engine on wllama's compat build (32-bit memory) vs its main build (Memory64)`,
      builds.compat[kind],
      { ratio: median(builds.compat[kind]) / median(builds.main[kind]), target: 'report', pass: true, unit: 'tok/s' },
    );
  }
  for (const r of results) {
    for (const kind of ['prompt', 'decode']) {
      row(`settings: ${kind} tokens/s, ${basename(path)}, ${threads} threads, ${r.label} vs defaults`, r[kind], {
        ratio: median(r[kind]) / median(base[kind]),
        target: 'report',
        pass: true,
        unit: 'tok/s',
      });
    }
  }
});

// 10. Wasm in Chromium vs native llama.cpp (node-llama-cpp, prebuilt CPU binary), one thread each.
const greedyCheck = [];
for (const which of P.native) {
  await step(`wasm vs native (${which})`, async () => {
    const path = which === 'small' ? small : big;
    const url = which === 'small' ? SMALL_URL : BIG_URL;
    const tokens = 32;
    const ours = await call('greedy', { url, tokens, threads: 1 });
    const native = await nativeGreedy(path, { prompt: 'Once upon a time', tokens, threads: 1 });
    const same = ours.text === native.text;
    greedyCheck.push({ model: basename(path), same, ours: ours.text, native: native.text });
    row(
      `wasm vs native: decode tokens/s, ${basename(path)}, 1 thread (greedy tokens ${same ? 'identical' : 'DIFFER'})`,
      [ours.tps],
      {
        ratio: ours.tps / native.tps,
        target: 'report',
        pass: true,
        unit: 'tok/s',
      },
    );
  });
}

await browser.close();
await server.stop();

// Output.
const header =
  '| benchmark | median | min | max | ratio | target | result |\n| --- | ---: | ---: | ---: | ---: | --- | --- |';
const table = [
  header,
  ...rows.map(
    (r) =>
      `| ${r.name} | ${fmt(r.median)} ${r.unit} | ${fmt(r.min)} | ${fmt(r.max)} | ${fmt(r.ratio)} | ${r.target} | ${r.target ? (r.pass ? 'pass' : 'UNDER TARGET') : ''} |`,
  ),
].join('\n');
console.log(`\n${table}\n`);
for (const g of greedyCheck)
  if (!g.same)
    console.log(
      `[bench] greedy text differs on ${g.model}:\n  ours:   ${JSON.stringify(g.ours)}\n  native: ${JSON.stringify(g.native)}`,
    );

for (const note of notes) console.log(`[bench] ${note}`);
for (const section of sections) console.log(`\n${section}\n`);

const machine = {
  cores: cpus().length,
  hardwareConcurrency,
  browser: browserVersion,
  node: process.version,
  nodeLlamaCpp: NODE_LLAMA_CPP,
};
const date = new Date().toISOString();
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  join('bench-results', `${date.replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}.json`),
  JSON.stringify({ date, smoke, machine, rows, greedyCheck, notes }, null, 2),
);
if (!smoke && !only) {
  const doc = readFileSync('BENCHMARKS.md', 'utf8').split('<!-- results -->')[0];
  writeFileSync(
    'BENCHMARKS.md',
    `${doc}<!-- results -->\n\nLatest full run: ${date.slice(0, 10)}, ${machine.cores} cores, ${browserVersion}, Node ${process.version}, node-llama-cpp ${NODE_LLAMA_CPP}.\n\n${table}\n\n` +
      greedyCheck
        .map(
          (g) =>
            `- Greedy tokens on ${g.model}: ${g.same ? 'identical' : `differ (ours ${JSON.stringify(g.ours.slice(0, 60))}…, native ${JSON.stringify(g.native.slice(0, 60))}…)`}.`,
        )
        .join('\n') +
      '\n' +
      notes.map((note) => `- ${note}\n`).join('') +
      sections.map((section) => `\n${section}\n`).join(''),
  );
}
console.log(failed ? 'A benchmark broke.' : 'Benchmarks ran.');
process.exit(failed ? 1 : 0);
