// A stand-in for a reasoning model (Qwen3, DeepSeek-R1 distills, SmolLM3), which the real test model
// (stories260K) is not: the real Engine (queue, stop strings, the reasoning splitter, stats) on a
// scripted backend that streams a fixed raw output such as `<think>…</think>answer` in small pieces
// (so the tags are cut across deltas), and records what each request sent it.
import type {
  Backend,
  BackendGenerateRequest,
  BackendInput,
  BackendLoadRequest,
} from '../../src/engine/backends/backend.js';
import type { Capabilities } from '../../src/engine/device/capabilities.js';
import { Engine, LlmError, type ModelInfo } from '../../src/engine/index.js';
import { testDevice } from './capabilities.js';

export { providing } from './failing-answers.js';

export interface ThinkingScript {
  /** The model's raw output for every request, tags included. */
  output: string;
  /** The model's chat template (it is formatted as a chat); without one, the engine writes a transcript. */
  chatTemplate?: string | null;
  /** Streams only this much of the output, then waits until stopped: a model still thinking. */
  holdAfter?: string;
  /** Characters per delta (default 3). */
  pieceLength?: number;
}

/** A DeepSeek-R1 distill's template: it ends the prompt with `<think>\n`, so the output starts inside it. */
export const OPENS_THINK_TEMPLATE = "{% if add_generation_prompt %}{{'<｜Assistant｜><think>\\n'}}{% endif %}";

const CAPABILITIES: Capabilities = testDevice({
  webgpuUnavailable: 'no-adapter',
  hardwareConcurrency: 4,
  freeCores: 4,
});

const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    const stop = () => reject(signal.reason ?? new LlmError('aborted', 'Stopped.'));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });

class ThinkingBackend implements Backend {
  readonly kind = 'wllama-wasm' as const;

  constructor(
    private readonly script: ThinkingScript,
    private readonly inputs: BackendInput[],
  ) {}

  async load(request: BackendLoadRequest): Promise<ModelInfo> {
    request.onProgress(1000, 1000);
    const chatTemplate = this.script.chatTemplate ?? null;
    return {
      name: 'Thinking stand-in',
      architecture: 'qwen3',
      contextSize: 2048,
      trainedContextSize: 2048,
      chatTemplate,
      chatFormat: chatTemplate ? 'template' : 'none',
      sizeBytes: 1000,
    };
  }

  async generate({ input, onDelta, signal }: BackendGenerateRequest) {
    this.inputs.push(input);
    const { output, holdAfter, pieceLength = 3 } = this.script;
    const text = holdAfter ?? output;
    for (let at = 0; at < text.length; at += pieceLength) onDelta(text.slice(at, at + pieceLength));
    if (holdAfter !== undefined) await untilAborted(signal);
    return {
      finishReason: 'stop' as const,
      promptTokens: 10,
      completionTokens: Math.ceil(text.length / 4),
      tokensPerSecond: 40,
    };
  }

  async unload(): Promise<void> {}
}

/** An engine on the thinking stand-in; `inputs` collects what each request sent the "model". */
export function thinkingEngine(script: ThinkingScript): { engine: Engine; inputs: BackendInput[] } {
  const inputs: BackendInput[] = [];
  const engine = new Engine({
    source: new URL('/models/thinking-stand-in.gguf', location.href).href,
    backends: { 'wllama-wasm': async () => new ThinkingBackend(script, inputs) },
    detectCapabilities: async () => ({ ...CAPABILITIES }),
  });
  return { engine, inputs };
}
