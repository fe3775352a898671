// Loaded when a chat is first given `persist`: pages that save no conversation do not load it.
import { format } from '../../base/format.js';
import { LlmError } from '../../engine/core/errors.js';
import { isChatTurn, type Branch, type Conversation, type Turn } from './chat-conversation.js';
import type { LlmChatStrings } from './llm-chat.strings.js';
import { readSavedAttachments, type Attachment } from './chat-attachment-text.js';
import type { ChatMessage } from '../../engine/core/types.js';
import type { RunningToolStep } from '../../engine/core/generation.js';
import type { ToolCall, ToolStep } from '../../engine/tools/tool-types.js';
import type { Citation } from './chat-entry.js';

/**
 * A saved conversation's format; a change that old pages cannot read bumps it. 1: the messages shown,
 * `{role, content}[]`. 2: every version (see `SavedMessage`); a conversation without versions reads
 * as in 1, so a saved 1 is read as a 2. Fields added since (thinking, files, tools) are optional:
 * a page of an older version reads the conversation without them.
 */
const STORAGE_VERSION = 2;

/**
 * A message as saved (format 2): in depth-first order, each after its parent; `parent` is the index
 * of its parent message when that is not the message before it (-1: none, a first message);
 * `chosen` marks the shown version where that is not the last one. An answer keeps a reasoning
 * model's thinking (`reasoning`, and `reasoningMs`): shown again, never sent back (saves without them read);
 * and the calls of tools made for it (`toolSteps`, shown again) with the turns they added
 * (`toolMessages`, sent again before it, so the model still knows what its tools returned); and the
 * passages of the sources it was given (`citations`, listed under it again).
 */
export interface SavedMessage extends Turn, Thought {
  parent?: number;
  chosen?: true;
}

/** A reasoning model's thinking before an answer, and how long it took; the files sent with a message. */
interface Thought {
  reasoning?: string;
  reasoningMs?: number;
  /** The text files sent with a user message (`attach`), whole. */
  attachments?: readonly Attachment[];
  toolSteps?: ReadonlyArray<ToolStep | RunningToolStep>;
  toolMessages?: ChatMessage[];
  /** The passages of the sources an answer was given (`<llm-source>`), without their elements. */
  citations?: readonly Citation[];
}

/** The whole tree, every version, as saved (format 2). */
export function saveTree<E extends Turn & Thought>(conversation: Conversation<E>): SavedMessage[] {
  const saved: SavedMessage[] = [];
  // Depth-first without recursion: a conversation can be thousands of messages deep.
  const stack: { node: Branch<E> & { entry: E }; parent: number; chosen: boolean }[] = [];
  const push = (branch: Branch<E>, parent: number) => {
    const last = branch.children.length - 1;
    // Pushed last to first, so they are popped (and saved) first to last.
    for (let i = last; i >= 0; i--) {
      const node = branch.children[i];
      if (node) stack.push({ node, parent, chosen: i === branch.chosen && i !== last });
    }
  };
  push(conversation.root, -1);
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, parent, chosen } = item;
    const message: SavedMessage = { role: node.entry.role, content: node.entry.content };
    const { reasoning, reasoningMs } = node.entry;
    if (reasoning !== undefined) Object.assign(message, { reasoning, reasoningMs });
    if (node.entry.attachments) message.attachments = node.entry.attachments;
    // Calls still running when the page saved are left out: they never finished.
    const steps = node.entry.toolSteps?.filter((step) => step.status !== 'running' && step.status !== 'confirming');
    if (steps?.length) Object.assign(message, { toolSteps: steps, toolMessages: node.entry.toolMessages });
    // A passage's element is this page's: found again by its words when its link is followed.
    if (node.entry.citations?.length) message.citations = node.entry.citations.map(({ element: _, ...kept }) => kept);
    if (parent !== saved.length - 1) message.parent = parent;
    if (chosen) message.chosen = true;
    saved.push(message);
    push(node, saved.length - 1);
  }
  return saved;
}

/** Replaces `conversation` by a saved one (format 2, checked with `isSavedTree`). */
export function loadTree<E extends Turn & Thought>(
  conversation: Conversation<E>,
  saved: readonly SavedMessage[],
): void {
  const root: Branch<E> = { children: [], chosen: 0 };
  const branches: Branch<E>[] = [];
  const chosen = new Map<Branch<E>, number>();
  saved.forEach((message, i) => {
    const parentIndex = message.parent ?? i - 1;
    const parent = (parentIndex >= 0 && branches[parentIndex]) || root;
    const node = conversation.add(parent, message.role, message.content);
    if (typeof message.reasoning === 'string') {
      node.entry.reasoning = message.reasoning;
      node.entry.reasoningMs = typeof message.reasoningMs === 'number' ? message.reasoningMs : 0;
    }
    // Files are read back checked: what is in storage is the page's to change.
    const attachments = readSavedAttachments(message.attachments);
    if (attachments) node.entry.attachments = attachments;
    if (message.role === 'assistant' && isSavedSteps(message.toolSteps) && isSavedToolTurns(message.toolMessages)) {
      Object.assign(node.entry, { toolSteps: message.toolSteps, toolMessages: message.toolMessages });
    }
    if (message.role === 'assistant' && isSavedCitations(message.citations))
      node.entry.citations = [...message.citations];
    branches.push(node);
    if (message.chosen) chosen.set(parent, parent.children.length - 1);
  });
  for (const [branch, index] of chosen) branch.chosen = index;
  conversation.root = root;
  conversation.refresh();
}

/** Whether `value` is a saved conversation of format 2: messages, each after its parent. */
export function isSavedTree(value: unknown): value is SavedMessage[] {
  if (!Array.isArray(value)) return false;
  return value.every((m: unknown, i) => {
    if (typeof m !== 'object' || m === null) return false;
    const { role, content, parent, chosen } = m as Record<string, unknown>;
    return (
      (role === 'user' || role === 'assistant') &&
      typeof content === 'string' &&
      (parent === undefined || (Number.isInteger(parent) && (parent as number) >= -1 && (parent as number) < i)) &&
      (chosen === undefined || chosen === true)
    );
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function isSavedCall(value: unknown): value is ToolCall {
  return isObject(value) && typeof value.id === 'string' && typeof value.name === 'string' && isObject(value.arguments);
}

const ENDED = ['done', 'error', 'invalid', 'denied'];

/** Whether `value` is an answer's saved sources. */
function isSavedCitations(value: unknown): value is Citation[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (c: unknown) =>
        isObject(c) &&
        Number.isInteger(c.n) &&
        typeof c.text === 'string' &&
        typeof c.label === 'string' &&
        typeof c.href === 'string' &&
        typeof c.score === 'number' &&
        Array.isArray(c.headings) &&
        c.headings.every((heading) => typeof heading === 'string'),
    )
  );
}

/** Whether `value` is an answer's saved calls of tools (what is in storage is the page's to change). */
function isSavedSteps(value: unknown): value is ToolStep[] {
  return (
    Array.isArray(value) &&
    value.every(
      (step: unknown) =>
        isObject(step) &&
        isSavedCall(step.call) &&
        ENDED.includes(step.status as string) &&
        typeof step.ms === 'number' &&
        (step.error === undefined || typeof step.error === 'string'),
    )
  );
}

/** Whether `value` is the turns an answer's calls added: assistant messages with calls, tools' results. */
function isSavedToolTurns(value: unknown): value is ChatMessage[] {
  return (
    Array.isArray(value) &&
    value.every(
      (turn: unknown) =>
        isObject(turn) &&
        typeof turn.content === 'string' &&
        (turn.role === 'tool'
          ? typeof turn.toolCallId === 'string'
          : turn.role === 'assistant' && Array.isArray(turn.toolCalls) && turn.toolCalls.every(isSavedCall)),
    )
  );
}

/** The localStorage key of a chat's `persist` name. */
const keyOf = (name: string) => `llm-chat:${name}`;

/** Saves (or, when empty, forgets) a conversation. Throws what localStorage throws (quota, blocked). */
export function saveConversation(name: string, messages: readonly SavedMessage[]): void {
  if (messages.length === 0) localStorage.removeItem(keyOf(name));
  else localStorage.setItem(keyOf(name), JSON.stringify({ version: STORAGE_VERSION, messages }));
}

/** The saved conversation, or null when there is none. Throws when what is saved is not one. */
export function loadConversation(name: string): SavedMessage[] | null {
  const raw = localStorage.getItem(keyOf(name));
  if (!raw) return null;
  const data = JSON.parse(raw) as { version?: unknown; messages?: unknown };
  const { version, messages } = data;
  if (version === 1 && Array.isArray(messages) && messages.every(isChatTurn)) {
    return messages.map(({ role, content }) => ({ role, content }));
  }
  if (version !== STORAGE_VERSION || !isSavedTree(messages)) throw new Error('the saved data is not a conversation');
  return messages;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Saves a chat's conversation under `name`; returns the `storage` error to report, or null. */
export function saveChat(name: string, messages: readonly SavedMessage[], strings: LlmChatStrings): LlmError | null {
  try {
    saveConversation(name, messages);
    return null;
  } catch (error) {
    return new LlmError('storage', format(strings.storageError, { reason: reasonOf(error) }), { cause: error });
  }
}

/** A chat's saved conversation (null when there is none), or the notice saying why it could not be read. */
export function restoreChat(
  name: string,
  strings: LlmChatStrings,
): { messages: SavedMessage[] | null; notice: string } {
  try {
    return { messages: loadConversation(name), notice: '' };
  } catch (error) {
    return { messages: null, notice: format(strings.restoreError, { reason: reasonOf(error) }) };
  }
}
