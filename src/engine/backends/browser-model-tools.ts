// The browser's model with tools: the Prompt API takes the tools when a session is created and runs
// the calls itself during an answer (each tool's `execute`); here `execute` hands each call to the
// engine (`answerToolCall`: checked, confirmed and run as on every backend) and gives the browser
// the text the engine answers with. One session per request: its tools are the request's.
import { LlmError } from '../core/errors.js';
import type { ChatMessage } from '../core/types.js';
import { callArguments, type ToolCall } from '../tools/tool-types.js';
import type { BackendGenerateRequest } from './backend.js';
import type { PromptApi, PromptCreateOptions, PromptSession } from './browser-model-api.js';
import { toPrompt } from './browser-model-request.js';

/** The session answering `request` (its tools attached), and what to prompt it with. */
export async function sessionWithTools(
  api: PromptApi,
  create: PromptCreateOptions,
  request: BackendGenerateRequest,
  onCall: { started(): void; ended(): void },
): Promise<{ session: PromptSession; prompt: ReturnType<typeof toPrompt> }> {
  const { input, options, tools = [], answerToolCall, signal } = request;
  if (input.kind !== 'chat' || !answerToolCall) {
    throw new LlmError('unsupported', 'The browser-model backend calls tools in a chat only.');
  }
  if (options.tool_choice !== undefined && options.tool_choice !== 'auto') {
    throw new LlmError(
      'unsupported',
      'The browser-model backend cannot require a tool call (tool_choice): the browser’s model decides itself whether to call one. Use auto.',
    );
  }
  // The browser keeps its own calls within an answer; earlier turns' calls go back as their words.
  const spoken = input.messages.filter(
    (message): message is ChatMessage & { role: 'system' | 'user' | 'assistant' } =>
      message.role !== 'tool' && !(message.role === 'assistant' && !message.content),
  );
  const lastUser = spoken.map((message) => message.role).lastIndexOf('user');
  const history = spoken.slice(0, Math.max(lastUser, 0));
  let calls = 0;
  const session = await api.create({
    ...create,
    ...(history.length && { initialPrompts: history.map(({ role, content }) => ({ role, content })) }),
    tools: tools.map((tool) => ({
      name: tool.name,
      description: tool.description ?? tool.name,
      inputSchema: typeof tool.parameters === 'object' ? tool.parameters : { type: 'object', properties: {} },
      execute: async (args: unknown) => {
        const call: ToolCall = {
          id: `call-${++calls}`,
          name: tool.name,
          arguments: callArguments(args),
        };
        onCall.started();
        try {
          return await answerToolCall(call);
        } finally {
          onCall.ended();
        }
      },
    })),
    signal,
  });
  return { session, prompt: toPrompt(spoken.slice(Math.max(lastUser, 0))) };
}
