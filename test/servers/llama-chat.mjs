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
    const context = await model.createContext({ contextSize: 512, threads: 1 });
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

/** OpenAI messages → node-llama-cpp chat history ending with the model's (possibly started) answer. */
export function toHistory(messages) {
  const history = messages.map((message) => {
    const text = textOf(message.content);
    if (message.role === 'system' || message.role === 'developer') return { type: 'system', text };
    if (message.role === 'user') return { type: 'user', text };
    if (message.role === 'assistant') return { type: 'model', response: [text] };
    throw new Error(`unsupported message role: ${message.role}`);
  });
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
 * Returns { text, finishReason: 'stop' | 'length', aborted, promptTokens, completionTokens }.
 */
export async function generate({ messages, maxTokens, temperature, topP, seed, stop, schema, signal, onText }) {
  const state = await loadChat();
  const history = toHistory(messages);
  const grammar = schema ? await grammarFor(state, schema) : undefined;
  return serially(async () => {
    const { chat, model } = state;
    const promptTokens = chat.chatWrapper
      .generateContextState({ chatHistory: history })
      .contextText.tokenize(model.tokenizer).length;
    if (signal?.aborted) return { text: '', finishReason: 'stop', aborted: true, promptTokens, completionTokens: 0 };
    let completionTokens = 0;
    const result = await chat.generateResponse(history, {
      maxTokens,
      temperature,
      topP,
      seed,
      grammar,
      customStopTriggers: stop?.length ? stop : undefined,
      signal,
      stopOnAbortSignal: true,
      onToken: (tokens) => (completionTokens += tokens.length),
      onResponseChunk: (chunk) => {
        if (chunk.type === undefined && chunk.text) onText?.(chunk.text);
      },
    });
    const reason = result.metadata.stopReason;
    return {
      text: result.response,
      finishReason: reason === 'maxTokens' ? 'length' : 'stop',
      aborted: reason === 'abort' || Boolean(signal?.aborted),
      promptTokens,
      completionTokens,
    };
  });
}

async function grammarFor(state, schema) {
  const key = JSON.stringify(schema);
  if (!state.grammars.has(key)) state.grammars.set(key, state.llama.createGrammarForJsonSchema(schema));
  return state.grammars.get(key);
}
