import type { FinishReason, GenerationResult } from './types.js';

/** The figures of a request that generated nothing: every count and time 0 (fresh each call). */
export function zeroStats(): Omit<GenerationResult, 'text' | 'finishReason'> {
  return {
    promptTokens: 0,
    completionTokens: 0,
    tokensPerSecond: 0,
    timeToFirstTokenMs: 0,
    durationMs: 0,
    droppedMessages: 0,
  };
}

/** What a backend measured itself, when it did. */
export interface MeasuredStats {
  promptTokens?: number;
  cachedPromptTokens?: number;
  completionTokens?: number;
  tokensPerSecond?: number;
}

/**
 * Times one request from the start of its turn: first delta, last delta, and the figures a result
 * reports. Deltas can arrive in bursts (a backend may poll its worker), so the backend's own
 * measurement wins over arrival times.
 */
export class GenerationClock {
  private readonly startedAt = performance.now();
  private firstAt = 0;
  private lastAt = 0;
  /** Deltas seen so far. */
  deltas = 0;

  /** Records the arrival of one delta. */
  tick(): void {
    this.deltas++;
    this.lastAt = performance.now();
    this.firstAt ||= this.lastAt;
  }

  /** The result's figures now, for a request that ended with `finishReason`. */
  stats(finishReason: FinishReason, measured: MeasuredStats = {}): Omit<GenerationResult, 'text' | 'droppedMessages'> {
    const end = performance.now();
    const completionTokens = measured.completionTokens ?? this.deltas;
    const decodeSeconds = (this.lastAt - this.firstAt) / 1000;
    const tokensPerSecond =
      measured.tokensPerSecond ??
      (completionTokens > 1 && decodeSeconds > 0
        ? (completionTokens - 1) / decodeSeconds
        : completionTokens / Math.max((end - this.startedAt) / 1000, 1e-3));
    return {
      finishReason,
      promptTokens: measured.promptTokens ?? 0,
      ...(measured.cachedPromptTokens === undefined ? {} : { cachedPromptTokens: measured.cachedPromptTokens }),
      completionTokens,
      tokensPerSecond,
      timeToFirstTokenMs: this.firstAt ? this.firstAt - this.startedAt : 0,
      durationMs: end - this.startedAt,
    };
  }
}
