import type { Capabilities } from './capabilities.js';
import type { LlmError } from '../core/errors.js';
import type { BackendKind, BackendPreference, LegacyBackendKind, MlcModel } from '../core/types.js';

/** Whether an MLC build needs `shader-f16`: as it says, else as its id says (`q4f16_1`, …). */
export function needsShaderF16(mlc: MlcModel): boolean {
  return mlc.requiresShaderF16 ?? /f16/i.test(mlc.id);
}

/** What is on offer for one model. */
export interface ModelBuilds {
  /** A GGUF build exists (runs on wllama, CPU or WebGPU). */
  gguf: boolean;
  /** The page asks for the browser model first (`ModelSpec.browserModel`); `capabilities.browserModel` says whether it has one. */
  browserModel?: boolean;
  /** @deprecated Renamed `browserModel`; read as it until the next release. */
  browser?: boolean;
  /** An MLC build exists (runs on web-llm, WebGPU only). */
  mlc?: {
    /** The build uses f16 shaders. */
    requiresShaderF16: boolean;
    /** Estimated GPU memory it needs, in bytes. */
    vramBytes?: number;
  };
}

export interface SelectBackendInput {
  capabilities: Capabilities;
  preference: BackendPreference;
  model: ModelBuilds;
  /** Backends this build of the library can run (the deprecated `'browser'` read as `'browser-model'`). */
  available: readonly (BackendKind | LegacyBackendKind)[];
  /** Threads the page asked for; otherwise chosen with `chooseThreads()`. */
  threads?: number;
}

export type BackendSelection =
  | { kind: BackendKind; threads: number; gpuLayers: number; reason: string; wasmBuild?: WasmBuild }
  | { kind: null; threads: 0; gpuLayers: 0; reason: string; wasmBuild?: undefined };

/**
 * Which build of llama.cpp's wasm runs: `main` (64-bit memory, JSPI) or `compat` (wllama's
 * compatibility build: 32-bit memory, Asyncify), for browsers that lack what `main` needs (Safari).
 */
export type WasmBuild = 'main' | 'compat';

/** What the main wasm build needs that this browser lacks (empty: it runs `main`). */
export function missingForMainBuild(
  capabilities: Partial<Pick<Capabilities, 'jspi' | 'memory64' | 'firefox'>>,
): string[] {
  const missing: string[] = [];
  if (capabilities.memory64 === false) missing.push('64-bit WebAssembly memory (Memory64)');
  // Firefox runs the main build without JSPI, reading files synchronously (as wllama does there).
  if (capabilities.jspi === false && !capabilities.firefox) missing.push('JavaScript Promise Integration (JSPI)');
  return missing;
}

/** All of llama.cpp's layers; it clamps to the model's count. */
const ALL_LAYERS = 999;

/**
 * CPU threads for llama.cpp in wasm. Threads need cross-origin isolation. llama.cpp scales with
 * physical cores, which browsers do not report: on small devices every logical core is used, on
 * larger ones half (hyper-threads add little), at most 8 (more adds sync cost in wasm).
 *
 * When the capabilities carry `freeCores` (the load-time CPU probe) and fewer cores are free than
 * that rule would use, it uses as many threads as cores are free, rounded to the nearest and at least
 * 1: llama.cpp's threads spin-wait for each other after every operation, so a thread that shares its
 * core with another program holds all of them up (on 2 cores with one busy, 2 threads decode at
 * about half the speed of 1). The nearest whole number, because the probe reads about 1.3 there and
 * about 2 when idle, and 1.5 sits between them with room for its noise either way; rounding down
 * would drop a thread whenever an idle device reads a little under its count (1.9 of 2).
 */
export function chooseThreads(
  capabilities: Pick<Capabilities, 'crossOriginIsolated' | 'hardwareConcurrency'> &
    Partial<Pick<Capabilities, 'sharedArrayBuffer' | 'freeCores'>>,
): {
  threads: number;
  reason: string;
} {
  const cores = capabilities.hardwareConcurrency;
  if (!capabilities.crossOriginIsolated) {
    return {
      threads: 1,
      reason: 'one thread, because the page is not cross-origin isolated (it needs COOP/COEP headers for threads)',
    };
  }
  if (capabilities.sharedArrayBuffer === false) {
    return {
      threads: 1,
      reason: 'one thread, because this browser has no SharedArrayBuffer (although the page is cross-origin isolated)',
    };
  }
  if (cores < 2) return { threads: 1, reason: 'one thread, because the device reports one core' };
  const threads = Math.min(cores <= 4 ? cores : Math.floor(cores / 2), 8);
  const free = capabilities.freeCores;
  if (free !== undefined && Number.isFinite(free) && free >= 0) {
    const fitting = Math.max(1, Math.round(free));
    if (fitting < threads) {
      return {
        threads: fitting,
        reason:
          `${fitting} thread${fitting === 1 ? '' : 's'}: of ${cores} logical cores only about ${free.toFixed(1)} ` +
          `are free (another program is busy), and llama.cpp's threads wait on each other when they share a core`,
      };
    }
  }
  return { threads, reason: `${threads} threads on ${cores} logical cores (the page is cross-origin isolated)` };
}

function wasm(input: SelectBackendInput, why: string): BackendSelection {
  const auto = chooseThreads(input.capabilities);
  const canThread = input.capabilities.crossOriginIsolated && input.capabilities.sharedArrayBuffer !== false;
  // Threads the page sets still need isolation and SharedArrayBuffer.
  const threads = input.threads !== undefined && canThread ? input.threads : auto.threads;
  const threadReason =
    input.threads !== undefined && canThread
      ? `${threads} thread${threads === 1 ? '' : 's'} as set by the page`
      : auto.reason;
  const missing = missingForMainBuild(input.capabilities);
  const build = missing.length ? `; compatibility build, because this browser lacks ${missing.join(' and ')}` : '';
  return {
    kind: 'wllama-wasm',
    threads,
    gpuLayers: 0,
    wasmBuild: missing.length ? 'compat' : 'main',
    reason: `WebAssembly (llama.cpp), ${why}${build}; ${threadReason}.`,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function none(reason: string): BackendSelection {
  return { kind: null, threads: 0, gpuLayers: 0, reason };
}

/** Why WebGPU cannot run this model here, or null when it can. */
function webGpuGap(input: SelectBackendInput, forMlc: boolean): string | null {
  const gpu = input.capabilities.webgpu;
  if (!gpu) {
    return input.capabilities.webgpuUnavailable === 'no-answer'
      ? 'the GPU did not answer in time when asked for a WebGPU adapter'
      : 'this browser has no WebGPU adapter';
  }
  // A software adapter (SwiftShader) runs shaders on the CPU, far slower than llama.cpp's wasm.
  const software =
    gpu.isFallbackAdapter && input.preference !== 'webgpu'
      ? 'the only WebGPU adapter is a software fallback (no GPU)'
      : null;
  if (forMlc) {
    const mlc = input.model.mlc;
    if (!mlc) return 'no MLC build of this model is given';
    if (!input.available.includes('web-llm'))
      return "the web-llm backend is not loaded (import 'llm-elements/web-llm')";
    if (mlc.requiresShaderF16 && !gpu.shaderF16)
      return 'the WebGPU adapter lacks shader-f16, which this f16 build needs';
    if (mlc.vramBytes && mlc.vramBytes > gpu.maxBufferSize * 4) {
      return 'the WebGPU adapter’s buffer limits are too small for this model';
    }
    return software;
  }
  if (!input.model.gguf) return 'no GGUF build of this model is given';
  if (!input.available.includes('wllama-webgpu')) return 'llama.cpp’s WebGPU path is not part of this build';
  if (!gpu.shaderF16) return 'the WebGPU adapter lacks shader-f16, which llama.cpp’s WebGPU path needs';
  if (input.capabilities.jspi === false) {
    return 'this browser lacks JavaScript Promise Integration (JSPI), which llama.cpp’s WebGPU path needs';
  }
  return software;
}

/** Why the browser model cannot be used, or null when it can. */
function browserModelGap(input: SelectBackendInput): string | null {
  const model = input.capabilities.browserModel;
  if (!model) return 'the browser has no built-in model (no Prompt API)';
  if (model.availability === 'unavailable') return `${model.name} is unavailable in this browser`;
  const { available } = input;
  if (!available.includes('browser-model') && !available.includes('browser')) {
    return 'the browser backend is not part of this build';
  }
  return null;
}

const ON_DEVICE = 'the browser runs it on this device, so no text leaves it';

/**
 * Chooses a backend from the device's capabilities and the model's builds. Pure: the same input
 * always gives the same choice, and `reason` says why in words a page can show.
 *
 * A model that asks for the browser model (`model.browserModel`) gets it whenever the browser
 * has one (downloading it first counts: the browser fetches it once for every site); otherwise the
 * rest of the model (its GGUF and MLC builds) is chosen for as below, and the reason says why.
 */
export function selectBackend(input: SelectBackendInput): BackendSelection {
  const { preference, model } = input;
  if (model.browserModel ?? model.browser) {
    const gap = browserModelGap(input);
    const browserModel = input.capabilities.browserModel;
    if (!gap && browserModel) {
      const state =
        browserModel.availability === 'available'
          ? 'already on this device, nothing to download'
          : browserModel.availability === 'downloading'
            ? 'the browser is downloading it (once, for every site)'
            : 'the browser downloads it once, for every site';
      return {
        kind: 'browser-model',
        threads: 0,
        gpuLayers: 0,
        reason: `${capitalize(browserModel.name)}: ${state}; ${ON_DEVICE}.`,
      };
    }
    if (!model.gguf && !model.mlc) {
      return none(`The browser's built-in model was asked for, but ${gap}, and no src is given to fall back to.`);
    }
    const own = selectBackend({ ...input, model: { ...model, browserModel: false } });
    return {
      ...own,
      reason: `${capitalize(gap ?? '')}; using the page's own model: ${own.reason}`,
    } as BackendSelection;
  }
  const canWasm = model.gguf && input.available.includes('wllama-wasm');

  if (preference === 'wasm') {
    if (!model.gguf) return none('WebAssembly was asked for, but no GGUF build of the model is given.');
    if (!canWasm) return none('WebAssembly was asked for, but the wasm backend is not part of this build.');
    return wasm(input, 'as the page asked');
  }

  const mlcGap = webGpuGap(input, true);
  if (!mlcGap) {
    return {
      kind: 'web-llm',
      threads: 0,
      gpuLayers: 0,
      reason: 'WebGPU (web-llm): the adapter can run the MLC build.',
    };
  }
  const ggufGpuGap = webGpuGap(input, false);
  if (!ggufGpuGap) {
    return {
      kind: 'wllama-webgpu',
      threads: chooseThreads(input.capabilities).threads,
      gpuLayers: ALL_LAYERS,
      wasmBuild: 'main',
      // An MLC build left unused only because its backend is missing: say how to add it.
      reason: `WebGPU (llama.cpp): the adapter has shader-f16, so all layers run on the GPU.${
        model.mlc && !input.available.includes('web-llm') ? ` The MLC build is not used: ${mlcGap}.` : ''
      }`,
    };
  }
  // Report the gap of the most capable path the model offers.
  const gap = model.mlc ? mlcGap : ggufGpuGap;
  if (preference === 'webgpu') return none(`WebGPU was asked for, but ${gap}.`);
  if (canWasm) return wasm(input, `because ${gap}`);
  if (!model.gguf && !model.mlc) return none('No model is given: set a GGUF src or an MLC model.');
  return none(`No backend can run this model here: ${gap}, and there is no GGUF build for WebAssembly.`);
}

/**
 * Where a load goes when the backend `failed` to start, or null to fail with `error`. Pure, given the
 * input the failed selection was made from. The browser's model: to the page's own builds (unless
 * it waits for a click, which Retry gives). WebGPU, which can fail only at run time (device lost, out
 * of memory, adapter refused): to WebAssembly when there is a GGUF build. The reason says what failed.
 */
export function fallbackAfter(
  failed: BackendSelection,
  error: LlmError,
  input: SelectBackendInput,
): BackendSelection | null {
  const next = fallbackFor(failed.kind, error, input);
  if (!next?.kind) return null;
  const what = failed.kind === 'browser-model' ? 'The browser’s model' : `WebGPU (${failed.kind})`;
  return { ...next, reason: `${next.reason} ${what} failed: ${error.message}` };
}

function fallbackFor(failed: BackendKind | null, error: LlmError, input: SelectBackendInput): BackendSelection | null {
  const { model } = input;
  const own = { ...model, browserModel: false };
  if (!failed || failed === 'wllama-wasm') return null;
  if (failed === 'browser-model') {
    if (error.code === 'not-allowed' || (!model.gguf && !model.mlc)) return null;
    return selectBackend({ ...input, model: own });
  }
  if (!model.gguf || !input.available.includes('wllama-wasm')) return null;
  return selectBackend({ ...input, preference: 'wasm', model: own });
}
