import { ContextRoot, createContext } from '@lit/context';
import { isServer } from 'lit';
import type { Engine } from '../engine/core/engine.js';
import type { CachedModel } from '../engine/storage/model-cache.js';
import type { ModelRetrieval } from '../components/llm-model/model-retrieval.js';

/**
 * What `<llm-model>` provides to its descendants. The object is stable: its identity changes only
 * when the engine is replaced, since context notifies consumers by identity.
 */
export interface ModelHandle {
  /** The engine every consumer of this `<llm-model>` shares. */
  readonly engine: Engine;
  /**
   * Says that a user is about to need the model (e.g. focused a chat input). In `loading="lazy"` mode
   * this starts the download early; in other modes it does nothing.
   */
  requestLoad(): void;
  /** Loads the model now (what a retry button calls), whatever the load mode. */
  load(): Promise<void>;
  /** Unloads the model and removes it from this browser's storage (what a Remove button calls); see `<llm-model>`'s `removeFromCache()`. */
  removeFromCache?(): Promise<CachedModel[]>;
  /** The search index of the sources (`<llm-source>`) and the model that embeds them, loaded on first use. */
  retrieval?(): Promise<ModelRetrieval>;
}

export const modelContext = createContext<ModelHandle | undefined>(Symbol.for('llm-elements/model'));

// A consumer upgraded before its provider would lose its context request; a ContextRoot on the
// document replays such requests when the provider arrives. One per document, whichever copy of
// the library gets here first.
const ROOT_MARK = Symbol.for('llm-elements/context-root');
type Marked = { [ROOT_MARK]?: ContextRoot };
// Not on the server: SSR's DOM shim has a `document` without a root element.
if (!isServer && typeof document !== 'undefined' && document.documentElement) {
  const root = document.documentElement as HTMLElement & Marked;
  if (!root[ROOT_MARK]) {
    root[ROOT_MARK] = new ContextRoot();
    root[ROOT_MARK].attach(root);
  }
}
