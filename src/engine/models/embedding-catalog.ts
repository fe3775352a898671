import type { EmbeddingPooling } from '../core/types.js';

/** A small sentence-embedding model, by name (`<llm-model embed-src="bge-small-en">`). */
export interface EmbeddingCatalogEntry {
  name: string;
  description: string;
  /** The GGUF file (llama.cpp) and its size. */
  gguf: { url: string; sizeMB: number };
  /** Its vectors' length. */
  dimensions: number;
  /** How it was trained to pool (its file says so too). */
  pooling: EmbeddingPooling;
  /** Put before a question and before each passage, as the model was trained. */
  queryPrefix?: string;
  passagePrefix?: string;
  /** Tokens it reads at most: longer passages are cut by it. */
  contextSize: number;
  license: string;
}

/**
 * Sentence-embedding models for retrieval, small enough to download beside a chat model. As in
 * `CATALOG`, the URLs and sizes are the publishers' and could not be fetched here (no network).
 */
export const EMBEDDING_CATALOG: readonly EmbeddingCatalogEntry[] = [
  {
    name: 'minilm',
    description: 'all-MiniLM-L6-v2: 384 dimensions, English, the smallest and fastest.',
    gguf: {
      url: 'https://huggingface.co/second-state/All-MiniLM-L6-v2-Embedding-GGUF/resolve/main/all-MiniLM-L6-v2-Q8_0.gguf',
      sizeMB: 25,
    },
    dimensions: 384,
    pooling: 'mean',
    contextSize: 512,
    license: 'Apache-2.0',
  },
  {
    name: 'bge-small-en',
    description: 'BGE small English v1.5: 384 dimensions, better retrieval than MiniLM at a similar size.',
    gguf: {
      url: 'https://huggingface.co/CompendiumLabs/bge-small-en-v1.5-gguf/resolve/main/bge-small-en-v1.5-q8_0.gguf',
      sizeMB: 36,
    },
    dimensions: 384,
    pooling: 'cls',
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    contextSize: 512,
    license: 'MIT',
  },
  {
    name: 'nomic-embed',
    description: 'nomic-embed-text v1.5: 768 dimensions, long passages (2,048 tokens here), English.',
    gguf: {
      url: 'https://huggingface.co/nomic-ai/nomic-embed-text-v1.5-GGUF/resolve/main/nomic-embed-text-v1.5.Q4_K_M.gguf',
      sizeMB: 84,
    },
    dimensions: 768,
    pooling: 'mean',
    queryPrefix: 'search_query: ',
    passagePrefix: 'search_document: ',
    contextSize: 2048,
    license: 'Apache-2.0',
  },
];

/** The catalog's embedding model of that name (case-insensitive), or undefined. */
export function findEmbeddingModel(name: string): EmbeddingCatalogEntry | undefined {
  const wanted = name.trim().toLowerCase();
  return EMBEDDING_CATALOG.find((entry) => entry.name === wanted);
}
