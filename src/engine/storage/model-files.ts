// A model's files, each from the model store (model-store.ts) when complete there, else downloaded
// into it (model-download.ts), with one progress for them all. The server is asked first and the
// storage quota checked, so a wrong address or a full disk fails before a long download.
import { CacheManager } from '@wllama/wllama';
import type { ModelStorage } from '../core/types.js';
import { LlmError, abortError, isAbort } from '../core/errors.js';
import { DEFAULT_STALL_TIMEOUT_MS } from '../core/defaults.js';
import { canWriteInPlace, findPartial } from './partial-download.js';
import { type ModelFileCache, completeCachedSize, downloadOnce } from './model-download.js';
import { fileName } from '../models/model-source.js';
import { formatBytes } from '../core/format-bytes.js';
import { MAX_FILE_BYTES, downloadError, httpError, tooLargeFile } from './download-errors.js';
import { memoryStore } from './model-store.js';

export interface ModelFilesRequest {
  /** The model's files (a split model has several). */
  urls: string[];
  /** Where the files are kept: written in place (and resumable) only in the Origin Private File System. */
  store: ModelStorage['store'];
  /** How long a download may go without data before it fails (ms). */
  stallTimeoutMs?: number;
  signal?: AbortSignal;
  /** `fromCache`: every byte comes from this browser's storage. */
  onProgress: (loaded: number, total: number, fromCache: boolean) => void;
  /** Refuses a model the engine cannot hold, once its size is known and before a byte is downloaded. */
  checkTotal?: (bytes: number) => void;
  /** The files already found complete in the store (`findStoredFiles()`), so they are not looked up again. */
  stored?: readonly (Blob | undefined)[];
}

/**
 * Each file of `urls` complete in the store, opened (undefined where it is not): a load looks once,
 * and its fit check and its download share the answer.
 */
export async function findStoredFiles(cache: ModelFileCache, urls: readonly string[]): Promise<(Blob | undefined)[]> {
  return Promise.all(
    urls.map(async (url) => {
      if ((await completeCachedSize(cache, url)) === undefined) return undefined;
      return (await cache.open(url).catch(() => null)) ?? undefined;
    }),
  );
}

/** Each file of the model from the store when complete there, else downloaded into it; in the order of `urls`. */
export async function fetchModelFiles(cache: ModelFileCache, request: ModelFilesRequest): Promise<Blob[]> {
  const { store } = request;
  const stallMs = request.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const found = request.stored ?? (await findStoredFiles(cache, request.urls));
  const cachedSizes = request.urls.map((_, i) => found[i]?.size);
  const sizes = await Promise.all(
    request.urls.map((url, i) => cachedSizes[i] ?? preflight(url, stallMs, request.signal)),
  );
  const total = sizes.reduce((sum, size) => sum + size, 0);
  request.checkTotal?.(total);
  const inPlace = store === 'opfs' && canWriteInPlace();
  // Parts stored by an earlier page count as fetched: only the rest is downloaded.
  const stored = await Promise.all(
    request.urls.map(async (url, i) => {
      if (cachedSizes[i] !== undefined) return cachedSizes[i];
      if (!inPlace) return 0;
      const partial = await findPartial(cache, await cache.getNameFromURL(url), url);
      return partial && partial.total === sizes[i] ? partial.received : 0;
    }),
  );
  const missing = sizes.reduce((sum, size, i) => sum + size - (stored[i] ?? 0), 0);
  // Memory holds the model for this page only: the storage quota does not apply.
  if (store !== 'memory') await checkStorageRoom(request.urls[0] ?? '', missing);
  const loaded = [...stored];
  const fromCache = cachedSizes.every((size) => size !== undefined);
  const report = () =>
    request.onProgress(
      loaded.reduce((a, b) => a + b, 0),
      total,
      fromCache,
    );
  report();
  for (const [index, url] of request.urls.entries()) {
    if (cachedSizes[index] !== undefined) continue;
    try {
      await downloadOnce(
        cache,
        url,
        request.signal,
        (bytes) => {
          loaded[index] = bytes;
          report();
        },
        stallMs,
        inPlace,
      );
    } catch (error) {
      if (isAbort(error) || request.signal?.aborted) throw abortError(request.signal);
      throw downloadError(url, error);
    }
    loaded[index] = sizes[index] || loaded[index] || 0;
    report();
  }
  const blobs = await Promise.all(request.urls.map((url, i) => found[i] ?? cache.open(url)));
  return Promise.all(
    blobs.map(async (blob, i) => blob ?? (await downloadToMemory(request.urls[i] ?? '', stallMs, request.signal))),
  );
}

/**
 * A file the store lost right after it was written (WebKit drops a page's Cache API entries when
 * the same address is loaded again, even those the new page writes): downloaded once more and
 * held in memory for this page, so the load goes on.
 */
async function downloadToMemory(url: string, stallMs: number, signal?: AbortSignal): Promise<Blob> {
  const memory = new CacheManager([memoryStore] as ConstructorParameters<typeof CacheManager>[0]);
  try {
    await downloadOnce(memory, url, signal, () => {}, stallMs, false);
  } catch (error) {
    if (isAbort(error) || signal?.aborted) throw abortError(signal);
    throw downloadError(url, error);
  }
  const blob = await memory.open(url);
  if (!blob) throw new LlmError('load-failed', `${fileName(url)} vanished from the model cache.`);
  return blob;
}

/**
 * Asks the server about the file before downloading it, so a wrong address, a web page or a file too
 * big fails at once with a clear reason instead of after a long download. Returns the size (0: unknown).
 */
async function preflight(url: string, stallMs: number, signal?: AbortSignal): Promise<number> {
  let response: Response;
  const timeout = AbortSignal.timeout(stallMs);
  try {
    response = await fetch(url, { method: 'HEAD', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    if (timeout.aborted) {
      throw new LlmError(
        'network',
        `The server of ${fileName(url)} did not answer within ${Math.round(stallMs / 1000)} s. Check the connection, then retry.`,
        { cause: error },
      );
    }
    if (isAbort(error)) throw abortError(signal);
    throw downloadError(url, error);
  }
  // Only "not found" is final here: servers without HEAD (405, 501) and signed URLs (403) answer
  // HEAD with an error and GET with the file. The size is then unknown, and the GET decides.
  if (response.status === 404 || response.status === 410) throw httpError(url, response.status);
  if (!response.ok) return 0;
  const type = response.headers.get('content-type') ?? '';
  if (/text\/html|application\/xhtml/i.test(type)) {
    throw new LlmError(
      'not-gguf',
      `${url} is a web page (${type.split(';')[0]}), not a GGUF model. Check the src address.`,
    );
  }
  const size = Number(response.headers.get('content-length') ?? 0);
  if (size > MAX_FILE_BYTES) throw tooLargeFile(url, size);
  return size;
}

/**
 * Fails at once, before a byte is fetched, when the browser will not let the page store `bytes` more
 * (`navigator.storage.estimate()`): otherwise the download would run for minutes and then fail.
 */
async function checkStorageRoom(url: string, bytes: number): Promise<void> {
  if (!bytes) return;
  let estimate: StorageEstimate | undefined;
  try {
    estimate = await globalThis.navigator?.storage?.estimate?.();
  } catch {
    return; // no estimate: the download finds out
  }
  if (!estimate?.quota) return;
  const free = estimate.quota - (estimate.usage ?? 0);
  if (bytes <= free) return;
  throw new LlmError(
    'storage',
    `${fileName(url)} needs ${formatBytes(bytes)}, but this browser lets the page store only ${formatBytes(Math.max(free, 0))} more (${formatBytes(estimate.usage ?? 0)} of ${formatBytes(estimate.quota)} used). Free some space, or remove other cached models, and try again.`,
  );
}
