import type { Backend, BackendFactory } from '../backends/backend.js';
import type { Capabilities } from '../device/capabilities.js';
import type { BackendSelection, SelectBackendInput } from '../device/select-backend.js';
import type { Engine } from './engine.js';
import type { ResolvedSource } from '../models/model-source.js';
import { LlmError, abortError } from './errors.js';
import { serverHost } from '../backends/remote/server-host.js';
import type { BackendKind, LoadOptions, ModelInfo } from './types.js';
import { DEFAULT_CONTEXT_SIZE } from './defaults.js';

/** A load's settings, without its signal and progress callback. */
export type LoadSettings = Omit<LoadOptions, 'signal' | 'onProgress'>;

export interface StartModelRequest {
  model: ResolvedSource;
  settings: LoadSettings;
  signal: AbortSignal;
  /** The backends that can run, read when one is chosen and when it starts. */
  backends: () => Partial<Record<BackendKind, BackendFactory>>;
  /** Replaces capability detection. */
  detectCapabilities?: () => Promise<Capabilities>;
  /**
   * This engine's CPU probe, once taken: later loads (a Retry) reuse its reading instead of spinning
   * every core again. The loader fills it on the first load that needs it.
   */
  cpuProbe: CpuProbe;
  /** The device's capabilities, once read (again when the CPU probe adds `freeCores`). */
  onCapabilities: (capabilities: Capabilities) => void;
  /** The backend chosen; with `fallback` when it replaces one that failed to start. */
  onSelection: (selection: BackendSelection, fallback?: { failed: BackendKind; cause: LlmError }) => void;
  onProgress: (loaded: number, total: number, fromCache?: boolean) => void;
  onEngineProgress: (loaded: number, total: number) => void;
  onStarting: () => void;
  /** The engine that shares this model with other tabs (sharing/engine-share.ts), if it does. */
  sharedBy?: Engine;
}

/** The reading of the CPU probe (`Capabilities.freeCores`), kept by the engine that took it. */
export interface CpuProbe {
  reading?: Promise<number | undefined>;
}

/**
 * Reads the device, chooses a backend for the model and loads the model into it; when the chosen
 * backend fails to start, falls back as `fallbackAfter()` says. Rejects with an `LlmError`.
 */
export async function startModel(request: StartModelRequest): Promise<{ backend: Backend; model: ModelInfo }> {
  // Shared with other tabs (`EngineOptions.share`): loaded only then, so other pages never fetch it.
  const { sharedBy, ...alone } = request;
  if (sharedBy) return (await import('../sharing/engine-share.js')).startShared(sharedBy, alone, startModel);
  const { model, settings, signal } = request;
  const { urls, mlc, browserModel } = model;
  // Loaded with the first model: a page that never loads one never fetches them.
  const [{ detectCapabilities }, { fallbackAfter, needsShaderF16, selectBackend }] = await Promise.all([
    import('../device/capabilities.js'),
    import('../device/select-backend.js'),
  ]);
  // A load that runs on WebAssembly whatever the GPU has does not wait for the GPU to answer.
  let capabilities = await (request.detectCapabilities?.() ??
    detectCapabilities({ webgpu: settings.backend !== 'wasm' }));
  // The browser's model is asked about only for a source that wants it (loaded on demand too).
  if (browserModel && capabilities.browserModel === undefined) {
    const { detectBrowserModel } = await import('../backends/browser-model-api.js');
    capabilities = { ...capabilities, browserModel: await detectBrowserModel(browserModel.languages) };
  }
  if (signal.aborted) throw abortError(signal);
  request.onCapabilities(capabilities);
  const choice = (): SelectBackendInput => ({
    capabilities,
    preference: settings.backend ?? 'auto',
    model: {
      gguf: urls.length > 0,
      browserModel: Boolean(browserModel),
      mlc: mlc && {
        requiresShaderF16: needsShaderF16(mlc),
        vramBytes: mlc.vramMB ? mlc.vramMB * 1024 * 1024 : undefined,
      },
    },
    available: Object.keys(request.backends()) as BackendKind[],
    threads: settings.threads,
  });
  /**
   * What `pick` selects, with threads from the CPU probe when it selects WebAssembly with automatic
   * threads: only then do the probe's 100–300 ms of spinning every core change anything.
   */
  const withProbe = async <T extends BackendSelection | null>(pick: () => T): Promise<T> => {
    const picked = pick();
    if (!picked || !needsProbe(picked, capabilities, settings.threads)) return picked;
    // A chunk that cannot be fetched leaves the thread rule as it is, like a probe that cannot run.
    const { hardwareConcurrency } = capabilities;
    request.cpuProbe.reading ??= import('../device/cpu-probe.js').then(
      (probe) => probe.probeFreeCores(hardwareConcurrency),
      () => undefined,
    );
    const freeCores = await request.cpuProbe.reading;
    if (signal.aborted) throw abortError(signal);
    if (freeCores === undefined) return picked;
    capabilities = { ...capabilities, freeCores };
    request.onCapabilities(capabilities);
    return pick();
  };
  const remote = model.remote;
  // A server alone: every request goes to it (nothing to choose on this device).
  let selection =
    remote && !urls.length && !mlc && !browserModel
      ? remoteSelection(
          `Answers come from ${serverHost(remote.url)}: the model runs on that server, not on this device.`,
        )
      : await withProbe(() => selectBackend(choice()));
  request.onSelection(selection);
  for (;;) {
    try {
      return await startBackend(selection, capabilities, request);
    } catch (error) {
      const cause = LlmError.is(error) ? error : new LlmError('backend-unavailable', String(error), { cause: error });
      const failed = selection;
      let next =
        signal.aborted || failed.kind === 'remote'
          ? null
          : await withProbe(() => fallbackAfter(failed, cause, choice()));
      // The device cannot run the model: its server takes over, and the page is told (never silently).
      if (!next && remote && failed.kind !== 'remote' && REMOTE_AFTER.has(cause.code)) {
        next = remoteSelection(
          `This device cannot run the model (${cause.message.replace(/\.$/, '')}): messages now go to ${serverHost(remote.url)}.`,
        );
      }
      if (!next) throw error;
      request.onSelection(next, { failed: selection.kind as BackendKind, cause });
      selection = next;
    }
  }
}

/** Failures after which a model's server (`ModelSpec.endpoint`) takes over: the device cannot run it. */
const REMOTE_AFTER = new Set<LlmError['code']>(['backend-unavailable', 'too-large', 'load-failed']);

function remoteSelection(reason: string): BackendSelection {
  return { kind: 'remote', threads: 0, gpuLayers: 0, reason };
}

/**
 * Whether the thread count waits on the CPU probe: WebAssembly, threads not set by the page, threads
 * possible at all, and no reading yet (a page's own `detectCapabilities` may bring one).
 */
function needsProbe(selection: BackendSelection, capabilities: Capabilities, threads: number | undefined): boolean {
  return (
    selection.kind === 'wllama-wasm' &&
    threads === undefined &&
    capabilities.freeCores === undefined &&
    capabilities.crossOriginIsolated &&
    capabilities.sharedArrayBuffer !== false &&
    capabilities.hardwareConcurrency >= 2
  );
}

/** Creates the selected backend and loads the model into it. */
async function startBackend(
  selection: BackendSelection,
  capabilities: Capabilities,
  { model, settings, signal, backends, onProgress, onEngineProgress, onStarting }: StartModelRequest,
): Promise<{ backend: Backend; model: ModelInfo }> {
  const factory = selection.kind ? backends()[selection.kind] : undefined;
  if (!selection.kind || !factory) throw new LlmError('backend-unavailable', selection.reason);
  if (signal.aborted) throw abortError(signal);
  let backend: Backend;
  try {
    backend = await factory();
  } catch (error) {
    throw new LlmError('backend-unavailable', `The ${selection.kind} backend failed to start: ${String(error)}`, {
      cause: error,
    });
  }
  const info = await backend.load({
    urls: model.urls,
    mlc: selection.kind === 'web-llm' ? model.mlc : undefined,
    browserModel: selection.kind === 'browser-model' ? (model.browserModel ?? {}) : undefined,
    contextSize: settings.contextSize ?? DEFAULT_CONTEXT_SIZE,
    threads: selection.threads,
    gpuLayers: selection.gpuLayers,
    wasmBuild: selection.wasmBuild,
    capabilities,
    stallTimeoutMs: settings.stallTimeoutMs,
    remote: selection.kind === 'remote' ? model.remote : undefined,
    embeddings: settings.embeddings ? { pooling: settings.pooling } : undefined,
    signal,
    onProgress,
    onEngineProgress,
    onStarting,
  });
  if (signal.aborted) {
    await backend.unload();
    throw abortError(signal);
  }
  return { backend, model: info };
}
