// A stand-in engine for the visual tests: the real Engine (status, progress, queue, stats, errors as
// the elements read them) on a scripted backend, so every screenshot shows fixed text: a load that
// stops at a fixed progress, a fixed answer (whole, or held mid-stream), a fixed error. The device
// is fixed too (no WebGPU, 4 free cores), so the backend and its reason never depend on the machine.
import type { Backend, BackendGenerateRequest, BackendLoadRequest } from '../../src/engine/backends/backend.js';
import type { Capabilities } from '../../src/engine/device/capabilities.js';
import type { ToolCall } from '../../src/engine/tools/tool-types.js';
import { Engine, LlmError, type ModelInfo } from '../../src/engine/index.js';
import '../../src/index.js';
import { testDevice } from '../helpers/capabilities.js';

export const MiB = 1024 * 1024;

/** A model the stand-in "loads": 270 MiB, as a small chat model is. */
const MODEL_INFO: ModelInfo = {
  name: 'Stand-in 270M',
  architecture: 'llama',
  contextSize: 2048,
  trainedContextSize: 2048,
  chatTemplate: null,
  chatFormat: 'none',
  sizeBytes: 270 * MiB,
};

const CAPABILITIES: Capabilities = testDevice({
  webgpuUnavailable: 'no-adapter',
  hardwareConcurrency: 4,
  freeCores: 4,
});

/** The model's bytes so far and in all, and whether they come from this browser's storage. */
interface Progress {
  loaded: number;
  total: number;
  fromCache?: boolean;
}

export interface StandInScript {
  /** What the load reports before it waits (`hold`) or ends (see `reportAtFixedSpeed()`). */
  progress?: Progress;
  /** `ready` (default): the load ends; `hold`: it stays loading; an error: it fails with it. */
  load?: 'ready' | 'hold' | LlmError;
  /** Every answer's text, streamed in pieces of a few words. */
  answer?: string;
  /** Streams only this much of the answer, then waits (until stopped): an answer being written. */
  holdAfter?: string;
  /** Every answer fails with this, before its first token. */
  answerError?: LlmError;
  /** Answers wait before their first token (until stopped): the answer asked for, nothing written yet. */
  holdBeforeFirstToken?: boolean;
  /** Why answers end: `length` as at the `max-tokens` limit (default `stop`). */
  finishReason?: 'stop' | 'length';
  /** The loaded model's context window in tokens (default 2048). */
  contextSize?: number;
  /**
   * Given tools, the model's first round calls these (no text); the engine checks, asks about and
   * runs them as for a real model, and the round after their results answers with `answer`.
   */
  toolCalls?: ToolCall[];
}

/** The engine's own files (wllama.wasm is about this size). */
const ENGINE_BYTES = 10 * MiB;
/** The download speed the progress reports show: 1.25 MiB/s, so 150 MiB left is 2 minutes. */
const SPEED = 1.25 * MiB;

/**
 * Reports the engine's files, then the model's first and last bytes so far as if they came at
 * SPEED: the engine's clock (performance.now) reads fixed times during the reports, so the speed
 * and time left it works out are the same on every run.
 */
function reportAtFixedSpeed(request: BackendLoadRequest, { loaded, total, fromCache }: Progress): void {
  const now = Object.getOwnPropertyDescriptor(performance, 'now');
  const at = (ms: number, report: () => void) => {
    Object.defineProperty(performance, 'now', { value: () => ms, configurable: true });
    try {
      report();
    } finally {
      if (now) Object.defineProperty(performance, 'now', now);
      else delete (performance as { now?: unknown }).now;
    }
  };
  at(0, () => request.onEngineProgress?.(ENGINE_BYTES, ENGINE_BYTES));
  at(0, () => request.onProgress(0, total, fromCache));
  at((loaded / SPEED) * 1000, () => request.onProgress(loaded, total, fromCache));
}

/** Resolves when `signal` aborts, with its reason as the rejection. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    const stop = () => reject(signal.reason ?? new LlmError('aborted', 'Stopped.'));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });

class ScriptedBackend implements Backend {
  readonly kind = 'wllama-wasm' as const;

  constructor(private readonly script: StandInScript) {}

  async load(request: BackendLoadRequest): Promise<ModelInfo> {
    const { progress, load = 'ready' } = this.script;
    if (progress) reportAtFixedSpeed(request, progress);
    if (load === 'hold') return untilAborted(request.signal ?? new AbortController().signal);
    if (load instanceof LlmError) throw load;
    request.onProgress(MODEL_INFO.sizeBytes, MODEL_INFO.sizeBytes, progress?.fromCache);
    const { contextSize = MODEL_INFO.contextSize, toolCalls } = this.script;
    // A model that calls tools has a chat format (the engine sends tools only in a chat).
    const chatFormat = toolCalls ? 'library' : MODEL_INFO.chatFormat;
    return { ...MODEL_INFO, contextSize, trainedContextSize: contextSize, chatFormat };
  }

  canConstrain(): boolean {
    return true;
  }

  canUseTools(): boolean {
    return true;
  }

  async generate(request: BackendGenerateRequest) {
    const { answer = '', holdAfter, answerError, holdBeforeFirstToken, finishReason = 'stop' } = this.script;
    if (answerError) throw answerError;
    if (holdBeforeFirstToken) await untilAborted(request.signal);
    // The round after the visitor's message calls; the one after the tools' results answers.
    const { toolCalls } = this.script;
    const { input } = request;
    if (toolCalls && request.tools?.length && input.kind === 'chat' && input.messages.at(-1)?.role === 'user') {
      return { finishReason: 'stop' as const, toolCalls, promptTokens: 12, completionTokens: 8, tokensPerSecond: 42 };
    }
    const text = holdAfter ?? answer;
    // A few words a piece, as tokens arrive.
    for (const piece of text.match(/\S+\s*|\s+/g) ?? []) request.onDelta(piece);
    if (holdAfter !== undefined) await untilAborted(request.signal);
    const tokens = Math.max(1, Math.round(text.length / 4));
    return { finishReason, promptTokens: 12, completionTokens: tokens, tokensPerSecond: 42 };
  }

  /** A fixed tokenizer (a token per 4 characters), so a file's chip shows the same count on every run. */
  async countTokens(text: string): Promise<number> {
    return Math.ceil(text.length / 4);
  }

  async unload(): Promise<void> {}
}

/** An engine on the scripted backend, for a model at a fixed stand-in address (never fetched). */
export function standInEngine(script: StandInScript = {}): Engine {
  return new Engine({
    source: new URL('/models/visual-stand-in.gguf', location.href).href,
    backends: { 'wllama-wasm': async () => new ScriptedBackend(script) },
    detectCapabilities: async () => ({ ...CAPABILITIES }),
  });
}

// An <llm-model> around markup, providing this engine: the same helper as the unit tests'.
export { providing } from '../helpers/failing-answers.js';
