// Defining <llm-text> also defines <llm-model>, so the provider is there for it.
import '../llm-model/llm-model.js';
import { LlmText } from './llm-text.component.js';

export * from './llm-text.component.js';
export type { LlmTextStrings } from './llm-text.strings.js';
export default LlmText;

LlmText.define('llm-text');

declare global {
  interface HTMLElementTagNameMap {
    'llm-text': LlmText;
  }
}
