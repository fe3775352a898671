import type { ModelStorage } from '../core/types.js';

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
  /** Every file; `storedAt` (ms since 1970) is when it was written, where the store knows. */
  list(): Promise<Array<{ key: string; size: number; storedAt?: number }>>;
  delete(key: string): Promise<void>;
}

/** A store that can also say when a file was written (model-cache.ts lists and dates its files). */
export interface DatedStore extends StoreBackend {
  /** The file's size and when it was written (ms since 1970, where known), or null when there is none. */
  stat(key: string): Promise<{ size: number; storedAt?: number } | null>;
}

const memoryFiles = new Map<string, { blob: Blob; storedAt: number }>();

/** Files held in memory for the life of the page (every engine on the page shares them). */
export const memoryStore: DatedStore = {
  isSupported: () => true,
  read: async (key) => memoryFiles.get(key)?.blob ?? null,
  write: async (key, stream) => {
    memoryFiles.set(key, { blob: await new Response(stream).blob(), storedAt: Date.now() });
  },
  getSize: async (key) => memoryFiles.get(key)?.blob.size ?? -1,
  list: async () => [...memoryFiles].map(([key, { blob, storedAt }]) => ({ key, size: blob.size, storedAt })),
  stat: async (key) => {
    const file = memoryFiles.get(key);
    return file ? { size: file.blob.size, storedAt: file.storedAt } : null;
  },
  delete: async (key) => void memoryFiles.delete(key),
};

/** The Cache API cache the model files go to where there is no Origin Private File System. */
export const MODEL_CACHE_NAME = 'llm-elements-models';
const CACHE_NAME = MODEL_CACHE_NAME;
/** Cache API entries need a URL; this host is reserved and never fetched. */
const cacheUrl = (key: string) => `https://llm-elements.invalid/${encodeURIComponent(key)}`;

/** When a cached response was stored: its `Date` header, which `write()` sets (older entries have none). */
function storedAtOf(response: Response): number | undefined {
  const date = Date.parse(response.headers.get('date') ?? '');
  return Number.isNaN(date) ? undefined : date;
}

/** Files in the Cache API (kept across visits, except in private windows). */
export const cacheApiStore: DatedStore = {
  isSupported: () => typeof caches !== 'undefined',
  read: async (key) => {
    const response = await (await caches.open(CACHE_NAME)).match(cacheUrl(key));
    return response ? response.blob() : null;
  },
  write: async (key, stream) => {
    // Read fully first: a Response put from a stream that fails midway must not leave a short file.
    const blob = await new Response(stream).blob();
    const headers = { date: new Date().toUTCString(), 'content-length': String(blob.size) };
    await (await caches.open(CACHE_NAME)).put(cacheUrl(key), new Response(blob, { headers }));
  },
  getSize: async (key) => {
    const response = await (await caches.open(CACHE_NAME)).match(cacheUrl(key));
    return response ? (await response.blob()).size : -1;
  },
  list: async () => {
    const cache = await caches.open(CACHE_NAME);
    const entries = await Promise.all(
      (await cache.keys()).map(async (request) => {
        const response = await cache.match(request);
        return {
          key: decodeURIComponent(new URL(request.url).pathname.slice(1)),
          size: (await response?.blob())?.size ?? 0,
          storedAt: response && storedAtOf(response),
        };
      }),
    );
    return entries;
  },
  stat: async (key) => {
    const response = await (await caches.open(CACHE_NAME)).match(cacheUrl(key));
    return response ? { size: (await response.blob()).size, storedAt: storedAtOf(response) } : null;
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
