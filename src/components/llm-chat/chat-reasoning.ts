import { format } from '../../base/format.js';
import type * as ViewModule from './chat-reasoning-view.js';
import type { Entry } from './chat-entry.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// <llm-chat>'s side of a reasoning model's thinking: the answer's reasoning is kept on its entry
// (never in its content, so never in `messages` nor in the history sent back), and shown in a
// section whose code (chat-reasoning-view.ts) loads with the first answer that has any.

/** How `<llm-chat>` shows a reasoning model's thinking: a collapsed section (default), open, or not at all. */
export type ReasoningDisplay = 'collapsed' | 'expanded' | 'hidden';

/** What the reasoning sections need of the chat. */
export interface ReasoningHost {
  display: ReasoningDisplay;
  strings: LlmChatStrings;
  /** Renders the chat again (the section's code has loaded, or a section is new). */
  update(): void;
  /** Says `words` politely (the chat's live region). */
  announce(words: string): void;
}

let view: typeof ViewModule | undefined;
let loading: Promise<void> | undefined;
/** When each streaming answer began to reason, for its duration until the engine's figure comes. */
const started = new WeakMap<Entry, number>();

/** Adds a piece of an answer's reasoning as it streams: to the entry, and to its section once it has one. */
export function addReasoning(entry: Entry, delta: string, host: ReasoningHost): void {
  if (!started.has(entry)) started.set(entry, performance.now());
  entry.reasoning = (entry.reasoning ?? '') + delta;
  if (entry.thinking) entry.thinking.append(delta);
  else host.update(); // the next update gives it its section
}

/**
 * The answer's reasoning has ended (its first answer text came, or the answer ended): the section
 * says how long it took, announced once (not per token). `ms` is the engine's figure, at the end.
 */
export function endReasoning(entry: Entry, host: ReasoningHost, ms?: number): void {
  const ended = entry.reasoningMs !== undefined;
  if (entry.reasoning === undefined || (ended && ms === undefined)) return;
  entry.reasoningMs = ms ?? Math.round(performance.now() - (started.get(entry) ?? performance.now()));
  entry.thinking?.finish(entry.reasoningMs);
  if (!ended && host.display !== 'hidden') host.announce(thoughtFor(entry.reasoningMs, host.strings));
}

/** "Thought for 4 s": the seconds an answer thought, at least 1. */
export function thoughtFor(ms: number, strings: LlmChatStrings): string {
  return format(strings.thought ?? 'Thought for {seconds} s', { seconds: Math.max(1, Math.round(ms / 1000)) });
}

/** Gives each entry with reasoning its section (after loading their code, then updating the chat). */
export function showReasoning(entries: readonly Entry[], host: ReasoningHost): void {
  const missing = entries.filter((entry) => entry.reasoning !== undefined && !entry.thinking);
  if (!missing.length) return;
  if (!view) {
    loading ??= import('./chat-reasoning-view.js').then((module) => {
      view = module;
      host.update();
    });
    return;
  }
  for (const entry of missing) entry.thinking = new view.ReasoningView(entry, host.strings, host.display);
}
