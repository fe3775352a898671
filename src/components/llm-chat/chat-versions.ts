import type { Conversation, Turn, Versions } from './chat-conversation.js';

// The operations on a conversation's versions and turns that only the messages' actions (and the
// chat's methods that do the same) use: loaded with them, not with the page.

/** Shows `version` (1-based) of the message at `index`; false when there is no such version. */
export function selectVersion<E extends Turn>(conversation: Conversation<E>, index: number, version: number): boolean {
  const parent = conversation.nodeAt(index)?.parent;
  if (!parent || version < 1 || version > parent.children.length) return false;
  parent.chosen = version - 1;
  conversation.refresh();
  return true;
}

/** Which version the message at `index` is, of how many. */
export function versionsAt<E extends Turn>(conversation: Conversation<E>, index: number): Versions {
  const parent = conversation.nodeAt(index)?.parent;
  return parent ? { version: parent.chosen + 1, count: parent.children.length } : { version: 0, count: 0 };
}

/** Where the turn with the message at `index` starts (its user message) and how many messages it has. */
export function turnAt<E extends Turn>(
  conversation: Conversation<E>,
  index: number,
): { start: number; count: number } | null {
  const path = conversation.path;
  const role = path[index]?.role;
  if (!role) return null;
  const start = role === 'assistant' && path[index - 1]?.role === 'user' ? index - 1 : index;
  const count = path[start]?.role === 'user' && path[start + 1]?.role === 'assistant' ? 2 : 1;
  return { start, count };
}

/**
 * Deletes the turn with the message at `index` (a user message and its answer). When the message
 * has other versions, this version goes with what followed it, and the one before shows; otherwise
 * the turns after it stay, in its place. Returns the turn deleted, or null.
 */
export function deleteTurn<E extends Turn>(
  conversation: Conversation<E>,
  index: number,
): { start: number; count: number } | null {
  const turn = turnAt(conversation, index);
  const first = turn && conversation.nodeAt(turn.start);
  const last = turn && conversation.nodeAt(turn.start + turn.count - 1);
  if (!turn || !first || !last) return null;
  const { parent } = first;
  const at = parent.children.indexOf(first);
  if (parent.children.length > 1) {
    parent.children.splice(at, 1);
    parent.chosen = Math.max(0, at - 1);
  } else {
    parent.children = last.children;
    parent.chosen = last.chosen;
    for (const child of parent.children) child.parent = parent;
  }
  conversation.refresh();
  return turn;
}
