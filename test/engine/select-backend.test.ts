import { expect } from '@open-wc/testing';
import {
  chooseThreads,
  selectBackend,
  type BackendKind,
  type BrowserModelAvailability,
  type BrowserModelCapability,
  type SelectBackendInput,
  type WebGpuCapabilities,
} from '../../src/engine/index.js';
import { testDevice } from '../helpers/capabilities.js';

const gpu = (overrides: Partial<WebGpuCapabilities> = {}): WebGpuCapabilities => ({
  shaderF16: true,
  maxBufferSize: 2 ** 31,
  maxStorageBufferBindingSize: 2 ** 30,
  vendor: 'test',
  architecture: 'test',
  description: 'test adapter',
  isFallbackAdapter: false,
  ...overrides,
});

const device = testDevice;

const ALL: BackendKind[] = ['wllama-wasm', 'wllama-webgpu', 'web-llm'];
const chromeModel = (availability: BrowserModelAvailability): BrowserModelCapability => ({
  api: 'LanguageModel',
  availability,
  name: 'Chrome’s built-in model (Gemini Nano)',
});
const WASM_ONLY: BackendKind[] = ['wllama-wasm'];

type Row = {
  name: string;
  input: Partial<SelectBackendInput> & Pick<SelectBackendInput, 'capabilities'>;
  kind: BackendKind | null;
  reason: RegExp;
  threads?: number;
  gpuLayers?: number;
  wasmBuild?: 'main' | 'compat';
};

const rows: Row[] = [
  {
    name: 'no WebGPU, GGUF → wasm, multi-thread when isolated',
    input: { capabilities: device() },
    kind: 'wllama-wasm',
    reason: /no WebGPU adapter.*4 threads on 8 logical cores/,
    threads: 4,
    gpuLayers: 0,
  },
  {
    name: 'not cross-origin isolated → wasm with one thread, and says why',
    input: { capabilities: device({ crossOriginIsolated: false }) },
    kind: 'wllama-wasm',
    reason: /one thread, because the page is not cross-origin isolated/,
    threads: 1,
  },
  {
    name: 'WebKit/Safari: no Memory64, no JSPI, isolated without SharedArrayBuffer → compat build, one thread, both said',
    input: {
      capabilities: device({ memory64: false, jspi: false, sharedArrayBuffer: false }),
      threads: 4,
    },
    kind: 'wllama-wasm',
    reason:
      /compatibility build, because this browser lacks 64-bit WebAssembly memory \(Memory64\) and JavaScript Promise Integration \(JSPI\); one thread, because this browser has no SharedArrayBuffer/,
    threads: 1,
    wasmBuild: 'compat',
  },
  {
    name: 'Firefox without JSPI (140 ESR) keeps the main build',
    input: { capabilities: device({ jspi: false, firefox: true }) },
    kind: 'wllama-wasm',
    reason: /^WebAssembly \(llama\.cpp\), because this browser has no WebGPU adapter; 4 threads/,
    wasmBuild: 'main',
  },
  {
    name: 'another browser without JSPI → compat build',
    input: { capabilities: device({ jspi: false }) },
    kind: 'wllama-wasm',
    reason: /compatibility build, because this browser lacks JavaScript Promise Integration \(JSPI\);/,
    wasmBuild: 'compat',
  },
  {
    name: 'every capability present → main build',
    input: { capabilities: device() },
    kind: 'wllama-wasm',
    reason: /^(?!.*compatibility)/,
    wasmBuild: 'main',
  },
  {
    name: 'without JSPI, llama.cpp’s WebGPU path is not chosen, and the reason says why',
    input: { capabilities: device({ webgpu: gpu(), jspi: false }), available: ALL },
    kind: 'wllama-wasm',
    reason: /lacks JavaScript Promise Integration \(JSPI\), which llama\.cpp’s WebGPU path needs/,
  },
  {
    name: 'threads set by a page that is not isolated run as one thread, and say why',
    input: { capabilities: device({ crossOriginIsolated: false }), threads: 4 },
    kind: 'wllama-wasm',
    reason: /one thread, because the page is not cross-origin isolated/,
    threads: 1,
  },
  {
    name: 'one of 2 cores busy (the probe found 1.3 free) → one thread, and says why',
    input: { capabilities: device({ hardwareConcurrency: 2, freeCores: 1.3 }) },
    kind: 'wllama-wasm',
    reason: /1 thread: of 2 logical cores only about 1\.3 are free/,
    threads: 1,
  },
  {
    name: 'a page-set thread count wins over the probe',
    input: { capabilities: device({ hardwareConcurrency: 2, freeCores: 1.3 }), threads: 2 },
    kind: 'wllama-wasm',
    reason: /2 threads as set by the page/,
    threads: 2,
  },
  {
    name: 'a page-set thread count wins',
    input: { capabilities: device(), threads: 3 },
    kind: 'wllama-wasm',
    reason: /3 threads as set by the page/,
    threads: 3,
  },
  {
    name: 'adapter with shader-f16 and an MLC build → web-llm',
    input: {
      capabilities: device({ webgpu: gpu() }),
      model: { gguf: true, mlc: { requiresShaderF16: true } },
      available: ALL,
    },
    kind: 'web-llm',
    reason: /WebGPU \(web-llm\)/,
  },
  {
    name: 'f16 MLC build on an adapter without shader-f16 (SwiftShader) → wasm, says which feature is missing',
    input: {
      capabilities: device({ webgpu: gpu({ shaderF16: false }) }),
      model: { gguf: true, mlc: { requiresShaderF16: true } },
      available: ALL,
    },
    kind: 'wllama-wasm',
    reason: /lacks shader-f16/,
  },
  {
    name: 'f32 MLC build runs without shader-f16',
    input: {
      capabilities: device({ webgpu: gpu({ shaderF16: false }) }),
      model: { gguf: false, mlc: { requiresShaderF16: false } },
      available: ALL,
    },
    kind: 'web-llm',
    reason: /web-llm/,
  },
  {
    name: 'GGUF only, adapter with shader-f16, llama.cpp WebGPU built in → wllama-webgpu with all layers',
    input: { capabilities: device({ webgpu: gpu() }), available: ALL },
    kind: 'wllama-webgpu',
    reason: /all layers run on the GPU/,
    gpuLayers: 999,
  },
  {
    name: 'GGUF only, adapter with shader-f16, but only wasm built in → wasm, says so',
    input: { capabilities: device({ webgpu: gpu() }), available: WASM_ONLY },
    kind: 'wllama-wasm',
    reason: /WebGPU path is not part of this build/,
  },
  {
    name: 'backend="wasm" wins over a capable GPU',
    input: { capabilities: device({ webgpu: gpu() }), preference: 'wasm', available: ALL },
    kind: 'wllama-wasm',
    reason: /as the page asked/,
  },
  {
    name: 'backend="webgpu" without an adapter → unavailable, says why',
    input: { capabilities: device(), preference: 'webgpu', available: ALL },
    kind: null,
    reason: /WebGPU was asked for, but this browser has no WebGPU adapter/,
  },
  {
    name: 'MLC build only and no adapter → unavailable',
    input: { capabilities: device(), model: { gguf: false, mlc: { requiresShaderF16: true } }, available: ALL },
    kind: null,
    reason: /no WebGPU adapter, and there is no GGUF build/,
  },
  {
    name: 'backend="wasm" with only an MLC build → unavailable',
    input: { capabilities: device(), preference: 'wasm', model: { gguf: false, mlc: { requiresShaderF16: false } } },
    kind: null,
    reason: /no GGUF build/,
  },
  {
    name: 'MLC model too big for the adapter buffers → wasm',
    input: {
      capabilities: device({ webgpu: gpu({ maxBufferSize: 2 ** 27 }) }),
      model: { gguf: true, mlc: { requiresShaderF16: true, vramBytes: 4 * 2 ** 30 } },
      available: ['wllama-wasm', 'web-llm'],
    },
    kind: 'wllama-wasm',
    reason: /buffer limits are too small/,
  },
  // The browser model (ModelSpec.browserModel / <llm-model browser-model>).
  {
    name: 'browser model asked for and available → browser, no download, on the device',
    input: {
      capabilities: device({ browserModel: chromeModel('available') }),
      model: { gguf: true, browserModel: true },
      available: [...WASM_ONLY, 'browser-model'],
    },
    kind: 'browser-model',
    reason:
      /^Chrome’s built-in model \(Gemini Nano\): already on this device, nothing to download; the browser runs it on this device, so no text leaves it\.$/,
    threads: 0,
  },
  {
    name: 'browser model downloadable → browser, and the reason says the browser downloads it once',
    input: {
      capabilities: device({ browserModel: chromeModel('downloadable') }),
      model: { gguf: true, browserModel: true },
      available: [...WASM_ONLY, 'browser-model'],
    },
    kind: 'browser-model',
    reason: /the browser downloads it once, for every site; the browser runs it on this device/,
  },
  {
    name: 'browser model downloading → browser, and says so',
    input: {
      capabilities: device({ browserModel: chromeModel('downloading') }),
      model: { gguf: false, browserModel: true },
      available: [...WASM_ONLY, 'browser-model'],
    },
    kind: 'browser-model',
    reason: /the browser is downloading it/,
  },
  {
    name: 'browser model wins over WebGPU and over backend="wasm" (which applies to src)',
    input: {
      capabilities: device({ webgpu: gpu(), browserModel: chromeModel('available') }),
      preference: 'wasm',
      model: { gguf: true, browserModel: true, mlc: { requiresShaderF16: true } },
      available: [...ALL, 'browser-model'],
    },
    kind: 'browser-model',
    reason: /^Chrome’s built-in model/,
  },
  {
    name: 'browser model unavailable → the page’s own GGUF on wasm, and the reason says which and why',
    input: {
      capabilities: device({ browserModel: chromeModel('unavailable') }),
      model: { gguf: true, browserModel: true },
      available: [...WASM_ONLY, 'browser-model'],
    },
    kind: 'wllama-wasm',
    reason:
      /^Chrome’s built-in model \(Gemini Nano\) is unavailable in this browser; using the page's own model: WebAssembly \(llama\.cpp\), because this browser has no WebGPU adapter; 4 threads/,
    threads: 4,
  },
  {
    name: 'no Prompt API (Firefox, Safari, this Chromium) → the page’s own model on WebGPU where it can',
    input: {
      capabilities: device({ webgpu: gpu(), browserModel: null }),
      model: { gguf: true, browserModel: true, mlc: { requiresShaderF16: true } },
      available: [...ALL, 'browser-model'],
    },
    kind: 'web-llm',
    reason: /^The browser has no built-in model \(no Prompt API\); using the page's own model: WebGPU \(web-llm\)/,
  },
  {
    name: 'browser model unavailable and no src → none, and says there is nothing to fall back to',
    input: {
      capabilities: device({ browserModel: chromeModel('unavailable') }),
      model: { gguf: false, browserModel: true },
      available: [...WASM_ONLY, 'browser-model'],
    },
    kind: null,
    reason:
      /built-in model was asked for, but Chrome’s built-in model \(Gemini Nano\) is unavailable in this browser, and no src is given/,
  },
  {
    name: 'only src (backend="auto", no browser-model) → the page’s own model even where the browser has one',
    input: {
      capabilities: device({ browserModel: chromeModel('available') }),
      model: { gguf: true },
      available: [...WASM_ONLY, 'browser-model'],
    },
    kind: 'wllama-wasm',
    reason: /^WebAssembly/,
  },
  {
    name: 'a build without the browser backend → the page’s own model, and says so',
    input: {
      capabilities: device({ browserModel: chromeModel('available') }),
      model: { gguf: true, browserModel: true },
      available: WASM_ONLY,
    },
    kind: 'wllama-wasm',
    reason: /^The browser backend is not part of this build; using the page's own model: WebAssembly/,
  },
  {
    name: 'the deprecated spellings (model.browser, "browser" available) → still the browser model, until the next release',
    input: {
      capabilities: device({ browserModel: chromeModel('available') }),
      model: { gguf: true, browser: true },
      available: [...WASM_ONLY, 'browser'],
    },
    kind: 'browser-model',
    reason: /^Chrome’s built-in model \(Gemini Nano\): already on this device/,
  },
];

describe('selectBackend()', () => {
  for (const row of rows) {
    it(row.name, () => {
      const selection = selectBackend({
        preference: 'auto',
        model: { gguf: true },
        available: WASM_ONLY,
        ...row.input,
      });
      expect(selection.kind).to.equal(row.kind);
      expect(selection.reason).to.match(row.reason);
      if (row.threads !== undefined) expect(selection.threads).to.equal(row.threads);
      if (row.gpuLayers !== undefined) expect(selection.gpuLayers).to.equal(row.gpuLayers);
      if (row.wasmBuild !== undefined) expect(selection.wasmBuild).to.equal(row.wasmBuild);
    });
  }
});

describe('chooseThreads()', () => {
  const cases: Array<[boolean, number, number]> = [
    [false, 16, 1],
    [true, 1, 1],
    [true, 2, 2],
    [true, 4, 4],
    [true, 8, 4],
    [true, 12, 6],
    [true, 32, 8],
  ];
  for (const [crossOriginIsolated, hardwareConcurrency, threads] of cases) {
    it(`isolated=${crossOriginIsolated}, ${hardwareConcurrency} cores → ${threads}`, () => {
      expect(chooseThreads({ crossOriginIsolated, hardwareConcurrency }).threads).to.equal(threads);
    });
  }
  describe('with the CPU probe’s freeCores', () => {
    const isolated = (hardwareConcurrency: number, freeCores?: number) => ({
      crossOriginIsolated: true,
      sharedArrayBuffer: true,
      hardwareConcurrency,
      freeCores,
    });

    it('2 cores, one busy (1.3 free) → 1 thread, and the reason says so', () => {
      const choice = chooseThreads(isolated(2, 1.3));
      expect(choice.threads).to.equal(1);
      expect(choice.reason).to.equal(
        "1 thread: of 2 logical cores only about 1.3 are free (another program is busy), and llama.cpp's threads wait on each other when they share a core",
      );
    });

    it('2 cores, idle within the probe’s noise (1.9 free) → 2 threads, today’s wording', () => {
      const choice = chooseThreads(isolated(2, 1.9));
      expect(choice.threads).to.equal(2);
      expect(choice.reason).to.equal('2 threads on 2 logical cores (the page is cross-origin isolated)');
    });

    it('freeCores unknown → today’s rule', () => {
      expect(chooseThreads(isolated(2)).threads).to.equal(2);
      expect(chooseThreads(isolated(8)).threads).to.equal(4);
      expect(chooseThreads(isolated(8, Number.NaN)).threads).to.equal(4);
    });

    it('8 cores, one busy (about 7 free) → the rule’s 4 stay', () => {
      const choice = chooseThreads(isolated(8, 7.1));
      expect(choice.threads).to.equal(4);
      expect(choice.reason).to.match(/^4 threads on 8 logical cores/);
    });

    it('8 cores, most busy (2.6 free) → 3 threads, at least 1 when almost nothing is free', () => {
      expect(chooseThreads(isolated(8, 2.6))).to.include({ threads: 3 });
      expect(chooseThreads(isolated(8, 2.6)).reason).to.match(
        /^3 threads: of 8 logical cores only about 2\.6 are free/,
      );
      expect(chooseThreads(isolated(4, 0.3)).threads).to.equal(1);
    });

    it('not cross-origin isolated → 1 thread whatever the probe says', () => {
      const choice = chooseThreads({ crossOriginIsolated: false, hardwareConcurrency: 8, freeCores: 8 });
      expect(choice.threads).to.equal(1);
      expect(choice.reason).to.match(/not cross-origin isolated/);
      expect(chooseThreads({ crossOriginIsolated: false, hardwareConcurrency: 2, freeCores: 1.3 }).threads).to.equal(1);
    });
  });

  it('isolated without SharedArrayBuffer (WebKitGTK) → one thread', () => {
    const choice = chooseThreads({ crossOriginIsolated: true, sharedArrayBuffer: false, hardwareConcurrency: 8 });
    expect(choice.threads).to.equal(1);
    expect(choice.reason).to.match(/no SharedArrayBuffer/);
  });
});
