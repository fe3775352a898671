// The package entry: defines every element (also the script-tag entry). For one element only,
// import its module, e.g. `llm-elements/llm-chat`; for the classes without registering, the
// `.component.js` modules; for the engine alone, `llm-elements/engine`.
import './components/llm-model/llm-model.js';
import './components/llm-chat/llm-chat.js';
import './components/llm-status/llm-status.js';
import './components/llm-complete/llm-complete.js';

export * from './engine/index.js';
export type * from './events/index.js';
export type { ModelHandle } from './context/model-context.js';
export type { ElementStatus } from './base/status.js';
export { modelContext } from './context/model-context.js';
export { LlmModel, type LoadMode } from './components/llm-model/llm-model.component.js';
export { LlmChat } from './components/llm-chat/llm-chat.component.js';
export type { LlmChatStrings } from './components/llm-chat/llm-chat.strings.js';
export { LlmStatus } from './components/llm-status/llm-status.component.js';
export type { LlmStatusStrings } from './components/llm-status/llm-status.strings.js';
export { LlmComplete } from './components/llm-complete/llm-complete.component.js';
export type { LlmCompleteStrings } from './components/llm-complete/llm-complete.strings.js';
export { StreamingMarkdown } from './render/streaming-markdown.js';
export { GenerationController } from './controllers/generation-controller.js';
export type {
  GenerationControllerOptions,
  GenerationRenderer,
  GenerationRequest,
  GenerationStatus,
} from './controllers/generation-controller.js';
export { ModelController } from './controllers/model-controller.js';
