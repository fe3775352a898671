import { expect } from '@open-wc/testing';
import { detectCapabilities } from '../../src/engine/index.js';

describe('detectCapabilities() in this Chromium', () => {
  it('reports isolation, cores and memory from the page', async () => {
    const capabilities = await detectCapabilities();
    expect(capabilities.crossOriginIsolated).to.equal(globalThis.crossOriginIsolated);
    expect(capabilities.crossOriginIsolated).to.equal(true, 'the test server sends COOP/COEP');
    expect(capabilities.hardwareConcurrency).to.equal(navigator.hardwareConcurrency);
    const memory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
    expect(capabilities.deviceMemoryGiB).to.equal(memory ?? null);
  });

  it('measures the free cores (the CPU probe), since threads are possible here', async () => {
    // A probe that runs out of its time on a loaded machine says nothing: take up to three.
    let capabilities = await detectCapabilities();
    for (let i = 0; i < 2 && capabilities.freeCores === undefined; i++) capabilities = await detectCapabilities();
    expect(capabilities.freeCores, 'a measurement').to.be.a('number');
    expect(capabilities.freeCores).to.be.greaterThan(0);
    expect(capabilities.freeCores).to.be.at.most(Math.min(navigator.hardwareConcurrency, 8) + 0.2);
  });

  it('finds what llama.cpp’s main wasm build needs (JSPI, Memory64, SharedArrayBuffer), so it runs that build', async () => {
    const capabilities = await detectCapabilities();
    expect(capabilities).to.include({
      jspi: true,
      memory64: true,
      sharedArrayBuffer: true,
      firefox: false,
      opfs: true,
    });
    const { selectBackend } = await import('../../src/engine/index.js');
    const selection = selectBackend({
      capabilities,
      preference: 'wasm',
      model: { gguf: true },
      available: ['wllama-wasm'],
    });
    expect(selection.wasmBuild).to.equal('main');
    expect(selection.reason).not.to.match(/compatibility/);
  });

  it('finds no WebGPU adapter without --enable-unsafe-webgpu (Linux Chromium has WebGPU off)', async function () {
    if (!navigator.userAgent.includes('Linux')) this.skip();
    const capabilities = await detectCapabilities();
    expect(capabilities.webgpu).to.equal(null);
  });

  it('so auto picks WebAssembly and says there is no adapter', async () => {
    const { selectBackend } = await import('../../src/engine/index.js');
    const capabilities = await detectCapabilities();
    const selection = selectBackend({
      capabilities,
      preference: 'auto',
      model: { gguf: true, mlc: { requiresShaderF16: true } },
      available: ['wllama-wasm', 'wllama-webgpu', 'web-llm'],
    });
    expect(selection.kind).to.equal('wllama-wasm');
    if (!capabilities.webgpu) expect(selection.reason).to.match(/no WebGPU adapter/);
  });
});
