import { LlmError } from '../core/errors.js';
import type { ChatMessage } from '../core/types.js';

/**
 * A cautious token estimate for text in any tokenizer. Backends do not expose a tokenizer before a
 * request, and small vocabularies spend a token on every 2–3 characters, so this errs high.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 2.5);
}

/** Tokens a chat template adds around each message (role markers, separators). */
const PER_MESSAGE_OVERHEAD = 8;

export interface FitResult {
  messages: ChatMessage[];
  /** How many messages were left out to fit. */
  dropped: number;
}

/**
 * Leaves out the oldest turns after the system prompt until the conversation, plus `reserve` tokens
 * for the answer, fits `contextSize`. System messages and the newest message are always kept.
 */
export function fitToContext(
  messages: readonly ChatMessage[],
  { contextSize, reserve }: { contextSize: number; reserve: number },
): FitResult {
  const cost = (message: ChatMessage) => estimateTokens(message.content) + PER_MESSAGE_OVERHEAD;
  const system = messages.filter((message) => message.role === 'system');
  const turns = messages.filter((message) => message.role !== 'system');
  const budget = contextSize - reserve - system.reduce((sum, message) => sum + cost(message), 0);
  let used = turns.reduce((sum, message) => sum + cost(message), 0);
  let start = 0;
  while (used > budget && start < turns.length - 1) {
    used -= cost(turns[start] as ChatMessage);
    start++;
  }
  // Never open on an assistant turn: it would answer a question the model can no longer see.
  while (start < turns.length - 1 && turns[start]?.role === 'assistant') start++;
  return { messages: [...system, ...turns.slice(start)], dropped: start };
}

/** What fitting leaves when nothing but the newest message fits: the system messages and that message. */
export function keepLastOnly(messages: readonly ChatMessage[]): FitResult {
  const turns = messages.filter((message) => message.role !== 'system');
  return {
    messages: [...messages.filter((message) => message.role === 'system'), ...turns.slice(-1)],
    dropped: Math.max(turns.length - 1, 0),
  };
}

/**
 * The error for input that cannot fit the context window even alone (after `fitToContext`, the last
 * message and the system prompt): how long it is by the model's own tokenizer, the window, and what
 * to do. Backends build it from their library's refusal, which counts before any token is generated.
 */
export function tooLongError(tokens: number, contextSize: number, options?: { cause?: unknown }): LlmError {
  return new LlmError(
    'too-long',
    `The text is too long for this model: it is about ${tokens.toLocaleString('en')} tokens, and the model reads at most ${contextSize.toLocaleString('en')} at once, its answer included. Shorten it.`,
    options,
  );
}
