// A scripted stand-in for web-llm's MLCEngine, for what cannot run here (web-llm needs a GPU and a
// compiled model library from the network). It follows web-llm 0.2.86's interface as its source
// defines it: chatCompletion/completion return async iterables of OpenAI-style chunks, an
// interrupted stream ends with a chunk whose finish_reason is "abort", `include_usage` adds a last
// chunk with `usage` (and `usage.extra.decode_tokens_per_s`), and errors are named classes.
import type { InitProgressReport } from '@mlc-ai/web-llm';
import type { MlcEngineFactory } from '../../src/engine/backends/web-llm.js';

export interface Script {
  tokens?: string[];
  tokenDelayMs?: number;
  /** Error class name to throw from reload (load), e.g. DeviceLostError. */
  failReload?: string;
  /** Error class name to throw when a generation starts. */
  failGenerate?: string;
  /**
   * The calls a request with `tools` answers with, as web-llm's Hermes function calling does: the
   * JSON array streamed as text, then parsed in the last chunk (`delta.tool_calls`, finish `tool_calls`).
   */
  /** A string is what the model wrote, as it is (valid JSON or not). */
  toolCalls?: Array<{ name: string; arguments: Record<string, unknown> | string }>;
}

export const STORY = ['Once', ' upon', ' a', ' time', ',', ' there', ' was', ' a', ' little', ' girl', '.'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An error as web-llm throws it: its own class, named. */
export function webLlmError(name: string): Error {
  const error = new Error(`${name} raised by the scripted engine`);
  error.name = name;
  return error;
}

interface Request {
  messages?: unknown[];
  prompt?: string;
  max_tokens?: number;
  stream?: boolean;
  tools?: unknown[];
}

export class ScriptedMlcEngine {
  progress?: (report: InitProgressReport) => void;
  loaded: string | null = null;
  interrupted = false;
  /** Streams started / read to their end. */
  started = 0;
  drained = 0;
  requests: Request[] = [];
  unloaded = false;
  readonly chat = { completions: { create: (request: Request) => this.chatCompletion(request) } };
  readonly completions = { create: (request: Request) => this.completion(request) };

  constructor(readonly script: Script = {}) {}

  setInitProgressCallback(callback: (report: InitProgressReport) => void): void {
    this.progress = callback;
  }
  getInitProgressCallback() {
    return this.progress;
  }
  setAppConfig(): void {}
  setLogLevel(): void {}
  setLogitProcessorRegistry(): void {}

  async reload(modelId: string | string[]): Promise<void> {
    for (const progress of [0, 0.25, 0.5, 0.75, 1]) {
      this.progress?.({ progress, timeElapsed: progress, text: `Fetching param cache: ${progress * 100}%` });
      await sleep(5);
      if (progress === 0.5 && this.script.failReload) throw webLlmError(this.script.failReload);
    }
    this.loaded = Array.isArray(modelId) ? (modelId[0] ?? null) : modelId;
  }

  async chatCompletion(request: Request) {
    return this.begin(request, 'chat');
  }

  async completion(request: Request) {
    return this.begin(request, 'text');
  }

  interruptGenerate(): void {
    this.interrupted = true;
  }

  async unload(): Promise<void> {
    this.unloaded = true;
    this.loaded = null;
  }

  private begin(request: Request, kind: 'chat' | 'text') {
    this.requests.push(request);
    if (this.script.failGenerate) throw webLlmError(this.script.failGenerate);
    // As web-llm: tools only with its function-calling builds, and no system prompt beside its own.
    if (request.tools && !/^(Hermes-2-Pro-|Hermes-3-)/.test(this.loaded ?? ''))
      throw webLlmError('UnsupportedModelIdError');
    const roles = (request.messages ?? []).map((message) => (message as { role: string }).role);
    if (request.tools && roles.includes('system')) throw webLlmError('CustomSystemPromptError');
    this.interrupted = false;
    return this.stream(request, kind);
  }

  private async *stream(request: Request, kind: 'chat' | 'text') {
    this.started++;
    const chunk = (text: string, finish: string | null) =>
      kind === 'chat'
        ? { object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text }, finish_reason: finish }] }
        : { object: 'text_completion', choices: [{ index: 0, text, finish_reason: finish }] };
    let count = 0;
    let finish = 'stop';
    if (request.tools) {
      const calls = this.script.toolCalls ?? [];
      const json = JSON.stringify(calls);
      for (const piece of [json.slice(0, 10), json.slice(10)]) {
        await sleep(this.script.tokenDelayMs ?? 5);
        yield chunk(piece, null);
      }
      const tool_calls = calls.map((call, index) => ({
        index,
        type: 'function',
        function: {
          name: call.name,
          arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
        },
      }));
      yield {
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: { tool_calls }, finish_reason: 'tool_calls' }],
      };
      this.drained++;
      return;
    }
    for (const token of this.script.tokens ?? STORY) {
      await sleep(this.script.tokenDelayMs ?? 5);
      if (this.interrupted) {
        finish = 'abort';
        break;
      }
      if (count >= (request.max_tokens ?? Infinity)) {
        finish = 'length';
        break;
      }
      count++;
      yield chunk(token, null);
    }
    yield chunk('', finish);
    yield {
      object: kind === 'chat' ? 'chat.completion.chunk' : 'text_completion',
      choices: [],
      usage: {
        prompt_tokens: 7,
        completion_tokens: count,
        total_tokens: 7 + count,
        extra: { decode_tokens_per_s: 42, prefill_tokens_per_s: 100 },
      },
    };
    this.drained++;
  }
}

/** What web-llm's backend creates its engine with (`WebLlmBackend({ createEngine })`): `scripted`, loaded. */
export function scriptedFactory(scripted: ScriptedMlcEngine): MlcEngineFactory {
  return async (modelId, settings) => {
    scripted.setInitProgressCallback(settings.initProgressCallback);
    await scripted.reload(modelId);
    return scripted as unknown as Awaited<ReturnType<MlcEngineFactory>>;
  };
}
