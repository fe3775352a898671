import type { LlmError } from './errors.js';
import type { GenerationResult } from './types.js';
import type { ToolStep } from '../tools/tool-types.js';

/**
 * A piece of a generation's output, in order: its answer, a reasoning model's thinking, or (with
 * tools) a tool call, first as it is made (`step.status` is `running` until it has a result), then
 * again with its result (no text).
 */
export type GenerationPart =
  { type: 'answer' | 'reasoning'; text: string } | { type: 'tool'; text: ''; step: ToolStep | RunningToolStep };

/** A tool call that has not ended yet. */
export type RunningToolStep = Omit<ToolStep, 'status'> & { status: 'running' | 'confirming' };

/**
 * One request's output: iterate it for text deltas as they arrive, or await `result` for the whole.
 *
 * - `for await (const delta of generation)` yields each delta; the loop ends when generation ends,
 *   and throws the `LlmError` when it ends in error (so errors are not missed).
 * - `result` always resolves (never rejects) with the full text, token counts, speed and the
 *   finish reason: `stop`, `length`, `abort` or `error` (then `result.error` holds the error).
 * - `abort()` ends this request only; so does the `signal` passed in the options.
 * - A reasoning model's thinking is not in the text (unless `reasoning: 'inline'`): it is in
 *   `reasoning`, and `parts()` yields it in order with the answer.
 */
export class Generation implements AsyncIterable<string> {
  /** Resolves once the generation has ended, however it ended. */
  readonly result: Promise<GenerationResult>;
  /** Chat: how many of the oldest messages were left out to fit the context window (known once it runs). */
  droppedMessages = 0;
  private readonly pieces: GenerationPart[] = [];
  private readonly controller: AbortController;
  private final: GenerationResult | null = null;
  private waiters: Array<() => void> = [];
  private resolveResult!: (result: GenerationResult) => void;
  private textSoFar = '';
  /** @internal What the reasoning splitter (loaded with the first request) adds to the result. */
  readonly thought: Pick<GenerationResult, 'reasoning' | 'reasoningMs'> = {};

  /** @internal Created by the engine. */
  constructor(controller: AbortController) {
    this.controller = controller;
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
  }

  /** The text generated so far. */
  get text(): string {
    return this.textSoFar;
  }

  /** A reasoning model's thinking so far (empty for a model that does not think). */
  get reasoning(): string {
    return this.thought.reasoning ?? '';
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
  push(delta: string, type: 'answer' | 'reasoning' = 'answer'): void {
    if (this.final || !delta) return;
    this.pieces.push({ type, text: delta });
    if (type === 'answer') this.textSoFar += delta;
    this.wake();
  }

  /** @internal A tool call made, or ended (tool-loop.ts). */
  pushStep(step: ToolStep | RunningToolStep): void {
    if (this.final) return;
    this.pieces.push({ type: 'tool', text: '', step });
    this.wake();
  }

  /** @internal */
  finish(result: Omit<GenerationResult, 'text'>): GenerationResult {
    if (this.final) return this.final;
    this.final = { ...result, ...this.thought, text: this.textSoFar };
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
    for await (const part of this.parts()) if (part.type === 'answer') yield part.text;
    return this.final as GenerationResult;
  }

  /**
   * Every piece of output as it arrives, reasoning and answer in order (`{type, text}`); ends like
   * the iterator (throws the `LlmError` of a failed generation) and returns the result.
   */
  async *parts(): AsyncGenerator<GenerationPart, GenerationResult, undefined> {
    let index = 0;
    for (;;) {
      while (index < this.pieces.length) yield this.pieces[index++] as GenerationPart;
      if (this.final) {
        if (this.final.finishReason === 'error' && this.final.error) throw this.final.error as LlmError;
        return this.final;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

/** @internal A new generation, and the signal that aborts it (which `signal`, the request's own, aborts too). */
export function linkedGeneration(signal?: AbortSignal): [Generation, AbortSignal] {
  const controller = new AbortController();
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return [new Generation(controller), controller.signal];
}
