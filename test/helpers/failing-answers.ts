// A stand-in backend for answers that fail after the model loaded (a lost GPU device, a worker that
// died, llama.cpp refusing a request): real llama.cpp (wllama) on the real model, but its next
// `failures` answers fail with an `inference` error before their first token. An `<llm-model>`'s
// own engine cannot be given backends, so `providing()` hands the stand-in's engine to the elements
// as `<llm-model>` hands its own: through the model context, from an element just above them.
import { ContextProvider } from '@lit/context';
import { modelContext, type ModelHandle } from '../../src/context/model-context.js';
import { WllamaBackend } from '../../src/engine/backends/wllama.js';
import { Engine, LlmError, type Backend, type BackendGenerateRequest } from '../../src/engine/index.js';
import '../../src/index.js';

export const SCRIPTED_FAILURE = 'Generation failed: the stand-in backend failed this answer.';

/** How many answers to fail, and how many were. */
export interface FailureScript {
  failures: number;
  failed: number;
}

class FailingAnswers implements Backend {
  constructor(
    private readonly real: Backend,
    private readonly script: FailureScript,
  ) {}

  get kind() {
    return this.real.kind;
  }

  load(request: Parameters<Backend['load']>[0]) {
    return this.real.load(request);
  }

  canConstrain(constraint: 'schema' | 'grammar', input: 'chat' | 'complete'): boolean {
    return this.real.canConstrain?.(constraint, input) ?? false;
  }

  async generate(request: BackendGenerateRequest) {
    if (this.script.failed < this.script.failures) {
      this.script.failed++;
      throw new LlmError('inference', SCRIPTED_FAILURE);
    }
    return this.real.generate(request);
  }

  unload() {
    return this.real.unload();
  }
}

/** An engine for `source` on llama.cpp whose next `failures` answers fail; `script.failed` counts them. */
export function engineWhoseAnswersFail(source: string, failures = 1): { engine: Engine; script: FailureScript } {
  const script: FailureScript = { failures, failed: 0 };
  const backend = (kind: 'wllama-wasm' | 'wllama-webgpu') => async () =>
    new FailingAnswers(new WllamaBackend({ kind }), script);
  const engine = new Engine({
    source,
    backends: { 'wllama-wasm': backend('wllama-wasm'), 'wllama-webgpu': backend('wllama-webgpu') },
  });
  return { engine, script };
}

/**
 * `markup` inside an element that provides `engine` to it, inside an `<llm-model>` (so the elements
 * find one above them; its own engine is never asked). Returns the `<llm-model>`, to pass to `fixture`.
 */
export function providing(engine: Engine, markup: string): HTMLElement {
  const model = document.createElement('llm-model');
  const provider = document.createElement('div');
  const handle: ModelHandle = {
    engine,
    requestLoad: () => {},
    load: () => engine.load().then(() => {}),
  };
  new ContextProvider(provider, { context: modelContext, initialValue: handle });
  provider.innerHTML = markup;
  model.append(provider);
  return model;
}
