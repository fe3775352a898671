// Device fit before download (models/device-fit.ts): the GGUF header is read with HTTP Range requests (or
// from the stored file), the memory llama.cpp needs is estimated from it, and a model that cannot fit
// fails with too-large before a byte of its body is fetched. The test server serves made-up headers
// (scripts/synthetic-gguf.mjs) that declare models far larger than their files.
import { expect } from '@open-wc/testing';
import {
  CATALOG,
  Engine,
  LlmError,
  detectCapabilities,
  estimateModel,
  type Capabilities,
} from '../../src/engine/index.js';
import { checkDeviceFit } from '../../src/engine/models/device-fit.js';
import { parseGgufHeader, type GgufHeader } from '../../src/engine/models/gguf-header.js';
import {
  estimateCatalogEntry,
  estimateModelMemory,
  modelShape,
  shapeFromCatalog,
} from '../../src/engine/models/memory-estimate.js';
import { readGgufHeader } from '../../src/engine/models/read-gguf-header.js';
import {
  MODEL_URL,
  brokenModelUrl,
  requestCount,
  uniqueFileUrl,
  uniqueModelUrl,
  type RequestCount,
} from '../helpers/model.js';
import { measureModel } from '../helpers/wasm-memory.js';
import { CacheManager } from '@wllama/wllama';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const modelUrl = (file: string) => new URL(`/models/${file}`, location.href).href;

/** The test server's counts for `url` once it has no response of that path still open (it waits up to 10 s). */
async function settledCount(url: string): Promise<RequestCount & { open: number }> {
  const path = encodeURIComponent(new URL(url).pathname);
  return (await (await fetch(`/__test/requests?settled&path=${path}`)).json()) as RequestCount & { open: number };
}

async function loadError(engine: Engine, url: string, contextSize?: number): Promise<LlmError> {
  const failed: unknown = await engine.load(url, contextSize ? { contextSize } : {}).then(
    () => null,
    (error: unknown) => error,
  );
  expect(LlmError.is(failed), `expected an LlmError, got ${String(failed)}`).to.equal(true);
  return failed as LlmError;
}

describe('GGUF header', () => {
  it('parses stories260K: metadata, 48 F32 tensors whose data ends at the end of the file', async () => {
    const bytes = await (await fetch(MODEL_URL)).arrayBuffer();
    const header = parseGgufHeader(bytes);
    expect(header.version).to.equal(3);
    expect(header.metadata['general.architecture']).to.equal('llama');
    expect(header.metadata['llama.block_count']).to.equal(5);
    expect(header.metadata['llama.embedding_length']).to.equal(64);
    expect(header.metadata['llama.attention.head_count_kv']).to.equal(4);
    const tokens = header.metadata['tokenizer.ggml.tokens'];
    expect(typeof tokens === 'object' && tokens.length).to.equal(512);
    expect(header.tensors).to.have.length(48);
    expect(new Set(header.tensors.map((t) => t.typeName))).to.deep.equal(new Set(['F32']));
    const last = header.tensors.reduce((a, b) => (a.offset > b.offset ? a : b));
    expect(header.dataOffset + last.offset + last.bytes).to.equal(bytes.byteLength);
    const shape = modelShape(header);
    expect(shape).to.deep.include({ layers: 5, embd: 64, heads: 8, keyLength: 8, ff: 172, vocab: 512 });
    expect(shape.kvHeadsPerLayer).to.deep.equal([4, 4, 4, 4, 4]);
    expect(shape.tiedEmbeddings).to.equal(false);
  });

  it('estimateModel(): what a page shows before loading, from the header alone', async () => {
    const url = uniqueFileUrl('once', 'synthetic-deep-ctx.gguf');
    const estimate = await estimateModel(url, { contextSize: 8192 });
    expect(estimate.contextSize).to.equal(8192);
    expect(estimate.kvCacheBytes).to.equal(16 * 8192 * (512 + 512) * 2);
    expect(estimate.totalBytes).to.equal(
      estimate.weightsBytes + estimate.kvCacheBytes + estimate.computeBytes + estimate.overheadBytes,
    );
    expect((await requestCount(url)).get).to.equal(0);
  });

  it('a derived model keeps its tensors and shows its added metadata', async () => {
    const header = await readGgufHeader(modelUrl('stories260K-chatml.gguf'));
    expect(header.metadata['tokenizer.chat_template']).to.match(/<\|im_start\|>/);
    expect(header.tensors).to.have.length(48);
  });

  it('a truncated buffer throws a RangeError; a web page throws not-gguf', async () => {
    const bytes = await (await fetch(MODEL_URL)).arrayBuffer();
    expect(() => parseGgufHeader(bytes.slice(0, 5000))).to.throw(RangeError);
    const html = new TextEncoder().encode('<!doctype html><title>Welcome</title>');
    let caught: unknown;
    try {
      parseGgufHeader(html);
    } catch (error) {
      caught = error;
    }
    expect(LlmError.is(caught) && caught.code).to.equal('not-gguf');
  });

  it('reads only the header with Range: no GET, one probe of at most 1 MiB', async () => {
    const url = uniqueFileUrl('once', 'stories260K.gguf');
    const header = await readGgufHeader(url);
    expect(header.tensors).to.have.length(48);
    const counts = await requestCount(url);
    expect(counts).to.deep.include({ get: 0, head: 0, probe: 1 });
    expect(counts.probeBytes).to.be.at.most(MiB);
  });

  it('a 151,936-token vocabulary makes a header of megabytes: the read grows to it, and no further', async () => {
    const url = uniqueFileUrl('once', 'synthetic-wide-vocab.gguf');
    const header = await readGgufHeader(url);
    const tokens = header.metadata['tokenizer.ggml.tokens'];
    expect(typeof tokens === 'object' && tokens.length).to.equal(151936);
    expect(header.dataOffset).to.be.above(2 * MiB);
    const counts = await requestCount(url);
    expect(counts.get).to.equal(0);
    expect(counts.probe).to.be.within(2, 4);
    expect(counts.probeBytes).to.be.below(header.dataOffset * 1.5, 'read about as far as the header');
    console.log(
      `[figures] header of a 151,936-token vocabulary: ${(header.dataOffset / MiB).toFixed(1)} MiB, read in ${counts.probe} requests (${(counts.probeBytes / MiB).toFixed(1)} MiB)`,
    );
  });

  it('a server that ignores Range (200, the whole file): the body is dropped once the header is read', async () => {
    const url = uniqueFileUrl('norange', 'synthetic-wide-vocab-untied.gguf');
    const size = Number(
      (await fetch(modelUrl('synthetic-wide-vocab-untied.gguf'), { method: 'HEAD' })).headers.get('content-length'),
    );
    const header = await readGgufHeader(url);
    expect(header.tensors.length).to.equal(2 + 2 * 9 + 1);
    // The server counts what it sent until it sees the connection close: wait for that.
    const { probe, probeBytes, open } = await settledCount(url);
    expect(open, 'responses the server still sends after the header was read (waited 10 s)').to.equal(0);
    expect(probe).to.equal(1, 'one response, read as far as needed');
    expect(probeBytes / size).to.be.below(0.25, `the server sent ${probeBytes} of ${size} bytes`);
    console.log(
      `[figures] header read from a server without Range: ${(probeBytes / MiB).toFixed(1)} MiB of ${(size / MiB).toFixed(0)} MiB sent`,
    );
  });

  it('a split model counts the tensors of every part', async function () {
    const parts = [1, 2, 3].map((i) => modelUrl(`random-smollm2-135m-q8_0-v3-0000${i}-of-00003.gguf`));
    const whole = modelUrl('random-smollm2-135m-q8_0-v3.gguf');
    if (!(await fetch(parts[0]!, { method: 'HEAD' })).ok || !(await fetch(whole, { method: 'HEAD' })).ok) {
      this.skip(); // made by `node scripts/bench/make-model.mjs split:135m-q8_0:3`
    }
    const headers = await Promise.all(parts.map((url) => readGgufHeader(url)));
    const single = await readGgufHeader(whole);
    const split = estimateModelMemory(headers, { contextSize: 2048 });
    expect(split).to.deep.equal(estimateModelMemory(single, { contextSize: 2048 }));
    expect(headers[1]!.tensors.length).to.be.above(0);
  });
});

describe('memory estimate', () => {
  it('stories260K: the cache is layers × context × (key + value widths) × 2 bytes, as llama.cpp allocates it', async () => {
    const header = await readGgufHeader(MODEL_URL);
    const estimate = estimateModelMemory(header, { contextSize: 2048 });
    // llama.cpp logs "CPU KV buffer size = 1.25 MiB" and "CPU model buffer size = 1.12 MiB".
    expect(estimate.kvCacheBytes).to.equal(5 * 2048 * (32 + 32) * 2);
    expect(estimate.weightsBytes).to.equal(header.tensors.reduce((sum, t) => sum + t.bytes, 0));
    expect(estimateModelMemory(header, { contextSize: 1000 }).kvCacheBytes).to.equal(5 * 1024 * 64 * 2);
    expect(estimate.totalBytes).to.equal(128 * MiB, 'never below the memory wllama starts with');
  });

  it('is within 25% of the wasm memory llama.cpp takes (a model with a 256 MiB cache; all models: scripts/bench/memory.mjs)', async () => {
    const { estimate, measured } = await measureModel(modelUrl('synthetic-deep-ctx.gguf'), 8192);
    const ratio = estimate.totalBytes / measured.memoryBytes;
    console.log(
      `[figures] memory: estimate ${(estimate.totalBytes / MiB).toFixed(0)} MiB, wasm memory ${(measured.memoryBytes / MiB).toFixed(0)} MiB (${ratio.toFixed(2)})`,
    );
    expect(ratio).to.be.within(0.75, 1.25);
  });

  it('every catalog entry: memoryMB is the estimate at 2048 tokens; the weights match the published file size', () => {
    for (const entry of CATALOG) {
      const estimate = estimateCatalogEntry(entry, 2048);
      expect(entry.memoryMB, entry.name).to.equal(Math.round(estimate.totalBytes / MiB));
      const weightsMB = shapeFromCatalog(entry.shape).weightsBytes / 1e6;
      // The file adds its header (the vocabulary: up to 8 MB) to the weights.
      expect(entry.gguf.sizeMB - weightsMB, entry.name).to.be.within(0, 12);
    }
  });

  it("on llama.cpp's WebGPU path, a tensor larger than the adapter can bind is too-large (and the engine falls back)", () => {
    const qwen = CATALOG.find((entry) => entry.name === 'qwen2.5-0.5b')!;
    const webgpu = { maxBufferSize: 256 * MiB, maxStorageBufferBindingSize: 128 * MiB };
    let caught: unknown;
    try {
      checkDeviceFit({
        model: shapeFromCatalog(qwen.shape),
        contextSize: 2048,
        backend: 'wllama-webgpu',
        device: { deviceMemoryGiB: 8, webgpu },
      });
    } catch (error) {
      caught = error;
    }
    expect(LlmError.is(caught) && caught.code).to.equal('too-large');
    expect((caught as Error).message).to.match(/token_embd\.weight.*138 MiB.*128 MiB.*WebAssembly/);
    const roomy = { maxBufferSize: GiB, maxStorageBufferBindingSize: GiB };
    expect(() =>
      checkDeviceFit({
        model: shapeFromCatalog(qwen.shape),
        contextSize: 2048,
        backend: 'wllama-webgpu',
        device: { deviceMemoryGiB: 8, webgpu: roomy },
      }),
    ).not.to.throw();
  });
});

describe('fit before download', () => {
  let engine: Engine;
  afterEach(() => engine?.unload());

  it('a 7B Q8_0 model: too-large with both numbers and a smaller catalog model, before any GET', async () => {
    engine = new Engine();
    const url = uniqueFileUrl('once', 'fake-7b-q8.gguf');
    const error = await loadError(engine, url);
    expect(error.code, error.message).to.equal('too-large');
    expect(error.message).to.match(/fake-7b-q8\.gguf needs about 7\.\d GiB of memory with a context of 2,048 tokens/);
    expect(error.message).to.match(/weights 6\.\d GiB, context cache 1 GiB/);
    expect(error.message).to.match(/WebAssembly can address at most 4 GiB/);
    expect(error.message).to.match(/Even a context of 256 tokens needs about 6\.\d GiB/);
    expect(error.message).to.match(
      /Choose a smaller model, such as llama-3\.2-1b \(about 986 MiB; catalog="llama-3\.2-1b"\)/,
    );
    expect(await requestCount(url)).to.deep.include({ get: 0, head: 0 });
    expect(engine.status).to.equal('error');
  });

  it('a context too large for memory: too-large naming the largest context that fits, before any GET', async () => {
    engine = new Engine();
    const url = uniqueFileUrl('once', 'fake-3b-32k.gguf');
    const error = await loadError(engine, url, 32768);
    expect(error.code, error.message).to.equal('too-large');
    const fitting = Number(/set context-size to ([\d,]+) or less/.exec(error.message)?.[1]?.replace(/,/g, ''));
    expect(fitting % 256).to.equal(0);
    const header = await readGgufHeader(url);
    expect(estimateModelMemory(header, { contextSize: fitting }).totalBytes).to.be.at.most(4 * GiB);
    expect(estimateModelMemory(header, { contextSize: fitting + 256 }).totalBytes).to.be.above(4 * GiB);
    expect(error.message).to.match(
      /context of 32,768 tokens.*context cache 9\.8 GiB.*the model was trained for 32,768/,
    );
    expect((await requestCount(url)).get).to.equal(0);
    console.log(`[figures] fit: ${error.message}`);
  });

  it('a device that reports little memory (navigator.deviceMemory): too-large saying so', async () => {
    const real = await detectCapabilities();
    const small: Capabilities = { ...real, deviceMemoryGiB: 0.5 };
    engine = new Engine({ detectCapabilities: () => Promise.resolve(small) });
    const url = uniqueFileUrl('once', 'fake-3b-32k.gguf');
    const error = await loadError(engine, url);
    expect(error.code).to.equal('too-large');
    expect(error.message).to.match(/this device reports about 512 MiB of memory \(so it has less than 1 GiB\)/);
    expect((await requestCount(url)).get).to.equal(0);
    // The same device loads what fits (stories260K needs the 128 MiB wllama starts with).
    await engine.load(uniqueModelUrl('once'));
    expect(engine.modelInfo?.memory?.totalBytes).to.equal(128 * MiB);
  });

  it('the estimate is in modelInfo; a stored model is checked from the stored file, with no request', async () => {
    engine = new Engine();
    const url = uniqueModelUrl('once');
    const first = await engine.load(url);
    expect(first.memory?.contextSize).to.equal(2048);
    expect(first.memory?.kvCacheBytes).to.equal(5 * 2048 * 64 * 2);
    expect(await requestCount(url)).to.deep.include({ get: 1, probe: 1 });
    await engine.unload();
    const again = await engine.load(url, { contextSize: 1 << 24 }).catch((error: unknown) => error);
    expect(LlmError.is(again) && again.code).to.equal('too-large');
    const second = await engine.load(url);
    expect(second.memory).to.deep.equal(first.memory);
    expect(await requestCount(url)).to.deep.include({ get: 1, probe: 1 }, 'the header came from the stored file');
  });

  it('a stored model: each load asks the store for the file once and opens it once', async () => {
    engine = new Engine();
    const url = uniqueModelUrl('once');
    await engine.load(url);
    await engine.unload();
    // wllama's CacheManager is the store's front: its size and open calls are the store's reads.
    const store = CacheManager.prototype;
    const { getSize, open } = store;
    const calls = { getSize: 0, open: 0 };
    store.getSize = function (...args) {
      calls.getSize++;
      return getSize.apply(this, args);
    };
    store.open = function (...args) {
      calls.open++;
      return open.apply(this, args);
    };
    try {
      const info = await engine.load(url);
      expect(info.sizeBytes).to.be.above(1_000_000);
    } finally {
      store.getSize = getSize;
      store.open = open;
    }
    expect(calls).to.deep.equal({ getSize: 1, open: 1 });
    expect(await requestCount(url)).to.deep.include({ get: 1, probe: 1 }, 'the second load asked the server nothing');
  });

  it('a header that cannot be read does not stop the load: 404 and a web page report their own errors', async () => {
    engine = new Engine();
    const missing = brokenModelUrl('404');
    expect((await loadError(engine, missing)).code).to.equal('model-not-found');
    expect((await requestCount(missing)).probe).to.equal(1);
    const page = brokenModelUrl('html');
    expect((await loadError(engine, page)).code).to.equal('not-gguf');
  });

  it('a server that ignores Range: the header is read from the start of the body, then the model loads', async () => {
    engine = new Engine();
    const url = uniqueFileUrl('norange', 'stories260K.gguf');
    const info = await engine.load(url);
    expect(info.memory?.weightsBytes).to.be.above(1_000_000);
    expect(await requestCount(url)).to.deep.include({ get: 1, probe: 1 });
  });

  it('a split model: every part is probed, none downloaded, when it does not fit', async () => {
    engine = new Engine();
    const parts = [uniqueFileUrl('once', 'fake-3b-32k.gguf'), uniqueFileUrl('once', 'fake-3b-32k.gguf')];
    const error = await loadError(engine, parts.join(' '));
    expect(error.code).to.equal('too-large');
    // Two copies of the tensors: 3.3 GiB of weights, and the cache on top.
    expect(error.message).to.match(/weights 3\.\d GiB/);
    for (const url of parts) {
      const counts = await requestCount(url);
      expect(counts).to.deep.include({ get: 0, head: 0 });
      expect(counts.probe).to.be.at.least(1);
    }
  });
});

// A header the estimate can read with no metadata at all still gives a number (no check, no crash).
describe('odd headers', () => {
  it('a header without architecture keys estimates from its tensors', () => {
    const header: GgufHeader = { version: 3, metadata: {}, tensors: [], dataOffset: 32, alignment: 32 };
    expect(estimateModelMemory(header, { contextSize: 512 }).totalBytes).to.equal(128 * MiB);
  });
});
