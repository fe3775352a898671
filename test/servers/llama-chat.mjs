// Real llama.cpp (node-llama-cpp, installed on first use into .cache/native) answering chat messages
// on the test model stories260K with a ChatML template: the generation behind the OpenAI-compatible
// test server. One model per process, one sequence, requests served one at a time in arrival order.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadNodeLlamaCpp } from '../../scripts/bench/native.mjs';
import { CHATML_TEMPLATE } from '../../scripts/dev-server-plugins.mjs';
import { withStringMetadata } from '../../scripts/gguf.mjs';
import { CACHE_DIR, resolveTestModel } from '../../scripts/resolve-model.mjs';

/** stories260K has no chat template; the same weights with a ChatML one, written once into the cache. */
async function chatModelPath() {
  const target = join(CACHE_DIR, 'stories260K-chatml.gguf');
  if (existsSync(target)) return target;
  const bytes = withStringMetadata(await readFile(await resolveTestModel()), {
    'tokenizer.chat_template': CHATML_TEMPLATE,
  });
  const partial = `${target}.${process.pid}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, target);
  return target;
}

let loading;

/** Loads node-llama-cpp and the model once per process. */
export function loadChat() {
  loading ??= (async () => {
    const { getLlama, LlamaChat } = await loadNodeLlamaCpp();
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
    const model = await llama.loadModel({ modelPath: await chatModelPath() });
    const context = await model.createContext({ contextSize: 2048, threads: 1 });
    const chat = new LlamaChat({ contextSequence: context.getSequence() });
    return { llama, model, context, chat, grammars: new Map() };
  })();
  return loading;
}

/** Frees the model (the next loadChat() loads it again). */
export async function unloadChat() {
  if (!loading) return;
  const pending = loading;
  loading = undefined;
  const { context, model } = await pending;
  await context.dispose();
  await model.dispose();
}

/** OpenAI message content: a string, or parts of which the text ones count. */
function textOf(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part?.type === 'text' ? part.text : '')).join('');
  return '';
}

/** An assistant's tool calls, with the results the following `tool` messages gave, as node-llama-cpp calls. */
function functionCalls(message, results) {
  return (message.tool_calls ?? []).map((call) => ({
    type: 'functionCall',
    name: call.function.name,
    params: JSON.parse(call.function.arguments || '{}'),
    result: results.get(call.id) ?? '',
  }));
}

/** OpenAI messages → node-llama-cpp chat history ending with the model's (possibly started) answer. */
export function toHistory(messages) {
  const results = new Map(
    messages
      .filter((message) => message.role === 'tool')
      .map((message) => [message.tool_call_id, textOf(message.content)]),
  );
  const history = [];
  for (const message of messages) {
    const text = textOf(message.content);
    if (message.role === 'system' || message.role === 'developer') history.push({ type: 'system', text });
    else if (message.role === 'user') history.push({ type: 'user', text });
    else if (message.role === 'assistant') {
      const response = [...(text ? [text] : []), ...functionCalls(message, results)];
      // The model goes on after its calls' results within the same answer, as node-llama-cpp records it.
      const last = history.at(-1);
      if (last?.type === 'model' && last.response.at(-1)?.type === 'functionCall') last.response.push(...response);
      else history.push({ type: 'model', response });
    } else if (message.role !== 'tool') throw new Error(`unsupported message role: ${message.role}`);
  }
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}

let queue = Promise.resolve();

/** Runs `job` after every earlier one: a single sequence answers one request at a time. */
function serially(job) {
  const run = queue.then(job, job);
  queue = run.catch(() => {});
  return run;
}

/**
 * Generates an answer. `onText(text)` receives each piece as it is decoded (about one token each).
 * `tools`: node-llama-cpp functions ({ name: { description, params } }) the model may call;
 * `forcedTool`: the name of one it must call, its arguments constrained to its parameters' schema.
 * `onToolText(index, name, argumentsChunk)` receives a call's arguments as they come.
 * Returns { text, toolCalls: [{ name, arguments }], finishReason: 'stop' | 'length' | 'tool_calls',
 * aborted, promptTokens, completionTokens }.
 */
export async function generate(request) {
  const { messages, schema, tools, forcedTool, signal } = request;
  const state = await loadChat();
  const history = toHistory(messages);
  const forcedSchema = forcedTool ? (tools[forcedTool].params ?? { type: 'object', properties: {} }) : undefined;
  const grammar = schema || forcedSchema ? await grammarFor(state, schema ?? forcedSchema) : undefined;
  return serially(async () => {
    const { chat, model } = state;
    const promptTokens = chat.chatWrapper
      .generateContextState({ chatHistory: history, availableFunctions: forcedTool ? undefined : tools })
      .contextText.tokenize(model.tokenizer).length;
    const answer = { text: '', toolCalls: [], finishReason: 'stop', aborted: false, promptTokens, completionTokens: 0 };
    if (signal?.aborted) return { ...answer, aborted: true };
    const result = await chat.generateResponse(history, {
      maxTokens: request.maxTokens,
      temperature: request.temperature,
      topP: request.topP,
      seed: request.seed,
      customStopTriggers: request.stop?.length ? request.stop : undefined,
      signal,
      stopOnAbortSignal: true,
      onToken: (tokens) => (answer.completionTokens += tokens.length),
      onResponseChunk: (chunk) => {
        if (chunk.type !== undefined || !chunk.text) return;
        if (forcedTool) request.onToolText?.(0, forcedTool, chunk.text);
        else request.onText?.(chunk.text);
      },
      ...(grammar
        ? { grammar }
        : tools && {
            functions: tools,
            onFunctionCallParamsChunk: (chunk) =>
              request.onToolText?.(chunk.callIndex, chunk.functionName, chunk.paramsChunk),
          }),
    });
    const reason = result.metadata.stopReason;
    answer.aborted = reason === 'abort' || Boolean(signal?.aborted);
    answer.finishReason = reason === 'maxTokens' ? 'length' : 'stop';
    if (forcedTool) {
      // Cut short by max_tokens, the arguments are partial, as OpenAI's are ('length').
      answer.toolCalls = [{ name: forcedTool, arguments: result.response }];
      if (reason !== 'maxTokens') answer.finishReason = 'tool_calls';
    } else if (result.functionCalls?.length) {
      answer.toolCalls = result.functionCalls.map((call) => ({
        name: call.functionName,
        arguments: JSON.stringify(call.params ?? {}),
      }));
      answer.finishReason = 'tool_calls';
    }
    answer.text = forcedTool ? '' : result.response;
    return answer;
  });
}

async function grammarFor(state, schema) {
  const key = JSON.stringify(schema);
  if (!state.grammars.has(key)) state.grammars.set(key, state.llama.createGrammarForJsonSchema(schema));
  return state.grammars.get(key);
}
