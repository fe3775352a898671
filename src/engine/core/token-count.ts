// engine.countTokens(): how many tokens a text costs the loaded model, so a caller (a chat attaching
// a file) can tell whether it fits the context window before sending it, never cutting it.
import type { Backend } from '../backends/backend.js';
import { LlmError, throwIfAborted } from './errors.js';
import type { TokenCount } from './types.js';

export type { TokenCount } from './types.js';

/** Characters per token when a backend has no tokenizer to ask: English prose runs about 4. */
const CHARS_PER_TOKEN = 4;

/** A length-based guess: rounded up, so a text is never counted shorter than nothing. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/**
 * Counts `text` with `backend`'s tokenizer when it has one (llama.cpp, the browser's model), or
 * estimates it (web-llm exposes none). The count is the text's own tokens, without the
 * beginning-of-text token a whole prompt starts with. Rejects with `not-loaded` without a model.
 */
export async function countTokens(backend: Backend | null, text: string, signal?: AbortSignal): Promise<TokenCount> {
  throwIfAborted(signal);
  if (!backend) throw new LlmError('not-loaded', 'No model is loaded: load one before counting tokens.');
  if (text === '') return { tokens: 0, exact: true };
  const counted = await backend.countTokens?.(text, signal);
  throwIfAborted(signal);
  if (counted !== undefined && Number.isInteger(counted) && counted >= 0) return { tokens: counted, exact: true };
  return { tokens: estimateTokens(text), exact: false };
}
