import { isServer, nothing, type LitElement } from 'lit';
import type { ChatMessage } from '../../engine/core/types.js';
import type * as AnswerView from './chat-answer-view.js';
import type { Entry } from './chat-entry.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// What the chat shows of an answer's state: the typing indicator before its first token, how it
// ended when it ended early (with Continue), and the way back to the latest message. Their templates
// and styles (chat-answer-view.ts) load with the chat's first message, outside the script-tag entry.

/** The answers whose state shows, and what Continue does. */
export interface AnswerStateView {
  /** The chat, updated once the view has loaded. */
  host: LitElement;
  /** The answer asked for, while none of it has come (the typing indicator shows in it). */
  waiting?: Entry | undefined;
  /** The answer Continue goes on with: the last, when it ended early and nothing streams. */
  continuable?: Entry | undefined;
  continue(): void;
}

let view: typeof AnswerView | undefined;

/** The answer state of `entries` (the last is the one that can wait or be continued); loads the view with the first. */
export function answerState(
  host: LitElement,
  entries: readonly Entry[],
  { waiting, idle }: { waiting: boolean; idle: boolean },
  onContinue: () => void,
): AnswerStateView {
  if (!view && entries.length && !isServer) {
    void import('./chat-answer-view.js').then((module) => ((view = module), host.requestUpdate()));
  }
  const last = entries.at(-1)?.role === 'assistant' ? entries.at(-1) : undefined;
  return {
    host,
    waiting: waiting ? last : undefined,
    continuable: idle && (last?.stopped || last?.cutOff) ? last : undefined,
    continue: onContinue,
  };
}

/**
 * The conversation that asks for `entry`, after the messages `before` it: an entry with text is
 * continued (the model goes on with it: `continueLast`), an empty one answered anew.
 */
export function answerRequest(before: ChatMessage[], entry: Entry): { messages: ChatMessage[]; continueLast?: true } {
  if (!entry.content) return { messages: before };
  return { messages: [...before, { role: 'assistant', content: entry.content }], continueLast: true };
}

/** Below an answer: three dots before its first token, or how it ended early, with Continue on the last. */
export function renderAnswerState(entry: Entry, state: AnswerStateView | undefined, t: LlmChatStrings) {
  return view && state ? view.renderAnswerState(entry, state, t) : nothing;
}

/**
 * "Jump to latest", while the visitor reads further up. Rendered after the messages, it also gives
 * the chat the view's styles, again if a stylesheet adopted since (the messages' actions) replaced them.
 */
export function renderJump(host: LitElement, show: boolean, jump: () => void, t: LlmChatStrings) {
  if (!view) return nothing;
  view.adoptAnswerStyles(host);
  return view.renderJump(show, jump, t);
}
