// The engine layer: usable without any element, e.g. `new Engine({ source }).complete('Once upon a time')`.
export * from './runtime.js';
export { detectCapabilities } from './device/capabilities.js';
export { selectBackend, chooseThreads, missingForMainBuild } from './device/select-backend.js';
// Retrieval (sources): not in the script-tag entry (runtime.ts); <llm-model> loads it with its first source.
export { PassageIndex, rankPassages } from './retrieval/passage-index.js';
export type {
  Embedder,
  Passage,
  PassageIndexOptions,
  PassageInput,
  ScoredPassage,
  SearchOptions,
  UpdateOptions,
  UpdateResult,
} from './retrieval/passage-index.js';
export { MemoryVectorStore } from './retrieval/vector-store.js';
export type { StoredSource, VectorStore } from './retrieval/vector-store.js';
