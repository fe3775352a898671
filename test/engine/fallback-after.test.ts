// fallbackAfter(): where a load goes when the chosen backend failed to start, for each kind that can
// fail, and the reason the page is told (what is used now, then what failed and why).
import { expect } from '@open-wc/testing';
import { LlmError, type BackendKind, type Capabilities, type SelectBackendInput } from '../../src/engine/index.js';
import { fallbackAfter, selectBackend, type BackendSelection } from '../../src/engine/device/select-backend.js';
import { testDevice } from '../helpers/capabilities.js';

const webgpu = {
  shaderF16: true,
  maxBufferSize: 2 ** 31,
  maxStorageBufferBindingSize: 2 ** 30,
  vendor: 'test',
  architecture: 'test',
  description: 'test adapter',
  isFallbackAdapter: false,
};

const device = (overrides: Partial<Capabilities> = {}): Capabilities =>
  testDevice({
    webgpu,
    browserModel: { api: 'LanguageModel', availability: 'available', name: 'Chrome’s built-in model (Gemini Nano)' },
    ...overrides,
  });

const ALL: BackendKind[] = ['wllama-wasm', 'wllama-webgpu', 'web-llm', 'browser-model'];
const MLC = { requiresShaderF16: false };

const input = (overrides: Partial<SelectBackendInput> = {}): SelectBackendInput => ({
  capabilities: device(),
  preference: 'auto',
  model: { gguf: true },
  available: ALL,
  ...overrides,
});

/** The selection that failed: what selectBackend() chose for `from`, checked to be `kind`. */
function chosen(kind: BackendKind, from: SelectBackendInput): BackendSelection {
  const selection = selectBackend(from);
  expect(selection.kind, selection.reason).to.equal(kind);
  return selection;
}

const lost = new LlmError('backend-unavailable', 'The GPU device was lost.');

describe('fallbackAfter()', () => {
  it('llama.cpp on WebGPU → WebAssembly, with its threads; the reason ends with what failed', () => {
    const from = input();
    const next = fallbackAfter(chosen('wllama-webgpu', from), lost, from);
    expect(next?.kind).to.equal('wllama-wasm');
    expect(next?.gpuLayers).to.equal(0);
    expect(next?.threads).to.be.above(1);
    expect(next?.reason).to.match(
      /^WebAssembly \(llama\.cpp\), .* WebGPU \(wllama-webgpu\) failed: The GPU device was lost\.$/,
    );
  });

  it('web-llm → WebAssembly when there is a GGUF build, saying web-llm failed', () => {
    const from = input({ model: { gguf: true, mlc: MLC } });
    const next = fallbackAfter(chosen('web-llm', from), lost, from);
    expect(next?.kind).to.equal('wllama-wasm');
    expect(next?.reason).to.match(
      /^WebAssembly \(llama\.cpp\), .* WebGPU \(web-llm\) failed: The GPU device was lost\.$/,
    );
  });

  it('WebGPU asked for by the page still falls back to WebAssembly', () => {
    const from = input({ preference: 'webgpu' });
    expect(fallbackAfter(chosen('wllama-webgpu', from), lost, from)?.kind).to.equal('wllama-wasm');
  });

  it('web-llm with only an MLC build: nothing after it (null, the load fails with the error)', () => {
    const from = input({ model: { gguf: false, mlc: MLC } });
    expect(fallbackAfter(chosen('web-llm', from), lost, from)).to.equal(null);
  });

  it('WebGPU in a build without the WebAssembly backend: null', () => {
    const from = input({ available: ['wllama-webgpu'] });
    expect(fallbackAfter(chosen('wllama-webgpu', from), lost, from)).to.equal(null);
  });

  it('WebAssembly, the last resort: null', () => {
    const from = input({ capabilities: device({ webgpu: null }) });
    expect(fallbackAfter(chosen('wllama-wasm', from), lost, from)).to.equal(null);
  });

  it('a selection that chose nothing: null', () => {
    const from = input({ model: { gguf: false } });
    const none = selectBackend(from);
    expect(none.kind).to.equal(null);
    expect(fallbackAfter(none, lost, from)).to.equal(null);
  });

  it('the browser model → the page’s own builds as chosen without it (WebGPU first), saying the browser’s model failed', () => {
    const from = input({ model: { gguf: true, browserModel: true } });
    const failed = new LlmError('backend-unavailable', 'The session could not be created.');
    const next = fallbackAfter(chosen('browser-model', from), failed, from);
    expect(next?.kind).to.equal('wllama-webgpu');
    expect(next?.reason).to.match(/ The browser’s model failed: The session could not be created\.$/);
  });

  it('the browser model → WebAssembly on a device without WebGPU, or web-llm for an MLC build', () => {
    const failed = new LlmError('backend-unavailable', 'The session could not be created.');
    const noGpu = input({ capabilities: device({ webgpu: null }), model: { gguf: true, browserModel: true } });
    expect(fallbackAfter(chosen('browser-model', noGpu), failed, noGpu)?.kind).to.equal('wllama-wasm');
    const mlc = input({ model: { gguf: false, mlc: MLC, browserModel: true } });
    expect(fallbackAfter(chosen('browser-model', mlc), failed, mlc)?.kind).to.equal('web-llm');
  });

  it('the browser model waiting for a click (not-allowed): null, so Retry gives the click', () => {
    const from = input({ model: { gguf: true, browserModel: true } });
    const waiting = new LlmError('not-allowed', 'The browser downloads its model only after a click.');
    expect(fallbackAfter(chosen('browser-model', from), waiting, from)).to.equal(null);
  });

  it('the browser model with no build of the page’s own: null', () => {
    const from = input({ model: { gguf: false, browserModel: true } });
    const failed = new LlmError('backend-unavailable', 'The session could not be created.');
    expect(fallbackAfter(chosen('browser-model', from), failed, from)).to.equal(null);
  });
});
