// What <llm-form> loads on its first fill: reading a form as a schema, and writing values back.
export { describeForm, extractionMessages } from './form-schema.js';
export type { DescribedForm, FormField } from './form-schema.js';
export { FILLED_ATTRIBUTE, fillFields, filledNames, restore, unmark } from './form-fill.js';
export type { FieldSnapshot } from './form-fill.js';
export { showFilled } from './filled-styles.js';
