import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emit } from '../base/llm-element.js';
import type { ElementStatus } from '../base/status.js';
import type { Engine } from '../engine/core/engine.js';
import { LlmError } from '../engine/core/errors.js';
import type { Generation, RunningToolStep } from '../engine/core/generation.js';
import { zeroStats } from '../engine/core/generation-stats.js';
import type { FinishReason, GenerationResult } from '../engine/core/types.js';
import type { ToolStep } from '../engine/tools/tool-types.js';
import '../events/index.js';
import type { LlmResponseDetail } from '../events/llm-response.js';
import type { ModelController } from './model-controller.js';

/** Where the controller's current (or last) run is. Elements show `status`, in the one vocabulary. */
export type GenerationPhase = 'initial' | 'waiting' | 'generating' | 'complete' | 'error';

/** What an element asks of the controller for one run. */
export interface GenerationRequest {
  /** Starts the request on the engine of the nearest `<llm-model>`, with the run's abort signal. */
  start(engine: Engine, signal: AbortSignal): Generation;
  /**
   * Gets each piece of text (and the text so far) after `llm-token` fired. Return `'stop'` to end the
   * generation here as a normal end (`finishReason: 'stop'`), e.g. at the end of a sentence.
   */
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- most callbacks return nothing
  onDelta?(delta: string, text: string): 'stop' | void;
  /** Gets each piece of a reasoning model's thinking (and the thinking so far), before the answer's text. */
  onReasoning?(delta: string, reasoning: string): void;
  /** Gets each tool call as it starts (`confirming`, `running`) and again with its result (tools). */
  onTool?(step: ToolStep | RunningToolStep): void;
  /**
   * Gets the outcome before `llm-response` / `llm-error` fire, so the element shows (and saves) the
   * final state by the time a page hears the event.
   */
  onEnd?(detail: LlmResponseDetail): void;
}

type Host = ReactiveControllerHost & HTMLElement;

export interface GenerationControllerOptions {
  /** The message for a request made with no `<llm-model>` around the element (from its strings). */
  noProviderMessage: () => string;
}

/** The `llm-response` detail of a generation that ended with `text`. */
export function responseDetail(
  text: string,
  result: Omit<GenerationResult, 'text'>,
  finishReason: FinishReason = result.finishReason,
): LlmResponseDetail {
  const { finishReason: _reason, error, text: _text, value, reasoning, ...stats } = result as GenerationResult;
  const detail: LlmResponseDetail = { message: { role: 'assistant', content: text }, text, stats, finishReason };
  if (value !== undefined) detail.value = value;
  if (reasoning) detail.reasoning = reasoning;
  if (finishReason === 'error') detail.error = error ?? new LlmError('inference', 'Generation failed.');
  return detail;
}

/** A result for a request that never reached the engine. */
function failedResult(error: LlmError): Omit<GenerationResult, 'text'> {
  return { ...abortedResult(), finishReason: 'error', error };
}

/** The result of a request replaced before it started. */
function abortedResult(): Omit<GenerationResult, 'text'> {
  return { ...zeroStats(), finishReason: 'abort' };
}

/**
 * Whether the same request can succeed when tried again. Not when it fails the same way every time:
 * input too long for the model (`too-long`, until it is shortened), or a request the page must change
 * (`invalid-request`: a malformed schema or setting; `unsupported`: what this backend cannot do).
 */
export function retryCanHelp(error: LlmError): boolean {
  return error.code !== 'too-long' && error.code !== 'invalid-request' && error.code !== 'unsupported';
}

/**
 * Runs every generation of an element: one run at a time, each with a fresh AbortController. A new
 * run aborts the one in progress and starts only once it has ended, so one run's events never
 * interleave with the next one's; a run replaced before it started never reaches the engine.
 * Removing the element aborts its run; moving it (removed and put back in the same task) does not.
 *
 * The events, one rule each, the same in every element:
 * - `llm-token` for each piece of text, with the text so far;
 * - every run ends with exactly one of `llm-response` (`finishReason` `stop`, `length`, or `abort`
 *   when stopped, replaced or removed: a stopped answer keeps its partial text) or `llm-error`;
 * - except a failed model load: `<llm-model>` reports it (once, for every element), so the run ends
 *   without an event here, and the element shows the error with Retry.
 * `run()` always resolves (never rejects) with the same detail `llm-response` carries; on failure it
 * has `finishReason: 'error'` and `error`.
 */
export class GenerationController implements ReactiveController {
  /** Where the current (or last) run is; `status` combines it with the model's. */
  phase: GenerationPhase = 'initial';
  /** The error of the last run, while `phase` is `error`. */
  error: LlmError | null = null;
  /** The text of the current (or last) run so far. */
  text = '';

  private readonly host: Host;
  private readonly model: ModelController;
  private readonly options: GenerationControllerOptions;
  /** Counts run() calls: a run that is no longer the newest stops delivering text. */
  private latest = 0;
  private controller: AbortController | null = null;
  /** Resolves when the run in progress (if any) has ended. */
  private settled: Promise<unknown> = Promise.resolve();

  constructor(host: Host, model: ModelController, options: GenerationControllerOptions) {
    this.host = host;
    this.model = model;
    this.options = options;
    host.addController(this);
  }

  /** Whether a run is waiting or generating. */
  get running(): boolean {
    return this.phase === 'waiting' || this.phase === 'generating';
  }

  /**
   * The element's status in the one vocabulary every element shares: its own run first (waiting,
   * generating, failed), then the model's (idle, loading, ready, failed to load).
   */
  get status(): ElementStatus {
    const engine = this.model.engine;
    if (this.model.noProvider || this.phase === 'error') return 'error';
    if (this.phase === 'generating') return 'generating';
    if (this.phase === 'waiting') return engine?.status === 'loading' ? 'loading' : 'waiting';
    const status = engine?.status ?? 'idle';
    return status === 'generating' ? 'ready' : status; // another element's answer: this one is free
  }

  /**
   * Runs `request`, after aborting the run in progress and waiting for it to end. Resolves when this
   * run ends, however it ends.
   */
  async run(request: GenerationRequest): Promise<LlmResponseDetail> {
    const ticket = ++this.latest;
    this.controller?.abort();
    await this.settled;
    if (ticket !== this.latest) return this.end(request, abortedResult(), ''); // replaced before it started
    let settle!: () => void;
    this.settled = new Promise<void>((resolve) => (settle = resolve));
    try {
      return await this.generate(request, ticket);
    } finally {
      settle();
    }
  }

  private async generate(request: GenerationRequest, ticket: number): Promise<LlmResponseDetail> {
    const controller = new AbortController();
    this.controller = controller;
    this.text = '';
    this.error = null;
    const engine = this.model.engine;
    if (!engine) {
      return this.end(request, failedResult(new LlmError('not-loaded', this.options.noProviderMessage())), '');
    }

    this.setPhase('waiting');
    let generation: Generation;
    try {
      generation = request.start(engine, controller.signal);
    } catch (error) {
      const cause = LlmError.is(error) ? error : new LlmError('invalid-request', String(error), { cause: error });
      return this.end(request, failedResult(cause), '');
    }
    let text = '';
    let stoppedHere = false;
    try {
      for await (const part of generation.parts()) {
        if (ticket !== this.latest) break; // a newer run waits: it owns what the element shows
        if (part.type === 'tool') {
          request.onTool?.(part.step);
          continue;
        }
        const { type, text: delta } = part;
        if (type === 'reasoning') {
          this.setPhase('generating');
          request.onReasoning?.(delta, generation.reasoning);
          continue;
        }
        text += delta;
        this.text = text;
        this.setPhase('generating');
        emit(this.host, 'llm-token', { delta, text });
        if (request.onDelta?.(delta, text) === 'stop') {
          stoppedHere = true;
          generation.abort();
          break;
        }
      }
    } catch {
      // The result carries the error.
    }
    const result = await generation.result;
    this.controller = null;
    return this.end(request, result, text, stoppedHere ? 'stop' : result.finishReason, engine);
  }

  private end(
    request: GenerationRequest,
    result: Omit<GenerationResult, 'text'>,
    text: string,
    finishReason: FinishReason = result.finishReason,
    engine?: Engine,
  ): LlmResponseDetail {
    const detail = responseDetail(text, result, finishReason);
    request.onEnd?.(detail);
    if (detail.error && detail.error === engine?.error) {
      // A failed load is <llm-model>'s to report (it fired llm-error once, for every element), and
      // the engine's to hold: the element shows it for as long as the engine is in error.
      this.setPhase('initial');
    } else if (detail.error) {
      this.error = detail.error;
      this.setPhase('error');
      emit(this.host, 'llm-error', { code: detail.error.code, message: detail.error.message, error: detail.error });
    } else {
      this.setPhase('complete');
      emit(this.host, 'llm-response', detail);
    }
    return detail;
  }

  /** Aborts the run in progress (and one waiting to start); each ends with `llm-response` (`finishReason: 'abort'`). */
  abort(reason?: unknown): void {
    this.latest++;
    this.controller?.abort(reason);
  }

  /** What the element's error part shows: its own last failure, else the model's failed load (or ''). */
  get errorMessage(): string {
    const engine = this.model.engine;
    return this.error?.message ?? (engine?.status === 'error' ? (engine.error?.message ?? '') : '');
  }

  /**
   * The first half of every Retry: loads the model again if its load failed. Resolves false when
   * that load failed again (`<llm-model>` reported it; the element keeps showing it with Retry).
   */
  async reloadIfFailed(): Promise<boolean> {
    const handle = this.model.handle;
    if (handle?.engine.status !== 'error') return true;
    return handle.load().then(
      () => true,
      () => false,
    );
  }

  /**
   * Retry, as `<llm-complete>` and `<llm-form>` do it: loads the model again if its load failed,
   * forgets the last error, then runs `again`. Resolves with null when that load failed again.
   */
  async retry<T>(again: () => Promise<T>): Promise<T | null> {
    if (!(await this.reloadIfFailed())) return null;
    this.reset();
    return again();
  }

  /** Forgets the last run's error (e.g. when the user starts over). */
  reset(): void {
    if (this.running) return;
    this.error = null;
    this.setPhase('initial');
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // Moving an element is a removal and an insertion in one task: only a removal that lasts aborts.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.abort();
    });
  }

  private setPhase(phase: GenerationPhase): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.host.requestUpdate();
  }
}
