import type { LlmTextStrings } from '../llm-text/llm-text.strings.js';

/** Every text `<llm-complete>` announces. Replace any of them through the `strings` property. */
export interface LlmCompleteStrings extends LlmTextStrings {
  /** Read as the field's description while a suggestion shows; `{suggestion}`. */
  suggestion: string;
}

export const defaultCompleteStrings: LlmCompleteStrings = {
  suggestion: 'Suggestion: {suggestion}. Press Tab to accept or Escape to dismiss.',
  output: 'Generated text',
  noProvider: 'This element needs an <llm-model> element around it.',
  retry: 'Retry',
};
