// A stand-in reasoning model for the stories (stories260K never thinks): the real Engine on a
// scripted backend that writes `<think>…</think>` and then an answer, a few characters at a time, at
// about the pace of a small model, so the "Thinking…" section can be seen streaming and ending.
import { ContextProvider } from '@lit/context';
import { modelContext, type ModelHandle } from '../src/context/model-context.js';
import type { Backend, BackendGenerateRequest, BackendLoadRequest } from '../src/engine/backends/backend.js';
import { Engine, LlmError, type ModelInfo } from '../src/engine/index.js';

const OUTPUT = [
  '<think>\n',
  'The visitor asks for a story. A short one suits a chat: a girl, the sea, something found.\n',
  'Three sentences, simple words.\n',
  '</think>\n\n',
  'Once upon a time, a girl named Anna walked by the sea. ',
  'She found a shell that sang when she held it to her ear. ',
  'Every evening after that, she listened to it before she slept.',
].join('');

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new LlmError('aborted', 'Stopped.'));
      },
      { once: true },
    );
  });

class ThinkingBackend implements Backend {
  readonly kind = 'wllama-wasm' as const;

  async load(request: BackendLoadRequest): Promise<ModelInfo> {
    request.onProgress(1, 1);
    return {
      name: 'Thinking stand-in',
      architecture: 'qwen3',
      contextSize: 2048,
      trainedContextSize: 2048,
      chatTemplate: null,
      chatFormat: 'none',
      sizeBytes: 1,
    };
  }

  async generate({ onDelta, signal }: BackendGenerateRequest) {
    for (let at = 0; at < OUTPUT.length; at += 4) {
      await pause(40, signal);
      onDelta(OUTPUT.slice(at, at + 4));
    }
    return {
      finishReason: 'stop' as const,
      promptTokens: 20,
      completionTokens: OUTPUT.length / 4,
      tokensPerSecond: 25,
    };
  }

  async unload(): Promise<void> {}
}

/** `markup` with the stand-in reasoning model provided to it, as `<llm-model>` provides its own. */
export function withThinkingModel(markup: string): HTMLElement {
  const engine = new Engine({
    source: 'thinking-stand-in.gguf',
    backends: { 'wllama-wasm': async () => new ThinkingBackend(), 'wllama-webgpu': async () => new ThinkingBackend() },
  });
  const provider = document.createElement('div');
  const handle: ModelHandle = { engine, requestLoad: () => {}, load: () => engine.load().then(() => {}) };
  new ContextProvider(provider, { context: modelContext, initialValue: handle });
  provider.innerHTML = markup;
  return provider;
}
