// The engine's view of its load's progress: what it reports before the meter (load-progress.ts,
// loaded with the first model) is there, and each report of the load under way, announced.
import type { LoadProgressMeter } from './load-progress.js';
import type { LoadProgress } from './types.js';

type StartPhase = 'downloading' | 'reading-cache';

/** A load's progress before anything is known (the meter's first reading, without loading it). */
function startingProgress(phase: StartPhase): LoadProgress {
  return {
    loaded: 0,
    total: 0,
    fraction: 0,
    phase,
    bytesPerSecond: null,
    secondsLeft: null,
    model: { loaded: 0, total: 0 },
    ...(phase === 'reading-cache' ? { fromCache: true } : {}),
  };
}

export class LoadProgressState {
  /** The progress of the current (or last) load. */
  progress: LoadProgress = startingProgress('downloading');
  #meter: LoadProgressMeter | null = null;
  #Meter: typeof LoadProgressMeter | null = null;
  readonly #announce: (progress: LoadProgress) => void;

  constructor(announce: (progress: LoadProgress) => void) {
    this.#announce = announce;
  }

  /** A new load starts: `stored` guesses its phase until the store answers (`measure()`). */
  begin(stored: boolean): void {
    this.#meter = null;
    this.progress = startingProgress(stored ? 'reading-cache' : 'downloading');
  }

  /** Loads the meter and starts it in the phase the store's answer gives; nothing once `signal` aborted. */
  async measure(stored: Promise<{ cached: boolean }>, signal: AbortSignal): Promise<void> {
    const { LoadProgressMeter: Meter, startPhase } = await import('./load-progress.js');
    this.#Meter = Meter;
    const start = await startPhase(stored);
    if (!signal.aborted) this.restart(start);
  }

  /** Starts the progress over (a fallback fetches other files), in the phase it was in, and announces it. */
  restart(phase: StartPhase = this.progress.fromCache ? 'reading-cache' : 'downloading'): void {
    if (!this.#Meter) return;
    this.#meter = new this.#Meter(phase);
    this.progress = this.#meter.progress;
    this.#announce(this.progress);
  }

  /** Applies a report to the load's progress and announces it. */
  update(apply: (meter: LoadProgressMeter) => void): void {
    const meter = this.#meter;
    if (!meter) return;
    apply(meter);
    this.progress = meter.progress;
    this.#announce(this.progress);
  }
}
