import type { LlmError } from './errors.js';
import type { Tool, ToolCall, ToolChoice, ToolDefinition, ToolStep } from '../tools/tool-types.js';

/** Who wrote a chat message: `tool` is a tool's result, answering an assistant's call (tools). */
export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

/** One turn of a conversation. */
export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** An assistant message's calls of tools (its `content` may be empty). */
  toolCalls?: ToolCall[];
  /** A `tool` message: the id of the call it answers. */
  toolCallId?: string;
}

/** Sampling and length settings for one request. Unset fields take the backend's defaults. */
export interface GenerationOptions {
  /** 0 is greedy (always the most likely token). */
  temperature?: number;
  top_k?: number;
  top_p?: number;
  min_p?: number;
  /** The most tokens to generate. Default 256. */
  max_tokens?: number;
  /** Generation ends before any of these strings; the string itself is not returned. */
  stop?: string[];
  seed?: number;
  /** Penalty for repeating recent tokens; 1 is none. */
  repeat_penalty?: number;
  /**
   * Constrains the answer to JSON valid for this JSON Schema object (every backend that can:
   * llama.cpp, web-llm for chat, the browser's model); the result's `value` is the parsed, validated
   * value. Checked before anything runs: a malformed schema fails with `invalid-request`, a keyword
   * no grammar enforces (`not`, `if`, an unanchored `pattern`…) with `unsupported`, naming it; so
   * does a backend that cannot constrain. An answer that is not valid (cut off by `max_tokens`,
   * always, even when the part written parses) fails with `invalid-output`, its text kept.
   */
  schema?: JsonSchema;
  /**
   * Constrains the answer to a GBNF grammar (llama.cpp's backends only; others fail with
   * `unsupported`). Checked before anything runs: not text, empty, a syntax error, a rule used but
   * not defined, no `root` rule or left recursion fail with `invalid-request`.
   */
  grammar?: string;
  /**
   * Chat only: what to do with a conversation longer than the context window allows (with room for
   * `max_tokens`). `drop-oldest` (default) leaves out the oldest turns after the system prompt and
   * reports how many in `droppedMessages`; `none` sends it whole, and it fails if it does not fit.
   */
  fit?: ContextFit;
  /**
   * Chat only: the last message is the start of an assistant answer (one cut at `max_tokens`, or
   * stopped), and the model continues it instead of starting a new turn: the template renders that
   * turn open (no end-of-turn after it), and the result's text is what comes after it. llama.cpp's
   * backends can; web-llm and the browser's model cannot, and fail with `unsupported` before anything
   * runs. A conversation that does not end with an assistant message fails with `invalid-request`.
   */
  continueLast?: boolean;
  /**
   * A reasoning model's thinking (`<think>…</think>` before the answer: Qwen3, DeepSeek-R1 distills,
   * SmolLM3, QwQ). `separate` (default): it is kept out of the text, in `Generation.reasoning` and
   * the result's `reasoning`, and only the answer is yielded; output that does not start with
   * `<think>` (unless the model's template opens it in the prompt) is all answer, unchanged. Earlier
   * answers' reasoning is left out of the conversation sent back, as these templates expect.
   * `inline`: the raw output, tags included, is the text.
   */
  reasoning?: ReasoningMode;
  /**
   * Chat only: functions of the page the model may call (see `Tool`). Each call's arguments are
   * checked against the tool's schema, the tool runs, and its result goes back to the model, round
   * after round, until the model answers in words (the result's `toolSteps` tell what happened).
   * A backend that cannot call tools fails with `unsupported` before anything runs.
   */
  tools?: Tool[];
  /** Whether the model must call a tool (`ToolChoice`); default `auto`. */
  tool_choice?: ToolChoice;
  /** The most rounds of calls before the model must answer in words. Default 4. */
  maxToolRounds?: number;
  /**
   * Asked before a tool with `confirm` runs; false (or a rejection) denies the call, and the model is
   * told so. Without it, such a tool is denied.
   */
  approve?: (call: ToolCall, tool: Tool) => boolean | Promise<boolean>;
  /**
   * @internal One round of a chat with tools (tools/tool-loop.ts, or another tab's round through a
   * shared engine): the definitions offered, and the calls come back in the result's `toolCalls`
   * without being run.
   */
  toolRound?: ToolDefinition[];
  /** @internal With `toolRound`: answers a call made during the round, for backends that run calls themselves. */
  answerToolCall?: (call: ToolCall) => Promise<string>;
  /** Aborting ends this request only: a queued one is dropped, a running one stops at once. */
  signal?: AbortSignal;
}

/** A JSON Schema (draft 2020-12); as `schema`, an object (the engine turns it into a grammar). */
export type JsonSchema = { [keyword: string]: unknown } | boolean;

/** Whether a reasoning model's thinking is kept apart from its answer (`separate`) or left in the text (`inline`). */
export type ReasoningMode = 'separate' | 'inline';

/** How a chat request is fitted into the context window. */
export type ContextFit = 'drop-oldest' | 'none';

/** The engine's life cycle. */
export type EngineStatus = 'idle' | 'loading' | 'ready' | 'generating' | 'error';

/**
 * What a load is doing: `downloading` files from the network, `reading-cache` (the model is on this
 * device: its files come from the browser's storage), `starting` (every byte is in; the engine
 * compiles and reads the model), then `ready`.
 */
export type LoadPhase = 'downloading' | 'reading-cache' | 'starting' | 'ready';

/**
 * How far a model load has come, over every byte it fetches: the engine's own files (`wllama.wasm`,
 * or the compatibility build and its worker) and the model's files (every part of a split model).
 */
export interface LoadProgress {
  /** Bytes so far, engine files and model files (for web-llm and the browser's model, which report only a fraction: thousandths). */
  loaded: number;
  /** Bytes in all; 0 while a size is still unknown. */
  total: number;
  /** 0..1 over all bytes, never going back; reaches 1 when the model is ready. */
  fraction: number;
  phase: LoadPhase;
  /** The download's recent speed (smoothed), in bytes per second; null until measured, and when nothing downloads. */
  bytesPerSecond: number | null;
  /** Seconds until every byte is in, at that speed (smoothed); null until known. */
  secondsLeft: number | null;
  /** The model's files alone (`ModelInfo.sizeBytes` once known); `total` is 0 while unknown. */
  model: { loaded: number; total: number };
  /** True when the model's bytes come from this browser's storage, none from the network. */
  fromCache?: boolean;
}

/** Where the model files are kept in the browser, and whether they outlive the visit. */
export interface ModelStorage {
  /** The Origin Private File System, the Cache API, or memory (this page only). */
  store: 'opfs' | 'cache' | 'memory';
  /** False when the next visit downloads the model again. */
  persistent: boolean;
  /** Why the store is not the Origin Private File System, when it is not. */
  reason?: string;
  /**
   * Whether the browser keeps the page's storage when the device runs low on space
   * (`navigator.storage.persisted()`): false means it may evict the model. Filled in after the load,
   * which never waits for it: after a download the browser is asked once per page
   * (`navigator.storage.persist()`); undefined until it answers, if it does, and for memory.
   */
  persisted?: boolean;
}

/** Why a generation ended. */
export type FinishReason = 'stop' | 'length' | 'abort' | 'error';

/** What a finished generation produced and what it cost. */
export interface GenerationResult {
  /** The answer (without a reasoning model's thinking, unless `reasoning: 'inline'`). */
  text: string;
  /** A reasoning model's thinking, when it wrote any (`reasoning: 'separate'`). */
  reasoning?: string;
  /** How long it thought: from the request's first token to the end of its reasoning. Set with `reasoning`. */
  reasoningMs?: number;
  /** With `schema`: the answer parsed as JSON, valid for the schema. */
  value?: unknown;
  finishReason: FinishReason;
  promptTokens: number;
  /**
   * Of `promptTokens`, how many llama.cpp reused from its cache instead of processing again: the
   * beginning this prompt shares with the one before (a chat's history). Undefined when the
   * backend does not report it.
   */
  cachedPromptTokens?: number;
  completionTokens: number;
  /** Decode speed: completion tokens per second after the first token. */
  tokensPerSecond: number;
  /** From the start of the request's turn (not its time in the queue) to the first delta. */
  timeToFirstTokenMs: number;
  durationMs: number;
  /** Chat: how many of the oldest messages were left out to fit the context window. */
  droppedMessages: number;
  /** Set when `finishReason` is `error`. */
  error?: LlmError;
  /** With `tools`: every call the model made, in order, and what became of it. */
  toolSteps?: ToolStep[];
  /**
   * With `tools`: the turns the calls added before the answer (each assistant message with its
   * calls, each tool's result), to keep in the conversation before the answer's own message.
   */
  toolMessages?: ChatMessage[];
  /** @internal One round's calls, as the backend parsed them (the tool loop runs them). */
  toolCalls?: ToolCall[];
}

/** How many tokens a text costs the loaded model (`engine.countTokens()`). */
export interface TokenCount {
  tokens: number;
  /** Counted with the model's own tokenizer; false: estimated from its length (no tokenizer to ask). */
  exact: boolean;
}

/**
 * An MLC build of a model for web-llm (WebGPU): a prebuilt model id of web-llm, or a custom build
 * with its weights and compiled model library.
 */
export interface MlcModel {
  /** web-llm's model id, e.g. `Qwen2.5-0.5B-Instruct-q4f16_1-MLC`. */
  id: string;
  /** URL of the MLC weights (a Hugging Face repo URL or any folder); omit for a prebuilt id. */
  url?: string;
  /** URL of the compiled model library (`*.wasm`); omit for a prebuilt id. */
  modelLib?: string;
  /** The build uses f16 shaders (`q4f16`, …); read from the id when unset. */
  requiresShaderF16?: boolean;
  /** GPU memory it needs, in MB. */
  vramMB?: number;
}

/**
 * A model with any of its builds: GGUF (wllama, CPU or WebGPU) and MLC (web-llm, WebGPU), and
 * whether the browser's own model comes first.
 */
export interface ModelSpec {
  /** One GGUF URL, or several for a split model (in order). */
  gguf?: string | readonly string[];
  mlc?: MlcModel;
  /**
   * Use the browser model (the browser's built-in model, through the Prompt API: Chrome's Gemini
   * Nano) when it has one, and the builds above when it has none. The browser runs it on the device,
   * so no text leaves it.
   */
  browserModel?: boolean | BrowserModelOptions;
  /** @deprecated Renamed `browserModel`; read as it until the next release. */
  browser?: boolean | BrowserModelOptions;
  /**
   * A server that runs the model (OpenAI's Chat Completions API: vLLM, llama.cpp's server, Ollama,
   * LM Studio). With builds above it is the fallback, used only when this device cannot run them (no
   * backend, too large, failed to start), which the engine says (`fallback` event); alone, every
   * request goes to it. Text sent to it leaves the device.
   */
  endpoint?: RemoteEndpoint;
}

/** A server an engine sends its requests to (`ModelSpec.endpoint`). */
export interface RemoteEndpoint {
  /** The API's base URL, e.g. `https://llm.example.com/v1` (`/chat/completions` and `/models` are under it). */
  url: string;
  /** The model's name on that server (`model` in each request). */
  model: string;
  /**
   * Headers for each request (credentials: `Authorization`), asked for before each one, so a page can
   * renew a short-lived token. JavaScript only: a key written in a page is public (proxy it instead).
   */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** The context window the server gives the model (no standard field says it); default 8192. */
  contextSize?: number;
}

/** How the browser model is asked for. */
export interface BrowserModelOptions {
  /**
   * Languages (BCP 47) the conversation is in: the browser readies the model for them, and reports it
   * unavailable when it cannot (then the page's own model is used). Default `['en']`.
   */
  languages?: string[];
}

/** `LanguageModel.availability()`: whether the browser's model can run, and whether it must download first. */
export type BrowserModelAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

/** A model's location: one GGUF URL, several for a split model (in order), or a spec with several builds. */
export type ModelSource = string | readonly string[] | ModelSpec;

/** Options for `Engine.load()`. */
export interface LoadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  /** Which backend to use; `auto` (default) lets `selectBackend()` decide. */
  backend?: BackendPreference;
  /** Context window in tokens. Default 2048 (`DEFAULT_CONTEXT_SIZE`). */
  contextSize?: number;
  /** CPU threads; default chosen from the device (see `chooseThreads()`). */
  threads?: number;
  /**
   * How long a download may go without receiving data (or a server without answering) before the
   * load fails with a `network` error the user can retry. Default 30 000 ms.
   */
  stallTimeoutMs?: number;
  /**
   * Loads the model so that it can also embed text (`engine.embed()`): a sentence-embedding model, or
   * a chat model whose hidden states are pooled (it still writes text). llama.cpp only: web-llm embeds
   * with its embedding builds, the browser's model not at all.
   */
  embeddings?: boolean;
  /**
   * How a text's token vectors become one (with `embeddings`): the model's own where its file names one
   * (`cls` for BGE, `mean` for MiniLM and nomic), else `mean`.
   */
  pooling?: EmbeddingPooling;
}

/** How token vectors are pooled into one embedding: their mean, the first (CLS) token's, or the last token's. */
export type EmbeddingPooling = 'mean' | 'cls' | 'last';

/** What `engine.embed()` takes besides the texts. */
export interface EmbedOptions {
  signal?: AbortSignal;
  /**
   * Texts per turn in the engine's queue (default 16): a chat waiting behind an embedding of a
   * thousand passages starts after the current batch, not after all of them.
   */
  batchSize?: number;
  /** Texts embedded so far, and in all, after each batch. */
  onProgress?: (done: number, total: number) => void;
}

/** What the page asked for. */
export type BackendPreference = 'auto' | 'webgpu' | 'wasm';

/**
 * The backends the engine knows: llama.cpp in wasm or on WebGPU, web-llm, the browser model, and
 * another tab's engine (`another-tab`: this engine's requests run in the tab that holds the model).
 */
export type BackendKind = 'wllama-wasm' | 'wllama-webgpu' | 'web-llm' | 'browser-model' | 'another-tab' | 'remote';

/** @deprecated `'browser'` is `'browser-model'` now; `selectBackend()`'s `available` reads it until the next release. */
export type LegacyBackendKind = 'browser';

/** What is known about the loaded model. */
export interface ModelInfo {
  /** `general.name` or the file name. */
  name: string;
  architecture: string;
  contextSize: number;
  trainedContextSize: number;
  /** The model's own chat template (Jinja), or null when it has none. */
  chatTemplate: string | null;
  /**
   * Who turns a conversation into the model's prompt: the backend with the model's Jinja template
   * (`template`), the backend with its library's own conversation template (`library`, web-llm), or
   * nobody (`none`: the engine writes a plain transcript and stops at the next turn). The browser's
   * model formats its own (`library`).
   */
  chatFormat: 'template' | 'library' | 'none';
  /** Size of the model files in bytes. */
  sizeBytes: number;
  /** Where the files are kept (GGUF models; web-llm keeps its own cache). */
  storage?: ModelStorage;
  /** The memory llama.cpp was estimated to need, from the GGUF header, before the download (GGUF models). */
  memory?: MemoryEstimate;
  /** Set when the model was loaded to embed (`LoadOptions.embeddings`): its vectors' length and pooling. */
  embedding?: { size: number; pooling: EmbeddingPooling };
}

/**
 * What a GGUF model needs in memory to run at a context size, estimated from its header (see
 * `estimateModelMemory()`): `totalBytes` is the sum of the parts, at least the 128 MiB wllama starts with.
 */
export interface MemoryEstimate {
  /** The context window the estimate is for, in tokens. */
  contextSize: number;
  /** The weights as llama.cpp holds them (a tied embedding counts twice: input and output layer). */
  weightsBytes: number;
  /** The key/value cache: layers × context × key and value widths, 16-bit. */
  kvCacheBytes: number;
  /** llama.cpp's compute buffers for a 512-token batch (the logits of the batch, the largest layer). */
  computeBytes: number;
  /** The runtime, stacks and the vocabulary's tables. */
  overheadBytes: number;
  totalBytes: number;
}
