/** Every text `<llm-form>` shows or announces. Replace any of them through the `strings` property. */
export interface LlmFormStrings {
  /** The button that fills the form. */
  fill: string;
  /** The same button while filling: it stops. */
  stop: string;
  /** The button that puts the form back as it was. */
  undo: string;
  /** Announced while the model reads the text. */
  filling: string;
  /** Announced after a fill; `{count}` fields changed. */
  filled: string;
  /** Announced after a fill of one field. */
  filledOne: string;
  /** Announced when the text gave nothing new for the form. */
  nothingFilled: string;
  /** Added when values did not fit their fields and were not written; `{fields}` are their labels. */
  skipped: string;
  /** Announced after Undo. */
  undone: string;
  /** Shown when there is no text to read. */
  noSource: string;
  /** Shown when there is no `<form>` inside. */
  noForm: string;
  noProvider: string;
  retry: string;
}

export const defaultFormStrings: LlmFormStrings = {
  fill: 'Fill the form',
  stop: 'Stop',
  undo: 'Undo',
  filling: 'Reading the text…',
  filled: 'Filled {count} fields. Check them before you submit.',
  filledOne: 'Filled 1 field. Check it before you submit.',
  nothingFilled: 'The text gave nothing to fill in.',
  skipped: 'Not filled, as the value found does not fit: {fields}.',
  undone: 'The form is back as it was.',
  noSource: 'Paste or type a text to fill the form from.',
  noForm: 'There is no form inside <llm-form>.',
  noProvider: 'This element needs an <llm-model> element around it.',
  retry: 'Retry',
};
