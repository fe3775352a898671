/** Every text `<llm-complete>` announces. Replace any of them through the `strings` property. */
export interface LlmCompleteStrings {
  /** Read as the field's description while a suggestion shows; `{suggestion}`. */
  suggestion: string;
  /** Accessible name of the generated text in prompt mode. */
  output: string;
  noProvider: string;
  /** Retry button after a failure. */
  retry: string;
}

export const defaultCompleteStrings: LlmCompleteStrings = {
  suggestion: 'Suggestion: {suggestion}. Press Tab to accept or Escape to dismiss.',
  output: 'Generated text',
  noProvider: 'This element needs an <llm-model> element around it.',
  retry: 'Retry',
};
