import type { Backend } from '../backends/backend.js';
import { LlmError } from '../core/errors.js';
import type { ChatMessage, GenerationOptions } from '../core/types.js';

/** Why a request cannot continue its last message (`continueLast`), or null when it can or does not ask. */
export function continueLastProblem(
  input: { messages?: readonly ChatMessage[]; prompt?: string },
  options: GenerationOptions,
): string | null {
  if (!options.continueLast) return null;
  if (!input.messages) return 'continueLast is for chat(): a completion always continues its text.';
  if (input.messages.at(-1)?.role !== 'assistant') {
    return 'continueLast needs a conversation that ends with the assistant message to continue.';
  }
  return null;
}

/** The refusal of a backend that cannot continue an answer, before anything runs. */
export function cannotContinue(backend: Backend): LlmError | null {
  if (backend.canContinue?.()) return null;
  const why =
    backend.kind === 'web-llm'
      ? 'web-llm always starts a new assistant turn after the conversation'
      : backend.kind === 'browser-model'
        ? 'the browser’s Prompt API always starts a new answer'
        : 'it has no way to leave the last answer open';
  return new LlmError('unsupported', `The ${backend.kind} backend cannot continue an answer (continueLast): ${why}.`);
}
