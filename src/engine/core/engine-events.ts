import type { LlmError } from './errors.js';
import type { ModelCacheState } from '../storage/model-cache.js';
import type { BackendKind, EngineStatus, GenerationResult, LoadProgress } from './types.js';

/** Fired when `status` changes. */
export class EngineStatusEvent extends Event {
  static readonly type = 'statuschange';
  constructor(
    readonly status: EngineStatus,
    readonly error: LlmError | null,
  ) {
    super(EngineStatusEvent.type);
  }
}

/** Fired as a model downloads and loads. */
export class EngineProgressEvent extends Event {
  static readonly type = 'progress';
  constructor(readonly progress: LoadProgress) {
    super(EngineProgressEvent.type);
  }
}

/** Fired when a request that ran on the model has ended, however it ended. */
export class EngineResultEvent extends Event {
  static readonly type = 'result';
  constructor(readonly result: GenerationResult) {
    super(EngineResultEvent.type);
  }
}

/** Fired when a WebGPU backend failed and the engine fell back to WebAssembly. */
export class EngineFallbackEvent extends Event {
  static readonly type = 'fallback';
  constructor(
    readonly from: BackendKind,
    readonly to: BackendKind,
    readonly error: LlmError,
  ) {
    super(EngineFallbackEvent.type);
  }
}

/**
 * Fired when what is known about the model's stored copy changes: `cache` (after a load, a removal,
 * or `checkCache()`), or `modelInfo.storage.persisted` (the browser's answer, after a load).
 */
export class EngineCacheEvent extends Event {
  static readonly type = 'cachechange';
  constructor(readonly cache: ModelCacheState | null) {
    super(EngineCacheEvent.type);
  }
}

export interface EngineEventMap {
  cachechange: EngineCacheEvent;
  fallback: EngineFallbackEvent;
  statuschange: EngineStatusEvent;
  progress: EngineProgressEvent;
  result: EngineResultEvent;
}
