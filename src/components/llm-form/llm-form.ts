// Defining <llm-form> also defines <llm-model>, so the provider is there for it.
import '../llm-model/llm-model.js';
import { LlmForm } from './llm-form.component.js';

export * from './llm-form.component.js';
export type { LlmFormStrings } from './llm-form.strings.js';
export default LlmForm;

LlmForm.define('llm-form');

declare global {
  interface HTMLElementTagNameMap {
    'llm-form': LlmForm;
  }
}
