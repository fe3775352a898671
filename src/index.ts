// The package entry: defines every element. For one element only, import its module, e.g.
// `llm-elements/llm-chat`; for the classes without registering, the `.component.js` modules; for
// the engine alone, `llm-elements/engine`.
export * from './elements.js';
export * from './engine/index.js';
// Not in the script-tag entry either: <llm-chat> loads it when it has an <llm-tool> child.
export { LlmTool } from './components/llm-tool/llm-tool.js';
export type { FormParameters, SubmittedForm } from './components/llm-tool/llm-tool.js';
// Nor this: <llm-chat> loads it when it has an <llm-source>.
export { LlmSource, splitPassages, passageContext, textFragmentUrl } from './components/llm-source/llm-source.js';
export type { PagePassage, SourcePassage, SplitOptions } from './components/llm-source/llm-source.js';
export { EMBEDDING_CATALOG, findEmbeddingModel } from './engine/models/embedding-catalog.js';
export type { EmbeddingCatalogEntry } from './engine/models/embedding-catalog.js';
// Not in the script-tag entry: the chat and the text load it with their first message.
export { StreamingMarkdown } from './render/streaming-markdown.js';
