// A conversation in the OpenAI chat shape that llama.cpp's server (through wllama) and web-llm take:
// an assistant's tool calls with their arguments as JSON text, a tool's result tied to its call.
import type { ChatMessage } from '../core/types.js';
import type { ToolDefinition } from '../tools/tool-types.js';

export type OpenAiMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant';
      content: string;
      tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
    }
  | { role: 'tool'; content: string; tool_call_id: string };

/** `messages` as the OpenAI chat API writes them. */
export function toOpenAiMessages(messages: readonly ChatMessage[]): OpenAiMessage[] {
  return messages.map((message) => {
    if (message.role === 'tool') {
      return { role: 'tool', content: message.content, tool_call_id: message.toolCallId ?? '' };
    }
    if (message.role === 'assistant' && message.toolCalls?.length) {
      return {
        role: 'assistant',
        content: message.content,
        tool_calls: message.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: JSON.stringify(call.arguments) },
        })),
      };
    }
    return { role: message.role, content: message.content };
  });
}

/** Tool definitions as the OpenAI chat API takes them (`tools`). */
export function toOpenAiTools(tools: readonly ToolDefinition[]) {
  return tools.map((tool) => ({
    type: 'function' as const,
    function: {
      name: tool.name,
      ...(tool.description !== undefined && { description: tool.description }),
      // The engine refuses a definition whose parameters are not a schema object before this.
      parameters: typeof tool.parameters === 'object' ? tool.parameters : { type: 'object', properties: {} },
    },
  }));
}
