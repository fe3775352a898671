// What this browser keeps of models, and removing it: the public API and what the engine needs on
// every page (the locks a load holds, asking the browser to keep the storage). Reading the stores and
// removing files is in model-cache-stores.ts, loaded on first use, so a page pays for it only when
// something asks (an `<llm-model>` does when it connects, to say whether its model is stored).
//
// GGUF files are kept by wllama's CacheManager in the Origin Private File System, or in our Cache API
// or memory stores with the same names (model-cache-layout.ts, model-store.ts). web-llm keeps MLC
// builds in its own cache, reached through an adapter that `llm-elements/web-llm` registers
// (model-cache-adapters.ts), so nothing here imports web-llm.
//
// Loads and removals meet through Web Locks (model-cache-locks.ts). A model already loaded keeps
// running from memory when its files are removed.
import type {
  CachedModel,
  DeleteCachedModelOptions,
  ListCachedModelsOptions,
  ModelCacheClearing,
  ModelCacheState,
} from './model-cache-types.js';
import type { ModelSource } from '../core/types.js';

export type {
  CachedModel,
  DeleteCachedModelOptions,
  ListCachedModelsOptions,
  ModelCacheAdapter,
  ModelCacheClearing,
  ModelCacheState,
  ModelCacheStore,
} from './model-cache-types.js';
export { holdModelFiles } from './model-cache-locks.js';
export { registerModelCacheAdapter } from './model-cache-adapters.js';
export { onModelCacheChange } from './model-cache-changes.js';

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

/** How long `persist()` and `persisted()` may take before the answer counts as unknown. */
export const PERSIST_TIMEOUT_MS = 10_000;

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
