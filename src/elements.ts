// Every element defined, and the classes and controllers pages build on: what both the package entry
// (index.ts) and the script-tag entry (cdn.ts) export, beside the engine.
import './components/llm-model/llm-model.js';
import './components/llm-chat/llm-chat.js';
import './components/llm-status/llm-status.js';
import './components/llm-text/llm-text.js';
import './components/llm-complete/llm-complete.js';
import './components/llm-form/llm-form.js';

export type * from './events/index.js';
export type { ModelHandle } from './context/model-context.js';
export type { ElementStatus } from './base/status.js';
export { modelContext } from './context/model-context.js';
export { LlmModel, type LoadMode } from './components/llm-model/llm-model.component.js';
export { LlmChat } from './components/llm-chat/llm-chat.component.js';
export type { LlmChatStrings } from './components/llm-chat/llm-chat.strings.js';
export { LlmStatus } from './components/llm-status/llm-status.component.js';
export type { LlmStatusStrings } from './components/llm-status/llm-status.strings.js';
export { LlmText } from './components/llm-text/llm-text.component.js';
export type { LlmTextStrings } from './components/llm-text/llm-text.strings.js';
export { LlmComplete } from './components/llm-complete/llm-complete.component.js';
export type { LlmCompleteStrings } from './components/llm-complete/llm-complete.strings.js';
export { LlmForm } from './components/llm-form/llm-form.component.js';
export type { LlmFormStrings } from './components/llm-form/llm-form.strings.js';
export { GenerationController } from './controllers/generation-controller.js';
export type {
  GenerationControllerOptions,
  GenerationPhase,
  GenerationRequest,
} from './controllers/generation-controller.js';
export { GeneratingElement, type GeneratingStrings, type SamplingOptions } from './base/generating-element.js';
export { ModelController } from './controllers/model-controller.js';
