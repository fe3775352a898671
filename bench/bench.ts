// Benchmarks that run in the page, driven by scripts/bench/run.mjs through `window.bench`.
// Every figure is measured side by side in one page; the runner reports ratios.
import { ContextProvider } from '@lit/context';
import type { LoadModelParams, ResultTimings, Wllama } from '@wllama/wllama';
import '../src/index.js';
import type { ChatMessage, LlmChat } from '../src/index.js';
import { modelContext, type ModelHandle } from '../src/context/model-context.js';
import { Engine } from '../src/engine/index.js';
import type { Backend } from '../src/engine/backends/backend.js';
import { StreamingMarkdown, loadMarkdownRenderer } from '../src/render/streaming-markdown.js';
import { longConversation } from './long-conversation.js';
import { markdownTokens } from './markdown-stream.js';
import { loadRawWllama } from './raw-wllama.js';
import { retrieval } from './retrieval.js';
import { traceFirstToken } from './trace.js';

const PROMPT = 'Once upon a time';
const stage = document.getElementById('stage') as HTMLElement;

export interface Run {
  /** Decode tokens/s, from arrival times of the 2nd to the last token (same clock for every path). */
  tps: number;
  /** Time to first token, ms. */
  ttft: number;
  tokens: number;
  text: string;
}

function runFrom(start: number, stamps: number[], text: string): Run {
  const first = stamps[0] ?? start;
  const last = stamps.at(-1) ?? first;
  return {
    tps: stamps.length > 1 ? ((stamps.length - 1) * 1000) / Math.max(last - first, 1e-3) : 0,
    ttft: first - start,
    tokens: stamps.length,
    text,
  };
}

/** One greedy completion through raw wllama; `output` shows the text as it comes, `ignoreEos` runs to `tokens`. */
async function rawRun(
  wllama: Wllama,
  tokens: number,
  { prompt = PROMPT, output, ignoreEos = false }: { prompt?: string; output?: HTMLElement; ignoreEos?: boolean } = {},
): Promise<Run & { promptTokens: number }> {
  const stamps: number[] = [];
  let text = '';
  let timings: ResultTimings | undefined;
  if (output) output.textContent = '';
  const start = performance.now();
  await wllama.createCompletion({
    prompt,
    max_tokens: tokens,
    temperature: 0,
    ...(ignoreEos && { ignore_eos: true }),
    stream: true,
    onData: (chunk) => {
      const delta = chunk.choices[0]?.text;
      if (delta) {
        stamps.push(performance.now());
        text += delta;
        if (output) output.textContent = text;
      }
      timings = chunk.timings ?? timings;
    },
  });
  return { ...runFrom(start, stamps, text), promptTokens: timings?.prompt_n ?? 0 };
}

async function engineRun(
  engine: Engine,
  tokens: number,
  prompt = PROMPT,
): Promise<Run & { promptTokens: number; llamaTps: number }> {
  const stamps: number[] = [];
  const start = performance.now();
  const generation = engine.complete(prompt, { temperature: 0, max_tokens: tokens });
  for await (const _delta of generation) stamps.push(performance.now());
  const result = await generation.result;
  return {
    ...runFrom(start, stamps, result.text),
    promptTokens: result.promptTokens,
    llamaTps: result.tokensPerSecond,
  };
}

/**
 * Prompt and decode speed through `once` (one request: a prompt, at most `tokens` out): a warm-up,
 * then per run the long `prompt` for one token (prompt tokens over the time to the first token, the
 * clock native uses too) and a decode of `tokens` tokens.
 */
async function measureSpeed(
  once: (prompt: string, tokens: number) => Promise<Run & { promptTokens: number }>,
  { prompt, tokens, runs }: { prompt: string; tokens: number; runs: number },
): Promise<{ decode: number[]; prompt: number[] }> {
  await once(`warm ${prompt}`, 4);
  const decode: number[] = [];
  const promptRate: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A new first word each run, so llama.cpp's prompt cache cannot skip the work.
    const long = await once(`${i} ${prompt}`, 1);
    promptRate.push((long.promptTokens * 1000) / long.ttft);
    decode.push((await once(`${i}. Once upon a time`, tokens)).tps);
  }
  return { decode, prompt: promptRate };
}

async function chatRun(chat: LlmChat): Promise<Run> {
  const stamps: number[] = [];
  const onToken = () => stamps.push(performance.now());
  chat.addEventListener('llm-token', onToken);
  chat.clear();
  // The previous answer's removal is rendered before the clock starts, not inside this request.
  await chat.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const start = performance.now();
  const detail = await chat.send(PROMPT);
  chat.removeEventListener('llm-token', onToken);
  return runFrom(start, stamps, detail?.text ?? '');
}

declare global {
  interface Window {
    bench: typeof bench;
  }
}

const bench = {
  traceFirstToken,
  retrieval,
  /** Raw wllama vs our engine vs <llm-chat>, alternated A B C after a warm-up, same model and settings. */
  async overhead({ url, runs, tokens, threads }: { url: string; runs: number; tokens: number; threads: number }) {
    // One wllama per path, each used once a round, so no instance is warmer than another.
    const rawWllama = () =>
      loadRawWllama(url, { n_threads: threads, n_ctx: 2048, n_gpu_layers: 0, n_parallel: 1, jinja: true });
    const raw = await rawWllama();
    const rawForDom = await rawWllama();
    const engine = new Engine();
    await engine.load(url, { threads });
    stage.innerHTML = `<llm-model src="${url}" threads="${threads}"><llm-chat temperature="0" max-tokens="${tokens}"></llm-chat></llm-model>`;
    const chat = stage.querySelector('llm-chat') as LlmChat;
    await (stage.querySelector('llm-model') as HTMLElementTagNameMap['llm-model']).load();
    // The chat formats the prompt as a conversation; for the same work as the others it completes
    // raw text: its engine is used through the element's own streaming path.
    await loadMarkdownRenderer();
    const results = { raw: [] as Run[], engine: [] as Run[], chat: [] as Run[], rawDom: [] as Run[] };
    // Raw wllama writing into a plain element: what showing text costs at all, with no library.
    const output = document.createElement('p');
    stage.append(output);
    try {
      await rawRun(raw, tokens);
      await engineRun(engine, tokens);
      await chatRun(chat);
      await rawRun(rawForDom, tokens, { output });
      // A balanced Latin square: across four rounds each path runs right after each other path once,
      // so none always pays for the one before it (llama.cpp's threads spin a little after each
      // request, and 2 cores feel it).
      const paths = [
        async () => results.raw.push(await rawRun(raw, tokens)),
        async () => results.engine.push(await engineRun(engine, tokens)),
        async () => results.chat.push(await chatRun(chat)),
        async () => results.rawDom.push(await rawRun(rawForDom, tokens, { output })),
      ];
      const orders = [
        [0, 1, 3, 2],
        [1, 2, 0, 3],
        [2, 3, 1, 0],
        [3, 0, 2, 1],
      ];
      for (let i = 0; i < runs; i++) {
        for (const index of orders[i % orders.length] ?? []) await paths[index]?.();
      }
    } finally {
      // Idle llama.cpp threads still compete for the 2 cores: free every instance before the next benchmark.
      await raw.exit();
      await rawForDom.exit();
      await engine.unload();
      await (stage.querySelector('llm-model') as HTMLElementTagNameMap['llm-model'] | null)?.unload();
      stage.innerHTML = '';
    }
    return results;
  },

  /**
   * A scripted stream of `count` markdown tokens into <llm-chat> (a real model cannot be made to write
   * 2,000 tokens of mixed markdown on demand): main-thread time spent rendering per 100 tokens, and
   * long tasks (> 50 ms).
   */
  async streaming({ count, intervalMs }: { count: number; intervalMs: number }) {
    await loadMarkdownRenderer();
    const tokens = markdownTokens(count);
    let emitted = 0;
    const busy = new Array<number>(Math.ceil(count / 100)).fill(0);
    const proto = StreamingMarkdown.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const wrap = (name: string) => {
      const original = proto[name];
      if (!original) throw new Error(`StreamingMarkdown has no ${name}()`);
      proto[name] = function (this: unknown, ...args: unknown[]) {
        const t0 = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          const bucket = Math.min(Math.floor(emitted / 100), busy.length - 1);
          busy[bucket] = (busy[bucket] ?? 0) + performance.now() - t0;
        }
      };
      return () => (proto[name] = original);
    };
    const restore = [wrap('append'), wrap('flush')];
    const scripted: Backend = {
      kind: 'wllama-wasm',
      load: async () => ({
        name: 'scripted',
        architecture: 'scripted',
        contextSize: 65536,
        trainedContextSize: 65536,
        chatTemplate: 'scripted',
        chatFormat: 'template',
        sizeBytes: 0,
      }),
      unload: async () => {},
      generate: async ({ onDelta }) => {
        for (const token of tokens) {
          await new Promise((resolve) => setTimeout(resolve, intervalMs));
          emitted++;
          onDelta(token);
        }
        return { finishReason: 'length', completionTokens: tokens.length };
      },
    };
    const engine = new Engine({ backends: { 'wllama-wasm': async () => scripted } });
    await engine.load('scripted.gguf', { contextSize: 65536 });
    const host = document.createElement('div');
    stage.append(host);
    const handle: ModelHandle = { engine, requestLoad: () => {}, load: async () => {} };
    new ContextProvider(host, { context: modelContext, initialValue: handle });
    host.innerHTML = `<llm-chat max-tokens="${count}"></llm-chat>`;
    const chat = host.querySelector('llm-chat') as LlmChat;
    await chat.updateComplete;
    let longTasks = 0;
    const observer = new PerformanceObserver((list) => (longTasks += list.getEntries().length));
    observer.observe({ type: 'longtask', buffered: false });
    // Also count frames that took over 50 ms of script, in case longtask entries are not reported.
    const detail = await chat.send('Write a long answer.');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    observer.disconnect();
    restore.forEach((undo) => undo());
    host.remove();
    return { busyPer100: busy, longTasks, tokens: detail?.stats.completionTokens ?? 0 };
  },

  /** A chat restored with `count` messages, then scrolled from top to bottom (long-conversation.ts). */
  longConversation: (args: Parameters<typeof longConversation>[1]) => longConversation(stage, args),

  /** Five chats under one <llm-model>, all sending at once: model-file requests and engines created. */
  async sharing({ url }: { url: string }) {
    const created: Engine[] = [];
    const Original = Engine.prototype.load;
    Engine.prototype.load = function (this: Engine, ...args: Parameters<typeof Original>) {
      if (!created.includes(this)) created.push(this);
      return Original.apply(this, args);
    };
    stage.innerHTML = `<llm-model src="${url}">${'<llm-chat temperature="0" max-tokens="16"></llm-chat>'.repeat(5)}</llm-model>`;
    const chats = [...stage.querySelectorAll('llm-chat')] as LlmChat[];
    await Promise.all(chats.map((chat) => chat.updateComplete));
    const answers = await Promise.all(chats.map((chat, i) => chat.send(`Once upon a time ${i}`)));
    Engine.prototype.load = Original;
    const handles = new Set(
      chats.map((chat) => (chat as unknown as { model: { handle?: ModelHandle } }).model.handle?.engine),
    );
    const counts = (await (
      await fetch(`/__test/requests?path=${encodeURIComponent(new URL(url).pathname)}`)
    ).json()) as { get: number };
    await (stage.querySelector('llm-model') as HTMLElementTagNameMap['llm-model']).unload();
    stage.innerHTML = '';
    return {
      modelRequests: counts.get,
      enginesLoaded: created.length,
      enginesShared: handles.size,
      answered: answers.filter((a) => a?.text).length,
    };
  },

  /** Decode and long-prompt speed for a given thread count (undefined: our automatic choice). */
  async threads({
    url,
    threads,
    runs,
    tokens,
    longPrompt,
  }: {
    url: string;
    threads?: number;
    runs: number;
    tokens: number;
    longPrompt: string;
  }) {
    const engine = new Engine();
    await engine.load(url, { threads });
    const chosen = engine.selection?.threads ?? 0;
    await engineRun(engine, 8);
    const decode: number[] = [];
    const prompt: number[] = [];
    for (let i = 0; i < runs; i++) {
      decode.push((await engineRun(engine, tokens)).llamaTps);
      // A different start each run, so llama.cpp's prompt cache cannot skip the work.
      const long = await engineRun(engine, 1, `${i}. ${longPrompt}`);
      prompt.push((long.promptTokens * 1000) / long.ttft);
    }
    await engine.unload();
    return { threads: chosen, decode, prompt };
  },

  /**
   * Prompt processing and decode speed of raw wllama with the given llama.cpp settings (threads,
   * batch sizes, flash attention, KV cache type): the sweep that shows what each setting buys.
   */
  async rawSpeed({
    url,
    params,
    prompt,
    tokens,
    runs,
  }: {
    url: string;
    params: LoadModelParams;
    prompt: string;
    tokens: number;
    runs: number;
  }) {
    const wllama = await loadRawWllama(url, { n_ctx: 4096, n_gpu_layers: 0, n_parallel: 1, ...params });
    try {
      return await measureSpeed((text, max) => rawRun(wllama, max, { prompt: text, ignoreEos: true }), {
        prompt,
        tokens,
        runs,
      });
    } finally {
      await wllama.exit();
    }
  },

  /**
   * Prompt processing and decode speed through our engine, with our automatic settings (or the
   * given thread count): prompt tokens over the time to the first token, and decode tokens/s.
   */
  async engineSpeed({
    url,
    threads,
    prompt,
    tokens,
    runs,
  }: {
    url: string;
    threads?: number;
    prompt: string;
    tokens: number;
    runs: number;
  }) {
    const engine = new Engine();
    await engine.load(url, { threads, contextSize: 4096 });
    try {
      const speed = await measureSpeed((text, max) => engineRun(engine, max, text), { prompt, tokens, runs });
      return {
        threads: engine.selection?.threads ?? 0,
        isolated: crossOriginIsolated,
        reason: engine.selection?.reason ?? '',
        ...speed,
      };
    } finally {
      await engine.unload();
    }
  },

  /**
   * A chat of `turns` turns through one engine, each user turn `userText` (≈ 130 tokens) with short
   * answers: time to first token and prompt tokens llama.cpp actually processed, per turn. With
   * `chats: 2` two conversations alternate on the same engine (A1 B1 A2 B2 …).
   */
  async multiTurn({
    url,
    turns,
    userText,
    answerTokens,
    chats,
  }: {
    url: string;
    turns: number;
    userText: string;
    answerTokens: number;
    chats: number;
  }) {
    const engine = new Engine();
    await engine.load(url, { contextSize: 8192 });
    try {
      await engineRun(engine, 4, 'warm up');
      const histories = Array.from({ length: chats }, (_, c): ChatMessage[] => [
        { role: 'system', content: `You are assistant number ${c + 1}. Answer briefly.` },
      ]);
      const perChat = histories.map(() => ({
        ttft: [] as number[],
        promptTokens: [] as number[],
        processed: [] as number[],
      }));
      for (let turn = 0; turn < turns; turn++) {
        for (const [c, history] of histories.entries()) {
          history.push({ role: 'user', content: `Question ${turn + 1} of chat ${c + 1}: ${userText}` });
          const start = performance.now();
          let first = 0;
          const generation = engine.chat(history, { temperature: 0, max_tokens: answerTokens });
          for await (const _delta of generation) first ||= performance.now();
          const result = await generation.result;
          history.push({ role: 'assistant', content: result.text || '…' });
          const stats = perChat[c];
          stats?.ttft.push((first || performance.now()) - start);
          stats?.promptTokens.push(result.promptTokens);
          // Tokens llama.cpp had to process: the prompt less what it reused from its cache.
          stats?.processed.push(result.promptTokens - (result.cachedPromptTokens ?? 0));
        }
      }
      return perChat;
    } finally {
      await engine.unload();
    }
  },

  /**
   * Load time of a model from the network (a fresh browser profile: nothing stored), then from the
   * model cache after an unload; answers once in between, so the peak memory includes a generation.
   */
  async loadTimes({ url }: { url: string }) {
    const engine = new Engine();
    let start = performance.now();
    await engine.load(url);
    const network = performance.now() - start;
    await engineRun(engine, 8);
    await engine.unload();
    let fromCache = false;
    engine.addEventListener('progress', (event) => (fromCache ||= event.progress.fromCache === true));
    start = performance.now();
    await engine.load(url);
    const cache = performance.now() - start;
    await engine.unload();
    return { network, cache, fromCache };
  },

  /** One greedy generation through our engine, for comparison with native llama.cpp. */
  async greedy({ url, tokens, threads }: { url: string; tokens: number; threads: number }) {
    const engine = new Engine();
    await engine.load(url, { threads });
    await engineRun(engine, 4);
    const run = await engineRun(engine, tokens);
    await engine.unload();
    return run;
  },
};

window.bench = bench;
