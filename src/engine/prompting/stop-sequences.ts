/**
 * Finds stop strings in a stream of text deltas. Text that might be the start of a stop string is
 * held back until the next delta decides it, so a stop string never reaches the reader, even split
 * across deltas. Backends may also stop natively; this makes the behaviour the same for all of them.
 */
export class StopSequenceMatcher {
  private readonly stops: readonly string[];
  private held = '';

  constructor(stops: readonly string[] = []) {
    this.stops = stops.filter((stop) => stop.length > 0);
  }

  /** Feeds a delta; returns the text safe to emit and whether a stop string was reached. */
  push(delta: string): { text: string; stopped: boolean } {
    if (this.stops.length === 0) return { text: delta, stopped: false };
    const pending = this.held + delta;
    let cut = -1;
    for (const stop of this.stops) {
      const at = pending.indexOf(stop);
      if (at !== -1 && (cut === -1 || at < cut)) cut = at;
    }
    if (cut !== -1) {
      this.held = '';
      return { text: pending.slice(0, cut), stopped: true };
    }
    const keep = this.partialStopLength(pending);
    this.held = pending.slice(pending.length - keep);
    return { text: pending.slice(0, pending.length - keep), stopped: false };
  }

  /** The held-back text, once the stream has ended without a stop. */
  flush(): string {
    const text = this.held;
    this.held = '';
    return text;
  }

  /** Length of the longest end of `text` that is a proper start of some stop string. */
  private partialStopLength(text: string): number {
    let longest = 0;
    for (const stop of this.stops) {
      for (let length = Math.min(stop.length - 1, text.length); length > longest; length--) {
        if (text.endsWith(stop.slice(0, length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }
}
