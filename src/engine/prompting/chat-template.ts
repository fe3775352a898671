import type { ChatMessage } from '../core/types.js';

/**
 * The prompt used for models whose GGUF carries no chat template (base models such as stories260K).
 * Models with a template are formatted by their backend with that template instead.
 *
 * The fallback writes the conversation as a plain transcript that any text model continues naturally:
 *
 * ```text
 * {system prompt}
 *
 * User: {first user message}
 * Assistant: {first answer}
 * User: {next user message}
 * Assistant:
 * ```
 *
 * and stops when the model starts the next "User:" turn (`FALLBACK_STOP`). With `continueLast`, a
 * last assistant message is left open (`Assistant: {its text}`, nothing after it) for the model to go on.
 */
export function formatFallbackPrompt(
  messages: readonly ChatMessage[],
  { continueLast = false }: { continueLast?: boolean } = {},
): string {
  const system = messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content.trim())
    .filter(Boolean)
    .join('\n');
  const messagesOfTurns = messages.filter((message) => message.role !== 'system');
  // An answer being continued stays open: its text as written, unended, where the model goes on.
  const open = continueLast && messagesOfTurns.at(-1)?.role === 'assistant' ? messagesOfTurns.pop() : undefined;
  const turns = messagesOfTurns.map(
    (message) => `${message.role === 'user' ? 'User' : 'Assistant'}: ${message.content.trim()}`,
  );
  const last = open ? `Assistant: ${open.content.trimStart()}` : 'Assistant:';
  return `${system ? `${system}\n\n` : ''}${[...turns, last].join('\n')}`;
}

/** Where a fallback-formatted answer ends: the model beginning the next turn. */
export const FALLBACK_STOP: readonly string[] = ['\nUser:', '\nAssistant:'];
