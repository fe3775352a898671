// The CPU probe (src/engine/device/cpu-probe.ts) in a real, cross-origin isolated Chromium: it measures with
// real workers, and every way it can fail resolves to undefined with its workers ended. The engine runs it
// only for WebAssembly with automatic threads, once per engine (a Retry reuses the reading).
import { expect } from '@open-wc/testing';
import type { Backend, BackendFactory } from '../../src/engine/backends/backend.js';
import { measureFreeCores, probeFreeCores } from '../../src/engine/device/cpu-probe.js';
import { Engine, LlmError, chooseThreads, type BackendKind } from '../../src/engine/index.js';
import { installPromptApi } from '../helpers/scripted-prompt-api.js';
import { MODEL_URL } from '../helpers/model.js';

/** The probe's own limit with its default window (80 ms + 220 ms), and room for a loaded CI machine's timers. */
const BOUND_MS = 300 + 1000;

describe('measureFreeCores() in this Chromium', () => {
  const NativeWorker = globalThis.Worker;
  const nativeRevoke = URL.revokeObjectURL;
  afterEach(() => {
    globalThis.Worker = NativeWorker;
    URL.revokeObjectURL = nativeRevoke;
  });

  it('measures a number of free cores within its bound, and ends its workers', async () => {
    expect(crossOriginIsolated, 'precondition: this config serves with COOP/COEP').to.equal(true);
    const made: Worker[] = [];
    let terminated = 0;
    globalThis.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        made.push(this);
      }
      override terminate() {
        terminated++;
        super.terminate();
      }
    };
    const revoked: string[] = [];
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      nativeRevoke.call(URL, url);
    };
    // The machine is shared: log what it measured, assert only that it is a measurement.
    const readings: string[] = [];
    let measured = 0;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const free = await measureFreeCores(2);
      const ms = performance.now() - started;
      readings.push(`${free?.toFixed(2)} in ${Math.round(ms)} ms`);
      expect(ms, 'bounded').to.be.below(BOUND_MS);
      // Under heavy load a probe may run out of its time and say nothing (undefined), never a wrong number.
      if (free === undefined) continue;
      measured++;
      expect(free).to.be.greaterThan(0);
      expect(free).to.be.at.most(2.2, 'two workers cannot get more than two cores (and clock rounding)');
    }
    expect(measured, `measurements: ${readings.join(', ')}`).to.be.at.least(2);
    console.log(`[figures] free cores of ${navigator.hardwareConcurrency}: ${readings.join(', ')}`);
    expect(made).to.have.length(6);
    expect(terminated).to.equal(6);
    expect(revoked).to.have.length(3);
    expect(revoked.every((url) => url.startsWith('blob:'))).to.equal(true);
  });

  it('resolves to undefined, without throwing, when a worker cannot be made (CSP, no Worker)', async () => {
    globalThis.Worker = function Worker() {
      throw new DOMException('blocked by the page', 'SecurityError');
    } as unknown as typeof Worker;
    const revoked: string[] = [];
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      nativeRevoke.call(URL, url);
    };
    expect(await measureFreeCores(2)).to.equal(undefined);
    expect(revoked).to.have.length(1, 'the blob: URL is revoked');

    (globalThis as { Worker?: unknown }).Worker = undefined;
    expect(await measureFreeCores(2)).to.equal(undefined);
  });

  it('gives up at its time limit when the workers never answer, and ends them', async () => {
    let terminated = 0;
    globalThis.Worker = class {
      onmessage = null;
      onerror = null;
      postMessage() {}
      terminate() {
        terminated++;
      }
    } as unknown as typeof Worker;
    const started = performance.now();
    expect(await measureFreeCores(2, { windowMs: 20 })).to.equal(undefined);
    const ms = performance.now() - started;
    expect(ms, 'not before its limit, and not long after').to.be.within(200, 240 + 1000);
    expect(terminated).to.equal(2);
  });

  it('resolves to undefined at once when aborted', async () => {
    const controller = new AbortController();
    const probe = measureFreeCores(2, { signal: controller.signal });
    controller.abort();
    const started = performance.now();
    expect(await probe).to.equal(undefined);
    expect(performance.now() - started).to.be.below(1000);
    expect(await measureFreeCores(2, { signal: AbortSignal.abort() })).to.equal(undefined);
  });
});

/** Probe workers made per probe: one per core, at most 8 (as the probe makes them). */
const cores = Math.min(navigator.hardwareConcurrency, 8);

/** Stands in for the probe's workers: each probe's workers answer the next share of `shares`. */
function scriptedWorkers(shares: number[]) {
  const made = { workers: 0, probes: 0 };
  globalThis.Worker = class {
    onmessage: ((event: { data: number }) => void) | null = null;
    onerror = null;
    readonly share: number;
    constructor() {
      if (made.workers++ % cores === 0) made.probes++;
      this.share = shares[made.probes - 1] ?? 0;
      setTimeout(() => this.onmessage?.({ data: -1 }), 1);
    }
    postMessage() {
      setTimeout(() => this.onmessage?.({ data: this.share }), 1);
    }
    terminate() {}
  } as unknown as typeof Worker;
  return made;
}

describe('probeFreeCores(): the probe the loader runs', () => {
  const NativeWorker = globalThis.Worker;
  afterEach(() => {
    globalThis.Worker = NativeWorker;
  });

  it('an idle reading is taken once', async function () {
    if (cores < 2) this.skip();
    const made = scriptedWorkers([0.95]);
    expect(await probeFreeCores(navigator.hardwareConcurrency)).to.be.closeTo(0.95 * cores, 1e-9);
    expect(made.probes).to.equal(1);
  });

  it('a low reading is looked at again, and the higher one kept (a burst that passed)', async function () {
    if (cores < 2) this.skip();
    const made = scriptedWorkers([0.3, 0.95]);
    expect(await probeFreeCores(navigator.hardwareConcurrency)).to.be.closeTo(0.95 * cores, 1e-9);
    expect(made.probes).to.equal(2);
  });

  it('low twice stays low (a program that keeps a core busy)', async function () {
    if (cores < 2) this.skip();
    scriptedWorkers([0.5, 0.45]);
    expect(await probeFreeCores(navigator.hardwareConcurrency)).to.be.closeTo(0.5 * cores, 1e-9);
  });
});

describe('when the engine probes the CPU (only for WebAssembly with automatic threads, once per engine)', () => {
  const NativeWorker = globalThis.Worker;
  const engines: Engine[] = [];
  let uninstallPromptApi: (() => void) | null = null;
  afterEach(async () => {
    globalThis.Worker = NativeWorker;
    for (const engine of engines.splice(0)) await engine.unload();
    delete (navigator as Navigator & { gpu?: unknown }).gpu;
    uninstallPromptApi?.();
    uninstallPromptApi = null;
  });

  /** A scripted backend of `kind`: records the threads it was given; `failures` loads fail first. */
  function scripted(kind: BackendKind, record: { threads: number[] }, failures = 0) {
    return async (): Promise<Backend> => ({
      kind,
      load: async (request) => {
        record.threads.push(request.threads);
        if (failures-- > 0) throw new LlmError('load-failed', 'The scripted backend failed.');
        return {
          name: 'scripted',
          architecture: 'scripted',
          contextSize: 512,
          trainedContextSize: 512,
          chatTemplate: null,
          chatFormat: 'library',
          sizeBytes: 1,
        };
      },
      generate: async () => ({ finishReason: 'stop' }),
      unload: async () => {},
    });
  }

  function engine(backends: Partial<Record<BackendKind, BackendFactory>>) {
    const made = new Engine({ backends });
    engines.push(made);
    return made;
  }

  /** A WebGPU adapter llama.cpp's WebGPU path can use (shader-f16, a hardware adapter). */
  function installGpu() {
    const adapter = {
      features: { has: (name: string) => name === 'shader-f16' },
      limits: { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30 },
      info: { vendor: 'scripted', architecture: '', description: '', isFallbackAdapter: false },
    };
    Object.defineProperty(navigator, 'gpu', {
      configurable: true,
      value: { requestAdapter: async () => adapter },
    });
  }

  it('a WebAssembly load with automatic threads probes, chooses threads from the reading, and a Retry does not probe again', async function () {
    if (cores < 2) this.skip();
    const made = scriptedWorkers([0.3, 0.3]);
    const record = { threads: [] as number[] };
    const target = engine({ 'wllama-wasm': scripted('wllama-wasm', record, 1) });
    const error = await target.load(MODEL_URL, { backend: 'wasm' }).catch((e: unknown) => e);
    expect(error).to.include({ code: 'load-failed' });
    // Low, so looked at again: one probe of two measurements.
    expect(made.probes, 'measurements after the first load').to.equal(2);
    const free = 0.3 * cores;
    expect(target.capabilities?.freeCores).to.be.closeTo(free, 1e-9);
    const expected = chooseThreads({
      crossOriginIsolated: true,
      hardwareConcurrency: navigator.hardwareConcurrency,
      freeCores: free,
    });
    expect(target.selection?.reason).to.include(expected.reason);
    expect(target.selection?.reason).to.match(/are free \(another program is busy\)/);

    // Retry (what <llm-status>'s button does): the same engine loads again.
    await target.load(MODEL_URL, { backend: 'wasm' });
    expect(made.probes, 'measurements after Retry').to.equal(2);
    expect(record.threads).to.deep.equal([expected.threads, expected.threads]);
    expect(target.capabilities?.freeCores).to.be.closeTo(free, 1e-9);
  });

  it('threads set by the page: no probe', async () => {
    const made = scriptedWorkers([0.3, 0.3]);
    const record = { threads: [] as number[] };
    const target = engine({ 'wllama-wasm': scripted('wllama-wasm', record) });
    await target.load(MODEL_URL, { backend: 'wasm', threads: 2 });
    expect(made.probes).to.equal(0);
    expect(record.threads).to.deep.equal([2]);
    expect(target.selection?.reason).to.match(/2 threads as set by the page/);
  });

  it('WebGPU chosen: no probe; when it fails to start and WebAssembly takes over, the probe runs then', async function () {
    if (cores < 2) this.skip();
    installGpu();
    const made = scriptedWorkers([0.3, 0.3]);
    const gpuRecord = { threads: [] as number[] };
    const gpu = engine({ 'wllama-webgpu': scripted('wllama-webgpu', gpuRecord) });
    await gpu.load(MODEL_URL);
    expect(gpu.selection?.kind).to.equal('wllama-webgpu');
    expect(made.probes, 'measurements for a WebGPU load').to.equal(0);

    const wasmRecord = { threads: [] as number[] };
    const falling = engine({
      'wllama-webgpu': scripted('wllama-webgpu', { threads: [] }, 1),
      'wllama-wasm': scripted('wllama-wasm', wasmRecord),
    });
    await falling.load(MODEL_URL);
    expect(falling.selection?.kind).to.equal('wllama-wasm');
    expect(made.probes, 'measurements once WebAssembly took over').to.equal(2);
    expect(wasmRecord.threads).to.deep.equal([1]);
  });

  it('the browser’s model: no probe', async () => {
    uninstallPromptApi = installPromptApi({ availability: 'available' }).uninstall;
    const made = scriptedWorkers([0.3, 0.3]);
    const target = engine({ 'browser-model': scripted('browser-model', { threads: [] }) });
    await target.load({ browserModel: true });
    expect(target.selection?.kind).to.equal('browser-model');
    expect(made.probes).to.equal(0);
  });
});
