// The download of a model file into wllama's cache (the model store, model-store.ts): once per file
// however many engines want it, on this page or in other tabs, resumed where an earlier one stopped,
// given up when no data comes. The wllama adapter (backends/wllama.ts) hands in its cache.
import type { CacheManager } from '@wllama/wllama';
import { LlmError, abortError } from '../core/errors.js';
import { DOWNLOAD_LOCK_PREFIX } from './model-cache-locks.js';
import { InPlaceWriter, findPartial } from './partial-download.js';
import { FileChangedError, fetchResuming } from './resuming-fetch.js';
import { fileName } from '../models/model-source.js';
import { MAX_FILE_BYTES, messageOf, tooLargeFile } from './download-errors.js';

/** The part of wllama's cache (its CacheManager) that downloads and reads model files. */
export type ModelFileCache = Pick<
  CacheManager,
  'getNameFromURL' | 'getSize' | 'getMetadata' | 'write' | 'open' | 'delete'
>;

/** A download in progress, shared by every engine on the page that wants the same file. */
interface SharedDownload {
  promise: Promise<void>;
  listeners: Set<(loaded: number) => void>;
  controller: AbortController;
  waiters: number;
}

const downloads = new Map<string, SharedDownload>();

/** Runs `task` holding a lock named `name` across every tab of the origin, where Web Locks exist. */
async function withLock(name: string, signal: AbortSignal, task: () => Promise<void>): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) await locks.request(name, { signal }, task);
  else await task();
}

/**
 * Downloads a file into the model cache once, however many engines (on this page or in other tabs)
 * want it at the same time: the cache (OPFS) allows one writer per file. Later callers wait for the
 * first download and share its progress; it is aborted only when every caller has aborted.
 */
export async function downloadOnce(
  cache: ModelFileCache,
  url: string,
  signal: AbortSignal | undefined,
  onBytes: (loaded: number) => void,
  stallMs: number,
  inPlace: boolean,
): Promise<void> {
  let shared = downloads.get(url);
  if (!shared) {
    const controller = new AbortController();
    const listeners = new Set<(loaded: number) => void>();
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    // No data for `stallMs` (the server hangs before or during the body): give up with an error.
    const armWatchdog = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        const seconds = Math.round(stallMs / 1000);
        controller.abort(
          new LlmError(
            'network',
            `The download of ${fileName(url)} stalled: no data for ${seconds} s. Check the connection, then retry.`,
          ),
        );
      }, stallMs);
    };
    const promise = withLock(`${DOWNLOAD_LOCK_PREFIX}${url}`, controller.signal, async () => {
      if ((await completeCachedSize(cache, url)) !== undefined) return; // another tab finished it
      armWatchdog();
      const name = await cache.getNameFromURL(url);
      // A part stored by an earlier page (or load) is kept, and only the rest is asked for.
      const partial = inPlace ? await findPartial(cache, name, url) : null;
      // An earlier part is kept through a failure of the connection, not through a changed file.
      let keepPartial = partial !== null;
      try {
        // Our own GET, not wllama's download(): a dropped connection resumes where it stopped.
        const response = await fetchResuming(url, {
          signal: controller.signal,
          onResume: armWatchdog,
          from: partial ? { offset: partial.received, total: partial.total, validator: partial.validator } : undefined,
        });
        // The GET's own length counts too (a HEAD may have said nothing).
        if (response.total > MAX_FILE_BYTES) {
          await response.body.cancel();
          throw tooLargeFile(url, response.total);
        }
        let loaded = response.offset;
        const metadata = { originalURL: url, originalSize: response.total, etag: response.etag };
        const count = (bytes: number) => {
          loaded += bytes;
          armWatchdog();
          listeners.forEach((listener) => listener(loaded));
        };
        if (inPlace && response.total && response.validator) {
          // Written in place: what arrives stays stored if the page closes, and resumes next time.
          const writer = await InPlaceWriter.open(name, response.offset, {
            ...metadata,
            validator: response.validator,
          });
          keepPartial = true;
          try {
            const reader = response.body.getReader();
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              // Counted once stored: progress then tells what a page closed now leaves to resume.
              const bytes = value.byteLength; // write() hands the buffer to the writer's worker
              await writer.write(value);
              count(bytes);
            }
          } catch (error) {
            await writer.close().catch(() => {});
            throw error;
          }
          await writer.finish(metadata);
          return;
        }
        const counted = response.body.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, stream) {
              count(chunk.byteLength);
              stream.enqueue(chunk);
            },
            flush() {
              // Without Content-Length the size is known once the body has ended.
              metadata.originalSize ||= loaded;
            },
          }),
        );
        // wllama's store, then its metadata: only a complete file gets metadata naming its URL.
        await cache.write(name, counted, metadata);
      } catch (error) {
        const reason: unknown = controller.signal.reason;
        const failure = LlmError.is(reason) && reason.code !== 'aborted' ? reason : error;
        // A partial file is never taken for the model (its size is not the metadata's); it is kept
        // to be resumed unless it cannot be (no room, or another file).
        const storageFull = failure instanceof Error && failure.name === 'QuotaExceededError';
        const otherFile = error instanceof FileChangedError || /HTTP \d{3}/.test(messageOf(error));
        if (!keepPartial || storageFull || otherFile) await cache.delete(url).catch(() => {});
        throw failure;
      } finally {
        clearTimeout(watchdog);
      }
    }).finally(() => {
      if (downloads.get(url) === shared) downloads.delete(url);
    });
    shared = { promise, listeners, controller, waiters: 0 };
    downloads.set(url, shared);
  }
  const download = shared;
  download.waiters++;
  download.listeners.add(onBytes);
  try {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        if (--download.waiters === 0) {
          download.controller.abort(signal?.reason);
          // A load that starts now must not join this dying download: it starts its own, which
          // waits for the lock until this one has removed its partial file.
          if (downloads.get(url) === download) downloads.delete(url);
        }
        reject(abortError(signal));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      download.promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
    });
  } finally {
    download.listeners.delete(onBytes);
  }
}

/** The size of a complete cached copy of `url`, or undefined. */
export async function completeCachedSize(cache: ModelFileCache, url: string): Promise<number | undefined> {
  try {
    const name = await cache.getNameFromURL(url);
    const [size, metadata] = await Promise.all([cache.getSize(name), cache.getMetadata(name)]);
    // wllama makes up metadata for a file that has none (as a partial download is, until it ends),
    // with the file's own size as the original size and no URL: only real metadata vouches for it.
    return size > 0 && metadata?.originalURL === url && metadata.originalSize === size ? size : undefined;
  } catch {
    return undefined;
  }
}
