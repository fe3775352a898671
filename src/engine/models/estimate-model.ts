// What a page calls to show a model's memory before loading it ("needs 520 MiB"). The GGUF reader
// and the estimate load on first use, so a page that never asks does not fetch them.
import { DEFAULT_CONTEXT_SIZE } from '../core/engine.js';
import { LlmError } from '../core/errors.js';
import { resolveSource } from './model-source.js';
import type { MemoryEstimate, ModelSource } from '../core/types.js';

export interface EstimateModelOptions {
  /** Context window in tokens. Default 2048 (`DEFAULT_CONTEXT_SIZE`), as a load. */
  contextSize?: number;
  signal?: AbortSignal;
}

/**
 * The memory llama.cpp needs to run a GGUF model at a context size, from the model's header alone:
 * HTTP Range requests for its first bytes (the header; megabytes for a large vocabulary, never the
 * weights), then the estimate a load checks before downloading (see `MemoryEstimate`). Give every
 * part of a split model. Rejects with an `LlmError` when the header cannot be read (`network`,
 * `model-not-found`, `not-gguf`, `aborted`).
 */
export async function estimateModel(source: ModelSource, options: EstimateModelOptions = {}): Promise<MemoryEstimate> {
  const { urls } = resolveSource(source);
  if (urls.length === 0) throw new LlmError('model-not-found', 'No GGUF build of the model is given.');
  const [{ readGgufHeader }, { estimateModelMemory }] = await Promise.all([
    import('./read-gguf-header.js'),
    import('./memory-estimate.js'),
  ]);
  const headers = await Promise.all(urls.map((url) => readGgufHeader(url, { signal: options.signal })));
  return estimateModelMemory(headers, { contextSize: options.contextSize ?? DEFAULT_CONTEXT_SIZE });
}
