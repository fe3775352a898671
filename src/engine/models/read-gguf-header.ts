// Reading a GGUF header without the model: HTTP Range requests for a file on a server, slices for a
// Blob already stored. The parsing is gguf-header.ts. No Lit, no DOM: usable from any page or worker.
import { LlmError, abortError } from '../core/errors.js';
import { fileName } from './model-source.js';
import { HeaderTruncated, notGguf, parseGgufHeader, type GgufHeader } from './gguf-header.js';

/** The first read of a header; most headers (a 32k-token vocabulary takes about 800 KB) fit in it. */
const FIRST_READ_BYTES = 1024 * 1024;
/** No header is read past this: a 150k-token vocabulary with its merges is under 10 MB. */
export const MAX_HEADER_BYTES = 32 * 1024 ** 2;
/** How long reading a header may take before it is given up (the load then goes on without it). */
export const HEADER_TIMEOUT_MS = 10_000;

export interface ReadHeaderOptions {
  signal?: AbortSignal;
  /** Bytes read at most (default 32 MiB). */
  maxBytes?: number;
  /** Milliseconds the whole read may take (default 10 s). */
  timeoutMs?: number;
}

/** Reads growing prefixes of a file until its header parses. `read(end)` returns at least `end` bytes, fewer at the file's end. */
async function readHeaderWith(
  read: (end: number) => Promise<Uint8Array>,
  where: string,
  maxBytes: number,
): Promise<GgufHeader> {
  let target = Math.min(FIRST_READ_BYTES, maxBytes);
  for (;;) {
    const bytes = await read(target);
    try {
      return parseGgufHeader(bytes);
    } catch (error) {
      if (!(error instanceof HeaderTruncated)) throw error;
      if (bytes.byteLength < target) throw notGguf(`${where} ends inside its header`);
      if (target >= maxBytes) {
        throw new LlmError('load-failed', `The header of ${where} is larger than ${maxBytes} bytes; it was not read.`);
      }
      // The parser's guess of the whole header (from the arrays it has seen), with some room.
      target = Math.min(maxBytes, Math.ceil(Math.max(target * 1.5, error.needed * 1.25)));
    }
  }
}

/** A growable byte buffer. */
class Bytes {
  data = new Uint8Array(0);
  length = 0;
  append(chunk: Uint8Array): void {
    if (this.length + chunk.byteLength > this.data.byteLength) {
      const grown = new Uint8Array(Math.max(this.length + chunk.byteLength, this.data.byteLength * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(chunk, this.length);
    this.length += chunk.byteLength;
  }
  view(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Reads the GGUF header of the model at `url` without downloading the model: HTTP Range requests
 * for the first bytes, more when the header is longer (a large vocabulary makes it megabytes),
 * at most `maxBytes`. A server that ignores Range (200 and the whole file) is read only as far as
 * the header, then the response is dropped. Rejects with an `LlmError`: `aborted`, `not-gguf`, or
 * `network`/`model-not-found` when the server does not give the bytes (CORS, 404, time limit).
 */
export async function readGgufHeader(url: string, options: ReadHeaderOptions = {}): Promise<GgufHeader> {
  const { signal, maxBytes = MAX_HEADER_BYTES, timeoutMs = HEADER_TIMEOUT_MS } = options;
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const bytes = new Bytes();
  let stream: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let ended = false;
  let size = Infinity;

  /** Appends what `reader` gives until there are `end` bytes; false when the body ended first. */
  const take = async (reader: ReadableStreamDefaultReader<Uint8Array>, end: number): Promise<boolean> => {
    while (bytes.length < end) {
      const { done, value } = await reader.read();
      if (done) return false;
      bytes.append(value);
    }
    return true;
  };

  const read = async (end: number): Promise<Uint8Array> => {
    if (bytes.length >= end || ended) return bytes.view();
    if (!stream) {
      // no-store: a part of the file (or a response cut short) must not stand in for the file later.
      const response = await fetch(url, {
        headers: { Range: `bytes=${bytes.length}-${Math.min(end, size) - 1}` },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (response.status === 416) {
        await response.body?.cancel();
        ended = true;
        return bytes.view();
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw response.status === 404 || response.status === 410
          ? new LlmError('model-not-found', `No model at ${url} (HTTP ${response.status}).`)
          : new LlmError('network', `The server answered HTTP ${response.status} for the header of ${url}.`);
      }
      if (response.status === 206) {
        const range = /bytes (\d+)-(\d+)\/(\d+|\*)/.exec(response.headers.get('content-range') ?? '');
        if (!range || Number(range[1]) !== bytes.length) {
          await response.body.cancel();
          throw new LlmError('network', `The server answered another part of ${url} than the one asked for.`);
        }
        if (range[3] !== '*') size = Number(range[3]);
        // Read as far as asked, never further, even from a server that sends more than the range.
        const reader = response.body.getReader();
        if (await take(reader, end)) await reader.cancel();
        else if (bytes.length < end) ended = true;
        if (bytes.length >= size) ended = true;
        return bytes.view();
      }
      // Range ignored (200): the whole file from its first byte. Read it only as far as needed.
      bytes.length = 0;
      stream = response.body.getReader();
    }
    if (!(await take(stream, end))) ended = true;
    return bytes.view();
  };

  try {
    return await readHeaderWith(read, fileName(url), maxBytes);
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    if (LlmError.is(error)) throw error;
    const timedOut = controller.signal.aborted && !signal?.aborted;
    throw new LlmError(
      'network',
      timedOut
        ? `The header of ${url} did not arrive within ${Math.round(timeoutMs / 1000)} s.`
        : `Could not read the header of ${url}: ${error instanceof Error ? error.message : String(error)}.`,
      { cause: error },
    );
  } finally {
    clearTimeout(timeout);
    signal?.removeEventListener('abort', onAbort);
    // Drop the rest of a response that ignored Range (and any request still open).
    controller.abort();
  }
}

/** Reads the GGUF header at the start of a Blob (a model file already stored in the browser). */
export async function readGgufHeaderFromBlob(blob: Blob, maxBytes = MAX_HEADER_BYTES): Promise<GgufHeader> {
  return readHeaderWith(
    async (end) => new Uint8Array(await blob.slice(0, end).arrayBuffer()),
    blob instanceof File ? blob.name : 'the file',
    maxBytes,
  );
}
