import type { Engine } from '../core/engine.js';
import { LlmError, abortError } from '../core/errors.js';
import type { ToolCall } from '../tools/tool-types.js';
import { forTab, takeTurns } from './tab-turns.js';
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
  /** Tool calls of the holder's model waiting for the follower's reply, by call id. */
  replies?: Map<string, (text: string) => void>;
}

/**
 * The holder's side: answers the requests other tabs send over the channel with its own engine
 * (`engine.chat()`/`complete()`), streaming deltas back. They wait in the engine's queue with this
 * tab's requests, marked with the tab that asked (`forTab()`): the queue takes turns between tabs,
 * so one busy tab does not starve the others.
 */
export class TabHost {
  readonly id = tabId();
  private readonly channel: BroadcastChannel;
  /** The other tabs' requests in the engine's queue, waiting or running, by id. */
  private readonly jobs = new Map<string, Job>();
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
    takeTurns(); // from this tab's first request on, so its turns count
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
    for (const job of this.jobs.values()) job.controller.abort();
    this.jobs.clear();
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
      const job = { id, tab, input, options, controller: new AbortController() };
      this.jobs.set(id, job);
      void this.run(job).finally(() => this.jobs.delete(id));
    } else if (request.kind === 'abort') {
      const job = this.jobs.get(request.id);
      if (job?.tab === request.from) job.controller.abort();
    } else if (request.kind === 'tool-reply') {
      const job = this.jobs.get(request.id);
      if (job?.tab === request.from) job.replies?.get(request.callId)?.(request.text);
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

  private async run(job: Job): Promise<void> {
    // Raw text, thinking included: the follower's engine splits reasoning from the answer itself.
    // Marked as this tab's request, so the engine's queue takes turns between it and other tabs.
    const options = forTab(
      {
        ...job.options,
        reasoning: 'inline' as const,
        signal: job.controller.signal,
        // A model that runs its calls itself (the browser's) asks the follower, whose tools they are.
        ...(job.options.toolRound && { answerToolCall: (call: ToolCall) => this.askFollower(job, call) }),
      },
      job.tab,
    );
    const generation: Generation =
      job.input.kind === 'chat'
        ? this.engine.chat(job.input.messages, options)
        : this.engine.complete(job.input.prompt, options);
    try {
      for await (const part of generation.parts()) {
        // Tools run in the follower's engine (its loop is above its queue): none reach a holder.
        if (part.type !== 'tool') this.send(job.tab, { kind: 'delta', id: job.id, text: part.text, part: part.type });
      }
    } catch {
      // The result below says how it ended.
    }
    const result = await generation.result;
    if (result.finishReason === 'stop' || result.finishReason === 'length') {
      const { finishReason, promptTokens, completionTokens, cachedPromptTokens, tokensPerSecond, toolCalls } = result;
      const stats = { finishReason, promptTokens, completionTokens, cachedPromptTokens, tokensPerSecond, toolCalls };
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

  /** Sends a call of this tab's model to the follower that asked, and waits for its reply (or the job's end). */
  private askFollower(job: Job, call: ToolCall): Promise<string> {
    const callId = tabId();
    const replies = (job.replies ??= new Map<string, (text: string) => void>());
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => reject(abortError(job.controller.signal));
      if (job.controller.signal.aborted) return onAbort();
      job.controller.signal.addEventListener('abort', onAbort, { once: true });
      replies.set(callId, (text) => {
        replies.delete(callId);
        job.controller.signal.removeEventListener('abort', onAbort);
        resolve(text);
      });
      this.send(job.tab, { kind: 'tool-call', id: job.id, callId, call });
    });
  }

  private sayError(id: string, tab: string, error: LlmError): void {
    this.send(tab, { kind: 'error', id, code: error.code, message: error.message, retryable: isRetryable(error.code) });
  }

  private sayWorking(): void {
    const byTab = new Map<string, string[]>();
    for (const job of this.jobs.values()) byTab.set(job.tab, [...(byTab.get(job.tab) ?? []), job.id]);
    for (const [tab, ids] of byTab) this.send(tab, { kind: 'working', ids });
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
