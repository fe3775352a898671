// Cache management on real llama.cpp (wllama) and the real stories260K model, in Chromium: listing,
// checking and removing what wllama stored in the Origin Private File System, and the Web Locks that
// keep a removal away from a load under way (in this tab, or, held by hand here, in another).
import { expect, waitUntil } from '@open-wc/testing';
import { CacheManager } from '@wllama/wllama';
import {
  Engine,
  LlmError,
  clearModelCache,
  deleteCachedModel,
  listCachedModels,
  modelCacheState,
  type CachedModel,
} from '../../src/engine/index.js';
import { cacheKey } from '../../src/engine/storage/model-cache-layout.js';
import { freshModelUrl, requestCount, uniqueModelUrl } from '../helpers/model.js';
import { waitFor, within } from '../helpers/wait.js';

const SIZE = 1_185_376;

const entryOf = async (url: string): Promise<CachedModel | undefined> =>
  (await listCachedModels()).find((entry) => entry.url === url);

/** The error a promise rejects with (or null). */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return null;
  } catch (error) {
    return error;
  }
}

/**
 * Leaves a file in wllama's OPFS folder as an interrupted download does: `bytes` of the model, and
 * (when given) metadata naming its URL and full size. Written with the page's own file-system API.
 */
async function leavePartial(url: string, bytes: number, metadata?: object): Promise<string> {
  const key = await cacheKey(url);
  const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('cache', { create: true });
  const write = async (name: string, data: BlobPart) => {
    const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
    await writable.write(new Blob([data]));
    await writable.close();
  };
  await write(key, new Uint8Array(bytes));
  if (metadata) await write(`__metadata__${key}`, JSON.stringify(metadata));
  return key;
}

describe('model cache (engine layer)', () => {
  let engine: Engine;

  afterEach(async () => {
    await engine?.unload();
  });

  it('names files as wllama’s CacheManager does', async () => {
    const url = uniqueModelUrl('once');
    expect(await cacheKey(url)).to.equal(await new CacheManager().getNameFromURL(url));
  });

  it('lists a loaded model with its URL, its size and the date it was stored; its state says cached', async () => {
    const url = uniqueModelUrl('head403');
    expect(await modelCacheState(url)).to.deep.equal({ cached: false, sizeBytes: 0 });
    expect(await entryOf(url)).to.equal(undefined);
    const before = Date.now();
    engine = new Engine();
    const states: unknown[] = [];
    engine.addEventListener('cachechange', (event) => states.push(event.cache));
    await engine.load(url);
    expect(engine.cache).to.deep.equal({ cached: true, sizeBytes: SIZE }, 'known when the load resolves');
    expect(states).to.deep.include({ cached: true, sizeBytes: SIZE });

    const entry = await entryOf(url);
    expect(entry).to.deep.include({
      url,
      key: await cacheKey(url),
      store: 'opfs',
      sizeBytes: SIZE,
      complete: true,
      inUse: false,
    });
    expect(entry!.storedAt).to.be.instanceOf(Date);
    expect(entry!.storedAt!.getTime()).to.be.within(before - 2000, Date.now() + 1000);
    expect(await modelCacheState(url)).to.deep.equal({ cached: true, sizeBytes: SIZE });
    expect(await modelCacheState([url, uniqueModelUrl('once')])).to.deep.equal(
      { cached: false, sizeBytes: SIZE },
      'a split model is cached only when every part is',
    );
    expect((await requestCount(url)).get).to.equal(1, 'listing and checking fetch nothing');
  });

  it('removes a model, and the next load downloads it again; a load from the store downloads nothing', async () => {
    const url = await freshModelUrl();
    engine = new Engine();
    await engine.load(url);
    await engine.unload();
    expect((await requestCount(url)).get).to.equal(2, 'the failure spent, and the download');

    const removed = await deleteCachedModel(url);
    expect(removed.map((e) => [e.url, e.store, e.sizeBytes, e.complete])).to.deep.equal([[url, 'opfs', SIZE, true]]);
    expect(await entryOf(url)).to.equal(undefined);
    expect(await modelCacheState(url)).to.deep.equal({ cached: false, sizeBytes: 0 });
    expect(await deleteCachedModel(url)).to.deep.equal([], 'nothing left to remove');

    await engine.load(url);
    expect((await requestCount(url)).get).to.equal(3, 'downloaded again');
    await engine.unload();
    await engine.load(url);
    expect((await requestCount(url)).get).to.equal(3, 'then read from the store');
  });

  it('a loaded model keeps answering after its files are removed; engine.removeFromCache() unloads its own model first', async () => {
    const url = uniqueModelUrl('head403');
    engine = new Engine({ source: url });
    await engine.load();
    expect(await deleteCachedModel(url)).to.have.length(1, 'a loaded model is in memory: its files are not in use');
    const { text, finishReason } = await engine.complete('Once upon a time', { temperature: 0, max_tokens: 6 }).result;
    expect(finishReason).to.be.oneOf(['stop', 'length']);
    expect(text.length).to.be.greaterThan(0);

    await engine.load(url); // downloaded again, and stored
    expect(await modelCacheState(url)).to.deep.equal({ cached: true, sizeBytes: SIZE });
    const removed = await engine.removeFromCache();
    expect(removed).to.have.length(1);
    expect(engine.status).to.equal('idle');
    expect(engine.modelInfo).to.equal(null);
    expect(engine.cache).to.deep.equal({ cached: false, sizeBytes: 0 });
  });

  it('does not remove a model a load is downloading: lists it unfinished and in use, and the load ends well', async () => {
    const url = uniqueModelUrl('slow'); // trickled: the download takes seconds
    engine = new Engine();
    const loading = engine.load(url);
    await waitUntil(() => engine.progress.model.loaded > 0, 'the download starts', { timeout: 30_000 });
    await waitUntil(async () => await entryOf(url), 'the file is in the store', { timeout: 10_000 });
    expect(await entryOf(url)).to.deep.include({ complete: false, inUse: true });

    const error = await failureOf(deleteCachedModel(url));
    expect(error).to.be.instanceOf(LlmError);
    expect((error as LlmError).code).to.equal('storage');
    expect((error as LlmError).message).to.match(/being downloaded or loaded right now/);
    const cleared = await clearModelCache();
    expect(cleared.removed.map((e) => e.url)).not.to.include(url);
    expect(cleared.inUse.map((e) => e.url)).to.include(url);

    const info = await loading;
    expect(info.sizeBytes).to.equal(SIZE, 'the load read the whole file');
    expect(await modelCacheState(url)).to.deep.equal({ cached: true, sizeBytes: SIZE });
  });

  it('removes what a load stopped by engine.removeFromCache() left, and the model is then not cached', async () => {
    const url = uniqueModelUrl('slow');
    engine = new Engine({ source: url });
    const loading = engine.load().catch((error: unknown) => error);
    await waitUntil(() => engine.progress.model.loaded > 0, 'the download starts', { timeout: 30_000 });
    await engine.removeFromCache();
    expect(((await loading) as LlmError).code).to.equal('aborted');
    expect(engine.status).to.equal('idle');
    expect(await entryOf(url)).to.equal(undefined, 'no part of the download is left');
    expect(engine.cache).to.deep.equal({ cached: false, sizeBytes: 0 });
  });

  it('removes unfinished downloads an earlier visit left: by URL, or by entry when the store does not know the URL', async () => {
    const resumable = uniqueModelUrl('once');
    const unnamed = uniqueModelUrl('once');
    await leavePartial(resumable, 4096, { originalURL: resumable, originalSize: SIZE, etag: '', validator: '"v1"' });
    const unnamedKey = await leavePartial(unnamed, 2048); // wllama's own writer: no metadata until the end

    const entries = await listCachedModels();
    expect(entries.find((e) => e.url === resumable)).to.deep.include({
      complete: false,
      sizeBytes: 4096,
      inUse: false,
    });
    const orphan = entries.find((e) => e.key === unnamedKey);
    expect(orphan).to.deep.include({ url: '', complete: false, sizeBytes: 2048 });
    expect(await modelCacheState(resumable)).to.deep.equal({ cached: false, sizeBytes: 0 });

    expect((await deleteCachedModel(resumable)).map((e) => e.sizeBytes)).to.deep.equal([4096]);
    expect((await deleteCachedModel(orphan!)).map((e) => e.key)).to.deep.equal([unnamedKey]);
    const left = await listCachedModels();
    expect(left.some((e) => e.url === resumable || e.key === unnamedKey)).to.equal(false);
  });

  it('a removal waits for, or refuses, a load that holds the file in another tab (its Web Lock, held here by hand)', async () => {
    const url = uniqueModelUrl('head403');
    engine = new Engine();
    await engine.load(url);
    await engine.unload();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let granted: () => void = () => {};
    const holding = new Promise<void>((resolve) => (granted = resolve));
    const name = `llm-elements/model/${url}`;
    void navigator.locks.request(name, { mode: 'shared' }, () => {
      granted();
      return held;
    });
    await holding;
    const error = await failureOf(deleteCachedModel(url));
    expect((error as LlmError).code).to.equal('storage');
    expect(await modelCacheState(url)).to.deep.equal({ cached: true, sizeBytes: SIZE }, 'nothing was removed');

    const removal = deleteCachedModel(url, { waitMs: 5000 });
    // Let go once the removal is queued for the lock, so it is seen to wait for it.
    await waitFor(
      async () =>
        (await navigator.locks.query()).pending?.some((lock) => lock.name === name && lock.mode === 'exclusive'),
      5000,
      'the removal waiting for the lock',
    );
    expect(await modelCacheState(url)).to.deep.equal({ cached: true, sizeBytes: SIZE }, 'nothing removed while held');
    release();
    expect(await within(removal, 5000, 'the removal')).to.have.length(1, 'removed once the other load let go');
  });

  it('clears every model, and the next load downloads again', async () => {
    const first = await freshModelUrl();
    const second = uniqueModelUrl('head403');
    engine = new Engine();
    await engine.load(first);
    await engine.load(second);
    await engine.unload();
    await leavePartial(uniqueModelUrl('once'), 1024);

    const { removed, inUse } = await clearModelCache();
    expect(removed.map((e) => e.url)).to.include.members([first, second]);
    expect(inUse).to.deep.equal([]);
    expect(await listCachedModels()).to.deep.equal([]);
    expect(await modelCacheState(first)).to.deep.equal({ cached: false, sizeBytes: 0 });

    await engine.load(first);
    expect((await requestCount(first)).get).to.equal(3, 'the failure spent, the first download, and this one');
  });
});
