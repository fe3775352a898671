// Reading the stores that keep model files, and removing files from them: the implementation of
// model-cache.ts's public functions, loaded on first use. The stores are read directly rather than
// through wllama's CacheManager, so an element can tell whether its model is stored without fetching
// llama.cpp's JavaScript (57 KB gzip) first; a test checks that the file names match wllama's.
import { LlmError } from '../core/errors.js';
import { cacheApiStore, memoryStore, MODEL_CACHE_NAME, type DatedStore } from './model-store.js';
import { DOWNLOAD_LOCK_PREFIX, LOCK_PREFIX, lockManager, lockName, resourcesOf } from './model-cache-locks.js';
import { adapterFor, allAdapters } from './model-cache-adapters.js';
import { notifyModelCacheChange } from './model-cache-changes.js';
import { METADATA_PREFIX, OPFS_CACHE_FOLDER, cacheKey, metadataName } from './model-cache-layout.js';
import type {
  CachedModel,
  DeleteCachedModelOptions,
  ListCachedModelsOptions,
  ModelCacheClearing,
  ModelCacheState,
  ModelCacheStore,
} from './model-cache-types.js';
import { resolveSourceLeniently } from '../models/model-source.js';
import type { MlcModel, ModelSource } from '../core/types.js';

// ---------------------------------------------------------------------------------------------
// The GGUF stores, read without wllama.

type Stat = { size: number; storedAt?: number };

/** One of wllama's stores, as this module reads it. */
interface FileStore {
  readonly kind: Exclude<ModelCacheStore, 'web-llm'>;
  list(): Promise<Array<{ key: string } & Stat>>;
  stat(key: string): Promise<Stat | null>;
  readText(key: string): Promise<string | null>;
  delete(key: string): Promise<void>;
}

/** `FileSystemDirectoryHandle` with the async iteration TypeScript's DOM library leaves out. */
type IterableDirectory = FileSystemDirectoryHandle & {
  entries(): AsyncIterableIterator<[string, FileSystemHandle]>;
};

/** wllama's folder in the Origin Private File System, or null (none yet, or no OPFS here). */
async function opfsFolder(): Promise<IterableDirectory | null> {
  const storage = globalThis.navigator?.storage as StorageManager | undefined;
  if (typeof storage?.getDirectory !== 'function') return null;
  try {
    const root = await storage.getDirectory();
    return (await root.getDirectoryHandle(OPFS_CACHE_FOLDER)) as IterableDirectory;
  } catch {
    return null; // no folder yet, or the browser refuses OPFS (private windows)
  }
}

async function opfsFile(key: string): Promise<File | null> {
  try {
    return (await (await (await opfsFolder())?.getFileHandle(key))?.getFile()) ?? null;
  } catch {
    return null;
  }
}

const opfsStore: FileStore = {
  kind: 'opfs',
  async list() {
    const folder = await opfsFolder();
    const files: Array<{ key: string } & Stat> = [];
    if (!folder) return files;
    for await (const [key, handle] of folder.entries()) {
      if (handle.kind !== 'file') continue;
      try {
        const file = await (handle as FileSystemFileHandle).getFile();
        files.push({ key, size: file.size, storedAt: file.lastModified });
      } catch {
        files.push({ key, size: 0 }); // being written right now
      }
    }
    return files;
  },
  async stat(key) {
    const file = await opfsFile(key);
    return file ? { size: file.size, storedAt: file.lastModified } : null;
  },
  async readText(key) {
    return (await opfsFile(key))?.text() ?? null;
  },
  async delete(key) {
    try {
      await (await opfsFolder())?.removeEntry(key);
    } catch (error) {
      if ((error as DOMException | undefined)?.name !== 'NotFoundError') throw error;
    }
  },
};

function viewOf(kind: 'cache' | 'memory', store: DatedStore): FileStore {
  return {
    kind,
    list: () => store.list(),
    stat: (key) => store.stat(key),
    readText: async (key) => (await store.read(key))?.text() ?? null,
    delete: (key) => store.delete(key),
  };
}

const cacheStore = viewOf('cache', cacheApiStore);
const memoryView = viewOf('memory', memoryStore);

/** The stores that may hold files now: OPFS, the Cache API (if ours exists) and memory. */
async function fileStores(): Promise<FileStore[]> {
  const stores: FileStore[] = [];
  if (await opfsFolder()) stores.push(opfsStore);
  try {
    if (typeof caches !== 'undefined' && (await caches.has(MODEL_CACHE_NAME))) stores.push(cacheStore);
  } catch {
    // no Cache API for this page (an opaque origin)
  }
  if ((await memoryStore.list()).length > 0) stores.push(memoryView);
  return stores;
}

interface Metadata {
  originalURL?: string;
  originalSize?: number;
}

async function readMetadata(store: FileStore, key: string): Promise<Metadata | null> {
  try {
    const text = await store.readText(metadataName(key));
    return text ? (JSON.parse(text) as Metadata) : null;
  } catch {
    return null;
  }
}

/** A store's file as an entry; the URL comes from its metadata, else from a lock naming it. */
async function fileEntry(store: FileStore, key: string, stat: Stat, busy: Map<string, string>): Promise<CachedModel> {
  const metadata = await readMetadata(store, key);
  const url = metadata?.originalURL || busy.get(key) || '';
  return {
    url,
    key,
    store: store.kind,
    sizeBytes: stat.size,
    storedAt: stat.storedAt === undefined ? null : new Date(stat.storedAt),
    // Only a finished download writes metadata naming its URL, and its size must match (as wllama checks).
    complete: Boolean(metadata?.originalURL) && stat.size > 0 && metadata?.originalSize === stat.size,
    inUse: busy.has(key),
  };
}

/** What loads and downloads hold now, in any tab: GGUF URLs (and `web-llm:<id>`) in use. */
async function resourcesInUse(): Promise<Set<string>> {
  const locks = lockManager();
  const inUse = new Set<string>();
  if (!locks) return inUse;
  try {
    const { held = [] } = await locks.query();
    for (const { name } of held) {
      if (name?.startsWith(LOCK_PREFIX)) inUse.add(name.slice(LOCK_PREFIX.length));
      else if (name?.startsWith(DOWNLOAD_LOCK_PREFIX)) inUse.add(name.slice(DOWNLOAD_LOCK_PREFIX.length));
    }
  } catch {
    // no answer: nothing known to be in use
  }
  return inUse;
}

/** Store keys of the GGUF URLs in use, mapped to their URLs (so an unfinished file gets its URL). */
async function keysInUse(inUse: Set<string>): Promise<Map<string, string>> {
  const urls = [...inUse].filter((resource) => !resource.startsWith('web-llm:'));
  const keys = await Promise.all(urls.map((url) => cacheKey(url).catch(() => '')));
  return new Map(keys.map((key, i) => [key, urls[i] ?? ''] as const).filter(([key]) => key));
}

const IN_USE = Symbol('in use');

/**
 * Runs `task` while holding, exclusively, the load and download locks of every resource: or, when a
 * load or download holds one (past `waitMs`), returns `IN_USE` without running it.
 */
async function whileUnused<T>(resources: string[], waitMs: number, task: () => Promise<T>): Promise<T | typeof IN_USE> {
  const locks = lockManager();
  if (!locks) return task();
  const names = resources.flatMap((resource) =>
    resource.startsWith('web-llm:') ? [lockName(resource)] : [lockName(resource), `${DOWNLOAD_LOCK_PREFIX}${resource}`],
  );
  const take = async (index: number): Promise<T | typeof IN_USE> => {
    const name = names[index];
    if (name === undefined) return task();
    const options: LockOptions = waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true };
    try {
      return await locks.request(name, options, (lock) => (lock ? take(index + 1) : IN_USE));
    } catch (error) {
      if ((error as DOMException | undefined)?.name === 'TimeoutError') return IN_USE;
      if ((error as DOMException | undefined)?.name === 'AbortError' && waitMs > 0) return IN_USE;
      throw error;
    }
  };
  return take(0);
}

function inUseError(what: string): LlmError {
  return new LlmError(
    'storage',
    `${what} is being downloaded or loaded right now (in this tab or another), so it was not removed. Try again once it has loaded.`,
  );
}

// ---------------------------------------------------------------------------------------------
// The public functions (documented in model-cache.ts).

/** See model-cache.ts. */
export async function listCachedModels(options: ListCachedModelsOptions = {}): Promise<CachedModel[]> {
  const inUse = await resourcesInUse();
  const busy = await keysInUse(inUse);
  const entries: CachedModel[] = [];
  for (const store of await fileStores()) {
    const files = await store.list();
    for (const file of files) {
      if (file.key.startsWith(METADATA_PREFIX)) continue;
      entries.push(await fileEntry(store, file.key, file, busy));
    }
  }
  for (const adapter of await allAdapters()) {
    const found = [...(await adapter.list()), ...(options.mlc?.length ? await adapter.list(options.mlc) : [])];
    const seen = new Set<string>();
    for (const entry of found) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      entries.push({ ...entry, inUse: entry.inUse || inUse.has(`web-llm:${entry.key}`) });
    }
  }
  return entries;
}

/** See model-cache.ts. */
export async function modelCacheState(source: ModelSource): Promise<ModelCacheState> {
  const { urls, mlc } = resolveSourceLeniently(source);
  const stores = await fileStores();
  const files = await Promise.all(urls.map((url) => completeFile(stores, url)));
  const build = mlc ? ((await (await adapterFor('web-llm'))?.list([mlc]))?.[0] ?? null) : null;
  const complete = [...files, build].filter((entry): entry is CachedModel => Boolean(entry?.complete));
  return {
    cached: (urls.length > 0 && files.every((file) => file?.complete)) || Boolean(build?.complete),
    sizeBytes: complete.reduce((sum, entry) => sum + entry.sizeBytes, 0),
  };
}

/** The complete stored copy of `url` in any store, or null. */
async function completeFile(stores: FileStore[], url: string): Promise<CachedModel | null> {
  let key: string;
  try {
    key = await cacheKey(url);
  } catch {
    return null; // no crypto.subtle: not a secure context, where wllama cannot store either
  }
  for (const store of stores) {
    const stat = await store.stat(key);
    if (!stat) continue;
    const entry = await fileEntry(store, key, stat, new Map());
    if (entry.complete && entry.url === url) return entry;
  }
  return null;
}

/** See model-cache.ts. */
export async function deleteCachedModel(
  target: ModelSource | CachedModel,
  options: DeleteCachedModelOptions = {},
): Promise<CachedModel[]> {
  const removed = isEntry(target)
    ? await removeEntry(target, options.waitMs ?? 0)
    : await removeSource(target, options);
  if (removed.length) notifyModelCacheChange();
  return removed;
}

function isEntry(target: ModelSource | CachedModel): target is CachedModel {
  return typeof target === 'object' && !Array.isArray(target) && 'store' in target && 'key' in target;
}

async function removeSource(source: ModelSource, options: DeleteCachedModelOptions): Promise<CachedModel[]> {
  const resolved = resolveSourceLeniently(source);
  const resources = resourcesOf(resolved);
  const result = await whileUnused(resources, options.waitMs ?? 0, async () => {
    const removed: CachedModel[] = [];
    const stores = await fileStores();
    for (const url of resolved.urls) {
      const key = await cacheKey(url);
      for (const store of stores) removed.push(...(await removeFile(store, key, url)));
    }
    if (resolved.mlc) removed.push(...(await removeBuild(resolved.mlc)));
    return removed;
  });
  if (result === IN_USE) throw inUseError(resources.length > 1 ? 'This model' : (resources[0] ?? 'This model'));
  return result;
}

async function removeEntry(entry: CachedModel, waitMs: number): Promise<CachedModel[]> {
  const resource = entry.store === 'web-llm' ? `web-llm:${entry.key}` : entry.url;
  const run = async () => {
    if (entry.store === 'web-llm') return removeBuild(entry.mlc ?? { id: entry.key });
    const store = (await fileStores()).find((s) => s.kind === entry.store);
    return store ? removeFile(store, entry.key, entry.url) : [];
  };
  // A file whose URL nobody knows is no download under way here (that one's lock would name it).
  const result = resource ? await whileUnused([resource], waitMs, run) : await run();
  if (result === IN_USE) throw inUseError(entry.url || entry.key);
  return result;
}

/** Removes a file and its metadata from one store; returns its entry, if it was there. */
async function removeFile(store: FileStore, key: string, url: string): Promise<CachedModel[]> {
  const stat = await store.stat(key);
  const hadMetadata = (await readMetadata(store, key)) !== null;
  if (!stat && !hadMetadata) return [];
  const entry = stat ? await fileEntry(store, key, stat, new Map([[key, url]])) : null;
  try {
    // The metadata first: without it, a file left behind by a failure counts as unfinished, never as the model.
    await store.delete(metadataName(key));
    await store.delete(key);
  } catch (error) {
    // Where there are no Web Locks, a download under way is found out here (its file is open).
    const message = error instanceof Error ? error.message : String(error);
    throw new LlmError('storage', `Could not remove ${url || key} from this browser: ${message}.`, { cause: error });
  }
  return entry ? [{ ...entry, url: entry.url || url, inUse: false }] : [];
}

async function removeBuild(mlc: MlcModel): Promise<CachedModel[]> {
  const adapter = await adapterFor('web-llm');
  if (!adapter) return [];
  const [entry] = await adapter.list([mlc]);
  if (!entry) return [];
  await adapter.remove(mlc);
  return [{ ...entry, inUse: false }];
}

/** See model-cache.ts. */
export async function clearModelCache(options: ListCachedModelsOptions = {}): Promise<ModelCacheClearing> {
  const removed: CachedModel[] = [];
  const inUse: CachedModel[] = [];
  for (const entry of await listCachedModels(options)) {
    try {
      removed.push(...(await removeEntry(entry, 0)));
    } catch (error) {
      if (LlmError.is(error) && error.code === 'storage') inUse.push({ ...entry, inUse: true });
      else throw error;
    }
  }
  // Metadata whose file is gone (a removal interrupted half-way) goes too.
  for (const store of await fileStores()) {
    const files = await store.list();
    const keys = new Set(files.map((file) => file.key));
    for (const { key } of files) {
      if (key.startsWith(METADATA_PREFIX) && !keys.has(key.slice(METADATA_PREFIX.length))) await store.delete(key);
    }
  }
  if (removed.length) notifyModelCacheChange();
  return { removed, inUse };
}
