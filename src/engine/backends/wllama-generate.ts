// One request to llama.cpp through wllama: a chat (the model's template applied by llama.cpp) or a
// raw completion, streamed; its stats, its refusals (a prompt too long for the context) and errors.
import {
  WllamaAbortError,
  WllamaError,
  type ChatCompletionChunk,
  type RawCompletionChunk,
  type Wllama,
} from '@wllama/wllama';
import { LlmError, abortError, isAbort } from '../core/errors.js';
import { tooLongError } from '../prompting/context-window.js';
import { messageOf } from '../storage/download-errors.js';
import type { BackendGenerateRequest, BackendGenerateResult } from './backend.js';

/** Whether wllama (or the fetch under it) was aborted; becomes our `LlmError('aborted')` here. */
export function isWllamaAbort(error: unknown): boolean {
  return error instanceof WllamaAbortError || isAbort(error);
}

/**
 * llama.cpp's refusal of a prompt longer than its context, which it counts with the model's own
 * tokenizer before generating anything: "request (290 tokens) exceeds the available context size
 * (256 tokens), try increasing it". wllama passes on only the text of llama-server's error.
 */
function contextRefusal(error: unknown): { tokens: number; contextSize: number } | null {
  const match = /request \((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/.exec(messageOf(error));
  return match ? { tokens: Number(match[1]), contextSize: Number(match[2]) } : null;
}

/** Runs `request` on the loaded model of `wllama`. */
export async function generateWithWllama(
  wllama: Wllama,
  request: BackendGenerateRequest,
): Promise<BackendGenerateResult> {
  const { options, input, onDelta, signal, schemaGrammar } = request;
  let finishReason: BackendGenerateResult['finishReason'] = 'stop';
  let promptTokens: number | undefined;
  let cachedPromptTokens: number | undefined;
  let completionTokens: number | undefined;
  let tokensPerSecond: number | undefined;
  const readStats = (chunk: ChatCompletionChunk | RawCompletionChunk) => {
    const reason = chunk.choices[0]?.finish_reason;
    if (reason === 'length') finishReason = 'length';
    // llama.cpp counts the tokens it processed (prompt_n) apart from those it reused (cache_n); the
    // prompt is both. usage.prompt_tokens is the processed part only.
    const processed = chunk.timings?.prompt_n;
    if (processed !== undefined) promptTokens = processed + (chunk.timings?.cache_n ?? 0);
    else promptTokens = chunk.usage?.prompt_tokens ?? promptTokens;
    completionTokens = chunk.usage?.completion_tokens ?? chunk.timings?.predicted_n ?? completionTokens;
    tokensPerSecond = chunk.timings?.predicted_per_second || tokensPerSecond;
    cachedPromptTokens = chunk.timings?.cache_n ?? cachedPromptTokens;
  };
  // Field names are llama-server's; wllama passes the request through as JSON.
  const sampling = {
    max_tokens: options.max_tokens,
    temperature: options.temperature,
    top_k: options.top_k,
    top_p: options.top_p,
    min_p: options.min_p,
    seed: options.seed,
    repeat_penalty: options.repeat_penalty,
    stop: options.stop?.length ? options.stop : undefined,
    // A GBNF grammar: the caller's, or the one the engine built from the schema. llama.cpp's own
    // schema converter is not used: it leaves decimal ranges and some keywords unenforced.
    grammar: options.grammar ?? schemaGrammar,
    abortSignal: signal,
    stream: true as const,
  };
  if (options.schema !== undefined && schemaGrammar === undefined) {
    throw new LlmError('invalid-request', 'A schema reached llama.cpp without the grammar that enforces it.');
  }
  try {
    if (input.kind === 'chat') {
      let thinking = false;
      await wllama.createChatCompletion({
        ...sampling,
        messages: input.messages,
        onData: (chunk: ChatCompletionChunk) => {
          const delta: ReasoningDelta | undefined = chunk.choices[0]?.delta;
          // llama.cpp parses a reasoning model's thinking out of the text (`reasoning_content`): it
          // goes back as `<think>…</think>`, the raw form every backend streams, which the engine splits.
          if (delta?.reasoning_content) {
            onDelta((thinking ? '' : '<think>') + delta.reasoning_content);
            thinking = true;
          }
          if (delta?.content) {
            onDelta((thinking ? '</think>' : '') + delta.content);
            thinking = false;
          }
          readStats(chunk);
        },
      });
    } else {
      await wllama.createCompletion({
        ...sampling,
        prompt: input.prompt,
        onData: (chunk: RawCompletionChunk) => {
          const delta = chunk.choices[0]?.text;
          if (delta) onDelta(delta);
          readStats(chunk);
        },
      });
    }
  } catch (error) {
    if (isWllamaAbort(error) || signal.aborted) throw abortError(signal);
    const refused = contextRefusal(error);
    if (refused) throw tooLongError(refused.tokens, refused.contextSize, { cause: error });
    const kind = error instanceof WllamaError ? error.type : 'unknown_error';
    const message =
      kind === 'kv_cache_full'
        ? 'The conversation no longer fits the context window.'
        : `Generation failed: ${messageOf(error)}`;
    throw new LlmError('inference', message, { cause: error });
  }
  return { finishReason, promptTokens, cachedPromptTokens, completionTokens, tokensPerSecond };
}

/** A chat delta as llama.cpp streams it: with a reasoning model's thinking apart (wllama's type lacks it). */
type ReasoningDelta = ChatCompletionChunk['choices'][number]['delta'] & { reasoning_content?: string | null };
