// The browser model: the browser's built-in model through the Prompt API (Chrome's Gemini Nano),
// nothing to download when the browser has it, and it runs on the device. Loaded with import() by
// the engine, only for a source that asks for it. This adapter holds its sessions; the API's shapes
// are in browser-model-api.ts, our requests in its terms in browser-model-request.ts, one answer's
// stream in browser-model-answer.ts and its errors in browser-model-errors.ts.
import { LlmError, abortError, isAbort } from '../core/errors.js';
import { DEFAULT_STALL_TIMEOUT_MS } from '../core/defaults.js';
import type { BrowserModelAvailability, ChatMessage, ModelInfo } from '../core/types.js';
import type { Backend, BackendGenerateRequest, BackendGenerateResult, BackendLoadRequest } from './backend.js';
import {
  browserModelName,
  expectedLanguages,
  findPromptApi,
  type PromptApi,
  type PromptCreateOptions,
  type PromptSession,
  type SamplingParams,
} from './browser-model-api.js';
import { sessionWithTools } from './browser-model-tools.js';
import { streamAnswer, type AnswerRequest } from './browser-model-answer.js';
import { StartWatchdog, capitalize, mapPromptError } from './browser-model-errors.js';
import { samplingFor, toPrompt, type Sampling } from './browser-model-request.js';

export { samplingModeFor } from './browser-model-request.js';

/** Conversations kept as live sessions, so a next turn (or a retry) continues one instead of replaying it. */
const HELD_SESSIONS = 4;

/** A session and the conversation it holds. */
interface HeldSession {
  /** The sampling settings it was created with (sessions cannot change them). */
  key: string;
  history: ChatMessage[];
  session: PromptSession;
}

/** Whether the page has had the user action the browser wants before it downloads its model. */
function userHasActed(): boolean {
  const activation = (globalThis.navigator as Navigator & { userActivation?: UserActivation }).userActivation;
  // Chrome asks for transient activation and discusses sticky: the weaker test, and a refusal maps to not-allowed.
  return !activation || activation.isActive || activation.hasBeenActive;
}

/** Whether `prefix` is the start of `messages` (same roles and texts). */
function isPrefix(prefix: readonly ChatMessage[], messages: readonly ChatMessage[]): boolean {
  return prefix.every((m, i) => messages[i]?.role === m.role && messages[i]?.content === m.content);
}

export interface BrowserModelBackendOptions {
  /** How long an answer may go without new text (the first included) before it fails. Default 60 000 ms. */
  answerStallMs?: number;
}

/** How long an answer may go without new text: the browser's model reads a long prompt first. */
const DEFAULT_ANSWER_STALL_MS = 60_000;

export class BrowserModelBackend implements Backend {
  readonly kind = 'browser-model' as const;
  private readonly answerStallMs: number;
  private api: PromptApi | null = null;
  /**
   * Never prompted: it keeps the model loaded, and counts tokens while another session streams.
   * Made again when the browser has ended it.
   */
  private root: PromptSession | null = null;
  private params: SamplingParams | null = null;
  private create: PromptCreateOptions = {};
  /** What messages call the model: "Chrome’s built-in model (Gemini Nano)". */
  private name = 'the browser’s model';
  /** Tokens an empty prompt counts (the control tokens around a turn), taken off every count. */
  private overhead = 0;
  /** Most recently used last. */
  private held: HeldSession[] = [];

  constructor(options: BrowserModelBackendOptions = {}) {
    this.answerStallMs = options.answerStallMs ?? DEFAULT_ANSWER_STALL_MS;
  }

  async load(request: BackendLoadRequest): Promise<ModelInfo> {
    await this.unload();
    const api = findPromptApi();
    this.name = browserModelName(globalThis.navigator?.userAgent ?? '');
    const model = capitalize(this.name);
    if (!api) throw new LlmError('backend-unavailable', `${model} is not in this browser (no Prompt API)`);
    this.create = expectedLanguages(request.browserModel?.languages);
    let availability: BrowserModelAvailability;
    try {
      availability = await api.availability(this.create);
    } catch (error) {
      throw mapPromptError(error, 'load', this.name);
    }
    if (availability === 'unavailable') {
      throw new LlmError('backend-unavailable', `${model} is unavailable in this browser`);
    }
    const downloads = availability !== 'available';
    if (downloads && !userHasActed()) {
      throw new LlmError(
        'not-allowed',
        `${model} is downloaded by the browser once, and it starts that only after a click or key press on ` +
          'the page: press Retry, or send a message',
      );
    }
    request.onProgress(0, 1000, !downloads);
    let root: PromptSession;
    const watchdog = new StartWatchdog(
      this.name,
      downloads,
      request.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
      request.signal,
    );
    try {
      root = await watchdog.race(
        api.create({
          ...this.create,
          signal: watchdog.signal,
          // The API reports a fraction (0..1), never bytes: pass it on in thousandths, as web-llm's is.
          monitor: (monitor) =>
            monitor.addEventListener('downloadprogress', (event) => {
              const loaded = (event as ProgressEvent).loaded;
              if (!Number.isFinite(loaded)) return;
              watchdog.progress(loaded);
              request.onProgress(Math.round(Math.min(loaded, 1) * 1000), 1000, !downloads);
            }),
        }),
      );
    } catch (error) {
      if (watchdog.error) throw watchdog.error;
      if (isAbort(error) || request.signal?.aborted) throw abortError(request.signal);
      const mapped = mapPromptError(error, 'load', this.name);
      // Without a download no user action is needed: a refusal is the permissions policy, for which
      // the page's own model is the way on (the engine falls back on backend-unavailable).
      if (mapped.code === 'not-allowed' && !downloads) {
        throw new LlmError('backend-unavailable', mapped.message, { cause: error });
      }
      throw mapped;
    } finally {
      watchdog.stop();
    }
    if (request.signal?.aborted) {
      root.destroy();
      throw abortError(request.signal);
    }
    this.api = api;
    this.root = root;
    this.params = await api.params();
    this.overhead = (await root.measure('').catch(() => undefined)) ?? 0;
    const contextSize = root.window ?? request.contextSize;
    return {
      name: model,
      architecture: 'browser-model',
      contextSize,
      trainedContextSize: contextSize,
      chatTemplate: null,
      chatFormat: 'library',
      sizeBytes: 0,
    };
  }

  /** The Prompt API constrains to a JSON Schema (`responseConstraint`); it takes no GBNF grammar. */
  canConstrain(constraint: 'schema' | 'grammar'): boolean {
    return constraint === 'schema';
  }

  async generate(request: BackendGenerateRequest): Promise<BackendGenerateResult> {
    const api = this.api;
    if (!api) throw new LlmError('not-loaded', 'No model is loaded.');
    const { input, options, signal } = request;
    if (signal.aborted) throw abortError(signal);
    if (request.tools?.length) return this.generateWithTools(api, request);
    const sampling = samplingFor(options, this.params, api.samplingModes);
    const key = JSON.stringify(sampling);
    const messages = input.kind === 'chat' ? input.messages : [{ role: 'user' as const, content: input.prompt }];

    const begin = async () => {
      this.root ??= await api.create({ ...this.create, signal });
      const found = input.kind === 'chat' ? this.find(key, messages) : undefined;
      const start = found ?? (await this.open(api, key, sampling, messages, signal, input.kind === 'chat'));
      // A clone answers, so the held session stays as it was for the next turn or a retry.
      const work = (await start.session.clone(signal)) ?? (await this.own(api, start, key, sampling, signal));
      return { start, work, reused: Boolean(found) };
    };
    let start: HeldSession;
    let work: PromptSession;
    let reused: boolean;
    try {
      // Sessions the browser ended (its model unloaded or updated) are dropped and made again, once.
      ({ start, work, reused } = await begin().catch((error: unknown) => {
        if (!this.forgetIfEnded(error)) throw error;
        return begin();
      }));
    } catch (error) {
      if (isAbort(error) || signal.aborted) throw abortError(signal);
      this.forgetIfEnded(error);
      throw mapPromptError(error, 'generate', this.name);
    }
    const remainder = messages.slice(start.history.length);
    const prompt = toPrompt(remainder);
    const result = await streamAnswer(work, prompt, this.answerOptions(request)).catch((error: unknown) => {
      work.destroy();
      if (isAbort(error) || signal.aborted) throw abortError(signal);
      this.forgetIfEnded(error);
      throw mapPromptError(error, 'generate', this.name);
    });
    if (result.finishReason === 'length' || input.kind !== 'chat') {
      work.destroy(); // the browser took back a cut answer; a completion is not continued
    } else {
      this.keep({ key, history: [...messages, { role: 'assistant', content: result.text }], session: work });
    }
    const cachedPromptTokens = reused ? result.history : 0;
    return {
      finishReason: result.finishReason,
      promptTokens: result.promptTokens,
      cachedPromptTokens,
      completionTokens: result.completionTokens,
    };
  }

  /** How an answer to `request` streams: its length, schema, abort, stall bound and counting. */
  private answerOptions({ options, signal, onDelta }: BackendGenerateRequest): AnswerRequest {
    return {
      maxTokens: options.max_tokens,
      schema: options.schema,
      signal,
      onDelta,
      stallMs: this.answerStallMs,
      name: this.name,
      count: (text) => this.count(text),
      overhead: this.overhead,
    };
  }

  /** The browser's model calls tools itself, during an answer (browser-model-tools.ts). */
  canUseTools(): boolean {
    return true;
  }

  /** A chat with tools: a session of its own, whose calls the engine answers as they come. */
  private async generateWithTools(api: PromptApi, request: BackendGenerateRequest): Promise<BackendGenerateResult> {
    const { options, signal } = request;
    let running = 0;
    let session: PromptSession | undefined;
    try {
      this.root ??= await api.create({ ...this.create, signal });
      const sampling = samplingFor(options, this.params, api.samplingModes);
      const calls = { started: () => running++, ended: () => running-- };
      const made = await sessionWithTools(api, { ...this.create, ...sampling }, request, calls);
      session = made.session;
      const result = await streamAnswer(session, made.prompt, {
        ...this.answerOptions(request),
        waiting: () => running > 0, // a tool runs (or waits for the visitor): no text meanwhile is no stall
      });
      const { finishReason, promptTokens, completionTokens } = result;
      return { finishReason, promptTokens, completionTokens };
    } catch (error) {
      if (isAbort(error) || signal.aborted) throw abortError(signal);
      if (LlmError.is(error)) throw error;
      this.forgetIfEnded(error);
      throw mapPromptError(error, 'generate', this.name);
    } finally {
      session?.destroy();
    }
  }

  /** Tokens of `text` as the model counts them (undefined where the browser cannot measure). */
  countTokens(text: string): Promise<number | undefined> {
    return this.count(text);
  }

  /** Tokens of `text` as the model counts them, on the root session (which is never busy). */
  private async count(text: string): Promise<number | undefined> {
    const tokens = await this.root?.measure(text).catch(() => undefined);
    return tokens === undefined ? undefined : Math.max(0, tokens - this.overhead);
  }

  /** The held session whose conversation is the longest start of `messages`, short of all of it. */
  private find(key: string, messages: readonly ChatMessage[]): HeldSession | undefined {
    let best: HeldSession | undefined;
    for (const held of this.held) {
      if (held.key !== key || held.history.length >= messages.length || !isPrefix(held.history, messages)) continue;
      if (!best || held.history.length > best.history.length) best = held;
    }
    if (best) this.keep(best); // most recently used
    return best;
  }

  /**
   * A session holding everything before the last user message (the system prompt and earlier turns,
   * as `initialPrompts`), held for the turns that follow when it is a chat. With nothing before it
   * and default sampling, the root session is the start (it is cloned, never prompted).
   */
  private async open(
    api: PromptApi,
    key: string,
    sampling: Sampling,
    messages: readonly ChatMessage[],
    signal: AbortSignal,
    hold: boolean,
  ): Promise<HeldSession> {
    const lastUser = messages.map((m) => m.role).lastIndexOf('user');
    const history = messages.slice(0, Math.max(lastUser, 0));
    if (!history.length && key === '{}' && this.root) return { key, history, session: this.root };
    const session = await api.create({
      ...this.create,
      ...sampling,
      ...(history.length && { initialPrompts: history.map(({ role, content }) => ({ role, content })) }),
      signal,
    });
    const held = { key, history, session };
    if (hold) this.keep(held);
    return held;
  }

  /**
   * A session to answer with where the browser cannot clone: the held one itself (taken out, since
   * answering changes it), or a new one in place of the root, which is never prompted.
   */
  private async own(
    api: PromptApi,
    start: HeldSession,
    key: string,
    sampling: Sampling,
    signal: AbortSignal,
  ): Promise<PromptSession> {
    if (start.session !== this.root) {
      this.held = this.held.filter((h) => h !== start);
      return start.session;
    }
    return api.create({ ...this.create, ...sampling, signal });
  }

  /** Holds a session as the most recently used, destroying the least recently used beyond the limit. */
  private keep(held: HeldSession): void {
    this.held = [...this.held.filter((h) => h !== held), held];
    while (this.held.length > HELD_SESSIONS) this.held.shift()?.session.destroy();
  }

  /**
   * Whether the browser ended its sessions (its model was unloaded or updated): then every one is
   * dropped, the root too, and the next request makes them again.
   */
  private forgetIfEnded(error: unknown): boolean {
    if (!(error instanceof DOMException && error.name === 'InvalidStateError')) return false;
    this.forgetAll();
    this.root?.destroy();
    this.root = null;
    return true;
  }

  private forgetAll(): void {
    for (const held of this.held.splice(0)) held.session.destroy();
  }

  async unload(): Promise<void> {
    this.forgetAll();
    this.root?.destroy();
    this.root = null;
    this.api = null;
  }
}
