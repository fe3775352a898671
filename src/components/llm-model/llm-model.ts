import { LlmModel } from './llm-model.component.js';

export * from './llm-model.component.js';
export default LlmModel;

LlmModel.define('llm-model');

declare global {
  interface HTMLElementTagNameMap {
    'llm-model': LlmModel;
  }
}
