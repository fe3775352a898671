import type { Capabilities } from '../device/capabilities.js';
import type { WasmBuild } from '../device/select-backend.js';
import type {
  BackendKind,
  BrowserModelOptions,
  ChatMessage,
  EmbeddingPooling,
  GenerationOptions,
  MlcModel,
  ModelInfo,
  RemoteEndpoint,
} from '../core/types.js';
import type { ToolCall, ToolDefinition } from '../tools/tool-types.js';

/** What a backend is asked to load. The engine has already chosen threads and GPU layers. */
export interface BackendLoadRequest {
  /** GGUF file URLs (for wllama); empty when only an MLC build is given. */
  urls: string[];
  /** The MLC build (for web-llm), when there is one. */
  mlc?: MlcModel;
  /** For the browser model: how the page asked for it. */
  browserModel?: BrowserModelOptions;
  contextSize: number;
  threads: number;
  gpuLayers: number;
  /** How long a download may go without data before it fails (ms). */
  stallTimeoutMs?: number;
  /** For wllama: llama.cpp's main wasm build, or wllama's compatibility build (see `selectBackend()`). */
  wasmBuild?: WasmBuild;
  /** What the device offers (the engine's `detectCapabilities()`): the fit check reads its memory and WebGPU limits. */
  capabilities?: Capabilities;
  signal?: AbortSignal;
  /** The model's files: bytes so far and in all (0: unknown); `fromCache`: every byte comes from this browser's storage. */
  onProgress: (loaded: number, total: number, fromCache?: boolean) => void;
  /**
   * The backend's own files that the load fetches (wllama.wasm …): bytes so far, and in all (0 until
   * every size is known). Reported before the model's first progress, so the whole is known at once.
   */
  onEngineProgress?: (loaded: number, total: number) => void;
  /** Every byte is in: the library now compiles and reads the model (no bytes to count). */
  onStarting?: () => void;
  /** For the remote backend: the server and the model's name there. */
  remote?: RemoteEndpoint;
  /** Load it to embed too (`LoadOptions.embeddings`); `pooling` unset: the model's own, else mean. */
  embeddings?: { pooling?: EmbeddingPooling };
}

/** The text a backend continues: a conversation (backend applies the model's template) or raw text. */
export type BackendInput =
  | {
      kind: 'chat';
      messages: ChatMessage[];
      /** The last message is an assistant answer to go on with, not to end (`GenerationOptions.continueLast`). */
      continueLast?: boolean;
    }
  | { kind: 'complete'; prompt: string };

export interface BackendGenerateRequest {
  input: BackendInput;
  options: Omit<GenerationOptions, 'signal' | 'tools' | 'approve'>;
  /**
   * Chat only: the tools the model may call this round (their definitions: the engine runs them),
   * and whether it must (`options.tool_choice`, already decided for this round). Its calls come back
   * in the result's `toolCalls`, parsed from the model's own format.
   */
  tools?: ToolDefinition[];
  /**
   * With `tools`, for a backend whose library runs the calls itself (the browser's model calls a
   * tool's `execute` during its answer): answers one call (the engine checks, confirms and runs it),
   * resolving with the text the model reads. Others return their calls in `toolCalls`.
   */
  answerToolCall?: (call: ToolCall) => Promise<string>;
  /**
   * With `options.schema`: the GBNF grammar the engine built from it and checked (structured-output.ts).
   * llama.cpp's backends send this instead of the schema, so what is enforced is known exactly.
   */
  schemaGrammar?: string;
  signal: AbortSignal;
  /** Called with each piece of new text as it is decoded. */
  onDelta: (delta: string) => void;
}

export interface BackendGenerateResult {
  finishReason: 'stop' | 'length';
  /** The tools the model called (with `tools`), in order; their arguments parsed from its JSON. */
  toolCalls?: ToolCall[];
  promptTokens?: number;
  /** Prompt tokens reused from the backend's cache of the previous request, when it says. */
  cachedPromptTokens?: number;
  completionTokens?: number;
  /** Decode speed as the library measured it, when it reports one (more exact than delta arrival times). */
  tokensPerSecond?: number;
}

/**
 * An adapter over one inference library. It translates requests, progress, errors and aborts;
 * queueing, stop strings, stats and status live in the engine above it.
 * Errors it throws are `LlmError`s; an abort rejects with an error for which `isAbort()` is true.
 * An input its library counts longer than the context window rejects with `tooLongError()`
 * (context-window.ts, code `too-long`), before any text: the engine may then send less of a chat.
 */
export interface Backend {
  readonly kind: BackendKind;
  load(request: BackendLoadRequest): Promise<ModelInfo>;
  generate(request: BackendGenerateRequest): Promise<BackendGenerateResult>;
  /**
   * Whether it constrains answers to a JSON Schema (`options.schema`) or a GBNF grammar
   * (`options.grammar`) for this kind of input; the engine refuses a request it cannot (`unsupported`).
   */
  canConstrain?(constraint: 'schema' | 'grammar', input: BackendInput['kind']): boolean;
  /**
   * Whether it continues a chat's last assistant message (`continueLast`); without it the engine
   * refuses such a request (`unsupported`) before anything runs.
   */
  canContinue?(): boolean;
  /** Whether it passes tools to its model and returns its calls (`tools`); without it, `unsupported`. */
  canUseTools?(): boolean;
  /**
   * Tokens of `text` by the model's own tokenizer (without a beginning-of-text token), or undefined
   * where it has none to ask; the engine then estimates (`engine.countTokens()`).
   */
  countTokens?(text: string, signal?: AbortSignal): Promise<number | undefined>;
  /**
   * One vector per text, in order, L2-normalized (so a dot product is their cosine similarity);
   * without it, or when it answers false to `canEmbed()`, `engine.embed()` is `unsupported`.
   */
  embed?(texts: readonly string[], signal: AbortSignal): Promise<Float32Array[]>;
  /** Whether the loaded model embeds (a llama.cpp model loaded with `embeddings`, a web-llm embedding build). */
  canEmbed?(): boolean;
  /** Frees the model, its memory and its worker. Safe to call at any time. */
  unload(): Promise<void>;
}

/** Creates a backend; each one is loaded with `import()` so a page pays only for what it uses. */
export type BackendFactory = () => Promise<Backend>;
