import type { Engine } from '../core/engine.js';
import { LlmError } from '../core/errors.js';
import type { Generation } from '../core/generation.js';
import type { Backend } from '../backends/backend.js';
import type { ModelInfo } from '../core/types.js';
import {
  isFor,
  isRetryable,
  tabId,
  type FollowerMessage,
  type HolderMessage,
  type TabGenerationOptions,
  type TabInput,
  type TabMessage,
} from './tab-protocol.js';

/** How often the holder tells followers it is still at their requests (well under any stall bound). */
const KEEP_ALIVE_MS = 2000;
/** How often, at most, followers hear of the holder's load progress. */
const PROGRESS_MS = 200;

interface Job {
  id: string;
  tab: string;
  input: TabInput;
  options: TabGenerationOptions;
  /** Aborted when the follower asks (its `abort` message). */
  controller: AbortController;
}

/**
 * The holder's side: answers the requests other tabs send over the channel with its own engine
 * (`engine.chat()`/`complete()`), streaming deltas back, one request at a time from this host and
 * round-robin across tabs, so one busy tab does not starve the others. The engine's own queue runs
 * them in turn with this tab's requests.
 */
export class TabHost {
  readonly id = tabId();
  private readonly channel: BroadcastChannel;
  /** Waiting requests, per tab, in order; `turns` is the round-robin of tabs with some. */
  private readonly waiting = new Map<string, Job[]>();
  private turns: string[] = [];
  private running: Job | null = null;
  private model: ModelInfo | null = null;
  private backend: Backend | null = null;
  private closed = false;
  private lastProgress = 0;
  private readonly keepAlive = setInterval(() => this.sayWorking(), KEEP_ALIVE_MS);
  private readonly onProgress = () => this.sayLoading();

  constructor(
    private readonly engine: Engine,
    name: string,
  ) {
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = (event: MessageEvent) => {
      if (isFor(event.data, this.id)) this.receive(event.data);
    };
    engine.addEventListener('progress', this.onProgress);
  }

  /** The model is loaded: every follower waiting for it hears so. */
  announce(model: ModelInfo, backend: Backend): void {
    this.model = model;
    this.backend = backend;
    this.sayReady('*');
  }

  /** Lets the engine go: followers hear `gone` (their requests end), and the channel closes. */
  close(): void {
    if (this.closed) return;
    this.send('*', { kind: 'gone' });
    this.closed = true;
    clearInterval(this.keepAlive);
    this.engine.removeEventListener('progress', this.onProgress);
    this.waiting.clear();
    this.turns = [];
    this.running?.controller.abort();
    this.channel.close();
  }

  private receive(message: TabMessage): void {
    const request = message as FollowerMessage & TabMessage;
    if (request.kind === 'hello') {
      if (this.model) this.sayReady(request.from);
      else
        this.send(request.from, {
          kind: 'loading',
          loaded: this.engine.progress.loaded,
          total: this.engine.progress.total,
        });
    } else if (request.kind === 'request') {
      const { id, from: tab, input, options } = request;
      const queue = this.waiting.get(tab) ?? [];
      queue.push({ id, tab, input, options, controller: new AbortController() });
      this.waiting.set(tab, queue);
      if (!this.turns.includes(tab)) this.turns.push(tab);
      this.next();
    } else if (request.kind === 'abort') {
      if (this.running?.id === request.id) this.running.controller.abort();
      const queue = this.waiting.get(request.from);
      const index = queue?.findIndex((job) => job.id === request.id) ?? -1;
      if (index >= 0) queue?.splice(index, 1);
    } else if (request.kind === 'count') {
      void this.count(request.from, request.id, request.text);
    }
  }

  /** Counts with the backend directly, as `engine.countTokens()` does: no turn in the queue. */
  private async count(tab: string, id: string, text: string): Promise<void> {
    const tokens = await this.backend?.countTokens?.(text).catch(() => undefined);
    this.send(tab, { kind: 'counted', id, tokens: tokens ?? null });
  }

  private sayReady(to: string): void {
    if (this.model) {
      this.send(to, { kind: 'ready', model: this.model, status: this.engine.status });
    }
  }

  /** Starts the next tab's oldest request, when none of the host's runs. */
  private next(): void {
    if (this.running || this.closed) return;
    const tab = this.turns.shift();
    if (tab === undefined) return;
    const queue = this.waiting.get(tab) ?? [];
    const job = queue.shift();
    if (queue.length > 0) this.turns.push(tab);
    else this.waiting.delete(tab);
    if (!job) return this.next();
    this.running = job;
    void this.run(job).finally(() => {
      this.running = null;
      this.next();
    });
  }

  private async run(job: Job): Promise<void> {
    // Raw text, thinking included: the follower's engine splits reasoning from the answer itself.
    const options = { ...job.options, reasoning: 'inline' as const, signal: job.controller.signal };
    const generation: Generation =
      job.input.kind === 'chat'
        ? this.engine.chat(job.input.messages, options)
        : this.engine.complete(job.input.prompt, options);
    try {
      for await (const part of generation.parts()) {
        this.send(job.tab, { kind: 'delta', id: job.id, text: part.text, part: part.type });
      }
    } catch {
      // The result below says how it ended.
    }
    const result = await generation.result;
    if (result.finishReason === 'stop' || result.finishReason === 'length') {
      const { finishReason, promptTokens, completionTokens, cachedPromptTokens, tokensPerSecond } = result;
      const stats = { finishReason, promptTokens, completionTokens, cachedPromptTokens, tokensPerSecond };
      this.send(job.tab, { kind: 'done', id: job.id, result: stats });
    } else if (!job.controller.signal.aborted) {
      // Ended by this tab's engine (unloaded, or another model loaded), or failed.
      const error =
        result.finishReason === 'abort' || !result.error
          ? new LlmError('engine-moved', 'The tab that ran the model let it go before the answer ended. Try again')
          : result.error;
      this.sayError(job.id, job.tab, error);
    }
  }

  private sayError(id: string, tab: string, error: LlmError): void {
    this.send(tab, { kind: 'error', id, code: error.code, message: error.message, retryable: isRetryable(error.code) });
  }

  private sayWorking(): void {
    if (this.running) this.send(this.running.tab, { kind: 'working', ids: [this.running.id] });
    for (const [tab, jobs] of this.waiting) this.send(tab, { kind: 'working', ids: jobs.map((job) => job.id) });
  }

  private sayLoading(): void {
    const now = performance.now();
    if (this.model || now - this.lastProgress < PROGRESS_MS) return;
    this.lastProgress = now;
    const { loaded, total } = this.engine.progress;
    this.send('*', { kind: 'loading', loaded, total });
  }

  private send(to: string, message: HolderMessage): void {
    if (!this.closed) this.channel.postMessage({ ...message, from: this.id, to });
  }
}
