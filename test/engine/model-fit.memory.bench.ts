// The memory estimate (models/memory-estimate.ts) against the wasm memory llama.cpp really takes in Chromium, per
// test model: prints a table. Run it with `node scripts/bench/memory.mjs`, which first makes the
// models of scripts/make-models.mjs (57M F16, SmolLM2-135M Q8_0/Q4_0, SmolLM2-360M Q8_0,
// Qwen2.5-0.5B-shaped Q4_0) into .cache/models; models that are not there are left out.
//
// Measured: `heap`, the largest size emscripten asked its memory to grow to (the heap's top when
// it last grew: what llama.cpp needed, give or take what later fitted in the slack), and `wasm`, the
// wasm memory's size (what the page holds: emscripten grows by 20% more than asked, at most 96 MB).
// The estimate is meant to sit between the two; the check below holds it within 25% of `wasm`.
import { expect } from '@open-wc/testing';
import { Engine } from '../../src/engine/index.js';
import { measureModel } from '../helpers/wasm-memory.js';

const MiB = 1024 ** 2;
const mib = (bytes: number) => (bytes / MiB).toFixed(1);

/** Test models and the context each is measured at. */
const FIXED: [file: string, contextSize: number][] = [
  ['stories260K.gguf', 2048],
  ['synthetic-wide-vocab.gguf', 2048],
  ['synthetic-gpt2-wide.gguf', 2048],
  ['synthetic-deep-ctx.gguf', 8192],
];
/** Made models (scripts/make-models.mjs) by name pattern; parts of split models are left out. */
const MADE = /^random-.*\.gguf$/;

describe('memory estimate against measured wasm memory', function () {
  this.timeout(20 * 60_000);
  const rows: string[] = [];

  after(() => {
    const head = [
      'model',
      'ctx',
      'file',
      'weights',
      'KV',
      'compute',
      'overhead',
      'estimate',
      'heap',
      'wasm',
      'est/heap',
      'est/wasm',
      'load from store (s)',
    ];
    const table = [head.join(' | '), head.map(() => '---').join(' | '), ...rows].map((r) => `| ${r} |`).join('\n');
    console.log(`[memory] MiB; heap: the heap's top when the wasm memory last grew; wasm: the memory's size\n${table}`);
  });

  it('every test model: the estimate is within 25% of the wasm memory', async () => {
    const made = ((await (await fetch('/__test/made-models')).json()) as string[])
      .filter((name) => MADE.test(name) && !/-\d{5}-of-\d{5}\.gguf$/.test(name))
      .sort();
    const models: [string, number][] = [...FIXED, ...made.map((name): [string, number] => [name, 2048])];
    for (const [file, contextSize] of models) {
      const url = new URL(`/models/${file}`, location.href).href;
      const { estimate, measured, fileBytes } = await measureModel(url, contextSize);
      const total = estimate.totalBytes;
      // The model is stored now: a second load reads it from the store (the time a returning visitor waits).
      const engine = new Engine();
      const started = performance.now();
      await engine.load(url, { contextSize });
      const fromStoreSeconds = (performance.now() - started) / 1000;
      await engine.unload();
      rows.push(
        [
          file.replace(/\.gguf$/, ''),
          contextSize,
          mib(fileBytes),
          mib(estimate.weightsBytes),
          mib(estimate.kvCacheBytes),
          mib(estimate.computeBytes),
          mib(estimate.overheadBytes),
          mib(total),
          mib(measured.heapBytes),
          mib(measured.memoryBytes),
          measured.heapBytes ? (total / measured.heapBytes).toFixed(2) : '-',
          (total / measured.memoryBytes).toFixed(2),
          fromStoreSeconds.toFixed(1),
        ].join(' | '),
      );
      expect(total / measured.memoryBytes, file).to.be.within(0.75, 1.25);
    }
  });
});
