/** What the device offers, as far as a page can tell. */
export interface Capabilities {
  /** The WebGPU adapter, or null when the browser has none (no API, or no adapter granted). */
  webgpu: WebGpuCapabilities | null;
  /** COOP/COEP are in force (threads also need `sharedArrayBuffer`). */
  crossOriginIsolated: boolean;
  /** SharedArrayBuffer exists: wasm threads need it (WebKitGTK can be isolated without it). */
  sharedArrayBuffer: boolean;
  /** JavaScript Promise Integration: llama.cpp's main wasm build reads files and runs WebGPU through it. */
  jspi: boolean;
  /** 64-bit shared wasm memory, which llama.cpp's main wasm build is compiled for. */
  memory64: boolean;
  /** The browser is Firefox, where the main build runs without JSPI (reading files synchronously). */
  firefox: boolean;
  /**
   * The Origin Private File System exists, where downloaded models are kept. A private window may
   * still refuse it when asked; the model store then falls back (Cache API, then memory).
   */
  opfs: boolean;
  /** Logical cores the browser reports. */
  hardwareConcurrency: number;
  /** Approximate RAM in GiB (Chromium only, rounded and capped at 8 by the browser); null when unknown. */
  deviceMemoryGiB: number | null;
}

export interface WebGpuCapabilities {
  /** Half-precision shaders: needed by f16 model builds. */
  shaderF16: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  vendor: string;
  architecture: string;
  description: string;
  /** A software adapter (SwiftShader and the like) is correct but far slower than the CPU path. */
  isFallbackAdapter: boolean;
}

// The few WebGPU shapes we read; TypeScript's DOM lib does not describe WebGPU.
interface GpuAdapterLike {
  features: { has(name: string): boolean };
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

async function detectWebGpu(): Promise<WebGpuCapabilities | null> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    const info = adapter.info ?? {};
    return {
      shaderF16: adapter.features.has('shader-f16'),
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      vendor: info.vendor ?? '',
      architecture: info.architecture ?? '',
      description: info.description ?? '',
      isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
    };
  } catch {
    return null;
  }
}

/** A module importing a shared memory with 64-bit addresses (limits flags 0x07), as `wllama.wasm` does. */
const SHARED_MEMORY64_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x04, 0x01, 0x07, 0x01, 0x01,
]);

function detectMemory64(): boolean {
  try {
    if (!WebAssembly.validate(SHARED_MEMORY64_MODULE)) return false;
    // wllama creates the memory from JavaScript too, with BigInt sizes.
    const Memory = WebAssembly.Memory as unknown as new (descriptor: Record<string, unknown>) => WebAssembly.Memory;
    new Memory({ address: 'i64', initial: 1n, maximum: 1n, shared: true });
    return true;
  } catch {
    return false;
  }
}

/** Reads the device's capabilities. Cheap enough to call once per load. */
export async function detectCapabilities(): Promise<Capabilities> {
  const nav = globalThis.navigator as Navigator & { deviceMemory?: number };
  const wasmApi = globalThis.WebAssembly as typeof WebAssembly & { Suspending?: unknown; promising?: unknown };
  return {
    webgpu: await detectWebGpu(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    jspi: typeof wasmApi?.Suspending === 'function' && typeof wasmApi.promising === 'function',
    memory64: detectMemory64(),
    firefox: /\bFirefox\//.test(nav.userAgent ?? ''),
    opfs: typeof nav.storage?.getDirectory === 'function',
    hardwareConcurrency: Math.max(1, nav.hardwareConcurrency || 1),
    deviceMemoryGiB: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : null,
  };
}
