#!/usr/bin/env node
// `npm run bench:tabs`: three tabs of one site chatting, with one engine for all of them
// (<llm-model share="tabs">) and with one engine per tab (share="none"), side by side in one run:
// the resident memory of the tabs' renderer processes (VmRSS after each tab answered, and VmHWM),
// and time to first token in a follower against the holder. Each measurement starts a fresh
// headless Chromium (fresh profile) on a copy of the built script-tag page (scripts/bench/tabs.html;
// `npm run build` first). Prints markdown tables for BENCHMARKS.md. `--rounds=N` (default 3) browsers per model and mode, `--ttft-runs=N` (default 4)
// answers per side in each shared round.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { serveStatic } from '../../test/e2e/harness.mjs';
import { CHROME_ARGS, findChrome } from '../find-chrome.mjs';
import { ensureModel } from '../make-models.mjs';

const option = (name, fallback) =>
  Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ROUNDS = option('rounds', 3);
const TTFT_RUNS = option('ttft-runs', 4);
const TABS = 3;
const PROMPT = 'Once upon a time';
const LOAD_MS = 180_000;
const ANSWER_MS = 120_000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const mb = (bytes) => bytes / 2 ** 20;
const fmt = (n) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

/** The tabs' renderer processes started by the browser whose process is `rootPid` (its descendants), with VmRSS and VmHWM in bytes. */
function renderers(rootPid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we read.
    }
  }
  const found = [];
  for (const queue = [rootPid]; queue.length;) {
    const pid = queue.shift();
    queue.push(...(children.get(pid) ?? []));
    try {
      // Not the browser's own WebUI (its omnibox popup): a tab's renderer.
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('--type=renderer') || command.includes('--top-chrome-webui')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
      found.push({ pid, rss: kb('VmRSS'), hwm: kb('VmHWM') });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * Headless Chromium without its spare renderer (a process it starts ahead of the next tab), so the
 * renderers that appear after launch are the tabs' own.
 */
const launch = () =>
  puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    args: [...CHROME_ARGS, '--disable-features=SpareRendererForSitePerProcess'],
  });

/** Opens a tab of the bench page and waits (bounded) until its <llm-model> is ready; returns the tab and its backend. */
async function openTab(browser, origin, model, share) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/scripts/bench/tabs.html?model=${encodeURIComponent(model)}&share=${share}`);
  await page
    .waitForFunction(() => ['ready', 'error'].includes(document.querySelector('llm-model')?.status), {
      timeout: LOAD_MS,
    })
    .catch((error) => {
      throw new Error(`${model} did not load in ${LOAD_MS} ms (${errors.join('; ') || error.message})`);
    });
  const state = await page.evaluate(() => {
    const element = document.querySelector('llm-model');
    return { status: element.status, backend: element.backendKind, error: element.error?.message };
  });
  if (state.status !== 'ready') throw new Error(`${model} failed to load: ${state.error}`);
  return { page, backend: state.backend };
}

/**
 * The tab comes to the front (a visitor chats in the tab they look at) and its chat answers PROMPT
 * from an empty conversation; returns the time from send() to the first llm-token, measured in the page.
 */
async function ask(tab) {
  await tab.page.bringToFront();
  const result = await tab.page.evaluate(
    async (prompt, bound) => {
      const chat = document.querySelector('llm-chat');
      chat.clear();
      let first;
      const onToken = () => (first ??= performance.now());
      chat.addEventListener('llm-token', onToken);
      const start = performance.now();
      let timer;
      const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve({ finishReason: 'timeout' }), bound)));
      const done = await Promise.race([chat.send(prompt), timeout]);
      clearTimeout(timer);
      chat.removeEventListener('llm-token', onToken);
      return { ttft: first - start, finish: done?.finishReason, text: done?.text ?? '', error: done?.error?.message };
    },
    PROMPT,
    ANSWER_MS,
  );
  if (!['stop', 'length'].includes(result.finish) || !(result.ttft >= 0)) {
    throw new Error(`an answer failed: ${JSON.stringify(result)}`);
  }
  return result;
}

/** One fresh browser, three tabs that each answer once; in a shared round also the time-to-first-token pairs. */
async function round(origin, model, share) {
  const browser = await launch();
  try {
    // The first blank tab's renderer, which hosts no tab of ours.
    const [blank] = await browser.pages();
    const others = new Set(renderers(browser.process().pid).map((p) => p.pid));
    const tabs = [];
    // One at a time, so the first tab is the one that holds the model.
    for (let i = 0; i < TABS; i++) tabs.push(await openTab(browser, origin, model, share));
    await blank?.close();
    const answers = [];
    for (const tab of tabs) answers.push(await ask(tab));
    const processes = renderers(browser.process().pid).filter((p) => !others.has(p.pid));
    if (processes.length !== TABS) throw new Error(`expected a renderer per tab, found ${processes.length}`);
    const result = {
      backends: tabs.map((tab) => tab.backend),
      processes: processes.length,
      rss: processes.reduce((sum, p) => sum + p.rss, 0),
      hwm: processes.reduce((sum, p) => sum + p.hwm, 0),
      each: processes.map((p) => Math.round(mb(p.rss))).sort((a, b) => b - a),
      sameText: answers.every((a) => a.text === answers[0].text),
      holder: [],
      follower: [],
    };
    if (share === 'tabs') {
      if (result.backends.slice(1).some((kind) => kind !== 'another-tab')) {
        throw new Error(`the later tabs should follow the first: ${result.backends.join(', ')}`);
      }
      // Balanced order (H F F H …), each follower in turn, so neither side always comes first.
      for (let i = 0; i < TTFT_RUNS * 2; i++) {
        const holderTurn = [0, 3].includes(i % 4);
        const tab = holderTurn ? tabs[0] : tabs[1 + (Math.floor(i / 2) % (TABS - 1))];
        (holderTurn ? result.holder : result.follower).push((await ask(tab)).ttft);
      }
    }
    return result;
  } finally {
    await browser.close();
  }
}

const q8 = basename(await ensureModel('135m-q8_0'));
const models = ['stories260K.gguf', q8];
// A copy of the build and the page, served: another build meanwhile would swap the chunks under the tabs.
if (!existsSync(new URL('../../dist/cdn/llm-elements.js', import.meta.url))) {
  console.error('[tabs] no build: run `npm run build` first');
  process.exit(1);
}
const root = mkdtempSync(join(tmpdir(), 'llm-elements-tabs-'));
cpSync(new URL('../../dist/cdn', import.meta.url), join(root, 'dist', 'cdn'), { recursive: true });
cpSync(new URL('tabs.html', import.meta.url), join(root, 'scripts', 'bench', 'tabs.html'));
const server = await serveStatic(root, { isolated: true });
const probe = await launch();
const version = await probe.version();
await probe.close();
const loads = [loadavg()[0]];
const results = {};
try {
  for (const model of models) {
    results[model] = { tabs: [], none: [] };
    for (let r = 0; r < ROUNDS; r++) {
      // Alternating which mode goes first.
      for (const share of r % 2 ? ['none', 'tabs'] : ['tabs', 'none']) {
        const result = await round(server.origin, model, share);
        results[model][share].push(result);
        loads.push(loadavg()[0]);
        console.error(
          `[tabs] ${model} share=${share}: ${result.processes} renderers, ${fmt(mb(result.rss))} MB (${result.each.join(' + ')}), backends ${result.backends.join(', ')}`,
        );
      }
    }
  }
} catch (error) {
  console.error(`[tabs] ${error.stack}`);
  process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
}
if (process.exitCode) process.exit();

console.log(
  `\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, ${version}, ` +
    `load average (1 min) ${fmt(Math.min(...loads))}–${fmt(Math.max(...loads))}, ${ROUNDS} rounds, ${TABS} tabs.\n`,
);
// Medians over the rounds; each ratio also per round (the two modes of a round ran one after the other).
const range = (values) => `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;
console.log('| model | resident, shared | per tab | shared ÷ per tab | peak, shared | per tab | shared ÷ per tab |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const model of models) {
  const { tabs, none } = results[model];
  const cells = ['rss', 'hwm'].map((key) => {
    const [shared, own] = [median(tabs.map((r) => mb(r[key]))), median(none.map((r) => mb(r[key])))];
    const ratios = tabs.map((r, i) => r[key] / none[i][key]);
    return `${fmt(shared)} MB | ${fmt(own)} MB | ${fmt(shared / own)} (${range(ratios)})`;
  });
  console.log(`| ${model} | ${cells.join(' | ')} |`);
}
console.log('\n| model | time to first token, holder | follower | follower ÷ holder | runs each |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const model of models) {
  const holder = results[model].tabs.flatMap((r) => r.holder);
  const follower = results[model].tabs.flatMap((r) => r.follower);
  console.log(
    `| ${model} | ${fmt(median(holder))} ms (${range(holder)}) | ${fmt(median(follower))} ms (${range(follower)}) | ${fmt(median(follower) / median(holder))} | ${holder.length} |`,
  );
}
const differ = models.filter((model) =>
  Object.values(results[model])
    .flat()
    .some((r) => !r.sameText),
);
if (differ.length) console.log(`\nThe three tabs' greedy answers differed on ${differ.join(', ')}.`);
