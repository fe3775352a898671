// What <llm-model> does for sources (<llm-source>): the model that embeds their passages, and one
// search index for every chat inside it. Loaded with the first source, never with the script-tag entry.
import { emit } from '../../base/llm-element.js';
import { Engine } from '../../engine/core/engine.js';
import { LlmError } from '../../engine/core/errors.js';
import type { EmbedOptions } from '../../engine/core/types.js';
import { findEmbeddingModel } from '../../engine/models/embedding-catalog.js';
import {
  PassageIndex,
  type Embedder,
  type PassageInput,
  type ScoredPassage,
  type SearchOptions,
  type UpdateResult,
} from '../../engine/retrieval/passage-index.js';

/** Tokens an embedding model reads when its catalog entry does not say (BERT-style models' limit). */
const EMBED_CONTEXT = 512;

/** What the retrieval needs of `<llm-model>`. */
export interface RetrievalHost extends HTMLElement {
  /** The chat model's engine, loaded to embed too when no `embed-src` is given. */
  readonly engine: Engine;
  /** `embed-src`: a URL of a GGUF embedding model, or an embedding catalog name. */
  readonly embedSrc: string;
  /** The chat model's GGUF URL (`src`), for an engine of its own when the chat's cannot embed. */
  readonly src: string;
}

/** Embeds with the chat model's engine; where it cannot (another tab holds it, web-llm), with its own copy of the GGUF file. */
class ChatModelEmbedder implements Embedder {
  private own: Engine | null = null;

  constructor(
    private readonly main: Engine,
    private readonly gguf: string,
  ) {}

  async embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]> {
    if (!this.own) {
      try {
        return await this.main.embed(texts, options);
      } catch (error) {
        if (!(LlmError.is(error) && error.code === 'unsupported' && this.gguf)) throw error;
        this.own = embeddingEngine(this.gguf, this.main.contextSize);
      }
    }
    return retrying(this.own).embed(texts, options);
  }

  dispose(): void {
    void this.own?.unload();
  }
}

/** An engine of its own that embeds: the `embed-src` model, or a copy of the chat model's file. */
function embeddingEngine(url: string, contextSize: number): Engine {
  return new Engine({ source: url, loadOptions: { embeddings: true, contextSize } });
}

/** Embeds with `engine`, loading it again after a failed load: the chat's Retry, or the next question, tries once more. */
function retrying(engine: Engine): Embedder {
  return {
    embed: (texts, options) => {
      if (engine.status === 'error') engine.load().catch(() => {}); // a failure reaches embed() too
      return engine.embed(texts, options);
    },
  };
}

/**
 * The sources' search index of one `<llm-model>`, and the model that embeds for it: `embed-src`
 * (a small sentence-embedding model, its own engine), or the chat model pooled. Reports progress as
 * `llm-index-progress` on the model element (`<llm-status>` shows it).
 */
export class ModelRetrieval {
  private current: { key: string; index: PassageIndex; dispose: () => void } | null = null;
  private readonly progress = new Map<object, { done: number; total: number }>();

  constructor(private readonly host: RetrievalHost) {}

  /** The index of the embedding model the element names now. */
  get index(): PassageIndex {
    const embedSrc = this.host.embedSrc.trim();
    const entry = embedSrc ? findEmbeddingModel(embedSrc) : undefined;
    const url = entry?.gguf.url ?? (embedSrc ? new URL(embedSrc, document.baseURI).href : this.host.src.trim());
    if (!url) throw new LlmError('model-not-found', 'Sources need a model to embed with: set src or embed-src.');
    const key = `${embedSrc ? 'embed' : 'chat'}:${url}`;
    if (this.current?.key === key) return this.current.index;
    this.current?.dispose();
    const engine = embedSrc ? embeddingEngine(url, entry?.contextSize ?? EMBED_CONTEXT) : null;
    const chatModel = engine ? null : new ChatModelEmbedder(this.host.engine, url);
    const embedder = engine ? retrying(engine) : (chatModel as ChatModelEmbedder);
    const index = new PassageIndex({
      embedder,
      model: key,
      // One index per page of the site: its sources are this page's.
      name: `${location.origin}${location.pathname}`,
      queryPrefix: entry?.queryPrefix,
      passagePrefix: entry?.passagePrefix,
    });
    this.current = {
      key,
      index,
      dispose: () => (engine ? void engine.unload() : chatModel?.dispose()),
    };
    return index;
  }

  /** Makes `source`'s passages these, embedding what is new (progress on the model element). */
  async update(source: string, passages: readonly PassageInput[], signal?: AbortSignal): Promise<UpdateResult> {
    const token = {};
    try {
      return await this.index.update(source, passages, {
        signal,
        onProgress: (done, total) => {
          this.progress.set(token, { done, total });
          this.report();
        },
      });
    } finally {
      this.progress.delete(token);
      this.report();
    }
  }

  search(query: string, options: SearchOptions): Promise<ScoredPassage[]> {
    return this.index.search(query, options);
  }

  private report(): void {
    let done = 0;
    let total = 0;
    for (const part of this.progress.values()) {
      done += part.done;
      total += part.total;
    }
    if (total || !this.progress.size) emit(this.host, 'llm-index-progress', { done, total });
  }

  /** Frees the embedding model's engine (the element left the page). */
  dispose(): void {
    this.current?.dispose();
    this.current = null;
  }
}
