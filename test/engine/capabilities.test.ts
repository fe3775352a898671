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

  it('finds no WebGPU adapter without --enable-unsafe-webgpu on a machine with no GPU', async () => {
    const capabilities = await detectCapabilities();
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    const adapter = gpu ? await gpu.requestAdapter() : null;
    expect(capabilities.webgpu === null).to.equal(adapter === null);
  });
});
