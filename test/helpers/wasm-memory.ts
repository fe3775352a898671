import { Engine, type MemoryEstimate } from '../../src/engine/index.js';

// Measures the WebAssembly memory of llama.cpp in wllama's worker: what a model really takes of the
// 4 GiB a wasm memory can grow to. wllama starts its worker from a blob module; while installed, this
// starts a small module of ours in its place that records every `WebAssembly.Memory` the worker
// creates, then imports wllama's module unchanged. A wasm memory only grows, so its size after a load
// and a generation is the peak.

const CHANNEL = 'llm-elements-test/wasm-memory';

const WRAPPER = (target: string, id: string) => `
const memories = [];
const Original = WebAssembly.Memory;
WebAssembly.Memory = new Proxy(Original, {
  construct(Target, args) {
    const memory = new Target(...args);
    memories.push(memory);
    return memory;
  },
});
// The heap's top each time the memory grew: emscripten asks its import emscripten_resize_heap for
// the exact size it needs, then grows the memory by more (20%, at most 96 MB) to grow less often.
let requested = 0;
const requests = [];
const tracked = new WeakSet();
const track = (imports) => {
  for (const module of Object.values(imports ?? {})) {
    if (!module || tracked.has(module) || typeof module.emscripten_resize_heap !== 'function') continue;
    tracked.add(module);
    const resize = module.emscripten_resize_heap;
    module.emscripten_resize_heap = (size) => {
      requested = Math.max(requested, Number(size));
      requests.push(Number(size));
      return resize(size);
    };
  }
};
for (const name of ['instantiate', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  WebAssembly[name] = (source, imports, ...rest) => {
    track(imports);
    return original.call(WebAssembly, source, imports, ...rest);
  };
}
const channel = new BroadcastChannel(${JSON.stringify(CHANNEL)});
channel.onmessage = (event) => {
  if (event.data?.ask) {
    channel.postMessage({ id: ${JSON.stringify(id)}, sizes: memories.map((m) => m.buffer.byteLength), requested, requests });
  }
};
// Messages that arrive before wllama's module has set onmessage wait here.
const early = [];
const hold = (event) => early.push(event);
addEventListener('message', hold);
await import(${JSON.stringify(target)});
removeEventListener('message', hold);
for (const event of early) self.onmessage?.(event);
`;

/** How many tracked workers were started on this page, and the ids of those not terminated. */
let started = 0;
const live = new Set<string>();

/**
 * While installed, every module worker started from a blob (as wllama starts its worker) reports its
 * wasm memories. Returns a function that uninstalls it.
 */
export function trackWasmMemory(): () => void {
  const Original = globalThis.Worker;
  class TrackedWorker extends Original {
    private readonly trackedId?: string;

    constructor(url: string | URL, options?: WorkerOptions) {
      const href = String(url);
      const id = href.startsWith('blob:') && options?.type === 'module' ? `worker-${++started}` : undefined;
      if (id) {
        const wrapper = new Blob([WRAPPER(href, id)], { type: 'text/javascript' });
        super(URL.createObjectURL(wrapper), options);
        live.add(id);
      } else {
        super(url, options);
      }
      this.trackedId = id;
    }

    override terminate(): void {
      if (this.trackedId) live.delete(this.trackedId);
      super.terminate();
    }
  }
  globalThis.Worker = TrackedWorker;
  return () => {
    globalThis.Worker = Original;
  };
}

export interface WasmMemoryReport {
  /** The size of the largest wasm memory of the tracked workers alive (bytes): what the page holds. */
  memoryBytes: number;
  /** The largest heap top emscripten asked to grow to (bytes): what llama.cpp needed at its peak. */
  heapBytes: number;
  /** Every size emscripten asked to grow to, in order. */
  requests: number[];
}

/**
 * The wasm memory of the tracked workers alive (see `trackWasmMemory()`), once each of them has
 * answered; rejects after `ms` naming those that did not (each answers as soon as it reads the
 * question: its module started long before, when it loaded the model).
 */
export async function wasmMemory(ms = 10_000): Promise<WasmMemoryReport> {
  const channel = new BroadcastChannel(CHANNEL);
  const report: WasmMemoryReport = { memoryBytes: 0, heapBytes: 0, requests: [] };
  const silent = new Set(live);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      channel.onmessage = (
        event: MessageEvent<{ id?: string; sizes?: number[]; requested?: number; requests?: number[] }>,
      ) => {
        if (!event.data.id || !silent.delete(event.data.id)) return;
        report.requests.push(...(event.data.requests ?? []));
        report.memoryBytes = Math.max(report.memoryBytes, ...(event.data.sizes ?? []));
        report.heapBytes = Math.max(report.heapBytes, event.data.requested ?? 0);
        if (silent.size === 0) resolve();
      };
      timer = setTimeout(
        () => reject(new Error(`no wasm memory report from ${[...silent].join(', ')} within ${ms / 1000} s`)),
        ms,
      );
      if (silent.size === 0) resolve();
      else channel.postMessage({ ask: true });
    });
  } finally {
    clearTimeout(timer);
    channel.close();
  }
  return report;
}

/**
 * Loads a model with the engine while its wasm memory is tracked, generates a few tokens (a wasm memory
 * only grows: this is the peak of a load and a short answer), and returns the engine's estimate next to
 * what was measured.
 */
export async function measureModel(
  url: string,
  contextSize: number,
): Promise<{ estimate: MemoryEstimate; measured: WasmMemoryReport; fileBytes: number }> {
  const untrack = trackWasmMemory();
  const engine = new Engine();
  try {
    const info = await engine.load(url, { contextSize });
    await engine.complete('Once upon a time', { temperature: 0, max_tokens: 8 }).result;
    if (!info.memory) throw new Error(`no estimate for ${url}`);
    return { estimate: info.memory, measured: await wasmMemory(), fileBytes: info.sizeBytes };
  } finally {
    await engine.unload();
    untrack();
  }
}
