// The WebGPU backend for MLC builds: @mlc-ai/web-llm (pinned), running in a Web Worker.
// Loaded with import() by the engine, so pages that never use WebGPU never fetch it.
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionRequestStreaming,
  ChatOptions,
  Completion,
  InitProgressReport,
  MLCEngineInterface,
} from '@mlc-ai/web-llm';
import { LlmError, abortError, isAbort } from '../core/errors.js';
import { mlcAppConfig } from '../storage/web-llm-cache.js';
import type { ModelInfo } from '../core/types.js';
import type { Backend, BackendGenerateRequest, BackendGenerateResult, BackendLoadRequest } from './backend.js';
import { webLlmCalls, webLlmCallsTools, webLlmChat } from './web-llm-tools.js';
import type { ToolCall } from '../tools/tool-types.js';

/** The part of web-llm's `MLCEngineInterface` this backend uses. */
export type MlcEngineLike = Pick<MLCEngineInterface, 'chat' | 'completions' | 'interruptGenerate' | 'unload'> &
  Partial<Pick<MLCEngineInterface, 'embeddings'>>;

export interface MlcEngineSettings {
  appConfig?: AppConfig;
  chatOpts?: ChatOptions;
  initProgressCallback: (report: InitProgressReport) => void;
}

/** Makes a loaded engine for a model id (the default runs web-llm in our worker). */
export type MlcEngineFactory = (modelId: string, settings: MlcEngineSettings) => Promise<MlcEngineLike>;

export interface WebLlmBackendOptions {
  /** Replaces how the engine is made (tests use a scripted stand-in of web-llm's interface). */
  createEngine?: MlcEngineFactory;
  /** The worker script; by default `web-llm.worker.js` beside this module (or this chunk). */
  workerUrl?: string | URL;
}

/** web-llm errors that mean "this device cannot run it on WebGPU": a GGUF build may still run on wasm. */
const GPU_ERRORS = new Set([
  'WebGPUNotAvailableError',
  'WebGPUNotFoundError',
  'FeatureSupportError',
  'ShaderF16SupportError',
  'DeviceLostError',
  'MissingModelWasmError',
]);

/**
 * The name of a web-llm error. In the page it is `.name`; from the worker it arrives as the string
 * `err.toString()` ("DeviceLostError: …"), so the name is read from its start.
 */
export function webLlmErrorName(error: unknown): string {
  if (error instanceof Error && error.name && error.name !== 'Error') return error.name;
  const text = error instanceof Error ? error.message : String(error);
  return /^([A-Z]\w*Error)\b/.exec(text)?.[1] ?? (error instanceof Error ? error.name : '');
}

/** Maps a web-llm error to our stable codes. `phase` picks the code of errors it does not know. */
export function mapWebLlmError(error: unknown, phase: 'load' | 'generate'): LlmError {
  if (LlmError.is(error)) return error;
  const name = webLlmErrorName(error);
  const message = (error instanceof Error ? error.message : String(error)).replace(/^\w+Error:\s*/, '');
  if (name === 'AbortError') return new LlmError('aborted', 'The operation was aborted.', { cause: error });
  if (GPU_ERRORS.has(name)) {
    return new LlmError('backend-unavailable', `WebGPU cannot run this model here (${name}): ${message}`, {
      cause: error,
    });
  }
  if (name === 'ModelNotFoundError' || name === 'UnsupportedModelIdError') {
    return new LlmError('model-not-found', `web-llm does not know this model: ${message}`, { cause: error });
  }
  if (name === 'ContextWindowSizeExceededError') {
    return new LlmError('inference', 'The conversation no longer fits the context window.', { cause: error });
  }
  if (/out of memory|\bOOM\b|allocation failed/i.test(message)) {
    return new LlmError('too-large', `The GPU ran out of memory for this model: ${message}`, { cause: error });
  }
  if (name === 'TypeError' && /fetch/i.test(message)) {
    return new LlmError('network', `Could not download the MLC model: ${message}`, { cause: error });
  }
  return phase === 'load'
    ? new LlmError('load-failed', `web-llm could not load the model: ${message}`, { cause: error })
    : new LlmError('inference', `Generation failed: ${message}`, { cause: error });
}

export class WebLlmBackend implements Backend {
  readonly kind = 'web-llm' as const;
  private readonly options: WebLlmBackendOptions;
  private engine: MlcEngineLike | null = null;
  private worker: Worker | null = null;
  /** The loaded build (its id says whether web-llm calls tools with it). */
  private modelId: string | null = null;

  constructor(options: WebLlmBackendOptions = {}) {
    this.options = options;
  }

  /** Runs web-llm in our worker, found beside this module: also from the script-tag build. */
  private readonly createWorkerEngine: MlcEngineFactory = async (modelId, settings) => {
    const { CreateWebWorkerMLCEngine } = await import('@mlc-ai/web-llm');
    // Written out in full, the form bundlers (Vite, webpack) recognise and bundle as a worker.
    this.worker = this.options.workerUrl
      ? new Worker(this.options.workerUrl, { type: 'module', name: 'llm-elements web-llm' })
      : new Worker(new URL('./web-llm.worker.js', import.meta.url), { type: 'module', name: 'llm-elements web-llm' });
    return CreateWebWorkerMLCEngine(
      this.worker,
      modelId,
      { appConfig: settings.appConfig, initProgressCallback: settings.initProgressCallback, logLevel: 'WARN' },
      settings.chatOpts,
    );
  };

  async load(request: BackendLoadRequest): Promise<ModelInfo> {
    await this.unload();
    const mlc = request.mlc;
    if (!mlc) throw new LlmError('backend-unavailable', 'No MLC build of this model is given for web-llm.');
    const appConfig = mlcAppConfig(mlc);
    const create = this.options.createEngine ?? this.createWorkerEngine;
    let engine: MlcEngineLike;
    const loading = create(mlc.id, {
      appConfig,
      chatOpts: { context_window_size: request.contextSize },
      // web-llm reports a fraction, not bytes: pass it on in thousandths.
      initProgressCallback: (report) => request.onProgress(Math.round(report.progress * 1000), 1000),
    });
    try {
      engine = await abortable(loading, request.signal);
    } catch (error) {
      // web-llm's reload cannot be interrupted: let it finish in the background, then free it.
      void loading.then((late) => late.unload()).catch(() => {});
      this.terminate();
      if (isAbort(error) || request.signal?.aborted) throw abortError(request.signal);
      throw mapWebLlmError(error, 'load');
    }
    this.engine = engine;
    this.modelId = mlc.id;
    return {
      name: mlc.id,
      architecture: 'mlc',
      contextSize: request.contextSize,
      trainedContextSize: request.contextSize,
      // web-llm formats chats with the build's own conversation template.
      chatTemplate: null,
      chatFormat: 'library',
      sizeBytes: (mlc.vramMB ?? 0) * 1024 * 1024,
    };
  }

  /** web-llm constrains chats to a JSON Schema (XGrammar); its raw completions take no constraint, and its grammars are EBNF, not GBNF. */
  canConstrain(constraint: 'schema' | 'grammar', input: 'chat' | 'complete'): boolean {
    return constraint === 'schema' && input === 'chat';
  }

  /** Its function-calling builds (Hermes-2-Pro, Hermes-3) call tools (web-llm-tools.ts). */
  canUseTools(): boolean {
    return webLlmCallsTools(this.modelId);
  }

  /** web-llm's embedding builds (`snowflake-arctic-embed-…`) embed; its chat builds do not. */
  canEmbed(): boolean {
    return Boolean(this.engine?.embeddings && this.modelId && /-embed-/i.test(this.modelId));
  }

  async embed(texts: readonly string[], signal: AbortSignal): Promise<Float32Array[]> {
    const embeddings = this.engine?.embeddings;
    if (!embeddings) throw new LlmError('not-loaded', 'No model is loaded.');
    if (signal.aborted) throw abortError(signal);
    try {
      const response = await abortable(embeddings.create({ input: [...texts] }), signal);
      return [...response.data].sort((a, b) => a.index - b.index).map((item) => normalized(item.embedding));
    } catch (error) {
      if (isAbort(error) || signal.aborted) throw abortError(signal);
      throw mapWebLlmError(error, 'generate');
    }
  }

  async generate(request: BackendGenerateRequest): Promise<BackendGenerateResult> {
    const engine = this.engine;
    if (!engine) throw new LlmError('not-loaded', 'No model is loaded.');
    const { input, options, signal, onDelta } = request;
    if (signal.aborted) throw abortError(signal);
    // web-llm takes OpenAI's fields; it has no top_k or min_p.
    const common = {
      stream: true as const,
      stream_options: { include_usage: true },
      temperature: options.temperature,
      top_p: options.top_p,
      max_tokens: options.max_tokens,
      stop: options.stop?.length ? options.stop : undefined,
      seed: options.seed,
      repetition_penalty: options.repeat_penalty,
    };
    const interrupt = () => engine.interruptGenerate();
    signal.addEventListener('abort', interrupt, { once: true });
    let finishReason: BackendGenerateResult['finishReason'] = 'stop';
    let promptTokens: number | undefined;
    let completionTokens: number | undefined;
    let tokensPerSecond: number | undefined;
    let toolCalls: ToolCall[] | undefined;
    try {
      const chat = input.kind === 'chat' ? webLlmChat({ ...request, input }) : null;
      const stream: AsyncIterable<ChatCompletionChunk | Completion> =
        input.kind === 'chat'
          ? await engine.chat.completions.create({
              ...common,
              messages: chat?.messages as ChatCompletionMessageParam[],
              ...(chat?.tools && { tools: chat.tools as ChatCompletionRequestStreaming['tools'] }),
              ...(options.schema !== undefined && {
                response_format: { type: 'json_object', schema: JSON.stringify(options.schema) },
              }),
            })
          : await engine.completions.create({ ...common, prompt: input.prompt });
      // Read to the end even after an abort: web-llm holds its generation lock until the iterator
      // finishes, and a half-read stream would block every later request.
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const delta = choice && ('delta' in choice ? choice.delta.content : choice.text);
        // With tools the text is the JSON of the calls, which come parsed in the last chunk.
        if (delta && !signal.aborted && !chat?.tools) onDelta(delta);
        if (choice && 'delta' in choice && choice.delta.tool_calls) toolCalls = webLlmCalls(choice.delta.tool_calls);
        if (choice?.finish_reason === 'length') finishReason = 'length';
        if (chunk.usage) {
          promptTokens = chunk.usage.prompt_tokens;
          completionTokens = chunk.usage.completion_tokens;
          tokensPerSecond = chunk.usage.extra?.decode_tokens_per_s || undefined;
        }
      }
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      throw mapWebLlmError(error, 'generate');
    } finally {
      signal.removeEventListener('abort', interrupt);
    }
    if (signal.aborted) throw abortError(signal);
    return { finishReason, promptTokens, completionTokens, tokensPerSecond, ...(toolCalls && { toolCalls }) };
  }

  async unload(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    this.modelId = null;
    await engine?.unload().catch(() => {});
    this.terminate();
  }

  private terminate(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}

/** Rejects as soon as `signal` aborts, without waiting for `promise`. */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** `vector` scaled to length 1, so a dot product is a cosine similarity (as llama.cpp's are). */
function normalized(vector: readonly number[]): Float32Array {
  const out = Float32Array.from(vector);
  const length = Math.hypot(...out) || 1;
  return out.map((x) => x / length);
}
