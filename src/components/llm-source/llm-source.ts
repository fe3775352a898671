// Not in the script-tag entry's eager imports: <llm-chat> loads it when it has an <llm-source>.
import { LlmSource } from './llm-source.component.js';

export * from './llm-source.component.js';
export type { PagePassage, SplitOptions } from './split-passages.js';
export { splitPassages, passageContext, textFragmentUrl } from './split-passages.js';
export default LlmSource;

LlmSource.define('llm-source');

declare global {
  interface HTMLElementTagNameMap {
    'llm-source': LlmSource;
  }
}
