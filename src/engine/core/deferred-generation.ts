import { LlmError } from './errors.js';
import { linkedGeneration, Generation } from './generation.js';
import { zeroStats } from './generation-stats.js';

/**
 * A generation whose request is made after async work (a search of the page's sources, say): the
 * caller has a `Generation` at once (Stop works from the start), `start` runs with its signal and
 * returns the real request, whose output and result pass through; or a text to answer with instead
 * (nothing found). A failure of `start` ends it with that error.
 */
export function deferredGeneration(
  signal: AbortSignal | undefined,
  start: (signal: AbortSignal) => Promise<Generation | { text: string }>,
): Generation {
  const [outer, linked] = linkedGeneration(signal);
  const stopped = () => outer.finish({ ...zeroStats(), finishReason: 'abort' });
  linked.addEventListener('abort', stopped, { once: true });
  void (async () => {
    try {
      const inner = await start(linked);
      if (outer.done) return void (inner instanceof Generation && inner.abort());
      linked.removeEventListener('abort', stopped);
      if (!(inner instanceof Generation)) {
        outer.push(inner.text);
        return void outer.finish({ ...zeroStats(), finishReason: 'stop' });
      }
      outer.droppedMessages = inner.droppedMessages;
      try {
        for await (const part of inner.parts()) {
          if (part.type === 'tool') outer.pushStep(part.step);
          else outer.push(part.text, part.type);
        }
      } catch {
        // its error is in its result, below
      }
      const { text: _text, ...result } = await inner.result;
      outer.droppedMessages = inner.droppedMessages;
      outer.finish({ ...result, droppedMessages: inner.droppedMessages });
    } catch (error) {
      if (linked.aborted) return stopped();
      const llmError = LlmError.is(error) ? error : new LlmError('inference', String(error), { cause: error });
      outer.finish({ ...zeroStats(), finishReason: 'error', error: llmError });
    }
  })();
  return outer;
}
