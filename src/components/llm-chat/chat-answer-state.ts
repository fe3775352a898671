import type { ChatMessage } from '../../engine/core/types.js';
import type { Entry } from './chat-entry.js';

// How an answer stands: waiting for its first token (the typing indicator shows), ended early (with
// Continue), or to be continued. The templates (chat-answer-view.ts) load with the messages' view.

/** The answers whose state shows, and what Continue does. */
export interface AnswerStateView {
  /** The answer asked for, while none of it has come (the typing indicator shows in it). */
  waiting?: Entry | undefined;
  /** The answer Continue goes on with: the last, when it ended early and nothing streams. */
  continuable?: Entry | undefined;
  continue(): void;
}

/** The answer state of `entries` (the last is the one that can wait or be continued). */
export function answerState(
  entries: readonly Entry[],
  { waiting, idle }: { waiting: boolean; idle: boolean },
  onContinue: () => void,
): AnswerStateView {
  const last = entries.at(-1)?.role === 'assistant' ? entries.at(-1) : undefined;
  return {
    waiting: waiting ? last : undefined,
    continuable: idle && (last?.stopped || last?.cutOff) ? last : undefined,
    continue: onContinue,
  };
}

/**
 * The conversation that asks for `entry`, after the messages `before` it: an entry with text is
 * continued (the model goes on with it: `continueLast`), an empty one answered anew. The calls of
 * tools it made already go first, with their results: the model goes on from them.
 */
export function answerRequest(before: ChatMessage[], entry: Entry): { messages: ChatMessage[]; continueLast?: true } {
  const messages = [...before, ...(entry.toolMessages ?? [])];
  if (!entry.content) return { messages };
  return { messages: [...messages, { role: 'assistant', content: entry.content }], continueLast: true };
}
