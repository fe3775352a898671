import type { ModelStorage } from '../types.js';

// Where downloaded model files are kept. wllama keeps them in the Origin Private File System; where a
// browser has none (WebKitGTK, some Safari modes) or refuses it (Firefox private windows), the
// files go to the Cache API, or failing that to memory for as long as the page is open.

/** The storage shape wllama's CacheManager takes (its type is not exported). */
export interface StoreBackend {
  isSupported(): boolean;
  read(key: string): Promise<Blob | null>;
  write(key: string, stream: ReadableStream<Uint8Array>): Promise<void>;
  /** The stored size, or -1 when there is no such file. */
  getSize(key: string): Promise<number>;
  list(): Promise<Array<{ key: string; size: number }>>;
  delete(key: string): Promise<void>;
}

const memoryFiles = new Map<string, Blob>();

/** Files held in memory for the life of the page (every engine on the page shares them). */
export const memoryStore: StoreBackend = {
  isSupported: () => true,
  read: async (key) => memoryFiles.get(key) ?? null,
  write: async (key, stream) => {
    memoryFiles.set(key, await new Response(stream).blob());
  },
  getSize: async (key) => memoryFiles.get(key)?.size ?? -1,
  list: async () => [...memoryFiles].map(([key, blob]) => ({ key, size: blob.size })),
  delete: async (key) => void memoryFiles.delete(key),
};

const CACHE_NAME = 'llm-elements-models';
/** Cache API entries need a URL; this host is reserved and never fetched. */
const cacheUrl = (key: string) => `https://llm-elements.invalid/${encodeURIComponent(key)}`;

/** Files in the Cache API (kept across visits, except in private windows). */
export const cacheApiStore: StoreBackend = {
  isSupported: () => typeof caches !== 'undefined',
  read: async (key) => {
    const response = await (await caches.open(CACHE_NAME)).match(cacheUrl(key));
    return response ? response.blob() : null;
  },
  write: async (key, stream) => {
    // Read fully first: a Response put from a stream that fails midway must not leave a short file.
    const blob = await new Response(stream).blob();
    await (await caches.open(CACHE_NAME)).put(cacheUrl(key), new Response(blob));
  },
  getSize: async (key) => {
    const response = await (await caches.open(CACHE_NAME)).match(cacheUrl(key));
    return response ? (await response.blob()).size : -1;
  },
  list: async () => {
    const cache = await caches.open(CACHE_NAME);
    const entries = await Promise.all(
      (await cache.keys()).map(async (request) => ({
        key: decodeURIComponent(new URL(request.url).pathname.slice(1)),
        size: (await (await cache.match(request))?.blob())?.size ?? 0,
      })),
    );
    return entries;
  },
  delete: async (key) => void (await (await caches.open(CACHE_NAME)).delete(cacheUrl(key))),
};

let chosen: Promise<{ backend: StoreBackend | null; storage: ModelStorage }> | null = null;

/**
 * Probes, once per page, where model files can be kept: OPFS (null backend: wllama's own), else the
 * Cache API, else memory.
 */
export function chooseModelStore(): Promise<{ backend: StoreBackend | null; storage: ModelStorage }> {
  chosen ??= probeStores();
  return chosen;
}

async function probeStores(): Promise<{ backend: StoreBackend | null; storage: ModelStorage }> {
  let reason: string;
  let refused = false;
  const storage = globalThis.navigator?.storage as StorageManager | undefined;
  if (typeof storage?.getDirectory !== 'function') {
    reason = 'this browser has no Origin Private File System';
  } else {
    try {
      await storage.getDirectory();
      return { backend: null, storage: { store: 'opfs', persistent: true } };
    } catch (error) {
      refused = true; // private windows refuse it
      reason = `this browser refused the Origin Private File System (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  if (cacheApiStore.isSupported()) {
    try {
      const cache = await caches.open(CACHE_NAME);
      await cache.put(cacheUrl('__probe__'), new Response('ok'));
      await cache.delete(cacheUrl('__probe__'));
      return { backend: cacheApiStore, storage: { store: 'cache', persistent: !refused, reason } };
    } catch (error) {
      reason += `, and its Cache API (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  return { backend: memoryStore, storage: { store: 'memory', persistent: false, reason } };
}
