// Defining <llm-complete> also defines <llm-model>, so the provider is there for it.
import '../llm-model/llm-model.js';
import { LlmComplete } from './llm-complete.component.js';

export * from './llm-complete.component.js';
export type { LlmCompleteStrings } from './llm-complete.strings.js';
export default LlmComplete;

LlmComplete.define('llm-complete');

declare global {
  interface HTMLElementTagNameMap {
    'llm-complete': LlmComplete;
  }
}
