// A search index over passages of text, on the device: each passage embedded once (kept in this
// browser's storage by embedding model and content hash), questions answered by cosine similarity.
import { throwIfAborted } from '../core/errors.js';
import { estimateTokens } from '../core/token-count.js';
import type { EmbedOptions } from '../core/types.js';
import { contentHash } from './content-hash.js';
import { openVectorStore, type VectorStore } from './vector-store.js';

/** Passages embedded between two writes to storage. */
const STORE_EVERY = 64;

/** What embeds: an `Engine` loaded with `embeddings`, or anything with the same `embed()`. */
export interface Embedder {
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
}

/** A passage as a source gives it. */
export interface PassageInput {
  /** The words shown to the reader and given to the model. */
  text: string;
  /** The words embedded, when not `text` (e.g. with its headings as context). */
  embedText?: string;
  /** Where it is: a link to open it at (`#id` or a URL with a text fragment). */
  href?: string;
  /** Anything the caller keeps with it (the element it came from). Not stored. */
  data?: unknown;
}

/** A passage in the index. */
export interface Passage extends PassageInput {
  /** Its key: the hash of what was embedded. */
  id: string;
  /** The source it came from. */
  source: string;
}

/** A passage found for a query, with its cosine similarity to it (-1 to 1). */
export interface ScoredPassage extends Passage {
  score: number;
}

export interface PassageIndexOptions {
  embedder: Embedder;
  /**
   * Which embedding model's vectors these are (its URL and pooling, say): vectors of one model are
   * never compared with another's, and a changed model embeds again.
   */
  model: string;
  /** The index's name in this browser's storage; indexes of one name share their sources. Default `default`. */
  name?: string;
  /** Put before a query and before each passage, for models trained with them (nomic's `search_query: `). */
  queryPrefix?: string;
  passagePrefix?: string;
  /** Where vectors are kept (tests); by default IndexedDB, or memory where the browser has none. */
  store?: VectorStore;
}

export interface UpdateOptions {
  signal?: AbortSignal;
  /** Passages of this update embedded so far, and to embed in all (those not in storage). */
  onProgress?: (done: number, total: number) => void;
}

/** What an update did: passages embedded now, found already embedded, and dropped. */
export interface UpdateResult {
  embedded: number;
  reused: number;
  removed: number;
}

export interface SearchOptions {
  /** Most passages returned (default 5). */
  limit?: number;
  /** Passages scoring below it are left out (default 0). */
  minScore?: number;
  /** Estimated tokens the passages may take together (default: no bound): the best first, until full. */
  maxTokens?: number;
  /** Only passages of these sources (default: all). */
  sources?: readonly string[];
  signal?: AbortSignal;
}

/**
 * Passages of named sources, their vectors, and search. Embeds only what it has not embedded
 * before with this model: an unchanged page costs nothing on the next visit, a changed one only
 * its changed passages. Knows nothing of the DOM: a source gives it text.
 */
export class PassageIndex {
  private readonly options: PassageIndexOptions;
  private readonly name: string;
  private readonly bySource = new Map<string, Passage[]>();
  private readonly vectors = new Map<string, Float32Array>();
  private store: Promise<VectorStore> | null = null;
  /** Updates run one after another, so a source's stored list always matches its last update. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(options: PassageIndexOptions) {
    this.options = options;
    this.name = options.name ?? 'default';
  }

  /** Every passage, source by source. */
  get passages(): Passage[] {
    return [...this.bySource.values()].flat();
  }

  /** The sources in the index. */
  get sources(): string[] {
    return [...this.bySource.keys()];
  }

  private openStore(): Promise<VectorStore> {
    this.store ??= this.options.store ? Promise.resolve(this.options.store) : openVectorStore();
    return this.store;
  }

  /**
   * Makes `source`'s passages these: new or changed ones are embedded, unchanged ones reuse their
   * vectors (from this page or storage), and ones no longer given leave the index.
   */
  update(source: string, inputs: readonly PassageInput[], options: UpdateOptions = {}): Promise<UpdateResult> {
    const run = this.chain.then(() => this.runUpdate(source, inputs, options));
    this.chain = run.catch(() => {});
    return run;
  }

  private async runUpdate(
    source: string,
    inputs: readonly PassageInput[],
    { signal, onProgress }: UpdateOptions,
  ): Promise<UpdateResult> {
    throwIfAborted(signal);
    const store = await this.openStore();
    const { model, passagePrefix = '' } = this.options;
    const passages: Passage[] = [];
    const seen = new Set<string>();
    for (const input of inputs) {
      const embedText = (input.embedText ?? input.text).trim();
      if (!embedText) continue;
      const id = contentHash(embedText);
      if (seen.has(id)) continue; // the same words twice: one passage
      seen.add(id);
      passages.push({ ...input, embedText, id, source });
    }
    // Unchanged since this page's last update of it (each question reads its sources again): nothing to store.
    const held = this.bySource.get(source);
    if (held?.length === passages.length && passages.every((passage, i) => passage.id === held[i]?.id)) {
      this.bySource.set(source, passages); // the same words, the page's elements as they are now
      onProgress?.(0, 0);
      return { embedded: 0, reused: passages.length, removed: 0 };
    }
    const missing = passages.filter((passage) => !this.vectors.has(passage.id)).map((passage) => passage.id);
    for (const [id, vector] of await store.vectors(model, missing)) this.vectors.set(id, vector);
    const toEmbed = passages.filter((passage) => !this.vectors.has(passage.id));
    onProgress?.(0, toEmbed.length);
    // Stored a part at a time: an update stopped half-way (a Stop, a page closed) keeps what it embedded.
    for (let start = 0; start < toEmbed.length; start += STORE_EVERY) {
      const part = toEmbed.slice(start, start + STORE_EVERY);
      const vectors = await this.options.embedder.embed(
        part.map((passage) => passagePrefix + passage.embedText),
        { signal, onProgress: onProgress && ((done) => onProgress(start + done, toEmbed.length)) },
      );
      const fresh = new Map(part.map((passage, i) => [passage.id, vectors[i] as Float32Array]));
      await store.putVectors(model, fresh);
      for (const [id, vector] of fresh) this.vectors.set(id, vector);
    }
    throwIfAborted(signal);
    const before = (await store.source(this.name, source))?.hashes ?? this.bySource.get(source)?.map((p) => p.id) ?? [];
    const kept = new Set(passages.map((passage) => passage.id));
    const dropped = before.filter((id) => !kept.has(id));
    this.bySource.set(source, passages);
    await store.putSource(this.name, source, { hashes: [...kept] });
    await this.prune(store, dropped);
    return { embedded: toEmbed.length, reused: passages.length - toEmbed.length, removed: dropped.length };
  }

  /** Takes `source` and its passages out of the index and this browser's storage. */
  remove(source: string): Promise<void> {
    const run = this.chain.then(async () => {
      const store = await this.openStore();
      const stored = (await store.source(this.name, source))?.hashes ?? [];
      const held = this.bySource.get(source)?.map((passage) => passage.id) ?? [];
      this.bySource.delete(source);
      await store.putSource(this.name, source, null);
      await this.prune(store, [...new Set([...stored, ...held])]);
    });
    this.chain = run.catch(() => {});
    return run;
  }

  /**
   * Removes from storage the sources of this index that are not in `keep` (a page's sources that
   * are gone since the last visit), with their passages.
   */
  async retain(keep: readonly string[]): Promise<string[]> {
    const store = await this.openStore();
    const gone = [...(await store.sources(this.name)).keys()].filter((source) => !keep.includes(source));
    await Promise.all(gone.map((source) => this.remove(source)));
    return gone;
  }

  /** Drops the vectors of `ids` that no source of this index still uses. */
  private async prune(store: VectorStore, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const used = new Set<string>();
    for (const stored of (await store.sources(this.name)).values()) for (const id of stored.hashes) used.add(id);
    for (const passages of this.bySource.values()) for (const passage of passages) used.add(passage.id);
    const unused = ids.filter((id) => !used.has(id));
    for (const id of unused) this.vectors.delete(id);
    await store.deleteVectors(this.options.model, unused);
  }

  /** The passages closest to `query`, best first (see `SearchOptions`). */
  async search(query: string, options: SearchOptions = {}): Promise<ScoredPassage[]> {
    await this.chain; // an update under way is part of the index
    const passages = this.passages;
    if (!passages.length || !query.trim()) return [];
    const [vector] = await this.options.embedder.embed([(this.options.queryPrefix ?? '') + query], {
      signal: options.signal,
    });
    return rankPassages(vector as Float32Array, passages, this.vectors, options);
  }
}

/** `passages` by similarity to `query` (normalized vectors: a dot product), within the options' bounds. */
export function rankPassages(
  query: Float32Array,
  passages: readonly Passage[],
  vectors: ReadonlyMap<string, Float32Array>,
  { limit = 5, minScore = 0, maxTokens = Infinity, sources }: SearchOptions = {},
): ScoredPassage[] {
  const scored: ScoredPassage[] = [];
  for (const passage of passages) {
    if (sources && !sources.includes(passage.source)) continue;
    const vector = vectors.get(passage.id);
    if (!vector || vector.length !== query.length) continue;
    let score = 0;
    for (let i = 0; i < vector.length; i++) score += (vector[i] as number) * (query[i] as number);
    if (score >= minScore) scored.push({ ...passage, score });
  }
  scored.sort((a, b) => b.score - a.score);
  const chosen: ScoredPassage[] = [];
  let tokens = 0;
  for (const passage of scored) {
    if (chosen.length >= limit) break;
    const cost = estimateTokens(passage.text);
    if (tokens + cost > maxTokens) continue; // a shorter one further down may still fit
    tokens += cost;
    chosen.push(passage);
  }
  return chosen;
}
