// What this browser keeps of models, and removing it: the public API and what the engine needs on
// every page (the locks a load holds, asking the browser to keep the storage). Reading the stores and
// removing files is in model-cache-stores.ts, loaded on first use, so a page pays for it only when
// something asks (an `<llm-model>` does when it connects, to say whether its model is stored).
//
// GGUF files are kept by wllama's CacheManager in the Origin Private File System (folder `cache/`,
// one file per URL named `<SHA-1 of the URL>_<file name>`, beside `__metadata__<name>` holding
// `{originalURL, originalSize, etag}`), or in our Cache API or memory stores with the same names
// (model-store.ts). web-llm keeps MLC builds in its own cache, reached through an adapter
// that `llm-elements/web-llm` registers, so nothing here imports web-llm.
//
// Loads and removals meet through Web Locks, across the tabs of the origin: a load holds
// `llm-elements/model/<url>` (shared) while it downloads and reads the files, and the download itself
// holds `llm-elements/download/<url>` (model-download.ts); a removal takes both, exclusively, or
// does not remove. A model already loaded keeps running from memory when its files are removed.
import { abortError } from '../core/errors.js';
import { resolveSourceLeniently, type ResolvedSource } from '../models/model-source.js';
import type { MlcModel, ModelSource } from '../core/types.js';

/** Where a cached model's files are: wllama's stores (see `ModelStorage`), or web-llm's own cache. */
export type ModelCacheStore = 'opfs' | 'cache' | 'memory' | 'web-llm';

/** One model file (GGUF) or one MLC build (web-llm) stored in this browser. */
export interface CachedModel {
  /**
   * The URL the file was downloaded from (for web-llm, the build's weights folder). Empty when the
   * store does not say: an unfinished download left by an earlier visit (the tab closed mid-way).
   */
  url: string;
  /** The name the store keeps it under (for web-llm, the model id); `deleteCachedModel()` takes the entry too. */
  key: string;
  store: ModelCacheStore;
  /** Bytes stored (for web-llm, as far as its Cache API entries tell; 0 when they do not). */
  sizeBytes: number;
  /** When it was stored (for an unfinished file, last written); null when the store does not say. */
  storedAt: Date | null;
  /** False for an unfinished download: a load would download it again. */
  complete: boolean;
  /** A load is downloading or reading it now (in this tab or another): it cannot be removed until that ends. */
  inUse: boolean;
  /** The MLC build, for web-llm entries. */
  mlc?: MlcModel;
}

/** What this browser stores of one model. */
export interface ModelCacheState {
  /** Every file of at least one of its builds is stored complete: loading that build reads nothing from the network. */
  cached: boolean;
  /** Bytes stored for it (complete files of any build). */
  sizeBytes: number;
}

/** What `clearModelCache()` did. */
export interface ModelCacheClearing {
  /** The entries removed. */
  removed: CachedModel[];
  /** The entries left because a load was downloading or reading them. */
  inUse: CachedModel[];
}

/** Options of `listCachedModels()`. */
export interface ListCachedModelsOptions {
  /** Custom MLC builds to look for too (web-llm knows its prebuilt ids, not builds a page made). */
  mlc?: readonly MlcModel[];
}

/** Options of `deleteCachedModel()`. */
export interface DeleteCachedModelOptions {
  /**
   * How long to wait for a load that is downloading or reading the model to end before giving up
   * (ms). Default 0: fail at once.
   */
  waitMs?: number;
}

/**
 * Another library's cache of model files (web-llm's), registered by the module that brings the
 * library (`llm-elements/web-llm`), so that listing and clearing cover it too.
 */
export interface ModelCacheAdapter {
  readonly store: ModelCacheStore;
  /** The builds stored (complete or not): those given, or with none given every build it knows. */
  list(models?: readonly MlcModel[]): Promise<CachedModel[]>;
  /** Removes everything stored for the build. */
  remove(model: MlcModel): Promise<void>;
}

/** The lock a load holds on a model's file (`<prefix><url>`) or MLC build (`<prefix>web-llm:<id>`). */
export const LOCK_PREFIX = 'llm-elements/model/';
/** The lock model-download.ts holds while it downloads a file (`downloadOnce`): `<prefix><url>`. */
export const DOWNLOAD_LOCK_PREFIX = 'llm-elements/download/';
/** The longest a load waits for a removal under way before it goes on without its lock. */
const LOAD_LOCK_WAIT_MS = 10_000;
/** How long `persist()` and `persisted()` may take before the answer counts as unknown. */
export const PERSIST_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Other libraries' caches.

const adapters = new Map<ModelCacheStore, () => Promise<ModelCacheAdapter>>();

/**
 * Adds another library's cache (web-llm's: `llm-elements/web-llm` registers it) to listing, checking
 * and removal. The adapter is created on first use, so the library loads only when asked about.
 */
export function registerModelCacheAdapter(store: ModelCacheStore, load: () => Promise<ModelCacheAdapter>): void {
  let adapter: Promise<ModelCacheAdapter> | null = null;
  adapters.set(store, () => {
    adapter ??= load();
    adapter.catch(() => (adapter = null));
    return adapter;
  });
}

/** Every registered adapter, each created on first use. */
export function allAdapters(): Promise<ModelCacheAdapter[]> {
  return Promise.all([...adapters.values()].map((load) => load()));
}

/** The registered adapter of `store`, created on first use, or null. */
export async function adapterFor(store: ModelCacheStore): Promise<ModelCacheAdapter | null> {
  const load = adapters.get(store);
  return load ? load() : null;
}

// ---------------------------------------------------------------------------------------------
// Locks.

/** The lock a load holds on a GGUF URL, or on an MLC build (`web-llm:<id>`). */
export function lockName(resource: string): string {
  return `${LOCK_PREFIX}${resource}`;
}

/** What a load holds of a model: its GGUF URLs and its MLC build (`web-llm:<id>`), in a stable order. */
export function resourcesOf(source: ResolvedSource): string[] {
  return [...new Set([...source.urls, ...(source.mlc ? [`web-llm:${source.mlc.id}`] : [])])].sort();
}

/** The page's Web Locks, or null where there are none. */
export function lockManager(): LockManager | null {
  return (globalThis.navigator as Navigator | undefined)?.locks ?? null;
}

/**
 * Holds the model's files for a load, from before it looks in the stores until it has read them:
 * a removal cannot take them meanwhile, and a removal under way finishes first (the wait is bounded,
 * after which the load goes on without the lock). Returns the release. Where the browser has no Web
 * Locks, nothing is held.
 */
export async function holdModelFiles(source: ModelSource, signal?: AbortSignal): Promise<() => void> {
  const locks = lockManager();
  if (!locks) return () => {};
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const limit = AbortSignal.timeout(LOAD_LOCK_WAIT_MS);
  const waiting =
    signal && typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, limit]) : (signal ?? limit);
  for (const resource of resourcesOf(resolveSourceLeniently(source))) {
    try {
      await new Promise<void>((granted, refused) => {
        locks
          .request(lockName(resource), { mode: 'shared', signal: waiting }, () => {
            granted();
            return released;
          })
          .catch(refused);
      });
    } catch {
      if (signal?.aborted) {
        release();
        throw abortError(signal);
      }
      // The wait ran out, or this page may not use locks: go on without this one.
    }
  }
  return release;
}

// ---------------------------------------------------------------------------------------------
// Changes, for elements that show what is stored.

const changes = new EventTarget();

/** Calls `listener` after any removal made through this module on this page; returns the unsubscribe. */
export function onModelCacheChange(listener: () => void): () => void {
  changes.addEventListener('change', listener);
  return () => changes.removeEventListener('change', listener);
}

/** Tells the listeners of `onModelCacheChange()` that something was removed. */
export function notifyModelCacheChange(): void {
  changes.dispatchEvent(new Event('change'));
}

// ---------------------------------------------------------------------------------------------
// The public API (implemented in model-cache-stores.ts).

const stores = () => import('./model-cache-stores.js');

/**
 * Every model file and MLC build this browser stores for the page's origin: complete ones, and
 * unfinished downloads (under way, or left by a tab closed mid-way). web-llm's cache is included
 * when the page imported `llm-elements/web-llm` (its prebuilt models, plus `options.mlc`).
 */
export async function listCachedModels(options: ListCachedModelsOptions = {}): Promise<CachedModel[]> {
  return (await stores()).listCachedModels(options);
}

/**
 * What this browser stores of `source`: whether a build is complete, and how many bytes. Reads the
 * browser's storage only: nothing of the model is fetched, and no backend loads.
 */
export async function modelCacheState(source: ModelSource): Promise<ModelCacheState> {
  return (await stores()).modelCacheState(source);
}

/**
 * Removes a model from this browser: its GGUF files (from every store, finished or not) and its MLC
 * build (from web-llm's cache, when the page imported `llm-elements/web-llm`). Takes a source (a
 * URL, several, or a spec) or an entry of `listCachedModels()`. Resolves with the entries removed
 * (none when nothing was stored); rejects with a `storage` error, removing nothing, when a load is
 * downloading or reading the model right now, in this tab or another (`options.waitMs` waits for it
 * first). A model already loaded keeps running: it is in memory; the next load downloads it again.
 */
export async function deleteCachedModel(
  target: ModelSource | CachedModel,
  options: DeleteCachedModelOptions = {},
): Promise<CachedModel[]> {
  return (await stores()).deleteCachedModel(target, options);
}

/**
 * Removes every model this browser stores for the page (GGUF files in every store, finished or not,
 * and web-llm's builds when the page imported `llm-elements/web-llm`), except those a load is
 * downloading or reading right now, which it reports in `inUse`. Custom MLC builds are found only
 * when named in `options.mlc`, as for `listCachedModels()`.
 */
export async function clearModelCache(options: ListCachedModelsOptions = {}): Promise<ModelCacheClearing> {
  return (await stores()).clearModelCache(options);
}

// ---------------------------------------------------------------------------------------------
// Persistence: asking the browser not to evict what the page stores.

/** `promise`, or undefined once `ms` have passed without an answer. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Whether the browser keeps the page's storage under pressure (`navigator.storage.persisted()`,
 * which never prompts); undefined where it cannot say (within `PERSIST_TIMEOUT_MS`).
 */
export async function storagePersisted(): Promise<boolean | undefined> {
  const storage = globalThis.navigator?.storage as StorageManager | undefined;
  if (typeof storage?.persisted !== 'function') return undefined;
  try {
    return await within(storage.persisted(), PERSIST_TIMEOUT_MS);
  } catch {
    return undefined;
  }
}

let persistRequest: Promise<boolean | undefined> | null = null;

/**
 * Asks the browser, once per page, to keep the page's storage (and so its models) under pressure:
 * `navigator.storage.persist()`, unless `persisted()` already says so. Chromium answers by itself;
 * Firefox may show the user a prompt, which can stay unanswered: after `PERSIST_TIMEOUT_MS` the
 * answer is undefined. The engine asks after a download and never waits for the answer.
 */
export function requestPersistentStorage(): Promise<boolean | undefined> {
  persistRequest ??= (async () => {
    const storage = globalThis.navigator?.storage as StorageManager | undefined;
    if (typeof storage?.persist !== 'function') return undefined;
    if ((await storagePersisted()) === true) return true;
    try {
      return await within(storage.persist(), PERSIST_TIMEOUT_MS);
    } catch {
      return undefined;
    }
  })();
  return persistRequest;
}
