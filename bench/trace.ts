// Where time to first token goes: one request traced from the send to the first token shown, through
// <llm-chat>, through the Engine alone, and through raw wllama with the very same request, in one page.
// Stamps come from wrapping prototype methods here, in the bench: nothing in src/ knows it is traced.
import { Wllama, type LoadModelParams } from '@wllama/wllama';
import '../src/index.js';
import type { LlmChat } from '../src/index.js';
import { Engine } from '../src/engine/index.js';
import { Generation } from '../src/engine/core/generation.js';
import { WllamaBackend } from '../src/engine/backends/wllama.js';
import { loadMarkdownRenderer } from '../src/render/streaming-markdown.js';
import { loadRawWllama } from './raw-wllama.js';

const SYSTEM = 'You are a helpful assistant.';
const PROMPT = 'Once upon a time';

/** The paths traced: <llm-chat>.send(), Engine.chat() on the chat's own engine, raw wllama on its own instance and on the chat's. */
export type TracePath = 'chat' | 'engine' | 'raw' | 'rawSame';

/** Every stamp a run can get, in the order a request passes them. */
export const STAMPS = [
  'start',
  'engineChat',
  'generate',
  'wllamaCall',
  'completionPosted',
  'completionReply',
  'firstGetResultPosted',
  'firstChunk',
  'push',
  'token',
  'visible',
] as const;
export type StampName = (typeof STAMPS)[number];

/** One round trip to wllama's worker (the worker does nothing between two of them). */
interface Round {
  name: string;
  post: number;
  reply: number;
}

interface TraceRun {
  path: TracePath;
  stamps: Partial<Record<StampName, number>>;
  rounds: Round[];
  /** Main-thread time in Lit updates of <llm-chat> and <llm-model> between the start and the first token. */
  litMs: number;
  /** How many of those updates there were. */
  litUpdates: number;
  promptTokens?: number;
  promptEvaluated?: number;
  text: string;
  chunked: boolean;
}

/** A stage: the time from one stamp to the next, per run (ms). */
export interface TraceStage {
  path: TracePath;
  from: StampName;
  to: StampName;
  values: number[];
  median: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? ((s[Math.floor((s.length - 1) / 2)] ?? 0) + (s[Math.ceil((s.length - 1) / 2)] ?? 0)) / 2 : NaN;
};

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Chunk = {
  choices?: Array<{ text?: string; delta?: { content?: string | null } }>;
  usage?: { prompt_tokens?: number };
  timings?: { prompt_n?: number };
};
type CompletionOptions = Record<string, unknown> & { onData?: (chunk: Chunk) => void };
type Proxy = { wllamaAction: (name: string, body: unknown) => Promise<unknown> };

/** The run being traced (paths run one after another, never at once). */
let current: TraceRun | null = null;
/** Whether the current run has seen its first token from wllama (round trips are counted until then). */
let seenChunk = false;

function mark(name: StampName): void {
  if (current && current.stamps[name] === undefined) current.stamps[name] = performance.now();
}

/** Wraps `proto[name]`; returns the undo. */
function wrap(proto: object, name: string, make: (original: Method) => Method): () => void {
  const target = proto as Record<string, Method>;
  const original = target[name];
  if (typeof original !== 'function') throw new Error(`no ${name}() to trace`);
  const own = Object.hasOwn(target, name);
  target[name] = make(original);
  return () => {
    if (own) target[name] = original;
    else Reflect.deleteProperty(target, name);
  };
}

const traced = new WeakSet<object>();

/** Stamps each round trip of one wllama instance's worker proxy (its private `proxy`). */
function traceProxy(wllama: Wllama): void {
  const proxy = (wllama as unknown as { proxy?: Proxy }).proxy;
  if (!proxy || traced.has(proxy)) return;
  traced.add(proxy);
  const original = proxy.wllamaAction;
  proxy.wllamaAction = function (this: Proxy, name: string, body: unknown) {
    const run = current;
    const round: Round = { name, post: performance.now(), reply: 0 };
    const promise = original.call(this, name, body);
    if (run && !seenChunk) {
      run.rounds.push(round);
      if (name === 'completion') mark('completionPosted');
      if (name === 'get_result') mark('firstGetResultPosted');
      // Registered before wllama's own continuation, so this runs first.
      void promise.then(
        () => {
          round.reply = performance.now();
          if (name === 'completion' && current === run) mark('completionReply');
        },
        () => {},
      );
    }
    return promise;
  };
}

/** The options with onData stamping the first chunk with text, and reading prompt sizes from the last. */
function tracedOptions(options: CompletionOptions): CompletionOptions {
  const run = current;
  const onData = options.onData;
  if (!run || !onData) return options;
  return {
    ...options,
    onData(chunk: Chunk) {
      const choice = chunk.choices?.[0];
      if (choice?.text || choice?.delta?.content) {
        if (!seenChunk) run.stamps.firstChunk = performance.now();
        seenChunk = true;
      }
      run.promptTokens = chunk.usage?.prompt_tokens ?? run.promptTokens;
      run.promptEvaluated = chunk.timings?.prompt_n ?? run.promptEvaluated;
      onData.call(this, chunk);
    },
  };
}

/** What our backend last handed wllama: replayed by the raw paths, so the request is the same. */
let lastRequest: { method: 'createCompletion' | 'createChatCompletion'; options: CompletionOptions } | null = null;
let loadParams: LoadModelParams | null = null;

/** Forgets the last trace's load and request (a function: an assignment here would narrow their types in the caller). */
function forget(): void {
  loadParams = null;
  lastRequest = null;
}

/** A wrapper that marks `name` on each call (those `when` accepts), then calls the original. */
function marking(name: StampName, when: (args: unknown[]) => boolean = () => true): (original: Method) => Method {
  return (original) =>
    function (this: unknown, ...args: unknown[]) {
      if (when(args)) mark(name);
      return original.apply(this, args);
    };
}

function installTracing(): () => void {
  const undo: Array<() => void> = [];
  undo.push(
    wrap(Engine.prototype, 'chat', marking('engineChat')),
    wrap(WllamaBackend.prototype, 'generate', marking('generate')),
    wrap(
      Generation.prototype,
      'push',
      marking('push', (args) => Boolean(args[0])),
    ),
    wrap(
      Wllama.prototype,
      'loadModel',
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          loadParams ??= { ...(args[1] as LoadModelParams) };
          return original.apply(this, args);
        },
    ),
  );
  for (const method of ['createCompletion', 'createChatCompletion'] as const) {
    undo.push(
      wrap(
        Wllama.prototype,
        method,
        (original) =>
          function (this: unknown, ...args: unknown[]) {
            const options = args[0] as CompletionOptions;
            if (current?.path === 'chat' || current?.path === 'engine') lastRequest = { method, options };
            mark('wllamaCall');
            traceProxy(this as Wllama);
            return original.call(this, tracedOptions(options));
          },
      ),
    );
  }
  // Lit updates in the critical path: every update of the chat and the model while a run waits for its first token.
  for (const tag of ['llm-chat', 'llm-model']) {
    const element = customElements.get(tag);
    if (!element) continue;
    undo.push(
      wrap(
        element.prototype,
        'performUpdate',
        (original) =>
          function (this: unknown, ...args: unknown[]) {
            const run = current;
            const t0 = performance.now();
            try {
              return original.apply(this, args);
            } finally {
              if (run && !seenChunk) {
                run.litMs += performance.now() - t0;
                run.litUpdates++;
              }
            }
          },
      ),
    );
  }
  return () => undo.reverse().forEach((fn) => fn());
}

function begin(path: TracePath): TraceRun {
  current = { path, stamps: {}, rounds: [], litMs: 0, litUpdates: 0, text: '', chunked: false };
  seenChunk = false;
  current.stamps.start = performance.now();
  return current;
}

function end(run: TraceRun): TraceRun {
  if (current === run) current = null;
  run.chunked = seenChunk;
  return run;
}

/** Quiet page: the last update rendered and a frame painted, as when a person clicks Send. */
async function idle(): Promise<void> {
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => setTimeout(resolve));
}

async function rawRun(wllama: Wllama, path: 'raw' | 'rawSame'): Promise<TraceRun> {
  if (!lastRequest) throw new Error('no request of ours to replay yet');
  const { method, options } = lastRequest;
  const { onData: _onData, abortSignal: _signal, ...request } = options;
  let text = '';
  const run = begin(path);
  const onData = (chunk: Chunk) => {
    const choice = chunk.choices?.[0];
    const delta = choice?.text ?? choice?.delta?.content ?? '';
    if (delta) text += delta;
  };
  await (wllama[method] as unknown as (options: CompletionOptions) => Promise<unknown>).call(wllama, {
    ...request,
    onData,
  });
  run.text = text;
  return end(run);
}

async function engineRun(
  engine: Engine,
  messages: Array<{ role: 'system' | 'user'; content: string }>,
  tokens: number,
) {
  const run = begin('engine');
  const generation = engine.chat(messages, { temperature: 0, max_tokens: tokens, fit: 'drop-oldest' });
  for await (const _delta of generation) mark('token');
  run.text = (await generation.result).text;
  return end(run);
}

async function chatRun(chat: LlmChat): Promise<TraceRun> {
  const root = chat.shadowRoot as ShadowRoot;
  const run = begin('chat');
  const observer = new MutationObserver(() => {
    const answer = root.querySelector('.message.assistant .content');
    if (answer?.textContent?.trim()) {
      mark('visible');
      observer.disconnect();
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  const onToken = () => mark('token');
  chat.addEventListener('llm-token', onToken);
  try {
    run.stamps.start = performance.now();
    const detail = await chat.send(PROMPT);
    run.text = detail?.text ?? '';
    // The last text renders on the next frame at the latest.
    await idle();
  } finally {
    observer.disconnect();
    chat.removeEventListener('llm-token', onToken);
  }
  return end(run);
}

/** The stamps each path gets, in order (a stage is the time between two neighbours). */
const PATH_STAMPS: Record<TracePath, StampName[]> = {
  chat: [...STAMPS],
  engine: STAMPS.filter((s) => s !== 'visible'),
  raw: ['start', 'completionPosted', 'completionReply', 'firstGetResultPosted', 'firstChunk'],
  rawSame: ['start', 'completionPosted', 'completionReply', 'firstGetResultPosted', 'firstChunk'],
};

function stagesOf(path: TracePath, runs: TraceRun[]): TraceStage[] {
  const names = PATH_STAMPS[path];
  const stages: TraceStage[] = [];
  for (let i = 1; i < names.length; i++) {
    const from = names[i - 1] as StampName;
    const to = names[i] as StampName;
    const values = runs
      .map((run) => (run.stamps[to] ?? NaN) - (run.stamps[from] ?? NaN))
      .filter((value) => Number.isFinite(value));
    stages.push({ path, from, to, values, median: median(values) });
  }
  return stages;
}

/** The time to first token of a run: first `llm-token` (chat), first delta (engine), first chunk (raw). */
function ttftOf(run: TraceRun): number {
  const first = run.path === 'chat' || run.path === 'engine' ? run.stamps.token : run.stamps.firstChunk;
  return (first ?? NaN) - (run.stamps.start ?? NaN);
}

export async function traceFirstToken({
  url,
  runs,
  threads,
  tokens = 16,
}: {
  url: string;
  runs: number;
  threads: number;
  tokens?: number;
}) {
  const stage = document.getElementById('stage') as HTMLElement;
  const uninstall = installTracing();
  forget();
  let raw: Wllama | null = null;
  try {
    await loadMarkdownRenderer();
    stage.innerHTML = `<llm-model src="${url}" threads="${threads}"><llm-chat temperature="0" max-tokens="${tokens}"></llm-chat></llm-model>`;
    const model = stage.querySelector('llm-model') as HTMLElementTagNameMap['llm-model'];
    const chat = stage.querySelector('llm-chat') as LlmChat;
    chat.system = SYSTEM;
    await model.load();
    const engine = model.engine;
    const own = (engine as unknown as { backend?: { wllama?: Wllama } }).backend?.wllama;
    if (!own) throw new Error('the chat’s engine has no wllama instance');
    // Raw wllama loaded as every raw measurement is, with the parameters our backend passed llama.cpp.
    raw = await loadRawWllama(url, { ...loadParams });
    const messages = [
      { role: 'system' as const, content: SYSTEM },
      { role: 'user' as const, content: PROMPT },
    ];
    const rawWllama = raw;
    const paths: Record<TracePath, () => Promise<TraceRun>> = {
      chat: async () => {
        chat.clear();
        await chat.updateComplete;
        await idle();
        return chatRun(chat);
      },
      engine: () => engineRun(engine, messages, tokens),
      raw: () => rawRun(rawWllama, 'raw'),
      rawSame: () => rawRun(own, 'rawSame'),
    };
    const order: TracePath[] = ['chat', 'engine', 'raw', 'rawSame'];
    // Warm-up, chat first: it records the request the raw paths replay.
    for (const path of order) {
      await idle();
      await paths[path]();
    }
    // A balanced Latin square, as in bench.ts: each path follows each other path equally often.
    const squares = [
      [0, 1, 3, 2],
      [1, 2, 0, 3],
      [2, 3, 1, 0],
      [3, 0, 2, 1],
    ];
    const results: TraceRun[] = [];
    for (let i = 0; i < runs; i++) {
      for (const index of squares[i % squares.length] ?? []) {
        await idle();
        results.push(await paths[order[index] as TracePath]());
      }
    }
    const byPath = (path: TracePath) => results.filter((run) => run.path === path);
    const ttft = Object.fromEntries(order.map((path) => [path, byPath(path).map(ttftOf)])) as Record<
      TracePath,
      number[]
    >;
    const summary = (path: TracePath) => {
      const list = byPath(path);
      return {
        ttft: ttft[path],
        ttftMedian: median(ttft[path]),
        rounds: median(list.map((run) => run.rounds.length)),
        /** Main-thread time between a reply of the worker and the next request to it, summed, until the first token. */
        mainGapMs: median(
          list.map((run) =>
            run.rounds.slice(1).reduce((sum, round, i) => sum + round.post - (run.rounds[i]?.reply ?? round.post), 0),
          ),
        ),
        litMs: median(list.map((run) => run.litMs)),
        litUpdates: median(list.map((run) => run.litUpdates)),
        /** From the start to the first result poll: main-thread time before llama.cpp can work on the prompt. */
        toFirstPollMs: median(list.map((run) => (run.stamps.firstGetResultPosted ?? NaN) - (run.stamps.start ?? NaN))),
        /** From the first chunk wllama hands over to the first token the caller sees. */
        afterChunkMs: median(
          list.map((run) => (run.stamps.token ?? run.stamps.firstChunk ?? NaN) - (run.stamps.firstChunk ?? NaN)),
        ),
        promptTokens: [...new Set(list.map((run) => run.promptTokens))],
        promptEvaluated: [...new Set(list.map((run) => run.promptEvaluated))],
        texts: [...new Set(list.map((run) => run.text))],
      };
    };
    return {
      url,
      threads,
      tokens,
      request: lastRequest && {
        method: lastRequest.method,
        options: Object.fromEntries(
          Object.entries(lastRequest.options).filter(
            ([name, value]) => typeof value !== 'function' && value !== undefined && name !== 'abortSignal',
          ),
        ),
      },
      loadParams,
      stages: order.flatMap((path) => stagesOf(path, byPath(path))),
      paths: Object.fromEntries(order.map((path) => [path, summary(path)])) as Record<
        TracePath,
        ReturnType<typeof summary>
      >,
      /** Every run's stamps relative to its start, and its round trips, for a closer look. */
      runs: results.map((run) => ({
        path: run.path,
        stamps: Object.fromEntries(
          Object.entries(run.stamps).map(([name, at]) => [name, +(at - (run.stamps.start ?? 0)).toFixed(2)]),
        ),
        rounds: run.rounds.map((round) => [
          round.name,
          +(round.post - (run.stamps.start ?? 0)).toFixed(2),
          +(round.reply - (run.stamps.start ?? 0)).toFixed(2),
        ]),
        litMs: +run.litMs.toFixed(2),
        litUpdates: run.litUpdates,
      })),
    };
  } finally {
    current = null;
    uninstall();
    await raw?.exit();
    await (stage.querySelector('llm-model') as HTMLElementTagNameMap['llm-model'] | null)?.unload();
    stage.innerHTML = '';
  }
}
