import type { Backend } from '../backends/backend.js';
import { LlmError } from './errors.js';
import type { RequestQueue } from './request-queue.js';
import type { EmbedOptions } from './types.js';

/** Texts per turn in the queue when the caller does not say. */
export const DEFAULT_EMBED_BATCH = 16;

/**
 * `engine.embed()`: the texts in batches, each a turn of its own in `requests` (not a generation: no
 * result event, the status stays `ready`), so chats interleave.
 */
export async function embedInBatches(
  requests: RequestQueue,
  texts: readonly string[],
  options: EmbedOptions,
): Promise<Float32Array[]> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_EMBED_BATCH));
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    let embedded: Float32Array[] = [];
    const turn = requests.enqueue({}, { signal: options.signal }, async (backend, signal) => {
      if (!backend.embed || !backend.canEmbed?.()) throw cannotEmbed(backend);
      embedded = await backend.embed(batch, signal);
    });
    const result = await turn.result;
    if (result.finishReason === 'error') throw result.error;
    if (result.finishReason === 'abort') throw new LlmError('aborted', 'The operation was aborted.');
    vectors.push(...embedded);
    options.onProgress?.(vectors.length, texts.length);
  }
  return vectors;
}

/** Why a model cannot embed, and what to do. */
function cannotEmbed(backend: Backend): LlmError {
  const why =
    backend.kind === 'wllama-wasm' || backend.kind === 'wllama-webgpu'
      ? 'it was not loaded to embed (load it with `embeddings: true`)'
      : backend.kind === 'web-llm'
        ? 'this MLC build is not an embedding model'
        : `the ${backend.kind} backend cannot embed text`;
  return new LlmError('unsupported', `This model cannot embed text: ${why}.`);
}
