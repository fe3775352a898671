// Native llama.cpp through node-llama-cpp (pinned), with its prebuilt CPU binary: installed on first
// use into .cache/native (never built, never part of `npm ci`, whose optional GPU builds are large).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const NODE_LLAMA_CPP = '3.21.1';
const PREFIX = resolve('.cache/native');

export async function loadNodeLlamaCpp() {
  const entry = join(PREFIX, 'node_modules/node-llama-cpp/dist/index.js');
  if (!existsSync(entry)) {
    const platform = `@node-llama-cpp/${process.platform}-${process.arch}@${NODE_LLAMA_CPP}`;
    console.log(`[bench] installing node-llama-cpp@${NODE_LLAMA_CPP} and ${platform} into .cache/native`);
    const install = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        PREFIX,
        '--no-audit',
        '--no-fund',
        '--no-save',
        '--omit=optional',
        `node-llama-cpp@${NODE_LLAMA_CPP}`,
        platform,
      ],
      { stdio: 'inherit' },
    );
    if (install.status !== 0) throw new Error('could not install node-llama-cpp');
  }
  return import(pathToFileURL(entry).href);
}

/** Greedy generation of `tokens` tokens on one thread; decode speed from token arrival times. */
export async function nativeGreedy(modelPath, { prompt, tokens, threads = 1 }) {
  const { getLlama, LlamaCompletion } = await loadNodeLlamaCpp();
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 2048, threads });
  const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
  await completion.generateCompletion(prompt, { maxTokens: 4, temperature: 0 }); // warm-up
  await context.dispose();
  const fresh = await model.createContext({ contextSize: 2048, threads });
  const run = new LlamaCompletion({ contextSequence: fresh.getSequence() });
  const stamps = [];
  const start = performance.now();
  const text = await run.generateCompletion(prompt, {
    maxTokens: tokens,
    temperature: 0,
    onToken: (chunk) => chunk.forEach(() => stamps.push(performance.now())),
  });
  await fresh.dispose();
  await model.dispose();
  const first = stamps[0] ?? start;
  const last = stamps.at(-1) ?? first;
  return {
    text,
    tps: stamps.length > 1 ? ((stamps.length - 1) * 1000) / (last - first) : 0,
    ttft: first - start,
    tokens: stamps.length,
  };
}

/**
 * Prompt processing and decode speed at `threads` threads, measured the way the page measures ours:
 * prompt tokens over the time to the first token (a new first word each run, so nothing is reused),
 * then decode tokens/s from token arrival times.
 */
export async function nativeSpeed(modelPath, { prompt, tokens, threads, runs }) {
  const { getLlama, LlamaCompletion } = await loadNodeLlamaCpp();
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 4096, threads });
  const sequence = context.getSequence();
  const completion = new LlamaCompletion({ contextSequence: sequence });
  const once = async (text, maxTokens) => {
    await sequence.clearHistory();
    const stamps = [];
    const start = performance.now();
    await completion.generateCompletion(text, {
      maxTokens,
      temperature: 0,
      onToken: (chunk) => chunk.forEach(() => stamps.push(performance.now())),
    });
    const first = stamps[0] ?? start;
    const last = stamps.at(-1) ?? first;
    return {
      ttft: first - start,
      tps: stamps.length > 1 ? ((stamps.length - 1) * 1000) / (last - first) : 0,
      promptTokens: model.tokenize(text).length,
    };
  };
  try {
    await once(`warm ${prompt}`, 4);
    const decode = [];
    const promptRate = [];
    for (let i = 0; i < runs; i++) {
      const long = await once(`${i} ${prompt}`, 1);
      promptRate.push((long.promptTokens * 1000) / long.ttft);
      decode.push((await once(`${i}. Once upon a time`, tokens)).tps);
    }
    return { decode, prompt: promptRate };
  } finally {
    await context.dispose();
    await model.dispose();
  }
}
