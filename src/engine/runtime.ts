// The engine without the functions a load reads the device and chooses a backend with
// (`detectCapabilities()`, `selectBackend()`, …): the engine imports those on demand, at its first
// load, so the script-tag entry (which exports this) stays small. index.ts adds them.
export { Engine, DEFAULT_CONTEXT_SIZE, DEFAULT_MAX_TOKENS } from './engine.js';
export { registerBackend } from './backend-registry.js';
export type { EngineOptions } from './engine.js';
export {
  EngineCacheEvent,
  EngineFallbackEvent,
  EngineProgressEvent,
  EngineResultEvent,
  EngineStatusEvent,
} from './engine-events.js';
export type { EngineEventMap } from './engine-events.js';
export { Generation } from './generation.js';
export { LlmError, isAbort } from './errors.js';
export { resolveSource } from './model-source.js';
export type { ResolvedSource } from './model-source.js';
export type { LlmErrorCode } from './errors.js';
export type { BuiltInModelCapability, Capabilities, DetectOptions, WebGpuCapabilities } from './capabilities.js';
export type { BackendSelection, ModelBuilds, SelectBackendInput, WasmBuild } from './select-backend.js';
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
export type { CatalogEntry, CatalogShape } from './catalog.js';
export { estimateModel } from './estimate-model.js';
export type { EstimateModelOptions } from './estimate-model.js';
export {
  clearModelCache,
  deleteCachedModel,
  listCachedModels,
  modelCacheState,
  requestPersistentStorage,
  storagePersisted,
} from './model-cache.js';
export type {
  CachedModel,
  DeleteCachedModelOptions,
  ListCachedModelsOptions,
  ModelCacheClearing,
  ModelCacheState,
  ModelCacheStore,
} from './model-cache.js';
