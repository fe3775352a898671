import type { BrowserModelAvailability } from '../core/types.js';

/** What the device offers, as far as a page can tell. */
export interface Capabilities {
  /** The WebGPU adapter, or null when the browser has none (no API, or no adapter granted). */
  webgpu: WebGpuCapabilities | null;
  /**
   * Why `webgpu` is null: the browser has no WebGPU API (`no-api`), it granted no adapter
   * (`no-adapter`), the GPU did not answer within `GPU_ANSWER_TIMEOUT_MS` (`no-answer`: a GPU
   * process that hangs), or it was not asked (`not-asked`: a load with `backend: 'wasm'`).
   */
  webgpuUnavailable?: 'no-api' | 'no-adapter' | 'no-answer' | 'not-asked';
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
  /**
   * How many cores' worth of CPU the page got when measured: a probe of about 100 ms in which up to 8
   * workers spin together and note how much of the time they ran (taken twice, the higher reading
   * kept, when the first is low). About `hardwareConcurrency` on an idle device, less when other
   * programs keep cores busy (1.3 at most on 2 cores with one busy). Measured by the engine (not by
   * `detectCapabilities()`) only for a load that runs llama.cpp on WebAssembly with threads it
   * chooses (threads possible: `crossOriginIsolated`, `sharedArrayBuffer`, `hardwareConcurrency` ≥ 2;
   * no `threads` set by the page), once per engine: its later loads and Retry reuse the reading.
   * Undefined otherwise, or when the probe could not run (blob: workers forbidden, no answer within
   * 300 ms). `chooseThreads()` uses fewer threads when it is low.
   */
  freeCores?: number;
  /**
   * The browser model (the browser's built-in model, through the Prompt API): null when the browser has
   * no Prompt API, undefined when not checked. Checked only for a source that asks for it
   * (`ModelSpec.browserModel`), by the engine.
   */
  browserModel?: BrowserModelCapability | null;
}

/** What the browser says of its built-in model (the browser model). */
export interface BrowserModelCapability {
  /** The global the Prompt API was found on: `LanguageModel` (Chrome 138+), or `ai.languageModel` (earlier). */
  api: 'LanguageModel' | 'ai.languageModel';
  /** `unavailable`, or whether it is on the device already (`available`) or downloads first. */
  availability: BrowserModelAvailability;
  /** What reasons call it: "Chrome’s built-in model (Gemini Nano)". */
  name: string;
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

/**
 * How long the GPU may take to answer for an adapter. It usually answers in well under a second
 * (starting the GPU process included); one that hangs would otherwise hold every load forever.
 */
export const GPU_ANSWER_TIMEOUT_MS = 4_000;

type WebGpuReading = Pick<Capabilities, 'webgpu' | 'webgpuUnavailable'>;

/** Requests for an adapter that have not answered yet, per `navigator.gpu`: they are not repeated. */
const unanswered = new WeakMap<GpuLike, Promise<GpuAdapterLike | null>>();

async function detectWebGpu(): Promise<WebGpuReading> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return { webgpu: null, webgpuUnavailable: 'no-api' };
  // A GPU that left an earlier request unanswered is not waited for again (nor asked again) until it answers.
  if (unanswered.has(gpu)) return { webgpu: null, webgpuUnavailable: 'no-answer' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const request = gpu.requestAdapter({ powerPreference: 'high-performance' });
    const noAnswer = Symbol('no answer');
    const adapter = await Promise.race([
      request,
      new Promise<typeof noAnswer>((resolve) => (timer = setTimeout(() => resolve(noAnswer), GPU_ANSWER_TIMEOUT_MS))),
    ]);
    if (adapter === noAnswer) {
      unanswered.set(gpu, request);
      const forget = () => unanswered.delete(gpu);
      request.then(forget, forget);
      return { webgpu: null, webgpuUnavailable: 'no-answer' };
    }
    if (!adapter) return { webgpu: null, webgpuUnavailable: 'no-adapter' };
    const info = adapter.info ?? {};
    return {
      webgpu: {
        shaderF16: adapter.features.has('shader-f16'),
        maxBufferSize: adapter.limits.maxBufferSize,
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        vendor: info.vendor ?? '',
        architecture: info.architecture ?? '',
        description: info.description ?? '',
        isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
      },
    };
  } catch {
    return { webgpu: null, webgpuUnavailable: 'no-adapter' };
  } finally {
    clearTimeout(timer);
  }
}

export interface DetectOptions {
  /**
   * Whether to ask the GPU for a WebGPU adapter (default true). A load that will run on WebAssembly
   * whatever the adapter (`backend: 'wasm'`) does not ask, and so never waits for the GPU.
   */
  webgpu?: boolean;
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

/**
 * Reads the device's capabilities. Cheap enough to call once per load: it asks for the WebGPU adapter
 * and reads what the browser reports; the CPU probe (`freeCores`) is the engine's, taken only when it
 * runs WebAssembly with automatic threads. A GPU that does not answer within `GPU_ANSWER_TIMEOUT_MS`
 * counts as no adapter.
 */
export async function detectCapabilities(options: DetectOptions = {}): Promise<Capabilities> {
  const nav = globalThis.navigator as Navigator & { deviceMemory?: number };
  const wasmApi = globalThis.WebAssembly as typeof WebAssembly & { Suspending?: unknown; promising?: unknown };
  const crossOriginIsolated = globalThis.crossOriginIsolated === true;
  const sharedArrayBuffer = typeof SharedArrayBuffer === 'function';
  const hardwareConcurrency = Math.max(1, nav.hardwareConcurrency || 1);
  const gpu =
    options.webgpu === false ? { webgpu: null, webgpuUnavailable: 'not-asked' as const } : await detectWebGpu();
  return {
    ...gpu,
    crossOriginIsolated,
    sharedArrayBuffer,
    jspi: typeof wasmApi?.Suspending === 'function' && typeof wasmApi.promising === 'function',
    memory64: detectMemory64(),
    firefox: /\bFirefox\//.test(nav.userAgent ?? ''),
    opfs: typeof nav.storage?.getDirectory === 'function',
    hardwareConcurrency,
    deviceMemoryGiB: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : null,
  };
}
