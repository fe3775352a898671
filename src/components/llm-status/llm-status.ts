// Defining <llm-status> also defines <llm-model>, so the provider is there for it.
import '../llm-model/llm-model.js';
import { LlmStatus } from './llm-status.component.js';

export * from './llm-status.component.js';
export type { LlmStatusStrings } from './llm-status.strings.js';
export default LlmStatus;

LlmStatus.define('llm-status');

declare global {
  interface HTMLElementTagNameMap {
    'llm-status': LlmStatus;
  }
}
