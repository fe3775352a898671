// The retrieval benchmarks' step (bench/retrieval.ts runs in the page): passages embedded per
// second, ours vs raw wllama, on the maker's BERT model and on stories260K; and time to first token
// of a chat with retrieval (query embedded, 1,000 passages ranked, the best in the system prompt) vs
// without. Reported, never judged: embedding speed depends on the machine, not on us alone.
import { basename } from 'node:path';
import { ensureModel } from '../make-models.mjs';

/** Runs the page's `retrieval` through `call`, adds the rows through `row` and the details to `notes`. */
export async function retrievalStep({ call, row, median, fmt, notes, modelUrl, chatUrl, count, chunk, runs }) {
  const bertPath = await ensureModel('minilm-embed-q8_0');
  const batchSize = 16; // the engine's default batch (DEFAULT_EMBED_BATCH)
  const r = await call('retrieval', { bertUrl: modelUrl(bertPath), chatUrl, count, chunk, batchSize, runs });
  const n = count.toLocaleString('en');
  for (const [key, name] of [
    ['bert', basename(bertPath)],
    ['stories', 'stories260K.gguf, mean-pooled'],
  ]) {
    const e = r.embed[key];
    row(
      `retrieval: passages embedded per second, ${name} (${e.dimensions} dims, ${e.threads} threads), ${n} passages of ${r.words.min}–${r.words.max} words, engine.embed() vs raw wllama createEmbedding (batches of ${batchSize}, ${fmt(median(e.raw))} /s)`,
      e.ours,
      { ratio: median(e.ours) / median(e.raw), target: 'report', pass: true, unit: '/s' },
    );
    notes.push(
      `Retrieval, ${name}: ${n} passages embedded in ${fmt(e.seconds.ours)} s through engine.embed(), ${fmt(e.seconds.raw)} s through raw wllama (chunks of ${chunk}, alternated).`,
    );
  }
  const f = r.firstToken;
  row(
    `retrieval: time to first token, stories260K, with retrieval over ${n} passages (${basename(bertPath)}, ${fmt(f.passagesGiven)} passages given, ${fmt(median(f.promptTokens))} prompt tokens) vs without (with / without)`,
    f.with,
    { ratio: median(f.with) / median(f.without), target: 'report', pass: true, unit: 'ms' },
  );
  row('retrieval: time to first token without retrieval (reference)', f.without, {
    ratio: 1,
    target: '',
    pass: true,
    unit: 'ms',
  });
  row(`retrieval: search alone (embed the question, rank ${n} passages)`, f.search, {
    ratio: undefined,
    target: '',
    pass: true,
    unit: 'ms',
  });
  notes.push(
    `Retrieval: the passage a question was drawn from ranked first in ${f.topHitRuns} of ${f.with.length} searches; time to first token (ms) with ${f.with.map((t) => t.toFixed(0)).join(' ')}, without ${f.without.map((t) => t.toFixed(0)).join(' ')}.`,
  );
}
