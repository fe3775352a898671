import type { LlmError } from './errors.js';
import type { GenerationResult } from './types.js';

/**
 * One request's output: iterate it for text deltas as they arrive, or await `result` for the whole.
 *
 * - `for await (const delta of generation)` yields each delta; the loop ends when generation ends,
 *   and throws the `LlmError` when it ends in error (so errors are not missed).
 * - `result` always resolves (never rejects) with the full text, token counts, speed and the
 *   finish reason: `stop`, `length`, `abort` or `error` (then `result.error` holds the error).
 * - `abort()` ends this request only; so does the `signal` passed in the options.
 */
export class Generation implements AsyncIterable<string> {
  /** Resolves once the generation has ended, however it ended. */
  readonly result: Promise<GenerationResult>;
  /** Chat: how many of the oldest messages were left out to fit the context window (known once it runs). */
  droppedMessages = 0;
  private readonly deltas: string[] = [];
  private readonly controller: AbortController;
  private final: GenerationResult | null = null;
  private waiters: Array<() => void> = [];
  private resolveResult!: (result: GenerationResult) => void;
  private textSoFar = '';

  /** @internal Created by the engine. */
  constructor(controller: AbortController) {
    this.controller = controller;
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
  }

  /** The text generated so far. */
  get text(): string {
    return this.textSoFar;
  }

  /** Whether the generation has ended. */
  get done(): boolean {
    return this.final !== null;
  }

  /** Stops this request: dropped if still queued, ended at once if running. */
  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  /** @internal */
  push(delta: string): void {
    if (this.final || !delta) return;
    this.deltas.push(delta);
    this.textSoFar += delta;
    this.wake();
  }

  /** @internal */
  finish(result: Omit<GenerationResult, 'text'>): GenerationResult {
    if (this.final) return this.final;
    this.final = { ...result, text: this.textSoFar };
    this.resolveResult(this.final);
    this.wake();
    return this.final;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<string, GenerationResult, undefined> {
    let index = 0;
    for (;;) {
      while (index < this.deltas.length) yield this.deltas[index++] as string;
      if (this.final) {
        if (this.final.finishReason === 'error' && this.final.error) throw this.final.error as LlmError;
        return this.final;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}
