// Other libraries' caches (web-llm's), registered by the module that brings the library, so that
// listing, checking and removal (model-cache-stores.ts) cover them without importing the library.
import type { ModelCacheAdapter, ModelCacheStore } from './model-cache-types.js';

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
