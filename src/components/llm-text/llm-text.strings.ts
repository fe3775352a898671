/** Every text `<llm-text>` shows or announces. Replace any of them through the `strings` property. */
export interface LlmTextStrings {
  /** Accessible name of the generated text. */
  output: string;
  /** Shown when no `<llm-model>` is around the element. */
  noProvider: string;
  /** Retry button after a failure. */
  retry: string;
}

export const defaultTextStrings: LlmTextStrings = {
  output: 'Generated text',
  noProvider: 'This element needs an <llm-model> element around it.',
  retry: 'Retry',
};
