// A device for tests that choose a backend: everything the main build needs, no WebGPU adapter, no
// browser model; each test overrides what it is about.
import type { Capabilities, WebGpuCapabilities } from '../../src/index.js';

export function testDevice(overrides: Partial<Capabilities> = {}): Capabilities {
  return {
    webgpu: null,
    crossOriginIsolated: true,
    sharedArrayBuffer: true,
    jspi: true,
    memory64: true,
    firefox: false,
    opfs: true,
    hardwareConcurrency: 8,
    deviceMemoryGiB: 8,
    ...overrides,
  };
}

/** A GPU as the scripted web-llm tests describe it: f16 shaders, 2 GiB buffers. */
export const SCRIPTED_GPU: WebGpuCapabilities = {
  shaderF16: true,
  maxBufferSize: 2 ** 31,
  maxStorageBufferBindingSize: 2 ** 30,
  vendor: 'scripted',
  architecture: 'scripted',
  description: 'a GPU as the scripted test describes it',
  isFallbackAdapter: false,
};

/** `testDevice()` with that GPU and 2 cores, as `detectCapabilities` (it is async). */
export async function scriptedGpuDevice(): Promise<Capabilities> {
  return testDevice({ webgpu: SCRIPTED_GPU, hardwareConcurrency: 2 });
}
