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
import { callArguments, type ToolCall } from '../tools/tool-types.js';
import type { BackendGenerateRequest, BackendGenerateResult } from './backend.js';
import { toOpenAiMessages, toOpenAiTools } from './openai-messages.js';

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
  const { options, input, onDelta, signal, schemaGrammar, tools } = request;
  const calls = new ToolCallReader();
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
        messages: toOpenAiMessages(input.messages) as Parameters<Wllama['createChatCompletion']>[0]['messages'],
        // llama.cpp writes the tools into the prompt with the model's template, parses the calls in the
        // model's own format (Hermes, Llama 3.x, Mistral…), and constrains a required call by a grammar.
        ...(tools?.length && {
          // The schema's shape was checked by the engine; wllama's type names only its common keywords.
          tools: toOpenAiTools(tools) as unknown as Parameters<Wllama['createChatCompletion']>[0]['tools'],
          tool_choice: toolChoiceOf(options.tool_choice),
          parallel_tool_calls: true,
        }),
        onData: (chunk: ChatCompletionChunk) => {
          const delta: ReasoningDelta | undefined = chunk.choices[0]?.delta;
          if (delta?.tool_calls) calls.add(delta.tool_calls);
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
  const toolCalls = calls.read();
  return {
    finishReason,
    promptTokens,
    cachedPromptTokens,
    completionTokens,
    tokensPerSecond,
    ...(toolCalls.length > 0 && { toolCalls }),
  };
}

/** A chat delta as llama.cpp streams it: with a reasoning model's thinking apart (wllama's type lacks it). */
type ReasoningDelta = ChatCompletionChunk['choices'][number]['delta'] & { reasoning_content?: string | null };

/** `tool_choice` as llama.cpp's server takes it. */
function toolChoiceOf(choice: BackendGenerateRequest['options']['tool_choice']) {
  if (choice === undefined) return 'auto';
  return typeof choice === 'string' ? choice : { type: 'function' as const, function: { name: choice.name } };
}

type ToolCallDelta = NonNullable<NonNullable<ChatCompletionChunk['choices'][number]['delta']>['tool_calls']>[number];

/** Gathers streamed pieces of tool calls (by index: id and name first, arguments in pieces). */
class ToolCallReader {
  private readonly parts: Array<{ id: string; name: string; arguments: string }> = [];

  add(deltas: readonly ToolCallDelta[]): void {
    for (const delta of deltas) {
      const part = (this.parts[delta.index] ??= { id: '', name: '', arguments: '' });
      if (delta.id) part.id = delta.id;
      if (delta.function?.name) part.name += delta.function.name;
      if (delta.function?.arguments) part.arguments += delta.function.arguments;
    }
  }

  /** The calls, their arguments parsed (arguments that are not a JSON object are kept under `UNPARSED_ARGUMENTS`). */
  read(): ToolCall[] {
    return this.parts
      .filter((part) => part.name)
      .map((part, index) => ({
        id: part.id || `call-${index}`,
        name: part.name,
        arguments: callArguments(part.arguments),
      }));
  }
}
