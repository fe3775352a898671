import { expect } from '@open-wc/testing';
import { Engine, chooseThreads, detectCapabilities } from '../../src/engine/index.js';
import { probeFreeCores } from '../../src/engine/device/cpu-probe.js';
import { GPU_ANSWER_TIMEOUT_MS } from '../../src/engine/device/capabilities.js';
import { MODEL_URL } from '../helpers/model.js';

describe('detectCapabilities() in this Chromium', () => {
  it('reports isolation, cores and memory from the page', async () => {
    const capabilities = await detectCapabilities();
    expect(capabilities.crossOriginIsolated).to.equal(globalThis.crossOriginIsolated);
    expect(capabilities.crossOriginIsolated).to.equal(true, 'the test server sends COOP/COEP');
    expect(capabilities.hardwareConcurrency).to.equal(navigator.hardwareConcurrency);
    const memory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
    expect(capabilities.deviceMemoryGiB).to.equal(memory ?? null);
  });

  it('does not probe the CPU: the engine does, only for WebAssembly with automatic threads', async () => {
    const NativeWorker = globalThis.Worker;
    const names: string[] = [];
    globalThis.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        names.push(options?.name ?? '');
      }
    };
    try {
      const capabilities = await detectCapabilities();
      expect(capabilities.freeCores).to.equal(undefined);
      expect(names, 'workers started').to.deep.equal([]);
    } finally {
      globalThis.Worker = NativeWorker;
    }
  });

  it('the probe measures the free cores, since threads are possible here', async () => {
    // A probe that runs out of its time on a loaded machine says nothing: take up to three.
    let freeCores = await probeFreeCores(navigator.hardwareConcurrency);
    for (let i = 0; i < 2 && freeCores === undefined; i++)
      freeCores = await probeFreeCores(navigator.hardwareConcurrency);
    expect(freeCores, 'a measurement').to.be.a('number');
    expect(freeCores).to.be.greaterThan(0);
    expect(freeCores).to.be.at.most(Math.min(navigator.hardwareConcurrency, 8) + 0.2);
  });

  it('a WebAssembly load with automatic threads fills capabilities.freeCores and chooses its threads from it', async () => {
    // Each engine probes once: a probe that ran out of its time on a loaded machine needs a new engine.
    for (let i = 0; i < 3; i++) {
      const engine = new Engine();
      try {
        await engine.load(MODEL_URL, { backend: 'wasm' });
        const capabilities = engine.capabilities;
        if (capabilities?.freeCores === undefined) continue;
        expect(capabilities.freeCores).to.be.greaterThan(0);
        expect(engine.selection?.threads).to.equal(chooseThreads(capabilities).threads);
        expect(engine.selection?.reason).to.include(chooseThreads(capabilities).reason);
        return;
      } finally {
        await engine.unload();
      }
    }
    expect.fail('no load measured the free cores in three tries');
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

describe('a GPU process that never answers (navigator.gpu.requestAdapter() never settles)', () => {
  let asked = 0;
  beforeEach(() => {
    asked = 0;
    Object.defineProperty(navigator, 'gpu', {
      configurable: true,
      value: {
        requestAdapter: () => {
          asked++;
          return new Promise(() => {});
        },
      },
    });
  });
  afterEach(() => {
    delete (navigator as Navigator & { gpu?: unknown }).gpu;
  });

  /** `promise`, or a failure naming `what` after `ms`. */
  function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms / 1000} s`)), ms);
    });
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  }

  it('detection gives up within a few seconds: no adapter, and the backend reason says the GPU did not answer', async () => {
    const started = performance.now();
    const capabilities = await within(detectCapabilities(), 10_000, 'detectCapabilities() resolving');
    expect(performance.now() - started).to.be.at.least(GPU_ANSWER_TIMEOUT_MS - 50, 'waited for the GPU');
    const seconds = (performance.now() - started) / 1000;
    console.log(`[figures] capability detection with a GPU that never answers: ${seconds.toFixed(1)} s`);
    expect(asked, 'requestAdapter() calls').to.equal(1);
    expect(capabilities.webgpu).to.equal(null);
    const { selectBackend } = await import('../../src/engine/index.js');
    const selection = selectBackend({
      capabilities,
      preference: 'auto',
      model: { gguf: true },
      available: ['wllama-wasm', 'wllama-webgpu'],
    });
    expect(selection.kind).to.equal('wllama-wasm');
    expect(selection.reason).to.match(/GPU did not answer/);

    // The next load neither asks again nor waits again while the first request is unanswered.
    const again = await within(detectCapabilities(), GPU_ANSWER_TIMEOUT_MS / 2, 'a second detection resolving');
    expect(asked, 'requestAdapter() calls').to.equal(1);
    expect(again).to.include({ webgpu: null, webgpuUnavailable: 'no-answer' });
  });

  it('an automatic load goes on without the GPU, and the engine’s reason says why', async () => {
    const engine = new Engine();
    try {
      await within(engine.load(MODEL_URL), 30_000, 'the automatic load');
      expect(engine.selection?.kind).to.equal('wllama-wasm');
      expect(engine.selection?.reason).to.match(/GPU did not answer/);
    } finally {
      await engine.unload();
    }
  });

  it('a load with backend="wasm" does not ask the GPU at all, and answers', async () => {
    const engine = new Engine();
    try {
      await within(engine.load(MODEL_URL, { backend: 'wasm' }), 30_000, 'the wasm load');
      expect(asked, 'requestAdapter() calls').to.equal(0);
      expect(engine.selection?.kind).to.equal('wllama-wasm');
      const answer = await engine.complete('Once upon a time', { temperature: 0, max_tokens: 8 }).result;
      expect(answer.text.length).to.be.above(0);
    } finally {
      await engine.unload();
    }
  });
});
