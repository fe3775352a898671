// How many cores' worth of CPU the page really gets right now, measured before llama.cpp loads.
//
// Why: llama.cpp's wasm threads spin-wait for each other at a barrier after every operation. When
// another program keeps a core busy, one of our threads is descheduled now and then while the others
// spin, burning the CPU it needs: on a 2-core machine with one core busy, 2 threads decode at about
// half the speed of 1 thread. wllama cannot change its thread count once the model is loaded, so
// `chooseThreads()` decides at load time from this measurement (`Capabilities.freeCores`). The engine's
// loader runs it only for WebAssembly with automatic threads, once per engine (core/model-loader.ts).
//
// How: `cores` dedicated workers, started from one inline blob: script (the library ships as a
// bundle, so no extra file), all spin at once on a fixed integer loop for a short window, reading the
// clock after every small chunk (a few microseconds of work). A gap between two readings longer than
// any chunk can take means the worker was descheduled meanwhile, so each worker knows which part of
// the window it ran; the sum over the workers is how many cores' worth of CPU the page got. Idle
// 2-core machine: about 2 (1.5–2.0 measured in Chromium and Firefox, lower in the first half second
// of a browser just started). One of 2 cores kept busy by another process: our 2 workers and that
// process share 2 cores, 1.3 at most (0.5–1.3 measured).
//
// Why not throughput (chunks done with all workers over chunks done by one alone): on a machine
// whose load comes and goes the solo window is as noisy as the parallel one, and their ratio was
// anywhere from 0.6 to 5 here under a load of 6 on 2 cores; single-core turbo and hyper-threads also
// lower it on an idle device, where the thread rule is already right. A worker's share of its own
// window needs no second window to compare with.
import { allowOwnBlobWorkers } from './page-policy.js';

export interface MeasureFreeCoresOptions {
  /** How long the workers spin together, in ms. Default 80. */
  windowMs?: number;
  /** Stops the probe early; it then resolves to undefined. */
  signal?: AbortSignal;
}

const DEFAULT_WINDOW_MS = 80;
/** Time for the workers to start, warm up and answer, on top of the window, before the probe gives up. */
const START_ALLOWANCE_MS = 220;
/** Each worker's warm-up before it says it is ready, so the JIT has compiled the loop. */
const WARM_UP_MS = 5;
/**
 * A gap between two clock readings longer than this (ms) is time the worker did not run. A chunk
 * takes about 2 µs here (Chromium and Firefox), so a device 10 times slower still stays far below;
 * schedulers hand out slices of a millisecond and more; isolated pages get a clock coarsened to
 * 5 µs (Chromium) or 20 µs (Firefox).
 */
const GAP_MS = 0.1;

// A message {ms} runs the loop for ms and answers with the share of that time the worker ran (0–1).
// Each chunk is 1024 multiply-adds on a register: no memory traffic, no allocation (so no GC pause),
// and `sink` keeps the engine from dropping the loop.
const WORKER_SOURCE = `let sink = 1;
const work = (ms) => {
  const start = performance.now();
  let last = start;
  let ran = 0;
  let x = sink;
  while (last - start < ms) {
    for (let i = 0; i < 1024; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
    const now = performance.now();
    if (now - last < ${GAP_MS}) ran += now - last;
    last = now;
  }
  sink = x | 1;
  return ran / (last - start);
};
onmessage = (event) => postMessage(work(event.data.ms));
work(${WARM_UP_MS});
postMessage(-1);
`;

/**
 * Measures how many cores' worth of CPU this page gets now, with `cores` workers spinning together
 * for `windowMs` (see the top of this file). Takes the workers' start plus `windowMs`, and never more
 * than `windowMs` + 220 ms (300 ms by default). Resolves to undefined, never rejects, when it cannot
 * tell: no `Worker`, a Content Security Policy that forbids blob: workers, the time limit, an abort.
 * Its workers are always ended and its blob: URL revoked.
 */
export async function measureFreeCores(
  cores: number,
  options: MeasureFreeCoresOptions = {},
): Promise<number | undefined> {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const { signal } = options;
  if (!(cores >= 1) || !(windowMs > 0) || signal?.aborted || typeof Worker !== 'function') return undefined;
  // Under Trusted Types our workers start through the library's policy, as wllama's do.
  const release = allowOwnBlobWorkers();
  const workers: Worker[] = [];
  let url: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    // Rejects on the time limit or an abort; every wait races it.
    const stopped = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), START_ALLOWANCE_MS + windowMs);
      onAbort = () => reject(new Error('aborted'));
      signal?.addEventListener('abort', onAbort);
    });
    stopped.catch(() => {});
    /** The next answer of every worker, or a rejection when one fails to start or throws. */
    const answers = () =>
      Promise.race([
        Promise.all(
          workers.map(
            (worker) =>
              new Promise<number>((resolve, reject) => {
                worker.onmessage = (event: MessageEvent<number>) => resolve(event.data);
                worker.onerror = (event) => {
                  event.preventDefault();
                  reject(new Error(event.message || 'the probe worker failed'));
                };
              }),
          ),
        ),
        stopped,
      ]);
    url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
    for (let i = 0; i < cores; i++) workers.push(new Worker(url, { name: 'llm-elements cpu probe' }));
    await answers(); // all started and warmed up
    const shares = answers();
    for (const worker of workers) worker.postMessage({ ms: windowMs });
    const free = (await shares).reduce((sum, share) => sum + share, 0);
    return Number.isFinite(free) && free > 0 ? free : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    for (const worker of workers) worker.terminate();
    if (url) URL.revokeObjectURL(url);
    release();
  }
}

/** Probe workers at most: `chooseThreads()` never picks more than 8 threads. */
const MAX_PROBED_CORES = 8;

/**
 * The CPU probe, with a second look when the first finds fewer cores free than it probed (by half a
 * core or more): the higher reading counts. A burst of work that is over in a moment (the page itself
 * starting, another tab's script) should not cost llama.cpp a thread for as long as the model stays
 * loaded, while a program that keeps a core busy reads low both times. An idle device reads about
 * its count and is probed once. Resolves to undefined when the probe cannot tell.
 */
export async function probeFreeCores(hardwareConcurrency: number): Promise<number | undefined> {
  const cores = Math.min(hardwareConcurrency, MAX_PROBED_CORES);
  const first = await measureFreeCores(cores);
  if (first === undefined || first > cores - 0.5) return first;
  const second = await measureFreeCores(cores);
  return Math.max(first, second ?? 0);
}
