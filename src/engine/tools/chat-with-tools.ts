// `engine.chat()` with tools: the generation is returned at once, and the loop of rounds
// (tool-loop.ts) loads with the first request that has tools, so other pages never fetch it.
import { LlmError } from '../core/errors.js';
import { Generation } from '../core/generation.js';
import type { RequestQueue } from '../core/request-queue.js';
import type { ChatMessage, GenerationOptions } from '../core/types.js';

/** Runs a chat whose model may call `options.tools`: rounds of calls, then the answer, as one generation. */
export function chatWithTools(
  queue: RequestQueue,
  messages: readonly ChatMessage[],
  options: GenerationOptions,
): Generation {
  const controller = new AbortController();
  const generation = new Generation(controller);
  const { signal } = options;
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  import('./tool-loop.js')
    .then(({ runToolLoop }) => runToolLoop(queue, messages, options, generation, controller.signal))
    .catch((error: unknown) => {
      const llmError = LlmError.is(error) ? error : new LlmError('inference', String(error), { cause: error });
      generation.finish({ ...emptyStats(), finishReason: 'error', error: llmError });
    });
  return generation;
}

/** A result's figures before anything ran. */
export function emptyStats() {
  return {
    promptTokens: 0,
    completionTokens: 0,
    tokensPerSecond: 0,
    timeToFirstTokenMs: 0,
    durationMs: 0,
    droppedMessages: 0,
  };
}
