// The engine on real llama.cpp (wllama) with the real stories260K model, in Chromium.
import { expect, waitUntil } from '@open-wc/testing';
import {
  Engine,
  chooseThreads,
  type EngineStatusEvent,
  LlmError,
  type EngineStatus,
  type LoadProgress,
} from '../../src/engine/index.js';
import { MODEL_URL, STORY_WORDS, brokenModelUrl, requestCount, uniqueModelUrl } from '../helpers/model.js';

const greedy = { temperature: 0, max_tokens: 24 } as const;

async function textOf(engine: Engine, prompt: string, max_tokens = 24): Promise<string> {
  return (await engine.complete(prompt, { temperature: 0, max_tokens }).result).text;
}

describe('Engine on wllama + stories260K', () => {
  let engine: Engine;

  afterEach(async () => {
    await engine?.unload();
  });

  it('reports load progress that ends at 1, and becomes ready', async () => {
    engine = new Engine();
    const statuses: EngineStatus[] = [];
    engine.addEventListener('statuschange', (event) => statuses.push(event.status));
    const progress: LoadProgress[] = [];
    const started = performance.now();
    const model = await engine.load(uniqueModelUrl('once'), { onProgress: (p) => progress.push(p) });
    console.log(
      `[figures] load from network: ${Math.round(performance.now() - started)} ms, ${engine.selection?.reason}`,
    );

    expect(engine.status).to.equal('ready');
    expect(statuses).to.deep.equal(['loading', 'ready']);
    expect(progress.length).to.be.greaterThan(1);
    expect(progress.at(-1)).to.deep.include({ fraction: 1, model: { loaded: 1_185_376, total: 1_185_376 } });
    expect(progress.at(-1)!.total, 'the engine file counts too').to.be.above(1_185_376);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).to.deep.equal(
      [...fractions].sort((a, b) => a - b),
      'progress never goes back',
    );
    expect(fractions.slice(0, -1).every((f) => f < 1)).to.equal(true, 'only the ready state reports 1');
    expect(model).to.include({ architecture: 'llama', chatTemplate: null, sizeBytes: 1_185_376 });
  });

  it('chooses WebAssembly and explains why; threads follow cross-origin isolation', async () => {
    engine = new Engine();
    await engine.load(MODEL_URL);
    expect(crossOriginIsolated).to.equal(true);
    expect(engine.selection?.kind).to.equal('wllama-wasm');
    expect(engine.selection?.reason).to.match(/WebAssembly/);
    if (navigator.hardwareConcurrency >= 2) {
      // Several threads, unless the CPU probe found the cores busy (a loaded machine): then the
      // reason says so. Either way the count is the one chooseThreads() gives for what was measured.
      const { threads = 0, reason = '' } = engine.selection ?? {};
      expect(threads).to.equal(chooseThreads(engine.capabilities!).threads);
      expect(reason).to.match(
        threads > 1
          ? /\d+ threads( on \d+ logical cores|: of \d+ logical cores only about)/
          : /1 thread: of \d+ logical cores only about [\d.]+ are free/,
      );
    }
  });

  it('continues "Once upon a time" greedily with a story, the same on two runs', async () => {
    engine = new Engine();
    await engine.load(MODEL_URL);
    const first = await engine.complete('Once upon a time', greedy).result;
    const second = await engine.complete('Once upon a time', greedy).result;
    const warm = await engine.complete('Once upon a time', { temperature: 0, max_tokens: 200 }).result;
    console.log(
      `[figures] decode (llama.cpp timings) first run ${first.tokensPerSecond.toFixed(1)} tokens/s, ` +
        `warm 200-token run ${warm.tokensPerSecond.toFixed(1)} tokens/s, first token after ${warm.timeToFirstTokenMs.toFixed(0)} ms`,
    );
    expect(first.text).to.match(STORY_WORDS);
    expect(second.text).to.equal(first.text);
    expect(first.finishReason).to.equal('length');
    expect(first.completionTokens).to.equal(24);
    expect(first.promptTokens).to.be.greaterThan(0);
    expect(first.tokensPerSecond).to.be.greaterThan(0);
  });

  it('loads lazily from its source on the first request, and is ready before it generates', async () => {
    engine = new Engine({ source: MODEL_URL });
    expect(engine.status).to.equal('idle');
    const statuses: EngineStatus[] = [];
    engine.addEventListener('statuschange', (event) => statuses.push(event.status));
    const result = await engine.complete('Once upon a time', greedy).result;
    expect(result.text).to.match(STORY_WORDS);
    expect(engine.status).to.equal('ready');
    expect(statuses).to.deep.equal(['loading', 'ready', 'generating', 'ready']);
  });

  it('streams chat deltas whose concatenation is the final text', async () => {
    engine = new Engine();
    await engine.load(MODEL_URL);
    const generation = engine.chat(
      [
        { role: 'system', content: 'You tell short stories.' },
        { role: 'user', content: 'Tell me about a little girl.' },
      ],
      { temperature: 0, max_tokens: 40 },
    );
    const deltas: string[] = [];
    for await (const delta of generation) deltas.push(delta);
    const result = await generation.result;
    expect(deltas.length).to.be.greaterThan(1);
    expect(deltas.join('')).to.equal(result.text);
    expect(result.text.trim().length).to.be.greaterThan(0);
    // stories260K has no chat template: the fallback transcript ends the answer at the next turn.
    expect(result.text).not.to.include('User:');
    expect(['stop', 'length']).to.include(result.finishReason);
  });

  it('ends a stream aborted midway with finish reason "abort", then serves the next request', async () => {
    engine = new Engine();
    await engine.load(MODEL_URL);
    const generation = engine.complete('Once upon a time', { temperature: 0, max_tokens: 200 });
    let seen = 0;
    for await (const _delta of generation) {
      if (++seen === 3) generation.abort();
    }
    const aborted = await generation.result;
    expect(aborted.finishReason).to.equal('abort');
    expect(aborted.completionTokens).to.be.lessThan(200);
    expect(aborted.text.length).to.be.greaterThan(0);

    const next = await engine.complete('Once upon a time', greedy).result;
    expect(next.finishReason).to.equal('length');
    expect(next.text).to.match(STORY_WORDS);
  });

  it('aborts through the request signal too', async () => {
    engine = new Engine();
    await engine.load(MODEL_URL);
    const controller = new AbortController();
    const generation = engine.complete('Once upon a time', {
      temperature: 0,
      max_tokens: 200,
      signal: controller.signal,
    });
    for await (const _delta of generation) controller.abort();
    expect((await generation.result).finishReason).to.equal('abort');
  });

  it('runs two requests started together in turn, each as it would alone', async () => {
    engine = new Engine();
    await engine.load(MODEL_URL);
    const alone = [await textOf(engine, 'Once upon a time'), await textOf(engine, 'Hello')];
    const together = await Promise.all([textOf(engine, 'Once upon a time'), textOf(engine, 'Hello')]);
    expect(together).to.deep.equal(alone);
    expect(alone[0]).not.to.equal(alone[1]);
  });

  it('drops a queued request when it is aborted, without disturbing the running one', async () => {
    engine = new Engine();
    await engine.load(MODEL_URL);
    const running = engine.complete('Once upon a time', { temperature: 0, max_tokens: 60 });
    const queued = engine.complete('Hello', { temperature: 0, max_tokens: 60 });
    expect(engine.queueLength).to.equal(1);
    queued.abort();
    const dropped = await queued.result;
    expect(dropped).to.include({ finishReason: 'abort', text: '', completionTokens: 0 });
    expect(engine.queueLength).to.equal(0);
    expect(running.done).to.equal(false, 'the running request is still going');
    const finished = await running.result;
    expect(finished.finishReason).to.equal('length');
    expect(finished.completionTokens).to.equal(60);
  });

  it('ends generation before a stop string, never emitting it', async () => {
    engine = new Engine();
    await engine.load(MODEL_URL);
    const generation = engine.complete('Once upon a time', { temperature: 0, max_tokens: 60, stop: ['Lily'] });
    let streamed = '';
    for await (const delta of generation) streamed += delta;
    const result = await generation.result;
    expect(result.finishReason).to.equal('stop');
    expect(result.text).not.to.include('Lily');
    expect(streamed).to.equal(result.text);
    expect(result.text).to.match(/little girl named $/);
  });

  it('sets status to generating while it works and back to ready', async () => {
    engine = new Engine();
    await engine.load(MODEL_URL);
    const statuses: EngineStatus[] = [];
    engine.addEventListener('statuschange', (event: EngineStatusEvent) => statuses.push(event.status));
    await engine.complete('Once upon a time', greedy).result;
    expect(statuses).to.deep.equal(['generating', 'ready']);
  });

  describe('errors leave the engine usable', () => {
    async function expectLoadError(url: string): Promise<LlmError> {
      const statuses: EngineStatus[] = [];
      engine.addEventListener('statuschange', (event) => statuses.push(event.status));
      let caught: unknown;
      try {
        await engine.load(url);
      } catch (error) {
        caught = error;
      }
      expect(LlmError.is(caught), `load(${url}) rejects with an LlmError`).to.equal(true);
      expect(engine.status).to.equal('error');
      expect(engine.error).to.equal(caught);
      expect(statuses.at(-1)).to.equal('error');
      // The same engine then loads a good model and generates.
      await engine.load(MODEL_URL);
      expect(engine.status).to.equal('ready');
      expect(await textOf(engine, 'Once upon a time')).to.match(STORY_WORDS);
      return caught as LlmError;
    }

    it('a URL that answers 404 gives model-not-found', async () => {
      engine = new Engine();
      const error = await expectLoadError(brokenModelUrl('404'));
      expect(error.code).to.equal('model-not-found');
      expect(error.message).to.match(/404/);
    });

    it('an HTML page served as a model gives not-gguf', async () => {
      engine = new Engine();
      const error = await expectLoadError(brokenModelUrl('html'));
      expect(error.code).to.equal('not-gguf');
      expect(error.message).to.match(/web page/);
    });

    it('a truncated GGUF gives load-failed with a clear message', async () => {
      engine = new Engine();
      const error = await expectLoadError(brokenModelUrl('truncated'));
      expect(error.code).to.equal('load-failed');
      // Found before llama.cpp sees it: the tensor table names more bytes than the file has.
      expect(error.message).to.match(/is truncated: its tensor table needs [\d,]+ bytes, the file has [\d,]+/);
    });

    it('a model too large for WebAssembly gives too-large before any download', async () => {
      engine = new Engine();
      const url = brokenModelUrl('huge');
      const error = await expectLoadError(url);
      expect(error.code).to.equal('too-large');
      expect(error.message).to.match(/5 GiB.*llama-gguf-split/);
      expect((await requestCount(url)).get).to.equal(0, 'nothing was downloaded');
    });

    it('a context too large for memory gives too-large with the numbers, and keeps the cached model', async () => {
      engine = new Engine();
      // Served once, then 404: only the cache can give the model a second time.
      const url = uniqueModelUrl('once');
      let caught: unknown;
      try {
        await engine.load(url, { contextSize: 1 << 24 });
      } catch (error) {
        caught = error;
      }
      expect(LlmError.is(caught)).to.equal(true);
      const error = caught as LlmError;
      expect(error.code, error.message).to.equal('too-large');
      expect(error.message).to.match(/16,777,216 tokens.*GiB.*context-size.*2,048/);
      expect(engine.status).to.equal('error');
      await engine.load(url, { contextSize: 512 });
      expect(engine.modelInfo?.storage?.store).not.to.equal('memory');
      expect((await requestCount(url)).get).to.equal(1, 'the file was downloaded once');
      expect(await textOf(engine, 'Once upon a time')).to.match(STORY_WORDS);
    });

    it('an unreachable host gives network', async () => {
      engine = new Engine();
      const error = await expectLoadError('http://127.0.0.1:9/model.gguf');
      expect(error.code).to.equal('network');
    });

    it('a request on an engine with nothing to load ends in error not-loaded', async () => {
      engine = new Engine();
      const generation = engine.complete('Once upon a time');
      const result = await generation.result;
      expect(result.finishReason).to.equal('error');
      expect(result.error?.code).to.equal('not-loaded');
      let thrown: unknown;
      try {
        for await (const _delta of generation) void _delta;
      } catch (error) {
        thrown = error;
      }
      expect(thrown, 'iterating a failed generation throws its error').to.equal(result.error);
    });
  });

  it('aborting a load rejects with aborted and leaves the engine idle and usable', async () => {
    engine = new Engine();
    const controller = new AbortController();
    const loading = engine.load(uniqueModelUrl('slow'), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.model.loaded > 0) controller.abort();
      },
    });
    let caught: unknown;
    try {
      await loading;
    } catch (error) {
      caught = error;
    }
    expect(LlmError.is(caught) && caught.code).to.equal('aborted');
    expect(engine.status).to.equal('idle');
    await engine.load(MODEL_URL);
    expect(await textOf(engine, 'Once upon a time')).to.match(STORY_WORDS);
  });

  it('two engines loading the same file at once download it once and both become ready', async () => {
    const url = uniqueModelUrl('once'); // a second download would get a 404
    engine = new Engine();
    const other = new Engine();
    try {
      const progress: number[] = [];
      await Promise.all([engine.load(url), other.load(url, { onProgress: (p) => progress.push(p.fraction) })]);
      expect([engine.status, other.status]).to.deep.equal(['ready', 'ready']);
      expect((await requestCount(url)).get).to.equal(1);
      expect(progress.at(-1)).to.equal(1);
      expect(await textOf(other, 'Once upon a time')).to.match(STORY_WORDS);
    } finally {
      await other.unload();
    }
  });

  it('one engine aborting a shared download leaves the other engine’s load going', async () => {
    const url = uniqueModelUrl('slow');
    engine = new Engine();
    const other = new Engine();
    try {
      const controller = new AbortController();
      const aborted = engine.load(url, { signal: controller.signal }).catch((error: unknown) => error);
      const loading = other.load(url);
      await waitUntil(
        () => engine.progress.model.loaded > 0 && other.progress.model.loaded > 0,
        'both engines receive the one download',
        { timeout: 30_000 },
      );
      controller.abort();
      expect(LlmError.is(await aborted) && ((await aborted) as LlmError).code).to.equal('aborted');
      await loading;
      expect(other.status).to.equal('ready');
      expect((await requestCount(url)).get).to.equal(1, 'the download went on; it did not start over');
    } finally {
      await other.unload();
    }
  });

  it('loads a model a second time from the cache when the server now answers 404', async () => {
    const url = uniqueModelUrl('once');
    engine = new Engine();
    await engine.load(url);
    const expected = await textOf(engine, 'Once upon a time');
    await engine.unload();
    expect((await fetch(url, { method: 'HEAD', cache: 'no-store' })).status).to.equal(
      404,
      'the server no longer has it',
    );

    engine = new Engine();
    const progress: LoadProgress[] = [];
    await engine.load(url, { onProgress: (p) => progress.push(p) });
    expect(await textOf(engine, 'Once upon a time')).to.equal(expected);
    expect(progress.at(-1)?.fraction).to.equal(1);
    expect((await requestCount(url)).get).to.equal(1, 'the file was downloaded once');
  });
});
