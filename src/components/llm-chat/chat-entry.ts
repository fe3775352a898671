import type { StreamingMarkdown } from '../../render/streaming-markdown.js';
import type { Role } from './chat-conversation.js';

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
