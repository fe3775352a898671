#!/usr/bin/env node
// `npm run bench`: measures llm-elements side by side against the raw library and native llama.cpp
// in one run, prints a table (median, min, max, ratio, target) and writes JSON to bench-results/.
// A full run also rewrites BENCHMARKS.md. `npm run bench -- --smoke` is a short run for CI that
// fails only when a benchmark breaks, never on noisy numbers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';
import { isolationHeaders, modelRoutes, wllamaWasm } from '../dev-server-plugins.mjs';
import { CHROME_ARGS, findChrome } from '../find-chrome.mjs';
import { resolveTestModel } from '../resolve-model.mjs';
import { ENTRY_BUDGET_BYTES, measure } from '../size.mjs';
import { makeBigModel } from './make-model.mjs';
import { NODE_LLAMA_CPP, nativeGreedy } from './native.mjs';

const smoke = process.argv.includes('--smoke');
// --only overhead,threads runs some benchmarks (for investigating one number); BENCHMARKS.md is
// rewritten only by a complete full run.
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const only = onlyArg ? new Set(onlyArg.split(',')) : null;
const P = smoke
  ? { runs: 2, tokens: 32, stream: 400, threadRuns: 1, native: ['small'] }
  : { runs: 8, tokens: 128, stream: 2000, threadRuns: 3, native: ['small', 'big'] };

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

/** Serves a file under /bench-models/<name> (the generated model lives in .cache/models). */
function serveFile(path) {
  const route = `/bench-models/${basename(path)}`;
  return async (context, next) => {
    if (context.path !== route) return next();
    context.type = 'application/octet-stream';
    context.length = statSync(path).size;
    if (context.method !== 'HEAD') context.body = createReadStream(path);
    else context.status = 200;
  };
}

const small = await resolveTestModel();
const big = smoke ? null : await makeBigModel();
if (only) console.log(`[bench] only: ${[...only].join(', ')}`);

console.log('[bench] building');
if (spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' }).status !== 0) process.exit(1);

const server = await startDevServer({
  config: {
    rootDir: '.',
    port: 0,
    hostname: '127.0.0.1',
    nodeResolve: true,
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
    middleware: [
      isolationHeaders(true),
      wllamaWasm(),
      modelRoutes({ modelDir: join(small, '..') }),
      ...(big ? [serveFile(big)] : []),
    ],
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
const call = (name, args) => page.evaluate((n, a) => window.bench[n](a), name, args);

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

// 5. Threads: our automatic choice vs each hand-picked count.
await step('threads', async () => {
  const url = BIG_URL ?? SMALL_URL;
  const longPrompt = 'Once upon a time, there was a little girl named Lily. She loved to play outside. '.repeat(
    smoke ? 4 : 12,
  );
  const counts = [...new Set([1, 2, Math.min(4, hardwareConcurrency), hardwareConcurrency])].filter(
    (n) => n <= hardwareConcurrency,
  );
  const picked = [];
  for (const threads of counts)
    picked.push(await call('threads', { url, threads, runs: P.threadRuns, tokens: P.tokens, longPrompt }));
  const auto = await call('threads', { url, runs: P.threadRuns, tokens: P.tokens, longPrompt });
  for (const [kind, label] of [
    ['decode', 'decode'],
    ['prompt', 'long prompt'],
  ]) {
    const best = Math.max(...picked.map((p) => median(p[kind])));
    const bestThreads = picked.find((p) => median(p[kind]) === best)?.threads;
    atLeast(
      `threads: ${label} tokens/s, auto (${auto.threads}) vs best hand-picked (${bestThreads} of ${counts.join('/')})`,
      auto[kind],
      best,
      0.95,
      'tok/s',
    );
  }
});

// 6. Wasm in Chromium vs native llama.cpp (node-llama-cpp, prebuilt CPU binary), one thread each.
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
const fmt = (n) => (n === undefined || Number.isNaN(n) ? '' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
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
  JSON.stringify({ date, smoke, machine, rows, greedyCheck }, null, 2),
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
      '\n',
  );
}
console.log(failed ? 'A benchmark broke.' : 'Benchmarks ran.');
process.exit(failed ? 1 : 0);
