import type { Backend } from '../backends/backend.js';
import type { Engine } from '../core/engine.js';
import type { StartModelRequest } from '../core/model-loader.js';
import type { ModelInfo } from '../core/types.js';
import { chooseModelStore } from '../storage/model-store.js';
import { shareKey, shareName } from './share-key.js';
import { TabBackend } from './tab-backend.js';
import { TabHost } from './tab-host.js';

type Started = { backend: Backend; model: ModelInfo };
type Start = (request: StartModelRequest) => Promise<Started>;

/** A Web Lock this tab holds until `release()`. */
interface Hold {
  release(): void;
}

/** What a follower's status says about where its model runs. */
export const FOLLOWER_REASON = 'Runs in another tab of this site, which holds the model for all of them';

/** Locks granted to a follower that takes over, kept for the load it then starts. */
const handedOver = new WeakMap<Engine, { key: string; hold: Hold }>();

/**
 * Starts `engine`'s model shared with the other tabs (and engines) of this origin that load the same
 * model with the same settings (`shareKey()`). The first to take the Web Lock named after the key
 * holds the engine: it loads the model as usual (`start`) and answers the others' requests (`TabHost`).
 * The others follow: their backend sends requests to the holder (`TabBackend`), and they wait on the
 * lock; when the holder lets it go (its tab closes or crashes, or it unloads), the next follower is
 * granted it and takes over: its requests in flight end with a retryable `engine-moved`, and it
 * loads the model itself (from this browser's store, where the holder put it).
 * Without Web Locks or BroadcastChannel, or where model files are not kept (private windows), the
 * engine loads its own model, and its selection says why.
 */
export async function startShared(engine: Engine, request: StartModelRequest, start: Start): Promise<Started> {
  const alone = await reasonNotToShare(request);
  if (alone) {
    return start({
      ...request,
      onSelection: (selection, fallback) =>
        request.onSelection(
          { ...selection, reason: `${selection.reason.replace(/\.$/, '')}; not shared with other tabs: ${alone}` },
          fallback,
        ),
    });
  }
  const key = shareKey(request.model, request.settings);
  const name = shareName(key);
  const kept = handedOver.get(engine);
  handedOver.delete(engine);
  if (kept && kept.key !== key) kept.hold.release();
  const hold = kept?.key === key ? kept.hold : await takeLock(name, { ifAvailable: true });
  if (hold) return holdEngine(engine, request, start, name, hold);
  return follow(engine, request, start, name, key);
}

/** Why this engine loads its own model, or null when it may share. */
async function reasonNotToShare(request: StartModelRequest): Promise<string | null> {
  if (typeof navigator.locks?.request !== 'function') return 'this browser has no Web Locks';
  if (typeof BroadcastChannel !== 'function') return 'this browser has no BroadcastChannel';
  if (request.model.urls.length === 0) return null;
  // A private window keeps no file for the next tab: the one taking over would download it all again.
  const { storage } = await chooseModelStore();
  return storage.persistent ? null : 'this window does not keep model files (private browsing)';
}

async function holdEngine(
  engine: Engine,
  request: StartModelRequest,
  start: Start,
  name: string,
  hold: Hold,
): Promise<Started> {
  const host = new TabHost(engine, name); // before the load, so followers hear its progress
  // A tab the browser freezes in the background answers no one: it hands the model to a follower
  // at once (its own unload finishes when it resumes; its elements load again when next needed).
  const onFreeze = () => {
    letGo();
    void engine.unload();
  };
  const letGo = () => {
    globalThis.document?.removeEventListener('freeze', onFreeze);
    host.close();
    hold.release();
  };
  globalThis.document?.addEventListener('freeze', onFreeze);
  let started: Started;
  try {
    started = await start(request);
  } catch (error) {
    letGo();
    throw error;
  }
  host.announce(started.model, started.backend);
  return { backend: onUnload(started.backend, letGo), model: started.model };
}

async function follow(
  engine: Engine,
  request: StartModelRequest,
  start: Start,
  name: string,
  key: string,
): Promise<Started> {
  const waiting = new AbortController(); // stops waiting for the lock when this engine lets go
  const granted = takeLock(name, { signal: waiting.signal });
  granted.catch(() => {});
  const backend = new TabBackend(name, () => waiting.abort());
  request.onSelection({ kind: 'another-tab', threads: 0, gpuLayers: 0, reason: FOLLOWER_REASON });
  const loaded = backend.load({
    urls: request.model.urls,
    contextSize: 0,
    threads: 0,
    gpuLayers: 0,
    stallTimeoutMs: request.settings.stallTimeoutMs,
    signal: request.signal,
    onProgress: request.onProgress,
  });
  loaded.catch(() => {});
  let first: { model: ModelInfo } | { hold: Hold | null };
  try {
    first = await Promise.race([loaded.then((model) => ({ model })), granted.then((hold) => ({ hold }))]);
  } catch (error) {
    await backend.unload();
    throw error;
  }
  if ('hold' in first) {
    // The holder went before answering (its load failed, or its tab closed): this tab holds it now.
    await backend.unload();
    if (!first.hold) throw new Error('unreachable: a lock requested without ifAvailable is granted');
    return holdEngine(engine, request, start, name, first.hold);
  }
  void granted.then(
    (hold) => hold && takeOver(engine, request, backend, key, hold),
    () => {},
  );
  return { backend, model: first.model };
}

/** This follower's lock is granted: the holder is gone. Its requests end, and it loads the model itself. */
function takeOver(engine: Engine, request: StartModelRequest, backend: TabBackend, key: string, hold: Hold): void {
  if (backend.isClosed) return hold.release(); // this engine let go of that model meanwhile
  backend.moved();
  handedOver.set(engine, { key, hold });
  // A turn later, once the engine's queue has seen its requests fail (not abort, as a new load would).
  setTimeout(() => {
    if (!backend.isClosed) return void engine.load(engine.source, request.settings).catch(() => {});
    handedOver.delete(engine); // unloaded meanwhile: nothing to take over
    hold.release();
  }, 0);
}

/** `backend`, with `letGo` run when it is unloaded. */
function onUnload(backend: Backend, letGo: () => void): Backend {
  return new Proxy(backend, {
    get(target, property) {
      if (property === 'unload') {
        return async () => {
          letGo();
          await target.unload();
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Requests a Web Lock: resolves with its hold once granted, or null when `ifAvailable` and taken. */
function takeLock(name: string, options: LockOptions): Promise<Hold | null> {
  return new Promise((resolve, reject) => {
    navigator.locks
      .request(name, options, (lock) => {
        if (!lock) return resolve(null);
        return new Promise<void>((release) => resolve({ release: () => release() }));
      })
      .catch(reject);
  });
}
