// A scripted stand-in of the Prompt API (Chrome's built-in model), installed on globalThis for a
// test: this Chromium has no built-in model, so the browser-model backend is tested at the API's
// interface. It follows the explainer (webmachinelearning/prompt-api, 2026): `LanguageModel` with
// availability(), create({ initialPrompts, expectedInputs, expectedOutputs, monitor, signal, … }),
// promptStreaming() with an AbortSignal (an aborted prompt leaves the session as it was), clone(),
// destroy(), contextUsage / contextWindow / measureContextUsage(), QuotaExceededError, and
// `downloadprogress` events with `loaded` from 0 to 1. `shape: 'ai.languageModel'` scripts the
// earlier shape instead: capabilities(), tokensSoFar / maxTokens / countPromptTokens(), and streams
// whose chunks repeat the whole text so far.

export type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

interface Message {
  role: string;
  content: string;
  prefix?: boolean;
}
type Input = string | Message[];

export interface PromptScript {
  shape?: 'LanguageModel' | 'ai.languageModel';
  availability?: Availability;
  /** `loaded` of each `downloadprogress` event create() fires (0 and 1 always come, as the explainer says). */
  downloadSteps?: number[];
  /** Raw sampling parameters (`params()`), as extensions have them; null: web pages since the rename. */
  params?: { defaultTopK: number; maxTopK: number; defaultTemperature: number; maxTemperature: number } | null;
  /** Sessions have `samplingMode`. */
  samplingModes?: boolean;
  contextWindow?: number;
  /** The answer to a prompt: words streamed one per chunk. */
  answer?: (input: Input, history: Message[]) => string;
  /** create()'s download stops after its steps (no more events, never resolves) until its signal aborts. */
  stallDownload?: boolean;
  /** Thrown by create() (a DOMException name) after availability said yes. */
  createError?: string;
  /** Thrown by the stream of the n-th prompt (1-based), by name. */
  promptError?: { name: string; at?: number };
  /** Streams stop after this many chunks and wait (until aborted or cancelled), so a test can act mid-answer. */
  holdAfter?: number;
  /**
   * Tool use, as the browser runs it: before a prompt of a session created with `tools` answers,
   * the browser calls these (each tool's `execute` with the arguments), then answers
   * "The tools said: <each result>".
   */
  toolCalls?: Array<{ name: string; args: unknown }>;
}

/** A tool as create() takes it. */
interface ScriptedTool {
  name: string;
  description: string;
  inputSchema: object;
  execute: (args: unknown) => Promise<string>;
}

export interface ScriptedRecord {
  creates: Array<Record<string, unknown>>;
  clones: number;
  prompts: Array<{ session: number; input: Input }>;
  /** Prompts whose stream ended on an abort (its signal, or a cancel). */
  aborted: number;
  destroyed: number[];
  /** Sessions not destroyed. */
  live: Set<number>;
  /** Every chunk streamed so far, across prompts. */
  chunks: string[];
  /** The responseConstraint of each prompt (undefined when it had none). */
  constraints: unknown[];
  /** The tools each create() was given (names), and what each `execute` resolved with. */
  tools: string[][];
  toolResults: string[];
  /** A stalled create() (`stallDownload`) began waiting, and was then aborted. */
  stalled?: boolean;
  createAborted?: boolean;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
/** The stand-in's tokenizer: a word is a token, and every message costs 2 more (its control tokens). */
const tokens = (input: Input) =>
  typeof input === 'string' ? words(input) + 2 : input.reduce((sum, m) => sum + words(m.content) + 2, 0);

export const DEFAULT_ANSWER = 'Once upon a time there was a little dog who liked to run in the park.';

/** Installs the stand-in; `uninstall()` restores what was there. */
export function installPromptApi(script: PromptScript = {}) {
  const record: ScriptedRecord = {
    creates: [],
    clones: 0,
    prompts: [],
    aborted: 0,
    destroyed: [],
    live: new Set(),
    chunks: [],
    constraints: [],
    tools: [],
    toolResults: [],
  };
  const legacy = script.shape === 'ai.languageModel';
  const contextWindow = script.contextWindow ?? 1024;
  let nextId = 1;
  const sessions = new Set<{ destroyedFlag: boolean }>();
  let promptCount = 0;
  const answerFor = script.answer ?? (() => DEFAULT_ANSWER);

  class ScriptedSession extends EventTarget {
    readonly id = nextId++;
    // Registered so endSessions() can end them behind the library's back.
    readonly registered = sessions.add(this);
    history: Message[];
    destroyedFlag = false;
    mode?: string;
    tools: ScriptedTool[];
    constructor(history: Message[], samplingMode?: string, tools: ScriptedTool[] = []) {
      super();
      this.history = history;
      this.mode = samplingMode;
      this.tools = tools;
      record.live.add(this.id);
    }
    get usage() {
      return this.history.length ? tokens(this.history) : 0;
    }
    // Both generations of names.
    get contextUsage() {
      return legacy ? undefined : this.usage;
    }
    get contextWindow() {
      return legacy ? undefined : contextWindow;
    }
    get tokensSoFar() {
      return legacy ? this.usage : undefined;
    }
    get maxTokens() {
      return legacy ? contextWindow : undefined;
    }
    async measureContextUsage(input: Input) {
      return tokens(input);
    }
    async countPromptTokens(input: Input) {
      return tokens(input);
    }
    promptStreaming(
      input: Input,
      options: { signal?: AbortSignal; responseConstraint?: unknown } = {},
    ): ReadableStream<string> {
      const n = ++promptCount;
      record.prompts.push({ session: this.id, input });
      record.constraints.push(options.responseConstraint);
      const messages: Message[] = typeof input === 'string' ? [{ role: 'user', content: input }] : input;
      let answer = answerFor(input, this.history).split(/(?=\s)/);
      let toolsUsed = !(script.toolCalls?.length && this.tools.length);
      let sent = 0;
      let text = '';
      let ended = false;
      const { signal } = options;
      const end = (controller: ReadableStreamDefaultController<string>, error: unknown) => {
        if (ended) return;
        ended = true;
        record.aborted++;
        controller.error(error);
      };
      return new ReadableStream<string>({
        start: (controller) => {
          if (this.destroyedFlag) throw new DOMException('The session was destroyed.', 'InvalidStateError');
          signal?.addEventListener('abort', () => end(controller, new DOMException('Aborted', 'AbortError')), {
            once: true,
          });
          if (script.promptError && (script.promptError.at ?? 1) === n) {
            ended = true;
            const quota = script.promptError.name === 'QuotaExceededError';
            controller.error(
              new DOMException(quota ? 'The input is too large.' : 'Scripted failure.', script.promptError.name),
            );
          }
        },
        pull: async (controller) => {
          if (ended) return;
          if (script.holdAfter !== undefined && sent >= script.holdAfter) {
            await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
          }
          if (ended || signal?.aborted) return;
          if (!toolsUsed) {
            toolsUsed = true;
            const results: string[] = [];
            for (const { name, args } of script.toolCalls ?? []) {
              const tool = this.tools.find((candidate) => candidate.name === name);
              if (!tool) throw new Error(`the scripted browser model calls an unknown tool: ${name}`);
              results.push(await tool.execute(args));
            }
            record.toolResults.push(...results);
            answer = `The tools said: ${results.join('; ')}`.split(/(?=\s)/);
            if (ended || signal?.aborted) return;
          }
          const chunk = answer[sent++];
          if (chunk === undefined) {
            ended = true;
            // Finished: the exchange joins the session (an aborted one never does).
            this.history = [...this.history, ...messages, { role: 'assistant', content: text }];
            controller.close();
            return;
          }
          text += chunk;
          record.chunks.push(chunk);
          controller.enqueue(legacy ? text : chunk);
        },
        cancel: () => {
          if (!ended) {
            ended = true;
            record.aborted++;
          }
        },
      });
    }
    async clone() {
      if (this.destroyedFlag) throw new DOMException('The session was destroyed.', 'InvalidStateError');
      record.clones++;
      return new ScriptedSession([...this.history], this.mode, this.tools);
    }
    destroy() {
      if (this.destroyedFlag) return;
      this.destroyedFlag = true;
      record.destroyed.push(this.id);
      record.live.delete(this.id);
    }
  }

  const availability = async () => script.availability ?? 'available';
  const create = async (options: Record<string, unknown> = {}) => {
    const { signal, monitor, ...rest } = options as {
      signal?: AbortSignal;
      monitor?: (m: EventTarget) => void;
      initialPrompts?: Message[];
      samplingMode?: string;
      tools?: ScriptedTool[];
    };
    record.creates.push(rest);
    record.tools.push((rest.tools ?? []).map((tool) => tool.name));
    const state = await availability();
    if (state === 'unavailable') throw new DOMException('The model is not available.', 'NotSupportedError');
    const target = new EventTarget();
    monitor?.(target);
    const progress = (loaded: number) => {
      const event = new Event('downloadprogress') as Event & { loaded: number; total: number };
      Object.assign(event, { loaded, total: 1 });
      target.dispatchEvent(event);
    };
    const steps = [0, ...(state === 'available' ? [] : (script.downloadSteps ?? []))];
    for (const loaded of script.stallDownload ? steps : [...steps, 1]) {
      if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
      progress(loaded);
      await new Promise((resolve) => setTimeout(resolve)); // a task between events, as a download has
    }
    if (script.stallDownload) {
      record.stalled = true;
      await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
      record.createAborted = true;
      throw new DOMException('Aborted', 'AbortError');
    }
    if (script.createError) throw new DOMException('Scripted refusal.', script.createError);
    const initial = rest.initialPrompts ?? [];
    if (tokens(initial) > contextWindow) throw new DOMException('Too large.', 'QuotaExceededError');
    return new ScriptedSession([...initial], rest.samplingMode, rest.tools);
  };

  const saved = {
    LanguageModel: (globalThis as Record<string, unknown>).LanguageModel,
    ai: (globalThis as Record<string, unknown>).ai,
  };
  if (legacy) {
    const factory = {
      capabilities: async () => ({
        available:
          (
            { available: 'readily', downloadable: 'after-download', downloading: 'after-download' } as Record<
              string,
              string
            >
          )[script.availability ?? 'available'] ?? 'no',
      }),
      create,
    };
    Object.defineProperty(globalThis, 'ai', { value: { languageModel: factory }, configurable: true, writable: true });
    delete (globalThis as Record<string, unknown>).LanguageModel;
  } else {
    class ScriptedLanguageModel extends ScriptedSession {
      static availability = availability;
      static create = create;
      static params = async () => script.params ?? null;
    }
    if (script.samplingModes) {
      // The attribute exists only where the script says the browser has it.
      Object.defineProperty(ScriptedLanguageModel.prototype, 'samplingMode', {
        get(this: ScriptedSession) {
          return this.mode;
        },
        configurable: true,
      });
    }
    Object.defineProperty(globalThis, 'LanguageModel', {
      value: ScriptedLanguageModel,
      configurable: true,
      writable: true,
    });
  }

  return {
    record,
    /** Ends every session, as the browser does when it unloads or updates its model. */
    endSessions() {
      for (const session of sessions) session.destroyedFlag = true;
    },
    uninstall() {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) Reflect.deleteProperty(globalThis, name);
        else (globalThis as Record<string, unknown>)[name] = value;
      }
    },
  };
}
