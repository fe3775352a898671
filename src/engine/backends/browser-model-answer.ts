// One answer of the browser model: streamed, ended at `max_tokens` (the Prompt API has no such
// limit), bounded by a time without new text, and its tokens counted.
import { estimateTokens } from '../prompting/context-window.js';
import { LlmError, abortError, isAbort } from '../core/errors.js';
import type { JsonSchema } from '../core/types.js';
import type { PromptMessage, PromptSession } from './browser-model-api.js';
import { capitalize, seconds } from './browser-model-errors.js';

export interface AnswerRequest {
  maxTokens: number | undefined;
  schema: JsonSchema | undefined;
  signal: AbortSignal;
  onDelta: (delta: string) => void;
  /** How long the answer may go without new text (the first included) before it fails. */
  stallMs: number;
  /** What messages call the model: "Chrome’s built-in model (Gemini Nano)". */
  name: string;
  /** Tokens of `text` as the model counts them, on a session that is never busy (the adapter's root). */
  count: (text: string) => Promise<number | undefined>;
  /** Tokens an empty prompt counts (the control tokens around a turn). */
  overhead: number;
  /** Whether a tool the browser called is still answering: the bound on a time without text waits for it. */
  waiting?: () => boolean;
}

export interface Answer {
  text: string;
  finishReason: 'stop' | 'length';
  /** Tokens the session held before the prompt, when the browser says. */
  history: number | undefined;
  promptTokens: number | undefined;
  completionTokens: number | undefined;
}

/** Streams one answer of `work` to `prompt`, ending it at `maxTokens`, and counts its tokens. */
export async function streamAnswer(
  work: PromptSession,
  prompt: string | PromptMessage[],
  request: AnswerRequest,
): Promise<Answer> {
  const { maxTokens, schema, signal, onDelta, stallMs } = request;
  const history = work.usage;
  const measured = await work.measure(prompt, signal, schema).catch((error: unknown) => {
    if (isAbort(error)) throw error;
    return undefined;
  });
  // Ends the stream early (max_tokens, no text for too long) as well as on the request's own abort.
  const controller = new AbortController();
  const streamSignal = AbortSignal.any([signal, controller.signal]);
  let text = '';
  let pieces = 0;
  let counting = false;
  let hitLength = false;
  let done = false;
  // Nothing waits without a bound: an answer that stops coming ends in an error (with Retry).
  let stalled: LlmError | null = null;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      if (request.waiting?.()) return arm();
      stalled = new LlmError('inference', `${capitalize(request.name)} gave no text for ${seconds(stallMs)} s. Retry`);
      controller.abort(stalled);
    }, stallMs);
  };
  arm();
  try {
    for await (const delta of work.stream(prompt, streamSignal, schema)) {
      if (hitLength) break;
      arm();
      text += delta;
      pieces++;
      onDelta(delta);
      // The API streams text, not tokens: when the answer may have reached max_tokens (a piece
      // is at least one token; the estimate errs high), the idle root session counts it exactly.
      if (maxTokens !== undefined && !counting && (pieces >= maxTokens || estimateTokens(text) >= maxTokens)) {
        counting = true;
        const counted = text;
        void request.count(counted).then((tokens) => {
          counting = false;
          if (tokens !== undefined && tokens >= maxTokens && !hitLength && !done) {
            hitLength = true;
            controller.abort();
          }
        });
      }
    }
  } catch (error) {
    if (stalled && !signal.aborted) throw stalled;
    if (!hitLength || signal.aborted) throw error;
  } finally {
    done = true;
    clearTimeout(watchdog);
  }
  if (signal.aborted) throw abortError(signal);
  const after = work.usage;
  const promptTokens = history === undefined && measured === undefined ? undefined : (history ?? 0) + (measured ?? 0);
  // What the session grew by, less the control tokens around the answer's turn.
  let completionTokens =
    !hitLength && after !== undefined && promptTokens !== undefined
      ? after - promptTokens - request.overhead
      : undefined;
  if (completionTokens === undefined || completionTokens < 0) completionTokens = await request.count(text);
  return { text, finishReason: hitLength ? 'length' : 'stop', history, promptTokens, completionTokens };
}
