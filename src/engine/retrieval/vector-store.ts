// Where an index keeps its vectors between visits: IndexedDB (this origin's storage), or memory
// where the browser gives no IndexedDB (some private modes). Keyed by embedding model and passage
// hash, so a passage is embedded once per model, whichever page or source it comes from.
import { LlmError } from '../core/errors.js';

const DB_NAME = 'llm-elements-retrieval';
const VECTORS = 'vectors';
const SOURCES = 'sources';

/** What an index remembers of one source: the hashes of its passages, in order. */
export interface StoredSource {
  hashes: string[];
}

export interface VectorStore {
  /** The vectors stored for `hashes` (by hash; missing ones absent). */
  vectors(model: string, hashes: readonly string[]): Promise<Map<string, Float32Array>>;
  putVectors(model: string, entries: ReadonlyMap<string, Float32Array>): Promise<void>;
  deleteVectors(model: string, hashes: readonly string[]): Promise<void>;
  source(index: string, source: string): Promise<StoredSource | undefined>;
  /** Every source of `index`, by name. */
  sources(index: string): Promise<Map<string, StoredSource>>;
  putSource(index: string, source: string, value: StoredSource | null): Promise<void>;
}

/** The store of this browser: IndexedDB where it opens, else memory (this page only). */
export async function openVectorStore(): Promise<VectorStore> {
  if (typeof indexedDB === 'undefined') return new MemoryVectorStore();
  try {
    return new IdbVectorStore(await openDatabase());
  } catch {
    return new MemoryVectorStore();
  }
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(VECTORS);
      request.result.createObjectStore(SOURCES);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** A request's result as a promise. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** A transaction's end as a promise (its writes are then on disk, or it failed). */
function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = transaction.onabort = () =>
      reject(
        new LlmError('storage', `The search index could not be saved: ${transaction.error?.message ?? 'aborted'}`),
      );
  });
}

class IdbVectorStore implements VectorStore {
  constructor(private readonly db: IDBDatabase) {}

  async vectors(model: string, hashes: readonly string[]): Promise<Map<string, Float32Array>> {
    const store = this.db.transaction(VECTORS, 'readonly').objectStore(VECTORS);
    const found = await Promise.all(hashes.map((hash) => done<unknown>(store.get([model, hash]))));
    const out = new Map<string, Float32Array>();
    found.forEach((vector, i) => {
      if (vector instanceof Float32Array) out.set(hashes[i] as string, vector);
    });
    return out;
  }

  async putVectors(model: string, entries: ReadonlyMap<string, Float32Array>): Promise<void> {
    const transaction = this.db.transaction(VECTORS, 'readwrite');
    for (const [hash, vector] of entries) transaction.objectStore(VECTORS).put(vector, [model, hash]);
    await committed(transaction);
  }

  async deleteVectors(model: string, hashes: readonly string[]): Promise<void> {
    const transaction = this.db.transaction(VECTORS, 'readwrite');
    for (const hash of hashes) transaction.objectStore(VECTORS).delete([model, hash]);
    await committed(transaction);
  }

  async source(index: string, source: string): Promise<StoredSource | undefined> {
    const store = this.db.transaction(SOURCES, 'readonly').objectStore(SOURCES);
    return (await done<StoredSource | undefined>(store.get([index, source]))) ?? undefined;
  }

  async sources(index: string): Promise<Map<string, StoredSource>> {
    const store = this.db.transaction(SOURCES, 'readonly').objectStore(SOURCES);
    const range = IDBKeyRange.bound([index, ''], [index, '\uffff']);
    const [keys, values] = await Promise.all([
      done(store.getAllKeys(range)),
      done<StoredSource[]>(store.getAll(range)),
    ]);
    return new Map(keys.map((key, i) => [String((key as [string, string])[1]), values[i] as StoredSource]));
  }

  async putSource(index: string, source: string, value: StoredSource | null): Promise<void> {
    const transaction = this.db.transaction(SOURCES, 'readwrite');
    if (value) transaction.objectStore(SOURCES).put(value, [index, source]);
    else transaction.objectStore(SOURCES).delete([index, source]);
    await committed(transaction);
  }
}

/** The same in memory, for browsers without IndexedDB: an index then lasts as long as the page. */
export class MemoryVectorStore implements VectorStore {
  private readonly vectorMap = new Map<string, Float32Array>();
  private readonly sourceMap = new Map<string, StoredSource>();

  async vectors(model: string, hashes: readonly string[]): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (const hash of hashes) {
      const vector = this.vectorMap.get(`${model}\n${hash}`);
      if (vector) out.set(hash, vector);
    }
    return out;
  }

  async putVectors(model: string, entries: ReadonlyMap<string, Float32Array>): Promise<void> {
    for (const [hash, vector] of entries) this.vectorMap.set(`${model}\n${hash}`, vector);
  }

  async deleteVectors(model: string, hashes: readonly string[]): Promise<void> {
    for (const hash of hashes) this.vectorMap.delete(`${model}\n${hash}`);
  }

  async source(index: string, source: string): Promise<StoredSource | undefined> {
    return this.sourceMap.get(`${index}\n${source}`);
  }

  async sources(index: string): Promise<Map<string, StoredSource>> {
    const out = new Map<string, StoredSource>();
    for (const [key, value] of this.sourceMap) {
      if (key.startsWith(`${index}\n`)) out.set(key.slice(index.length + 1), value);
    }
    return out;
  }

  async putSource(index: string, source: string, value: StoredSource | null): Promise<void> {
    if (value) this.sourceMap.set(`${index}\n${source}`, value);
    else this.sourceMap.delete(`${index}\n${source}`);
  }
}
