import { format } from '../../base/format.js';
import { LlmError } from '../../engine/core/errors.js';
import type { ChatMessage } from '../../engine/core/types.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

/** A saved conversation's format; a change that old pages cannot read bumps it. */
const STORAGE_VERSION = 1;

/** A user or assistant turn (system prompts are the element's, not the conversation's). */
export type ChatTurn = ChatMessage & { role: 'user' | 'assistant' };

export function isChatTurn(value: unknown): value is ChatTurn {
  if (typeof value !== 'object' || value === null) return false;
  const { role, content } = value as Record<string, unknown>;
  return (role === 'user' || role === 'assistant') && typeof content === 'string';
}

/** The localStorage key of a chat's `persist` name. */
const keyOf = (name: string) => `llm-chat:${name}`;

/** Saves (or, when empty, forgets) a conversation. Throws what localStorage throws (quota, blocked). */
export function saveConversation(name: string, messages: readonly ChatMessage[]): void {
  if (messages.length === 0) localStorage.removeItem(keyOf(name));
  else localStorage.setItem(keyOf(name), JSON.stringify({ version: STORAGE_VERSION, messages }));
}

/** The saved conversation, or null when there is none. Throws when what is saved is not one. */
export function loadConversation(name: string): ChatTurn[] | null {
  const raw = localStorage.getItem(keyOf(name));
  if (!raw) return null;
  const data = JSON.parse(raw) as { version?: unknown; messages?: unknown };
  if (data.version !== STORAGE_VERSION || !Array.isArray(data.messages) || !data.messages.every(isChatTurn)) {
    throw new Error('the saved data is not a conversation');
  }
  return data.messages;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Saves a chat's conversation under `name`; returns the `storage` error to report, or null. */
export function saveChat(name: string, messages: readonly ChatMessage[], strings: LlmChatStrings): LlmError | null {
  try {
    saveConversation(name, messages);
    return null;
  } catch (error) {
    return new LlmError('storage', format(strings.storageError, { reason: reasonOf(error) }), { cause: error });
  }
}

/** A chat's saved conversation (null when there is none), or the notice saying why it could not be read. */
export function restoreChat(name: string, strings: LlmChatStrings): { messages: ChatTurn[] | null; notice: string } {
  try {
    return { messages: loadConversation(name), notice: '' };
  } catch (error) {
    return { messages: null, notice: format(strings.restoreError, { reason: reasonOf(error) }) };
  }
}
