// Setup shared by the tests of <llm-chat> with tools, on real llama.cpp and the maker's tool-calling
// test model (preset 15m-tools-q8_0): it calls whenever it may, so `toolChoice: 'required'` with one
// round makes it call once, then answer (cut at `max-tokens="200"`: the call takes about 120 tokens).
import { fixture } from '@open-wc/testing';
import type { ChatMessage, GenerationOptions, LlmChat, LlmModel, Tool } from '../../src/index.js';
import { parts } from './chat.js';

export { weather } from './weather-tool.js';

export const TOOLS_MODEL = new URL('/models/random-stories15m-tools-q8_0-v3.gguf', location.href).href;

/** A chat of the tools model that must call one of `tools` once, then answers; `attrs` go on <llm-chat>. */
export async function toolChat(tools: Tool[], attrs = ''): Promise<LlmChat> {
  const model = await fixture<LlmModel>(
    `<llm-model src="${TOOLS_MODEL}"><llm-chat temperature="0" max-tokens="200" max-tool-rounds="1" ${attrs}></llm-chat></llm-model>`,
  );
  const chat = model.querySelector<LlmChat>('llm-chat')!;
  chat.tools = tools;
  chat.toolChoice = 'required';
  return chat;
}

/** The steps' summaries, without the time a call took (`done in 0.3 s` reads `done`: times vary). */
export const summaries = (chat: LlmChat) =>
  parts(chat, 'tool-summary').map((summary) => summary.textContent?.trim().replace(/ in \d+\.\d s$/, ''));

/** One request the chat made of its model's engine. */
export interface SentRequest {
  messages: readonly ChatMessage[];
  options: GenerationOptions;
}

/** Records every request made of `chat`'s engine from now on (the conversation and options it got). */
export function recordRequests(chat: LlmChat): SentRequest[] {
  const engine = (chat.closest('llm-model') as LlmModel).engine;
  const sent: SentRequest[] = [];
  const chatOf = engine.chat.bind(engine);
  engine.chat = (messages, options = {}) => (sent.push({ messages, options }), chatOf(messages, options));
  return sent;
}
