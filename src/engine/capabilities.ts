/** What the device offers, as far as a page can tell. */
export interface Capabilities {
  /** The WebGPU adapter, or null when the browser has none (no API, or no adapter granted). */
  webgpu: WebGpuCapabilities | null;
  /** COOP/COEP are in force, so SharedArrayBuffer and wasm threads work. */
  crossOriginIsolated: boolean;
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

/** Reads the device's capabilities. Cheap enough to call once per load. */
export async function detectCapabilities(): Promise<Capabilities> {
  const nav = globalThis.navigator as Navigator & { deviceMemory?: number };
  return {
    webgpu: await detectWebGpu(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: Math.max(1, nav.hardwareConcurrency || 1),
    deviceMemoryGiB: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : null,
  };
}
