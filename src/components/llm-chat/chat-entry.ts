import type { ChatMessage } from '../../engine/core/types.js';
import { isServer } from 'lit';
import { StreamingMarkdown } from '../../render/streaming-markdown.js';
import type { Role } from './chat-conversation.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

/** A message as the chat keeps it: its text, plus what rendering needs. */
export interface Entry {
  id: number;
  role: Role;
  content: string;
  /** Assistant messages render markdown; user messages render as plain text. */
  view?: StreamingMarkdown;
  stopped?: boolean;
  /** The answer ended at the length limit (`max-tokens`): it says so, and can be continued. */
  cutOff?: boolean;
}

let nextId = 1;

/** A new entry, without its view until it shows (versions that never show need none). */
export function createEntry(role: Role, content: string): Entry {
  return { id: nextId++, role, content };
}

/** `entry`, with its markdown view if it is an assistant's (not on the server: the view needs a DOM). */
export function withView(entry: Entry, strings: LlmChatStrings): Entry {
  if (entry.role === 'assistant' && !entry.view && !isServer) {
    const { copy, copied, copyCode } = strings;
    entry.view = new StreamingMarkdown({ copy, copied, copyLabel: copyCode });
    entry.view.set(entry.content);
  }
  return entry;
}

/** The system prompt and every turn before `entry`, as the model should see them. */
export function historyBefore(entries: readonly Entry[], entry: Entry, system: string): ChatMessage[] {
  const turns = entries.slice(0, entries.indexOf(entry));
  return [
    ...(system ? [{ role: 'system' as const, content: system }] : []),
    ...turns.map(({ role, content }) => ({ role, content })),
  ];
}

/**
 * The message before `entry`, too long for the model, goes back from the conversation to the empty
 * message `field`, so the visitor can shorten it; if they have typed something since, it stays put.
 * Returns the conversation without it (or as it was).
 */
export function takeBackTooLong(entries: Entry[], entry: Entry, field: HTMLTextAreaElement | null): Entry[] {
  const message = entries[entries.indexOf(entry) - 1];
  if (message?.role !== 'user' || !field || field.value.trim()) return entries;
  field.value = message.content;
  return entries.filter((e) => e !== message);
}
