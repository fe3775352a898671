import type { Backend, BackendGenerateResult, BackendInput } from '../backends/backend.js';
import { FALLBACK_STOP, formatFallbackPrompt } from '../prompting/chat-template.js';
import { fitToContext, keepLastOnly } from '../prompting/context-window.js';
import { StopSequenceMatcher } from '../prompting/stop-sequences.js';
import type * as Reasoning from '../prompting/reasoning.js';
import { LlmError, isAbort } from './errors.js';
import { linkedGeneration, type Generation } from './generation.js';
import { GenerationClock, zeroStats } from './generation-stats.js';
import type { ChatMessage, EngineStatus, GenerationOptions, GenerationResult, ModelInfo } from './types.js';

/** Tokens generated when a request sets no `max_tokens`. */
export const DEFAULT_MAX_TOKENS = 256;

/** What the queue needs of the engine that owns the model. */
export interface RequestQueueHost {
  /** Whether a load is under way: requests wait for it to settle. */
  isLoading(): boolean;
  status(): EngineStatus;
  /** The context window requests are fitted to. */
  contextSize(): number;
  /** The loaded model's chat format, if one is loaded. */
  chatFormat(): ModelInfo['chatFormat'] | undefined;
  /** The loaded model's chat template, if it has one (whether it opens a reasoning in the prompt). */
  chatTemplate?(): string | null;
  /** The backend with the model loaded, after the pending or a lazy load. */
  ensureLoaded(): Promise<Backend>;
  setStatus(status: EngineStatus): void;
  /** A request that ran has ended. */
  finished(result: GenerationResult): void;
}

/** A waiting request, as `chooseNextWith()`'s chooser sees it. */
export interface WaitingRequest {
  options: GenerationOptions;
}

/** Which waiting request runs next: the oldest, unless a shared engine takes turns between tabs. */
let nextIndex = (queue: readonly WaitingRequest[]): number => (queue.length ? 0 : -1);

/**
 * Sets how every queue of the page picks its next request (sharing/tab-turns.ts: the tabs of a
 * shared engine take turns), loaded only by pages that share an engine.
 */
export function chooseNextWith(choose: typeof nextIndex): void {
  nextIndex = choose;
}

type Job = {
  generation: Generation;
  signal: AbortSignal;
  options: GenerationOptions;
  messages?: readonly ChatMessage[];
  prompt?: string;
  /** A job that is not a generation (an embedding batch): run on the loaded backend in its turn. */
  task?: (backend: Backend, signal: AbortSignal) => Promise<void>;
};

/** A job's result before the generation adds its text; unset figures are 0. */
type JobOutcome = Partial<Omit<GenerationResult, 'text'>> & Pick<GenerationResult, 'finishReason'>;

/**
 * The engine's requests, run one at a time on the host's backend, so concurrent callers never
 * interleave tokens; in order (taking turns between tabs when the engine is shared). Each request
 * carries its own abort signal.
 */
export class RequestQueue {
  private readonly host: RequestQueueHost;
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  /** The running job once it generates on a backend (not while it waits for a load). */
  private active: Job | null = null;

  constructor(host: RequestQueueHost) {
    this.host = host;
  }

  /** Requests waiting behind the running one. */
  get length(): number {
    return this.queue.length;
  }

  /**
   * Queues a request; with `task`, a job that is not a generation (an embedding batch, embed-batches.ts):
   * run on the loaded backend in its turn, stopped by its signal, with no result event.
   */
  enqueue(input: Pick<Job, 'messages' | 'prompt'>, options: GenerationOptions, task?: Job['task']): Generation {
    const [generation, signal] = linkedGeneration(options.signal);
    const job: Job = { ...input, generation, signal, options, task };
    if (signal.aborted) {
      this.finishJob(job, { finishReason: 'abort' });
      return generation;
    }
    const invalid =
      options.schema !== undefined && options.grammar !== undefined
        ? 'Give schema or grammar, not both.'
        : invalidOption(options);
    if (invalid) {
      this.finishJob(job, errorResult(new LlmError('invalid-request', invalid)));
      return generation;
    }
    // A queued request that is aborted leaves the queue at once; a running one is stopped by runJob.
    signal.addEventListener(
      'abort',
      () => {
        const index = this.queue.indexOf(job);
        if (index !== -1) {
          this.queue.splice(index, 1);
          this.finishJob(job, { finishReason: 'abort' });
        }
      },
      { once: true },
    );
    this.queue.push(job);
    this.pump();
    return generation;
  }

  /** A generation that `run` makes of several requests (tools/tool-loop.ts); its failure ends it with an error. */
  defer(signal: AbortSignal | undefined, run: (generation: Generation, signal: AbortSignal) => Promise<unknown>) {
    const [generation, linked] = linkedGeneration(signal);
    run(generation, linked).catch((error: unknown) => generation.finish({ ...zeroStats(), ...errorResult(error) }));
    return generation;
  }

  /** Starts the next request, unless one runs or a load is under way. */
  pump(): void {
    if (this.running || this.host.isLoading()) return;
    const index = nextIndex(this.queue);
    if (index < 0) return;
    const [job] = this.queue.splice(index, 1) as [Job];
    this.running = job;
    void this.runJob(job).then((result) => {
      this.running = null;
      // Status first, so whoever awaits the result sees the engine ready.
      if (!this.queue.length && this.host.status() === 'generating') this.host.setStatus('ready');
      const finished = this.finishJob(job, result);
      if (!job.task) this.host.finished(finished);
      this.pump();
    });
  }

  /** Ends every waiting request with `error`. */
  failWaiting(error: LlmError): void {
    for (const job of this.queue.splice(0)) this.finishJob(job, errorResult(error));
  }

  /** Stops the request generating on the backend, if any (its model is being replaced). */
  abortActive(reason: LlmError): void {
    this.active?.generation.abort(reason);
  }

  /** Ends every request, waiting or running, with `abort`; resolves once the backend is free. */
  async abortAll(): Promise<void> {
    for (const job of this.queue.splice(0)) this.finishJob(job, { finishReason: 'abort' });
    this.running?.generation.abort();
    await this.settleActive();
  }

  /** Waits (briefly) for an aborted generation to leave its backend, so the backend is not torn down under it. */
  async settleActive(): Promise<void> {
    const active = this.active;
    if (!active) return;
    await Promise.race([active.generation.result, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }

  private async runJob(job: Job): Promise<JobOutcome> {
    if (job.task) return this.runTask(job, job.task);
    const { schema, grammar } = job.options;
    const constraint = schema !== undefined ? 'schema' : grammar !== undefined ? 'grammar' : null;
    // Checked before the model loads or runs, for every backend: a bad schema or grammar is refused
    // with what to change (the grammar a schema becomes is what llama.cpp's backends enforce).
    let schemaGrammar: string | undefined;
    if (constraint) {
      try {
        const { checkConstraint } = await import('../prompting/structured-output/structured-output.js');
        schemaGrammar = checkConstraint(job.options);
      } catch (error) {
        return errorResult(error);
      }
    }
    // Loaded only for the requests that continue an answer; checked before the model loads or runs.
    const continuing = job.options.continueLast ? await import('../prompting/continue-last.js') : null;
    const problem = continuing?.continueLastProblem(job, job.options);
    if (problem) return errorResult(new LlmError('invalid-request', problem));
    let backend: Backend;
    try {
      backend = await this.host.ensureLoaded();
    } catch (error) {
      return job.signal.aborted ? { finishReason: 'abort' } : errorResult(error);
    }
    if (job.signal.aborted) return { finishReason: 'abort' };
    const refusal = continuing?.cannotContinue(backend);
    if (refusal) return errorResult(refusal);
    // A reasoning model's thinking is split from its answer, and left out of the history sent back.
    let reasoning: typeof Reasoning | null = null;
    if (job.options.reasoning !== 'inline') {
      try {
        reasoning = await import('../prompting/reasoning.js');
      } catch (error) {
        return errorResult(error);
      }
      if (job.messages) job.messages = reasoning.withoutReasoning(job.messages, job.options.continueLast);
    }
    if (job.signal.aborted) return { finishReason: 'abort' };
    const { input, stops } = this.prepareInput(job, constraint !== null);
    // A round of a chat with tools (tool-loop.ts): the definitions go to the backend; the loop runs the calls.
    const { toolRound: tools, answerToolCall, tools: _tools, approve: _approve, ...options } = job.options;
    if (tools?.length && (input.kind !== 'chat' || !backend.canUseTools?.())) {
      const why =
        input.kind === 'chat' ? `the ${backend.kind} backend cannot` : 'a model without a chat template cannot';
      return errorResult(new LlmError('unsupported', `Tools cannot be used here: ${why} call them.`));
    }
    if (constraint && !backend.canConstrain?.(constraint, input.kind)) {
      const what = constraint === 'schema' ? 'a JSON Schema' : 'a GBNF grammar';
      return errorResult(
        new LlmError(
          'unsupported',
          `The ${backend.kind} backend cannot constrain ${input.kind === 'chat' ? 'a chat' : 'a completion'} to ${what}.`,
        ),
      );
    }
    this.host.setStatus('generating');
    this.active = job;

    const matcher = new StopSequenceMatcher(stops);
    const template = input.kind === 'chat' ? (this.host.chatTemplate?.() ?? null) : null;
    const output = reasoning ? new reasoning.ReasoningRouter(job.generation, template, job.options.continueLast) : null;
    const backendController = new AbortController();
    const onAbort = () => backendController.abort(job.signal.reason);
    job.signal.addEventListener('abort', onAbort, { once: true });
    const clock = new GenerationClock();
    let hitStop = false;

    const generate = (input: BackendInput) =>
      backend.generate({
        input,
        options: { ...options, max_tokens: options.max_tokens ?? DEFAULT_MAX_TOKENS, stop: stops },
        schemaGrammar,
        tools,
        answerToolCall,
        signal: backendController.signal,
        onDelta: (delta) => {
          if (hitStop) return;
          clock.tick();
          const { text, stopped } = matcher.push(delta);
          (output ?? job.generation).push(text);
          if (stopped) {
            hitStop = true;
            backendController.abort();
          }
        },
      });

    let stats: JobOutcome;
    try {
      let result: BackendGenerateResult;
      try {
        result = await generate(input);
      } catch (error) {
        // The backend counted what fitting estimated and found it too long, before any token (the
        // estimate errs low on text its tokenizer splits finely): the last message is sent alone.
        const alone = isTooLong(error) && clock.deltas === 0 ? this.lastMessageOnly(job) : null;
        if (!alone) throw error;
        result = await generate(alone);
      }
      (output ?? job.generation).push(matcher.flush());
      stats = { ...clock.stats(result.finishReason, result), toolCalls: result.toolCalls };
    } catch (error) {
      if (hitStop && isAbort(error)) stats = clock.stats('stop');
      else if (isAbort(error)) return clock.stats('abort');
      else return { ...clock.stats('error'), ...errorResult(error) };
    } finally {
      output?.flush();
      this.active = null;
      job.signal.removeEventListener('abort', onAbort);
    }
    if (schema === undefined) return stats;
    // Checked before it is returned: the value is the schema's, or the request fails with the text kept.
    try {
      const { parseStructured } = await import('../prompting/structured-output/structured-output.js');
      return { ...stats, value: parseStructured(job.generation.text, schema, stats.finishReason) };
    } catch (error) {
      return { ...stats, ...errorResult(error) };
    }
  }

  private async runTask(job: Job, task: NonNullable<Job['task']>): Promise<JobOutcome> {
    try {
      const backend = await this.host.ensureLoaded();
      if (job.signal.aborted) return { finishReason: 'abort' };
      this.active = job;
      await task(backend, job.signal);
      return { finishReason: 'stop' };
    } catch (error) {
      return job.signal.aborted ? { finishReason: 'abort' } : errorResult(error);
    } finally {
      this.active = null;
    }
  }

  /**
   * Fits a chat into the context window (unless asked not to), then hands it to the backend's chat
   * format; a chat with a model that has none becomes a completion of the fallback transcript,
   * which stops at the next turn's name unless the answer is `constrained` (a schema or grammar
   * decides where it ends, and may well contain "\nUser:").
   */
  private prepareInput(job: Job, constrained: boolean): { input: BackendInput; stops: string[] } {
    const stops = [...(job.options.stop ?? [])];
    if (job.messages) {
      let messages = [...job.messages];
      if ((job.options.fit ?? 'drop-oldest') === 'drop-oldest') {
        const reserve = job.options.max_tokens ?? DEFAULT_MAX_TOKENS;
        const fitted = fitToContext(messages, { contextSize: this.host.contextSize(), reserve });
        messages = fitted.messages;
        job.generation.droppedMessages = fitted.dropped;
      }
      const input = this.chatInput(messages, job.options.continueLast);
      return { input, stops: input.kind === 'chat' || constrained ? stops : [...stops, ...FALLBACK_STOP] };
    }
    return { input: { kind: 'complete', prompt: job.prompt ?? '' }, stops };
  }

  /**
   * A chat fitted by dropping the oldest turns, sent again as its system prompt and last message
   * only; null when it was sent that way already (or not fitted), as nothing more can go.
   */
  private lastMessageOnly(job: Job): BackendInput | null {
    // An answer being continued needs the question before it: it is not sent alone.
    if (!job.messages || job.options.continueLast || (job.options.fit ?? 'drop-oldest') !== 'drop-oldest') return null;
    const fitted = keepLastOnly(job.messages);
    if (fitted.dropped === job.generation.droppedMessages) return null;
    job.generation.droppedMessages = fitted.dropped;
    return this.chatInput(fitted.messages);
  }

  /** A chat in the backend's chat format, or as the fallback transcript when the model has none. */
  private chatInput(messages: ChatMessage[], continueLast = false): BackendInput {
    if (this.host.chatFormat() !== 'none') return { kind: 'chat', messages, ...(continueLast && { continueLast }) };
    return { kind: 'complete', prompt: formatFallbackPrompt(messages, { continueLast }) };
  }

  private finishJob(job: Job, result: JobOutcome): GenerationResult {
    return job.generation.finish({
      ...zeroStats(),
      droppedMessages: job.generation.droppedMessages,
      ...result,
    });
  }
}

/** Why sampling options cannot be used (e.g. `max-tokens="lots"` read as NaN), or null. */
function invalidOption(options: GenerationOptions): string | null {
  const checks: Array<[keyof GenerationOptions, (value: number) => boolean, string]> = [
    ['max_tokens', (v) => Number.isInteger(v) && v > 0, 'a whole number above 0'],
    ['temperature', (v) => Number.isFinite(v) && v >= 0, 'a number from 0 up'],
    ['top_k', (v) => Number.isInteger(v) && v >= 0, 'a whole number from 0 up'],
    ['top_p', (v) => v >= 0 && v <= 1, 'a number from 0 to 1'],
    ['min_p', (v) => v >= 0 && v <= 1, 'a number from 0 to 1'],
    ['repeat_penalty', (v) => Number.isFinite(v) && v > 0, 'a number above 0'],
    ['seed', (v) => Number.isInteger(v), 'a whole number'],
  ];
  for (const [name, valid, expected] of checks) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'number' || !valid(value))) {
      return `${name} must be ${expected}, not ${String(value)}.`;
    }
  }
  return null;
}

function isTooLong(error: unknown): boolean {
  return LlmError.is(error) && error.code === 'too-long';
}

/** A request's result when it failed; anything not an `LlmError` is an `inference` error. */
function errorResult(error: unknown): Pick<GenerationResult, 'finishReason' | 'error'> {
  const llmError = LlmError.is(error) ? error : new LlmError('inference', String(error), { cause: error });
  return { finishReason: 'error', error: llmError };
}
