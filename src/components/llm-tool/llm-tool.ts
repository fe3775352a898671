// Not in the script-tag entry's eager imports: <llm-chat> loads it when it has an <llm-tool> child.
import { LlmTool } from './llm-tool.component.js';

export * from './llm-tool.component.js';
export type { FormParameters } from './form-schema.js';
export type { SubmittedForm } from './tool-answer.js';
export default LlmTool;

LlmTool.define('llm-tool');

declare global {
  interface HTMLElementTagNameMap {
    'llm-tool': LlmTool;
  }
}
