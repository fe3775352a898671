// Tools on web-llm: its function-calling builds (Hermes-2-Pro and Hermes-3; web-llm's own list is
// `functionCallingModelIds`) take OpenAI's `tools`; web-llm then writes its own system prompt (so
// the page's system prompt must travel in the first user message) and constrains the answer to a
// JSON array of calls: a round that offers tools always calls. So a round offers them only until the
// model has results for the question (or the engine says `none`): then it answers in words.
import { LlmError } from '../core/errors.js';
import { callArguments, type ToolCall } from '../tools/tool-types.js';
import type { BackendGenerateRequest } from './backend.js';
import { toOpenAiMessages, toOpenAiTools, type OpenAiMessage } from './openai-messages.js';

/** Whether web-llm calls tools with the build `modelId` (the ids it lists as function calling). */
export function webLlmCallsTools(modelId: string | null): boolean {
  return modelId !== null && /^(Hermes-2-Pro-|Hermes-3-)/.test(modelId);
}

/** A chat's messages for web-llm, with the tools this round offers (none: the model answers in words). */
export function webLlmChat(request: BackendGenerateRequest & { input: { kind: 'chat' } }): {
  messages: OpenAiMessage[];
  tools?: ReturnType<typeof toOpenAiTools>;
} {
  const { input, tools, options } = request;
  const messages = toOpenAiMessages(input.messages);
  if (!tools?.length) return { messages };
  if (options.schema !== undefined) {
    throw new LlmError('unsupported', 'The web-llm backend cannot use tools and a schema in one request.');
  }
  const choice = options.tool_choice ?? 'auto';
  const lastUser = messages.map((message) => message.role).lastIndexOf('user');
  const answered = messages.slice(lastUser + 1).some((message) => message.role === 'tool');
  if (choice === 'none' || (choice === 'auto' && answered)) return { messages };
  // web-llm refuses a system message beside its own: the page's goes first in the first user message.
  const system = messages.filter((message) => message.role === 'system').map((message) => message.content);
  const rest = messages.filter((message) => message.role !== 'system');
  const first = rest.findIndex((message) => message.role === 'user');
  const user = rest[first];
  if (system.length && user?.role === 'user')
    rest[first] = { ...user, content: [...system, user.content].join('\n\n') };
  return { messages: rest, tools: toOpenAiTools(tools) };
}

type StreamedCall = { index: number; function?: { name?: string; arguments?: string } };

/** The calls in web-llm's last chunk (`delta.tool_calls`), their arguments parsed. */
export function webLlmCalls(streamed: readonly StreamedCall[]): ToolCall[] {
  return streamed.map((call) => ({
    id: `call-${call.index}`,
    name: call.function?.name ?? '',
    arguments: callArguments(call.function?.arguments),
  }));
}
