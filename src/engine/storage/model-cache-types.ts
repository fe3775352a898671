// What the model cache's public API and its implementation (model-cache.ts, model-cache-stores.ts)
// and another library's cache adapter (web-llm-cache.ts) say about stored models.
import type { MlcModel } from '../core/types.js';

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
