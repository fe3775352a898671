import type { ChatMessage } from '../../engine/core/types.js';
import type { RunningToolStep } from '../../engine/core/generation.js';
import type { ToolCall, ToolStep } from '../../engine/tools/tool-types.js';
import type { StreamingMarkdown } from '../../render/streaming-markdown.js';
import type { Attachment } from './chat-attachment-text.js';
import type { Role } from './chat-conversation.js';
import type { ReasoningSection } from './chat-reasoning-view.js';

/** How `<llm-chat>` shows a reasoning model's thinking: a collapsed section (default), open, or not at all. */
export type ReasoningDisplay = 'collapsed' | 'expanded' | 'hidden';

/** A message as the chat keeps it: its text, plus what rendering needs. */
export interface Entry {
  id: number;
  role: Role;
  content: string;
  /** Assistant messages render markdown; user messages render as plain text. */
  view?: StreamingMarkdown;
  stopped?: boolean;
  /** A reasoning model's thinking before the answer (never in `content`, so never sent back), and how long it took. */
  reasoning?: string;
  reasoningMs?: number;
  /** Its section, once shown (chat-reasoning-view.ts). */
  thinking?: ReasoningSection;
  /** The answer ended at the length limit (`max-tokens`): it says so, and can be continued. */
  cutOff?: boolean;
  /** Text files sent with a user message (`attach`): shown as chips, read by the model with it. */
  attachments?: readonly Attachment[];
  /** The calls of tools made for this answer, in order, each as it now stands (chat-tool-steps.ts shows them). */
  toolSteps?: Array<ToolStep | RunningToolStep>;
  /** A call of a tool with `confirm` waiting for the visitor's Allow or Deny. */
  asking?: { call: ToolCall; answer(allowed: boolean): void };
  /** The turns the calls added before this answer (calls and results): sent again before it, not shown. */
  toolMessages?: ChatMessage[];
  /** The passages of the sources the answer was given (none found: empty), numbered as it cites them. */
  citations?: Citation[];
}

/** A passage of a source given to the model for an answer (`<llm-source>`), shown under it as source `n`. */
export interface Citation {
  n: number;
  text: string;
  headings: string[];
  /** The source's name (its `label`, or its page's title). */
  label: string;
  /** Where the passage is: `#id` or a URL with a text fragment. */
  href: string;
  /** Its cosine similarity to the question. */
  score: number;
  /** The passage's element in this page, to scroll to and highlight (none for another page). */
  element?: Element;
}

let nextId = 1;

/** A new entry, without its view until it shows (versions that never show need none). */
export function createEntry(role: Role, content: string): Entry {
  return { id: nextId++, role, content };
}
