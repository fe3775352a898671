// A device for tests that choose a backend: everything the main build needs, no WebGPU adapter, no
// browser model; each test overrides what it is about.
import type { Capabilities } from '../../src/index.js';

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
