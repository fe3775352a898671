// The retrieval benchmarks (scripts/bench/retrieval.mjs drives them): passages embedded per second
// through engine.embed() vs raw wllama's createEmbedding on the same model and texts, and time to
// first token of a chat with retrieval (search, then the passages in the system prompt) vs without.
import type { Wllama } from '@wllama/wllama';
import type { ChatMessage } from '../src/index.js';
import { Engine } from '../src/engine/index.js';
import { PassageIndex } from '../src/engine/retrieval/passage-index.js';
import { contentHash } from '../src/engine/retrieval/content-hash.js';
import { MemoryVectorStore } from '../src/engine/retrieval/vector-store.js';
import { loadRawWllama } from './raw-wllama.js';

const WORDS = (
  'shipping order parcel delivery days week country europe price return refund label box customs tax ' +
  'account password email login profile address phone payment card invoice receipt discount coupon code ' +
  'garden plant seed soil water sun shade spring summer autumn winter tomato carrot bean lettuce pepper ' +
  'engine model browser device memory thread download cache storage page chat answer question source ' +
  'library museum ticket opening hours monday friday weekend guide tour group school family child adult ' +
  'bicycle repair tyre brake chain wheel saddle light lock helmet route map station train bus ferry'
).split(' ');
const GLUE = 'the a of to and in for with on is are can you we your our it this that from at by'.split(' ');

/** A deterministic pseudo-random sequence (mulberry32), so every run embeds the same texts. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` passages of 40–80 words: sentences of topic words and glue words. */
export function passages(count: number): string[] {
  const next = random(29);
  const pick = (list: string[]) => list[Math.floor(next() * list.length)] ?? 'word';
  return Array.from({ length: count }, () => {
    const length = 40 + Math.floor(next() * 41);
    const words: string[] = [];
    for (let i = 0; i < length; i++) words.push(next() < 0.55 ? pick(WORDS) : pick(GLUE));
    const sentences: string[] = [];
    for (let i = 0; i < words.length; i += 12) {
      const sentence = words.slice(i, i + 12).join(' ');
      sentences.push(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`);
    }
    return sentences.join(' ');
  });
}

/** A question made of topic words of passage `k` (the passage a search should find first). */
function question(texts: string[], k: number): string {
  const topic =
    (texts[k] ?? '')
      .toLowerCase()
      .match(/[a-z]+/g)
      ?.filter((word) => WORDS.includes(word)) ?? [];
  return `What does the page say about ${topic.slice(0, 6).join(', ')}?`;
}

/** The texts in batches of `batchSize` through raw wllama's createEmbedding, as the engine asks for them. */
async function rawEmbed(wllama: Wllama, texts: string[], batchSize: number): Promise<number> {
  let vectors = 0;
  for (let start = 0; start < texts.length; start += batchSize) {
    const response = await wllama.createEmbedding({ input: texts.slice(start, start + batchSize), embd_normalize: 2 });
    vectors += response.data.length;
  }
  return vectors;
}

export interface EmbedRates {
  /** Passages per second, one figure per chunk of passages. */
  ours: number[];
  raw: number[];
  threads: number;
  dimensions: number;
  seconds: { ours: number; raw: number };
}

/**
 * `count` passages embedded through engine.embed() and through raw wllama (loaded with the same
 * context, pooling and threads), in chunks of `chunk` alternated ours, raw, raw, ours, … so neither
 * always runs on a warmer or busier machine. Returns the rates and the engine (still loaded) with
 * its vectors, in the order of the texts.
 */
async function embedRates(
  url: string,
  texts: string[],
  chunk: number,
  batchSize: number,
): Promise<{ rates: EmbedRates; engine: Engine; vectors: Float32Array[] }> {
  const engine = new Engine({ source: url, loadOptions: { embeddings: true, contextSize: 512 } });
  const info = await engine.load();
  const threads = engine.selection?.threads ?? 1;
  const pooling = info.embedding?.pooling ?? 'mean';
  const raw = await loadRawWllama(url, {
    n_ctx: 512,
    embeddings: true,
    pooling_type: pooling,
    n_threads: threads,
    n_parallel: 1,
  });
  try {
    // A warm-up for each: the first batch pays for allocating llama.cpp's buffers.
    await engine.embed(texts.slice(0, batchSize));
    await rawEmbed(raw, texts.slice(0, batchSize), batchSize);
    const rates: EmbedRates = {
      ours: [],
      raw: [],
      threads,
      dimensions: info.embedding?.size ?? 0,
      seconds: { ours: 0, raw: 0 },
    };
    const vectors: Float32Array[] = [];
    for (let start = 0, round = 0; start < texts.length; start += chunk, round++) {
      const part = texts.slice(start, start + chunk);
      const paths = [
        async () => {
          const t0 = performance.now();
          vectors.push(...(await engine.embed(part, { batchSize })));
          const seconds = (performance.now() - t0) / 1000;
          rates.ours.push(part.length / seconds);
          rates.seconds.ours += seconds;
        },
        async () => {
          const t0 = performance.now();
          const n = await rawEmbed(raw, part, batchSize);
          const seconds = (performance.now() - t0) / 1000;
          if (n !== part.length) throw new Error(`raw wllama gave ${n} vectors for ${part.length} texts`);
          rates.raw.push(part.length / seconds);
          rates.seconds.raw += seconds;
        },
      ];
      for (const path of round % 2 ? [paths[1], paths[0]] : paths) await path?.();
    }
    return { rates, engine, vectors };
  } catch (error) {
    await engine.unload();
    throw error;
  } finally {
    await raw.exit();
  }
}

/** Milliseconds from asking to the first token of `generation`'s answer (max a few tokens). */
async function firstToken(start: number, generation: AsyncIterable<string>): Promise<number> {
  let first = 0;
  for await (const _delta of generation) first ||= performance.now();
  return (first || performance.now()) - start;
}

/** The chat's instruction before the numbered passages (as <llm-chat> words it). */
const INSTRUCTION =
  "Answer from these passages of the site's pages. Cite each passage you use by its number in brackets, like [1]. If they do not answer the question, say that the pages do not say.";

export interface RetrievalArgs {
  bertUrl: string;
  chatUrl: string;
  count: number;
  chunk: number;
  batchSize: number;
  runs: number;
}

export async function retrieval({ bertUrl, chatUrl, count, chunk, batchSize, runs }: RetrievalArgs) {
  const texts = passages(count);
  const words = texts.map((text) => text.split(' ').length);
  const stories = await embedRates(chatUrl, texts, chunk, batchSize);
  await stories.engine.unload();
  const bert = await embedRates(bertUrl, texts, chunk, batchSize);
  const chat = new Engine({ source: chatUrl });
  try {
    // The index filled with the vectors the BERT engine just made (what a return visit finds stored).
    const store = new MemoryVectorStore();
    await store.putVectors(
      'bert',
      new Map(texts.map((text, i) => [contentHash(text), bert.vectors[i] as Float32Array])),
    );
    const index = new PassageIndex({ embedder: bert.engine, model: 'bert', store });
    const filled = await index.update(
      'bench',
      texts.map((text) => ({ text })),
    );
    if (filled.reused !== count) throw new Error(`the index embedded ${filled.embedded} of ${count} passages again`);
    await chat.load();
    const ask = { temperature: 0, max_tokens: 4 };
    // Warm-ups: the first chat and the first search pay for buffers.
    await firstToken(performance.now(), chat.chat([{ role: 'user', content: 'Hello?' }], ask));
    await index.search('warm up', { limit: 4 });
    const result = {
      with: [] as number[],
      without: [] as number[],
      search: [] as number[],
      promptTokens: [] as number[],
    };
    let found = 0;
    let given = 0;
    // Interleaved with, without, with, …: each question new, so no run reuses another's prompt cache.
    for (let i = 0; i < runs; i++) {
      const k = (i * 97 + 13) % count;
      for (const withSources of [true, false]) {
        const q = question(texts, (k + (withSources ? 0 : 1)) % count);
        const start = performance.now();
        let messages: ChatMessage[] = [{ role: 'user', content: q }];
        if (withSources) {
          // As <llm-chat> does: the best 4, within 40 % of the context, numbered in the system prompt.
          const hits = await index.search(q, { limit: 4, maxTokens: Math.floor(chat.contextSize * 0.4) });
          result.search.push(performance.now() - start);
          found += hits[0]?.text === texts[k] ? 1 : 0;
          given += hits.length;
          const numbered = hits.map((hit, n) => `[${n + 1}] ${hit.text}`).join('\n\n');
          messages = [{ role: 'system', content: `${INSTRUCTION}\n\n${numbered}` }, ...messages];
        }
        const generation = chat.chat(messages, ask);
        result[withSources ? 'with' : 'without'].push(await firstToken(start, generation));
        if (withSources) result.promptTokens.push((await generation.result).promptTokens);
      }
    }
    return {
      count,
      words: { min: Math.min(...words), max: Math.max(...words) },
      embed: { bert: bert.rates, stories: stories.rates },
      firstToken: { ...result, topHitRuns: found, passagesGiven: given / runs },
    };
  } finally {
    await chat.unload();
    await bert.engine.unload();
  }
}
