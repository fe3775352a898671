// <llm-chat>'s conversation as data: a tree of messages where an edited message or a regenerated
// answer is a new version beside the old one (a branch), and the path of chosen versions is what
// shows and what the model is sent. No DOM, no Lit.

export type Role = 'user' | 'assistant';

/** What the conversation needs of a message; the chat's entries carry more (their view). */
export interface Turn {
  role: Role;
  content: string;
}

/** The versions at one place in the conversation, and which one is chosen. */
export interface Branch<E> {
  children: Node<E>[];
  chosen: number;
}

export interface Node<E> extends Branch<E> {
  entry: E;
  parent: Branch<E>;
  /** The version chosen before this one was added: chosen again if this one is removed. */
  back?: number;
}

/** A user or assistant turn (system prompts are the element's, not the conversation's). */
export function isChatTurn(value: unknown): value is Turn {
  if (typeof value !== 'object' || value === null) return false;
  const { role, content } = value as Record<string, unknown>;
  return (role === 'user' || role === 'assistant') && typeof content === 'string';
}

/** Which version of its place a message is (1-based) and how many there are. */
export interface Versions {
  version: number;
  count: number;
}

export class Conversation<E extends Turn> {
  /** The first messages' versions (the tree's root; chat-storage.ts saves and loads it). */
  root: Branch<E> = { children: [], chosen: 0 };
  private readonly nodes = new WeakMap<E, Node<E>>();
  private active: Node<E>[] = [];
  private entries: E[] = [];
  private readonly create: (role: Role, content: string) => E;

  /** `create` makes a new message (an entry with what the view needs). */
  constructor(create: (role: Role, content: string) => E) {
    this.create = create;
  }

  /** The chosen versions from the first message to the last: what shows. */
  get path(): readonly E[] {
    return this.entries;
  }

  /** Replaces the conversation by `turns`, one version each. */
  reset(turns: readonly Turn[] = []): void {
    this.root = { children: [], chosen: 0 };
    let branch = this.root;
    for (const { role, content } of turns) branch = this.add(branch, role, content);
    this.refresh();
  }

  /** A new message after the last one shown. */
  append(role: Role, content: string): E {
    return this.addAt(this.active.at(-1) ?? this.root, role, content);
  }

  /** A new version of the message at `index` (an edited message; an empty answer to regenerate), chosen. */
  addVersion(index: number, content: string): E {
    const node = this.active[index];
    if (!node) throw new RangeError(`no message at ${index}`);
    return this.addAt(node.parent, node.entry.role, content);
  }

  /** The message shown at `index`, in the tree (for the versions' operations, chat-versions.ts). */
  nodeAt(index: number): Node<E> | undefined {
    return this.active[index];
  }

  /** The messages shown before `entry` (all of them, if it is not shown). */
  before(entry: E): readonly E[] {
    const at = this.entries.indexOf(entry);
    return at < 0 ? this.entries : this.entries.slice(0, at);
  }

  /**
   * Takes `entry` out (an answer that ended empty, a message too long for the model). What followed
   * it (a message sent while it streamed) takes its place; with nothing after it, the version chosen
   * before it shows again.
   */
  remove(entry: E): void {
    const node = this.nodes.get(entry);
    const parent = node?.parent;
    const at = node && parent ? parent.children.indexOf(node) : -1;
    if (!node || !parent || at < 0) return;
    this.nodes.delete(entry);
    parent.children.splice(at, 1, ...node.children);
    for (const child of node.children) child.parent = parent;
    const chosen = node.children.length ? at + node.chosen : (node.back ?? parent.chosen);
    parent.chosen = Math.min(chosen, Math.max(0, parent.children.length - 1));
    this.refresh();
  }

  /** A new version under `parent`, chosen (the path is not followed again: `refresh()`). */
  add(parent: Branch<E>, role: Role, content: string): Node<E> {
    const node: Node<E> = { entry: this.create(role, content), parent, children: [], chosen: 0 };
    this.nodes.set(node.entry, node);
    parent.children.push(node);
    parent.chosen = parent.children.length - 1;
    return node;
  }

  private addAt(parent: Branch<E>, role: Role, content: string): E {
    const back = parent.chosen;
    const node = this.add(parent, role, content);
    node.back = back;
    this.refresh();
    return node.entry;
  }

  private chosenOf(branch: Branch<E>): Node<E> | undefined {
    return branch.children[Math.min(branch.chosen, branch.children.length - 1)];
  }

  /** Follows the chosen versions from the start again (after a change to the tree). */
  refresh(): void {
    this.active = [];
    for (let node = this.chosenOf(this.root); node; node = this.chosenOf(node)) this.active.push(node);
    this.entries = this.active.map((node) => node.entry);
  }
}
