// The engine layer: usable without any element, e.g. `new Engine({ source }).complete('Once upon a time')`.
export {
  Engine,
  EngineFallbackEvent,
  EngineProgressEvent,
  EngineResultEvent,
  EngineStatusEvent,
  DEFAULT_CONTEXT_SIZE,
  DEFAULT_MAX_TOKENS,
} from './engine.js';
export type { EngineEventMap, EngineOptions } from './engine.js';
export { Generation } from './generation.js';
export { LlmError, isAbort } from './errors.js';
export type { LlmErrorCode } from './errors.js';
export { detectCapabilities } from './capabilities.js';
export type { Capabilities, WebGpuCapabilities } from './capabilities.js';
export { selectBackend, chooseThreads } from './select-backend.js';
export type { BackendSelection, ModelBuilds, SelectBackendInput } from './select-backend.js';
export { formatFallbackPrompt, FALLBACK_STOP } from './chat-template.js';
export { StopSequenceMatcher } from './stop-sequences.js';
export type {
  Backend,
  BackendFactory,
  BackendGenerateRequest,
  BackendGenerateResult,
  BackendInput,
  BackendLoadRequest,
} from './backends/backend.js';
export type * from './types.js';
export { estimateTokens, fitToContext } from './context-window.js';
export type { FitResult } from './context-window.js';
export { CATALOG, catalogSpec, findCatalogEntry } from './catalog.js';
export type { CatalogEntry } from './catalog.js';
