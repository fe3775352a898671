// The browser model's API: the Prompt API (a browser's own language model: Chrome's Gemini Nano) as
// this library uses it, whichever of its shapes the browser has, and the detection of the model.
// Loaded with import() only when a page asks for the browser model, like the backends.
//
// Shapes, newest first (webmachinelearning/prompt-api, 2026):
// - `LanguageModel` with `contextUsage` / `contextWindow` / `measureContextUsage()` (the explainer now);
// - `LanguageModel` with `inputUsage` / `inputQuota` / `measureInputUsage()` (Chrome 138 to the rename,
//   still in extensions);
// - `ai.languageModel` with `capabilities()` and `tokensSoFar` / `maxTokens` / `countPromptTokens()`
//   (Chrome 131–137 behind flags and origin trials), whose streams repeated the whole text so far.
import type { BrowserModelCapability } from '../device/capabilities.js';
import type { BrowserModelAvailability, ChatRole } from '../core/types.js';

/** One message as the Prompt API takes it. `prefix` continues a final assistant message. */
export interface PromptMessage {
  role: ChatRole;
  content: string;
  prefix?: boolean;
}

export type SamplingMode = 'most-predictable' | 'predictable' | 'balanced' | 'creative' | 'most-creative';

/** What `create()` is given: the same expectations go to `availability()`. */
export interface PromptCreateOptions {
  expectedInputs?: Array<{ type: 'text'; languages?: string[] }>;
  expectedOutputs?: Array<{ type: 'text'; languages?: string[] }>;
  initialPrompts?: PromptMessage[];
  temperature?: number;
  topK?: number;
  samplingMode?: SamplingMode;
  /** Tools the browser's model may call during an answer (the browser calls `execute` itself). */
  tools?: Array<{
    name: string;
    description: string;
    inputSchema: object;
    execute: (args: unknown) => Promise<string>;
  }>;
  signal?: AbortSignal;
  monitor?: (monitor: EventTarget) => void;
}

/** `LanguageModel.params()`: only in extensions and experiments; null elsewhere. */
export interface SamplingParams {
  defaultTopK: number;
  maxTopK: number;
  defaultTemperature: number;
  maxTemperature: number;
}

type PromptInput = string | PromptMessage[];
/** A prompt's options: its abort signal, and the JSON Schema its answer must follow. */
type SignalOption = { signal?: AbortSignal; responseConstraint?: object | boolean };

/** A session as browsers expose it; every count has had another name before. */
interface RawSession {
  promptStreaming(input: PromptInput, options?: SignalOption): ReadableStream<string>;
  clone?(options?: SignalOption): Promise<RawSession>;
  destroy(): void;
  measureContextUsage?(input: PromptInput, options?: SignalOption): Promise<number>;
  measureInputUsage?(input: PromptInput, options?: SignalOption): Promise<number>;
  countPromptTokens?(input: PromptInput, options?: SignalOption): Promise<number>;
  contextUsage?: number;
  inputUsage?: number;
  tokensSoFar?: number;
  contextWindow?: number;
  inputQuota?: number;
  maxTokens?: number;
}

interface RawFactory {
  availability?(options?: PromptCreateOptions): Promise<string>;
  capabilities?(): Promise<{ available?: string }>;
  create(options?: PromptCreateOptions): Promise<RawSession>;
  params?(): Promise<SamplingParams | null>;
  prototype?: object;
}

/** The Prompt API of this browser, in one shape. */
export interface PromptApi {
  /** Which global it was found on. */
  readonly shape: BrowserModelCapability['api'];
  /** Whether sessions take `samplingMode` (the explainer's replacement for temperature and topK on the web). */
  readonly samplingModes: boolean;
  availability(options: PromptCreateOptions): Promise<BrowserModelAvailability>;
  create(options: PromptCreateOptions): Promise<PromptSession>;
  /** Null where raw temperature and topK are not offered (web pages, since the rename). */
  params(): Promise<SamplingParams | null>;
}

const LEGACY_AVAILABILITY: Record<string, BrowserModelAvailability> = {
  readily: 'available',
  'after-download': 'downloadable',
  no: 'unavailable',
};

function asAvailability(value: string | undefined): BrowserModelAvailability {
  const known: readonly string[] = ['unavailable', 'downloadable', 'downloading', 'available'];
  if (value && known.includes(value)) return value as BrowserModelAvailability;
  return (value && LEGACY_AVAILABILITY[value]) || 'unavailable';
}

/** The Prompt API this browser exposes, or null. Reads globals only: nothing is downloaded. */
export function findPromptApi(scope: object = globalThis): PromptApi | null {
  const global = scope as { LanguageModel?: RawFactory; ai?: { languageModel?: RawFactory } };
  const current = global.LanguageModel;
  const legacy = global.ai?.languageModel;
  const factory = typeof current?.create === 'function' ? current : legacy;
  if (!factory || typeof factory.create !== 'function') return null;
  const shape = factory === current ? 'LanguageModel' : 'ai.languageModel';
  return {
    shape,
    samplingModes: Boolean(factory.prototype && 'samplingMode' in factory.prototype),
    async availability(options) {
      if (typeof factory.availability === 'function') return asAvailability(await factory.availability(options));
      if (typeof factory.capabilities === 'function') return asAvailability((await factory.capabilities()).available);
      return 'unavailable';
    },
    async create(options) {
      return new PromptSession(await factory.create(options), shape === 'ai.languageModel');
    },
    async params() {
      if (typeof factory.params !== 'function') return null;
      return (await factory.params().catch(() => null)) ?? null;
    },
  };
}

/** One session of the browser's model: a conversation it holds, with counts under whichever names it has. */
export class PromptSession {
  constructor(
    private readonly raw: RawSession,
    /** `ai.languageModel`'s streams may repeat the whole text so far in every chunk. */
    private readonly legacy: boolean,
  ) {}

  /** Tokens the session holds now, when the browser says. */
  get usage(): number | undefined {
    return finite(this.raw.contextUsage ?? this.raw.inputUsage ?? this.raw.tokensSoFar);
  }

  /** The most tokens it can hold, when the browser says. */
  get window(): number | undefined {
    return finite(this.raw.contextWindow ?? this.raw.inputQuota ?? this.raw.maxTokens);
  }

  /** Tokens `input` would take, when the browser can count them. */
  async measure(input: PromptInput, signal?: AbortSignal, schema?: object | boolean): Promise<number | undefined> {
    const raw = this.raw;
    const measure = raw.measureContextUsage ?? raw.measureInputUsage ?? raw.countPromptTokens;
    if (typeof measure !== 'function') return undefined;
    return finite(
      await measure.call(raw, input, { signal, ...(schema !== undefined && { responseConstraint: schema }) }),
    );
  }

  /** The answer to `input` as pieces of new text (never the whole text again), following `schema` when given. */
  async *stream(input: PromptInput, signal: AbortSignal, schema?: object | boolean): AsyncGenerator<string> {
    const options = { signal, ...(schema !== undefined && { responseConstraint: schema }) };
    const reader = this.raw.promptStreaming(input, options).getReader();
    let text = '';
    let cumulative: boolean | undefined;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const chunk = String(value);
        // Decided on the second chunk: a legacy stream that repeats the first one is cumulative.
        if (this.legacy && text && cumulative === undefined) cumulative = chunk.startsWith(text);
        const delta = cumulative ? chunk.slice(text.length) : chunk;
        text = cumulative ? chunk : text + chunk;
        if (delta) yield delta;
      }
    } finally {
      // A consumer that stops early (max tokens, a stop string) ends the browser's generation too.
      reader.cancel().catch(() => {});
    }
  }

  /** A copy holding the same conversation, or null where the browser cannot clone. */
  async clone(signal?: AbortSignal): Promise<PromptSession | null> {
    if (typeof this.raw.clone !== 'function') return null;
    return new PromptSession(await this.raw.clone({ signal }), this.legacy);
  }

  destroy(): void {
    try {
      this.raw.destroy();
    } catch {
      // Already destroyed, or its document is gone: nothing is held any more.
    }
  }
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** What to call the model in reasons: the browsers that ship one name it. */
export function browserModelName(userAgent: string): string {
  if (/\bEdg\//.test(userAgent)) return 'Edge’s built-in model (Phi-4-mini)';
  if (/Chrome\//.test(userAgent)) return 'Chrome’s built-in model (Gemini Nano)'; // HeadlessChrome/ too
  return 'the browser’s built-in model';
}

/** The languages a session is created for: the page's, when it says, else English. */
export function expectedLanguages(languages?: readonly string[]): PromptCreateOptions {
  const list = languages?.length ? [...languages] : ['en'];
  return {
    expectedInputs: [{ type: 'text', languages: list }],
    expectedOutputs: [{ type: 'text', languages: list }],
  };
}

/**
 * Whether this browser has a built-in model (the browser model) and in what state: null when it has no Prompt API.
 * `availability()` fetches nothing (a download starts only with `create()`).
 */
export async function detectBrowserModel(languages?: readonly string[]): Promise<BrowserModelCapability | null> {
  const api = findPromptApi();
  if (!api) return null;
  let availability: BrowserModelAvailability;
  try {
    availability = await api.availability(expectedLanguages(languages));
  } catch {
    availability = 'unavailable'; // a language tag it rejects, or a document that is going away
  }
  return { api: api.shape, availability, name: browserModelName(globalThis.navigator?.userAgent ?? '') };
}
