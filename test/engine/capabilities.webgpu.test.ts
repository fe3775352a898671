// Runs with --enable-unsafe-webgpu (web-test-runner.webgpu.config.mjs): a real WebGPU adapter, which
// on these GPU-less machines is SwiftShader, without shader-f16.
import { expect } from '@open-wc/testing';
import { Engine, detectCapabilities } from '../../src/engine/index.js';
// As a page that wants MLC builds does (npm: `import 'llm-elements/web-llm'`).
import '../../src/web-llm.js';
import { MODEL_URL, STORY_WORDS } from '../helpers/model.js';

describe('WebGPU detection and selection with a real (software) adapter', () => {
  let engine: Engine | undefined;
  afterEach(() => engine?.unload());

  it('detects the adapter, its limits, and the missing shader-f16', async () => {
    const { webgpu } = await detectCapabilities();
    expect(webgpu, 'an adapter is found').to.not.equal(null);
    expect(webgpu!.maxBufferSize).to.be.greaterThan(0);
    expect(webgpu!.maxStorageBufferBindingSize).to.be.greaterThan(0);
    const adapter = await (
      navigator as Navigator & { gpu: { requestAdapter(): Promise<{ features: Set<string> }> } }
    ).gpu.requestAdapter();
    expect(webgpu!.shaderF16).to.equal(adapter.features.has('shader-f16'));
    if (!webgpu!.shaderF16)
      console.log(`[figures] adapter without shader-f16 (fallback adapter: ${webgpu!.isFallbackAdapter})`);
  });

  it('backend="auto" with an f16 MLC build and a GGUF picks WebAssembly, says why, and answers', async () => {
    engine = new Engine();
    await engine.load({ mlc: { id: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' }, gguf: MODEL_URL });
    const { webgpu } = engine.capabilities!;
    expect(engine.selection?.kind).to.equal('wllama-wasm');
    expect(engine.selection?.reason).to.match(
      webgpu?.shaderF16 ? /software fallback/ : /lacks shader-f16, which this f16 build needs/,
    );
    const result = await engine.complete('Once upon a time', { temperature: 0, max_tokens: 20 }).result;
    expect(result.text).to.match(STORY_WORDS);
  });

  it('backend="webgpu" for a GGUF on this adapter is refused with what the device lacks', async () => {
    engine = new Engine();
    let message = '';
    await engine.load(MODEL_URL, { backend: 'webgpu' }).catch((error: Error) => (message = error.message));
    expect(engine.error?.code).to.equal('backend-unavailable');
    expect(message).to.match(/WebGPU was asked for, but/);
  });
});
