// Load progress covers every byte a load fetches: the engine file (wllama.wasm, served slowly here
// so its bytes are seen arriving) and the model, then a phase for starting llama.cpp. A load from
// this device's store says so from its first event and never says it downloads.
import { expect } from '@open-wc/testing';
import { Engine, type LoadProgress } from '../../src/engine/index.js';
import { MODEL_FILE, uniqueModelUrl } from '../helpers/model.js';

const MODEL_BYTES = 1_185_376;

async function engineFileBytes(): Promise<number> {
  const response = await fetch('/__test/wasm/slow/size/wllama.wasm', { method: 'HEAD' });
  return Number(response.headers.get('content-length'));
}

/** Consecutive repeats removed: ['a', 'a', 'b'] → ['a', 'b']. */
function runs<T>(values: T[]): T[] {
  return values.filter((value, i) => i === 0 || value !== values[i - 1]);
}

describe('load progress over every byte', function () {
  this.timeout(120_000);
  let meta: HTMLMetaElement | null = null;
  let engine: Engine | null = null;

  afterEach(async () => {
    await engine?.unload();
    engine = null;
    meta?.remove();
    meta = null;
  });

  /** The engine files come from a route that trickles them, at a URL no cache has seen. */
  function slowEngineFiles(): void {
    const id = Math.random().toString(36).slice(2);
    meta = Object.assign(document.createElement('meta'), {
      name: 'llm-elements-assets',
      content: `/__test/wasm/slow/${id}/`,
    });
    document.head.append(meta);
  }

  it('counts the engine file’s bytes too: total is the model and wllama.wasm, fraction monotone to 1, speed and time left, phases in order', async () => {
    slowEngineFiles();
    const wasmBytes = await engineFileBytes();
    expect(wasmBytes, 'the engine file is served with its length').to.be.above(1_000_000);
    engine = new Engine();
    const progress: LoadProgress[] = [];
    await engine.load(uniqueModelUrl('once'), { onProgress: (p) => progress.push({ ...p }) });

    const last = progress.at(-1)!;
    expect(last).to.deep.include({ fraction: 1, loaded: MODEL_BYTES + wasmBytes, total: MODEL_BYTES + wasmBytes });
    expect(last.phase).to.equal('ready');
    expect(last.model).to.deep.equal({ loaded: MODEL_BYTES, total: MODEL_BYTES }, `the model alone (${MODEL_FILE})`);

    const fractions = progress.map((p) => p.fraction);
    expect(fractions).to.deep.equal(
      [...fractions].sort((a, b) => a - b),
      'progress never goes back',
    );
    expect(fractions.slice(0, -1).every((f) => f < 1)).to.equal(true, 'only the ready state reports 1');
    const whileEngineFile = progress.filter((p) => p.total > 0 && p.loaded < wasmBytes && p.fraction > 0);
    expect(whileEngineFile.length, 'events while the engine file arrives, with a fraction').to.be.above(3);

    expect(runs(progress.map((p) => p.phase))).to.deep.equal(['downloading', 'starting', 'ready']);
    expect(progress[0]!.secondsLeft, 'no time left before anything is measured').to.equal(null);
    expect(progress[0]!.bytesPerSecond).to.equal(null);
    const measured = progress.filter((p) => p.phase === 'downloading' && p.secondsLeft !== null);
    expect(measured.length, 'time left becomes known while downloading').to.be.above(0);
    for (const p of measured) {
      expect(p.bytesPerSecond).to.be.above(100_000).and.below(1e9);
      expect(p.secondsLeft).to.be.at.least(0).and.below(120);
    }
    expect(progress.every((p) => p.fromCache !== true)).to.equal(true, 'nothing came from the store');
  });

  it('a load from this device’s store says so from its first event, and never "downloading"', async () => {
    const url = uniqueModelUrl('once'); // a second download would get a 404
    engine = new Engine();
    await engine.load(url);
    await engine.unload();

    engine = new Engine();
    const progress: LoadProgress[] = [];
    await engine.load(url, { onProgress: (p) => progress.push({ ...p }) });
    expect(progress[0], 'a first event').to.exist;
    expect(progress[0]).to.deep.include({ phase: 'reading-cache', fromCache: true });
    const phases = runs(progress.map((p) => p.phase));
    expect(phases).to.not.include('downloading');
    expect(phases).to.deep.equal(['reading-cache', 'starting', 'ready']);
    expect(progress.at(-1)!.fraction).to.equal(1);
    expect(progress.at(-1)!.total).to.be.above(MODEL_BYTES, 'the engine file counts here too');
  });
});
