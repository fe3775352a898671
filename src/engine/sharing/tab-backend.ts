import type {
  Backend,
  BackendGenerateRequest,
  BackendGenerateResult,
  BackendLoadRequest,
} from '../backends/backend.js';
import { LlmError, abortError } from '../core/errors.js';
import type { ToolCall } from '../tools/tool-types.js';
import { DEFAULT_STALL_TIMEOUT_MS } from '../core/defaults.js';
import type { ModelInfo } from '../core/types.js';
import { isFor, tabId, type FollowerMessage, type HolderMessage, type TabInput } from './tab-protocol.js';

/** How long a follower waits for any answer from a holder before its load fails. */
export const HELLO_TIMEOUT_MS = 10_000;
/** How often it says hello again meanwhile (the holder's channel may open just after the lock is taken). */
const HELLO_EVERY_MS = 1000;

interface Pending {
  onDelta: (text: string) => void;
  resolve: (result: BackendGenerateResult) => void;
  reject: (error: LlmError) => void;
  /** Restarts the no-data bound. */
  alive: () => void;
  /** Stops the no-data bound while this tab answers a tool call (`alive()` restarts it). */
  hold: () => void;
  /** The engine's answer to a call of the holder's model (`BackendGenerateRequest.answerToolCall`). */
  answerToolCall?: (call: ToolCall) => Promise<string>;
}

/**
 * The follower's side, as a backend: the engine of this tab keeps its own queue, events and stats,
 * and each request runs in the tab that holds the model (`TabHost`), its deltas streamed back.
 */
export class TabBackend implements Backend {
  readonly kind = 'another-tab' as const;
  readonly id = tabId();
  private readonly channel: BroadcastChannel;
  private holder: string | null = null;
  private stallMs = DEFAULT_STALL_TIMEOUT_MS;
  private readonly pending = new Map<string, Pending>();
  /** Token counts asked of the holder, by id. */
  private readonly counting = new Map<string, (tokens: number | undefined) => void>();
  private onReady: ((message: HolderMessage & { from: string }) => void) | null = null;
  private closed = false;

  /** Whether it was unloaded. */
  get isClosed(): boolean {
    return this.closed;
  }

  constructor(
    name: string,
    private readonly onClose: () => void = () => {},
  ) {
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = (event: MessageEvent) => {
      if (isFor(event.data, this.id)) this.receive(event.data as HolderMessage & { from: string });
    };
  }

  /** Asks who holds the model and resolves with its `ModelInfo`; fails when no holder answers in time. */
  load(request: BackendLoadRequest): Promise<ModelInfo> {
    // Within what a timer can wait (a longer delay, or Infinity, would fire at once).
    this.stallMs = Math.min(request.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS, 2 ** 31 - 1);
    const { signal } = request;
    return new Promise<ModelInfo>((resolve, reject) => {
      let deadline = performance.now() + HELLO_TIMEOUT_MS;
      const ask = () => {
        if (performance.now() < deadline) return this.post({ kind: 'hello' });
        finish();
        reject(new LlmError('backend-unavailable', 'The tab that holds the model did not answer'));
      };
      const timer = setInterval(ask, HELLO_EVERY_MS);
      const onAbort = () => {
        finish();
        reject(abortError(signal));
      };
      const finish = () => {
        clearInterval(timer);
        this.onReady = null;
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.onReady = (message) => {
        if (message.kind === 'loading') {
          deadline = performance.now() + this.stallMs; // the holder is loading: wait while it progresses
          request.onProgress(message.loaded, message.total);
        } else if (message.kind === 'ready') {
          finish();
          this.holder = message.from;
          resolve(message.model);
        }
      };
      ask();
    });
  }

  generate(request: BackendGenerateRequest): Promise<BackendGenerateResult> {
    const { signal, options } = request;
    if (signal.aborted) return Promise.reject(abortError(signal));
    if (this.closed || !this.holder) return Promise.reject(movedError());
    const id = tabId();
    const input: TabInput =
      request.input.kind === 'chat'
        ? { kind: 'chat', messages: request.input.messages }
        : { kind: 'complete', prompt: request.input.prompt };
    return new Promise<BackendGenerateResult>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const alive = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.post({ kind: 'abort', id });
          end();
          const seconds = Math.round(this.stallMs / 1000);
          reject(new LlmError('network', `The tab that holds the model has not answered for ${seconds} s. Try again`));
        }, this.stallMs);
      };
      const onAbort = () => {
        this.post({ kind: 'abort', id });
        end();
        reject(abortError(signal));
      };
      const end = () => {
        clearTimeout(timer);
        this.pending.delete(id);
        signal.removeEventListener('abort', onAbort);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        onDelta: request.onDelta,
        resolve: (result) => (end(), resolve(result)),
        reject: (error) => (end(), reject(error)),
        alive,
        hold: () => clearTimeout(timer),
        answerToolCall: request.answerToolCall,
      });
      alive();
      const { continueLast, ...rest } = options;
      const sent = {
        ...rest,
        ...(request.input.kind === 'chat' && request.input.continueLast && { continueLast }),
        // One round of a chat with tools: the holder's model calls, this tab's engine runs the tools.
        ...(request.tools?.length && { toolRound: request.tools }),
      };
      this.post({ kind: 'request', id, input, options: JSON.parse(JSON.stringify(sent)) as typeof sent });
    });
  }

  /** The holder let the model go (or another tab now holds it): every request in flight ends, retryable. */
  moved(): void {
    this.holder = null;
    for (const pending of [...this.pending.values()]) pending.reject(movedError());
  }

  /**
   * The holder's engine refuses what its backend cannot do (a grammar for the browser's model, a
   * continuation for web-llm), in its words, which name that backend: the follower forwards all.
   */
  canConstrain(): boolean {
    return true;
  }

  canContinue(): boolean {
    return true;
  }

  canUseTools(): boolean {
    return true;
  }

  /** Counted by the holder's model; undefined (the engine estimates) when it cannot or does not answer in time. */
  countTokens(text: string, signal?: AbortSignal): Promise<number | undefined> {
    if (this.closed || !this.holder) return Promise.resolve(undefined);
    const id = tabId();
    return new Promise<number | undefined>((resolve, reject) => {
      const timer = setTimeout(() => done(undefined), this.stallMs);
      const onAbort = () => {
        done(undefined);
        reject(abortError(signal));
      };
      const done = (tokens: number | undefined) => {
        clearTimeout(timer);
        this.counting.delete(id);
        signal?.removeEventListener('abort', onAbort);
        resolve(tokens);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.counting.set(id, done);
      this.post({ kind: 'count', id, text });
    });
  }

  async unload(): Promise<void> {
    if (this.closed) return;
    for (const id of this.pending.keys()) this.post({ kind: 'abort', id });
    this.moved();
    this.closed = true;
    this.channel.close();
    this.onClose();
  }

  private receive(message: HolderMessage & { from: string }): void {
    if (this.onReady && (message.kind === 'loading' || message.kind === 'ready')) return this.onReady(message);
    switch (message.kind) {
      case 'ready':
        if (message.from === this.holder) return;
        this.moved(); // another tab took the model over: what the old holder ran is lost
        this.holder = message.from;
        return;
      case 'gone':
        if (message.from === this.holder) this.moved();
        return;
      case 'working':
        return message.ids.forEach((id) => this.pending.get(id)?.alive());
      case 'delta': {
        const pending = this.pending.get(message.id);
        pending?.alive();
        if (message.part === 'answer') pending?.onDelta(message.text);
        return;
      }
      case 'done':
        return this.pending.get(message.id)?.resolve(message.result);
      case 'error':
        if (message.id !== null) this.pending.get(message.id)?.reject(new LlmError(message.code, message.message));
        return;
      case 'tool-call': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        // The visitor may be asked first (Allow / Deny): the holder's silence meanwhile is no stall.
        pending.hold();
        const answer =
          pending.answerToolCall?.(message.call) ?? Promise.resolve(JSON.stringify({ error: 'No tools.' }));
        void answer
          .catch((error: unknown) => JSON.stringify({ error: String(error) }))
          .then((text) => {
            if (!this.pending.has(message.id)) return;
            pending.alive();
            this.post({ kind: 'tool-reply', id: message.id, callId: message.callId, text });
          });
        return;
      }
      case 'counted':
        return this.counting.get(message.id)?.(message.tokens ?? undefined);
    }
  }

  private post(message: FollowerMessage): void {
    if (!this.closed) this.channel.postMessage({ ...message, from: this.id, to: this.holder ?? '*' });
  }
}

function movedError(): LlmError {
  return new LlmError(
    'engine-moved',
    'The tab that ran the model closed or let it go; this tab loads it now. Try again',
  );
}
