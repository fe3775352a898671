import type { ScoredPassage } from '../engine/retrieval/passage-index.js';

/** What `llm-retrieve` says: the question, and the passages of the sources found for it (best first; none when nothing scored above the floor). */
export interface LlmRetrieveDetail {
  query: string;
  passages: ScoredPassage[];
}

/** What `llm-index-progress` says: passages of the sources embedded so far, and to embed in all (equal when done). */
export interface LlmIndexProgressDetail {
  done: number;
  total: number;
}

/** Fired by `<llm-chat>` before an answer from its sources (`<llm-source>`), with the passages given to the model. */
export type LlmRetrieveEvent = CustomEvent<LlmRetrieveDetail>;

/** Fired by `<llm-model>` while it reads its sources' passages into the search index (embedding them). */
export type LlmIndexProgressEvent = CustomEvent<LlmIndexProgressDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'llm-retrieve': LlmRetrieveEvent;
    'llm-index-progress': LlmIndexProgressEvent;
  }
}
