// Watching llama.cpp start in wllama's workers, where a failure can otherwise go unheard.
import type { WllamaLogger } from '@wllama/wllama';
import { abortError, type LlmError } from '../core/errors.js';
import { messageOf } from '../storage/download-errors.js';
import { assetError } from './wasm-asset.js';

/**
 * Watches llama.cpp's start: wllama reports a worker that failed (the wasm did not compile, the
 * worker script did not run) only to its logger, and its load promise then never settles. While
 * the watch runs, an error logged ends the load, unless the load itself fails by the next task: a
 * llama.cpp that started and then aborted on the model logs its stack and then rejects the load,
 * and that is the model's failure, not the engine file's. So do the caller's abort and a time limit.
 */
export function startWatch(wasmUrl: string, logger: WllamaLogger) {
  let watching = true;
  let fail: (error: LlmError) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});
  const watched: WllamaLogger = {
    ...logger,
    error: (...args: unknown[]) => {
      logger.error(...args);
      if (!watching) return;
      const error = assetError(wasmUrl, `could not be started: ${args.map(messageOf).join(' ')}`);
      // wllama rejects the load within this task's microtasks; a timer comes after them.
      setTimeout(() => fail(error), 0);
    },
  };
  const watch = {
    /** Whether the time limit ended the start (not an error, not an abort). */
    timedOut: false,
    logger: watched,
    /** Settles with `loading`, or rejects with an `LlmError` on a failed start, an abort or the time limit. */
    race<T>(loading: Promise<T>, signal: AbortSignal | undefined, limitMs: number): Promise<T> {
      const limit = setTimeout(() => {
        watch.timedOut = true;
        fail(assetError(wasmUrl, `did not start llama.cpp within ${Math.round(limitMs / 1000)} s`));
      }, limitMs);
      const onAbort = () => fail(abortError(signal));
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      return Promise.race([loading, failed]).finally(() => {
        clearTimeout(limit);
        signal?.removeEventListener('abort', onAbort);
      });
    },
    stop(): void {
      watching = false;
    },
  };
  return watch;
}
