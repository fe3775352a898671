// The engine without the functions a load reads the device and chooses a backend with
// (`detectCapabilities()`, `selectBackend()`, …): the engine imports those on demand, at its first
// load, so the script-tag entry (which exports this) stays small. index.ts adds them.
export { Engine, DEFAULT_CONTEXT_SIZE, DEFAULT_MAX_TOKENS } from './core/engine.js';
export { registerBackend } from './core/backend-registry.js';
export type { EngineOptions } from './core/engine.js';
export {
  EngineCacheEvent,
  EngineFallbackEvent,
  EngineProgressEvent,
  EngineResultEvent,
  EngineStatusEvent,
} from './core/engine-events.js';
export type { EngineEventMap } from './core/engine-events.js';
export { Generation } from './core/generation.js';
export type { GenerationPart, RunningToolStep } from './core/generation.js';
export type { Tool, ToolCall, ToolChoice, ToolContext, ToolDefinition, ToolStep } from './tools/tool-types.js';
export { LlmError, isAbort } from './core/errors.js';
export { resolveSource } from './models/model-source.js';
export type { ResolvedSource } from './models/model-source.js';
export type { LlmErrorCode } from './core/errors.js';
export type { BrowserModelCapability, Capabilities, DetectOptions, WebGpuCapabilities } from './device/capabilities.js';
export type { BackendSelection, ModelBuilds, SelectBackendInput, WasmBuild } from './device/select-backend.js';
export { formatFallbackPrompt, FALLBACK_STOP } from './prompting/chat-template.js';
export { StopSequenceMatcher } from './prompting/stop-sequences.js';
export type {
  Backend,
  BackendFactory,
  BackendGenerateRequest,
  BackendGenerateResult,
  BackendInput,
  BackendLoadRequest,
} from './backends/backend.js';
export type * from './core/types.js';
export { estimateTokens, fitToContext } from './prompting/context-window.js';
export type { FitResult } from './prompting/context-window.js';
export { CATALOG, catalogSpec, findCatalogEntry } from './models/catalog.js';
export type { CatalogEntry, CatalogShape } from './models/catalog.js';
export { estimateModel } from './models/estimate-model.js';
export type { EstimateModelOptions } from './models/estimate-model.js';
export {
  clearModelCache,
  deleteCachedModel,
  listCachedModels,
  modelCacheState,
  requestPersistentStorage,
  storagePersisted,
} from './storage/model-cache.js';
export type {
  CachedModel,
  DeleteCachedModelOptions,
  ListCachedModelsOptions,
  ModelCacheClearing,
  ModelCacheState,
  ModelCacheStore,
} from './storage/model-cache.js';
