// One load's progress over every byte it fetches (the engine's files and the model's), its phase,
// and the download's smoothed speed and time left. The engine feeds it what the backend reports.
import type { LoadPhase, LoadProgress } from './types.js';

/** Bytes fill the fraction up to here; the rest is the engine starting, and 1 is ready. */
const BYTES_SHARE = 0.99;
/** Speed is measured over windows at least this long (shorter bursts say little). */
const WINDOW_MS = 500;
/** How fast older windows fade from the speed: after this long a window counts 1/e as much. */
const SMOOTHING_MS = 3000;

/** How long a load asks the store whether the model is there before its first progress event. */
const STORE_LOOK_MS = 2000;

/**
 * Whether a load reads the model from this device, from the store's answer (`stored`), asked before
 * the first progress event so a stored model never starts as a download. A store slow to answer
 * (over `STORE_LOOK_MS`) or failing counts as no.
 */
export async function startPhase(stored: Promise<{ cached: boolean }>): Promise<'downloading' | 'reading-cache'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), STORE_LOOK_MS)));
  const state = await Promise.race([stored.catch(() => null), late]);
  clearTimeout(timer);
  return state?.cached ? 'reading-cache' : 'downloading';
}

interface Part {
  loaded: number;
  /** 0 while unknown. */
  total: number;
}

export class LoadProgressMeter {
  #phase: LoadPhase;
  #fraction = 0;
  #model: Part = { loaded: 0, total: 0 };
  /** The model's bytes that were in before this load downloaded any (stored parts): not download speed. */
  #modelBase: number | null = null;
  #engine: Part = { loaded: 0, total: 0 };
  #fromCache: boolean | undefined;
  #speed: number | null = null;
  #window: { at: number; bytes: number } | null = null;
  readonly #now: () => number;

  /** `phase`: what the load starts as (`reading-cache` when the model is stored on this device). */
  constructor(phase: 'downloading' | 'reading-cache', now: () => number = () => performance.now()) {
    this.#phase = phase;
    this.#now = now;
    if (phase === 'reading-cache') this.#fromCache = true;
  }

  /** The model's files: bytes so far, in all (0: unknown), and whether they all come from the store. */
  model(loaded: number, total: number, fromCache = false): void {
    this.#modelBase ??= loaded;
    this.#model = { loaded, total };
    this.#fromCache = fromCache;
    if (!this.#started()) this.#phase = fromCache ? 'reading-cache' : 'downloading';
    this.#measure();
  }

  /** The engine's own files (wllama.wasm …): bytes so far, in all (0 until every size is known). */
  engineFiles(loaded: number, total: number): void {
    this.#engine = { loaded, total };
    this.#measure();
  }

  /** Every byte is in: the engine compiles and reads the model. */
  starting(): void {
    this.#phase = 'starting';
    this.#speed = null;
  }

  /** The model is loaded: `sizeBytes` is its files' size. */
  ready(sizeBytes: number): void {
    this.#model = { loaded: sizeBytes, total: sizeBytes };
    if (this.#engine.total === 0) this.#engine = { loaded: 0, total: 0 };
    this.#phase = 'ready';
    this.#speed = null;
    this.#fraction = 1;
  }

  get progress(): LoadProgress {
    const engineKnown = this.#engine.total > 0;
    const loaded = this.#model.loaded + (engineKnown ? this.#engine.loaded : 0);
    // Until the model's size is known the whole is not: a fraction then would have to go back.
    const total = this.#model.total > 0 ? this.#model.total + (engineKnown ? this.#engine.total : 0) : 0;
    if (this.#phase !== 'ready' && total > 0) {
      this.#fraction = Math.max(this.#fraction, Math.min(loaded / total, 1) * BYTES_SHARE);
    }
    const downloading = this.#phase === 'downloading' || this.#phase === 'reading-cache';
    const speed = downloading ? this.#speed : null;
    let secondsLeft: number | null = null;
    if (downloading && total > 0) {
      const left = Math.max(total - loaded, 0);
      if (left === 0) secondsLeft = 0;
      else if (speed) secondsLeft = Math.round((left / speed) * 10) / 10;
    }
    return {
      loaded,
      total,
      fraction: this.#fraction,
      phase: this.#phase,
      bytesPerSecond: speed === null ? null : Math.round(speed),
      secondsLeft,
      model: { ...this.#model },
      ...(this.#fromCache === undefined ? {} : { fromCache: this.#fromCache }),
    };
  }

  #started(): boolean {
    return this.#phase === 'starting' || this.#phase === 'ready';
  }

  /** Bytes that came over the network in this load: the engine's files, and the model's unless stored. */
  #downloaded(): number {
    const model = this.#fromCache ? 0 : this.#model.loaded - (this.#modelBase ?? 0);
    return this.#engine.loaded + Math.max(model, 0);
  }

  /** Folds the bytes since the last window into the speed, once a window is long enough. */
  #measure(): void {
    const at = this.#now();
    const bytes = this.#downloaded();
    if (!this.#window) {
      this.#window = { at, bytes };
      return;
    }
    const elapsed = at - this.#window.at;
    if (elapsed < WINDOW_MS) return;
    const rate = (Math.max(bytes - this.#window.bytes, 0) * 1000) / elapsed;
    const weight = 1 - Math.exp(-elapsed / SMOOTHING_MS);
    this.#speed = this.#speed === null ? rate : this.#speed + weight * (rate - this.#speed);
    this.#window = { at, bytes };
  }
}
