import {
  modelCacheState,
  requestPersistentStorage,
  storagePersisted,
  type ModelCacheState,
} from '../storage/model-cache.js';
import type { ModelInfo, ModelSource } from './types.js';

/** Keeps `Engine.cache` current: what this browser stores of the engine's model. */
export class ModelCacheTracker {
  #state: ModelCacheState | null = null;
  /** Bumped by every change of the state, so an older check that resolves late is dropped. */
  #turn = 0;
  /** Called when the state changes, or when the loaded model's `storage.persisted` is known. */
  private readonly onChange: (state: ModelCacheState | null) => void;

  constructor(onChange: (state: ModelCacheState | null) => void) {
    this.onChange = onChange;
  }

  get state(): ModelCacheState | null {
    return this.#state;
  }

  /** Reads what this browser stores of `source` and makes it the state (unless a newer change came first). */
  async check(source: ModelSource | null): Promise<ModelCacheState> {
    const turn = ++this.#turn;
    const state = source ? await modelCacheState(source) : { cached: false, sizeBytes: 0 };
    if (turn === this.#turn) this.set(state);
    return state;
  }

  /**
   * After a load: the model is stored (wllama reads it from its store), so the state says so at once;
   * web-llm keeps its own cache, which is checked. Then, without the load waiting for it, the browser
   * is asked once per page to keep what was downloaded (`navigator.storage.persist()`, which may show
   * a prompt that is never answered), or only whether it does (`persisted()`) when nothing was.
   * `isLoaded` says whether `model` is still the engine's when the answer comes.
   */
  noteStored(model: ModelInfo, source: ModelSource, downloaded: boolean, isLoaded: () => boolean): void {
    if (!model.storage) {
      void this.check(source).catch(() => {});
      return;
    }
    this.set({ cached: true, sizeBytes: model.sizeBytes });
    if (!model.storage.persistent) return;
    const storage = (model.storage = { ...model.storage });
    void (downloaded ? requestPersistentStorage() : storagePersisted()).then((persisted) => {
      if (persisted === undefined || !isLoaded()) return;
      storage.persisted = persisted;
      this.onChange(this.#state);
    });
  }

  private set(state: ModelCacheState): void {
    this.#turn++;
    const previous = this.#state;
    this.#state = state;
    if (previous?.cached !== state.cached || previous.sizeBytes !== state.sizeBytes) this.onChange(state);
  }
}
