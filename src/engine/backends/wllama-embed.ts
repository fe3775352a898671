// Embeddings with llama.cpp (wllama's createEmbedding): the pooling a load asks for, and the call.
import type { Wllama } from '@wllama/wllama';
import { LlmError, abortError } from '../core/errors.js';
import type { EmbeddingPooling } from '../core/types.js';
import type { GgufHeader } from '../models/gguf-header.js';
import { messageOf } from '../storage/download-errors.js';
import { isWllamaAbort } from './wllama-generate.js';

/** llama.cpp's `llama_pooling_type`, as a GGUF file stores it (`<arch>.pooling_type`). */
const POOLING_BY_NUMBER: Record<number, EmbeddingPooling | undefined> = { 1: 'mean', 2: 'cls', 3: 'last' };

/**
 * The pooling to load with: the page's, else the one the model's file names (a sentence-embedding
 * model is trained for its own: CLS for BGE, mean for MiniLM), else mean (a chat model names none,
 * and llama.cpp's "none" gives a vector per token, which retrieval cannot use).
 */
export function chooseEmbeddingPooling(header: GgufHeader | null, requested?: EmbeddingPooling): EmbeddingPooling {
  if (requested) return requested;
  const architecture = header?.metadata['general.architecture'];
  const stored = typeof architecture === 'string' ? header?.metadata[`${architecture}.pooling_type`] : undefined;
  return (typeof stored === 'number' ? POOLING_BY_NUMBER[stored] : undefined) ?? 'mean';
}

/** One L2-normalized vector per text, in order. */
export async function embedWithWllama(
  wllama: Wllama,
  texts: readonly string[],
  signal: AbortSignal,
): Promise<Float32Array[]> {
  if (signal.aborted) throw abortError(signal);
  const empty = texts.findIndex((text) => !text.trim());
  if (empty !== -1) throw new LlmError('invalid-request', `Text ${empty + 1} to embed is empty.`);
  try {
    // wllama reads `abortSignal` (its request options carry it; the type of embeddings' omits it).
    const options = { input: [...texts], embd_normalize: 2, abortSignal: signal };
    const response = await wllama.createEmbedding(options);
    if (signal.aborted) throw abortError(signal);
    const vectors = [...response.data]
      .sort((a, b) => a.index - b.index)
      .map((item) => {
        if (typeof item.embedding === 'string') throw new Error('the vector came base64-encoded');
        return Float32Array.from(item.embedding);
      });
    if (vectors.length !== texts.length)
      throw new Error(`${vectors.length} vectors came back for ${texts.length} texts`);
    return vectors;
  } catch (error) {
    if (LlmError.is(error)) throw error;
    if (isWllamaAbort(error) || signal.aborted) throw abortError(signal);
    const message = messageOf(error);
    if (/too large|physical batch|exceed/i.test(message)) {
      throw new LlmError('too-long', `A text is too long to embed at once: ${message}`, { cause: error });
    }
    throw new LlmError('inference', `Embedding failed: ${message}`, { cause: error });
  }
}
