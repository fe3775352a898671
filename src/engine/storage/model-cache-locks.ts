// The Web Locks that loads, downloads and removals of model files meet through, across the tabs of
// the origin: a load holds `llm-elements/model/<url>` (shared) while it downloads and reads the files,
// and the download itself holds `llm-elements/download/<url>` (model-download.ts); a removal
// (model-cache-stores.ts) takes both, exclusively, or does not remove.
import { abortError } from '../core/errors.js';
import { resolveSourceLeniently, type ResolvedSource } from '../models/model-source.js';
import type { ModelSource } from '../core/types.js';

/** The lock a load holds on a model's file (`<prefix><url>`) or MLC build (`<prefix>web-llm:<id>`). */
export const LOCK_PREFIX = 'llm-elements/model/';
/** The lock model-download.ts holds while it downloads a file (`downloadOnce`): `<prefix><url>`. */
export const DOWNLOAD_LOCK_PREFIX = 'llm-elements/download/';
/** The longest a load waits for a removal under way before it goes on without its lock. */
const LOAD_LOCK_WAIT_MS = 10_000;

/** The lock a load holds on a GGUF URL, or on an MLC build (`web-llm:<id>`). */
export function lockName(resource: string): string {
  return `${LOCK_PREFIX}${resource}`;
}

/** What a load holds of a model: its GGUF URLs and its MLC build (`web-llm:<id>`), in a stable order. */
export function resourcesOf(source: ResolvedSource): string[] {
  return [...new Set([...source.urls, ...(source.mlc ? [`web-llm:${source.mlc.id}`] : [])])].sort();
}

/** The page's Web Locks, or null where there are none. */
export function lockManager(): LockManager | null {
  return (globalThis.navigator as Navigator | undefined)?.locks ?? null;
}

/**
 * Holds the model's files for a load, from before it looks in the stores until it has read them:
 * a removal cannot take them meanwhile, and a removal under way finishes first (the wait is bounded,
 * after which the load goes on without the lock). Returns the release. Where the browser has no Web
 * Locks, nothing is held.
 */
export async function holdModelFiles(source: ModelSource, signal?: AbortSignal): Promise<() => void> {
  const locks = lockManager();
  if (!locks) return () => {};
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const limit = AbortSignal.timeout(LOAD_LOCK_WAIT_MS);
  const waiting =
    signal && typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, limit]) : (signal ?? limit);
  for (const resource of resourcesOf(resolveSourceLeniently(source))) {
    try {
      await new Promise<void>((granted, refused) => {
        locks
          .request(lockName(resource), { mode: 'shared', signal: waiting }, () => {
            granted();
            return released;
          })
          .catch(refused);
      });
    } catch {
      if (signal?.aborted) {
        release();
        throw abortError(signal);
      }
      // The wait ran out, or this page may not use locks: go on without this one.
    }
  }
  return release;
}
