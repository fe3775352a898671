// A GET whose body survives dropped connections: when the body fails mid-way, the rest is asked for
// with an HTTP Range request (If-Range, so a file changed on the server is not stitched onto the old
// one) and the stream goes on from the byte it stopped at. A server that ignores Range answers with
// the whole file again; its first bytes are skipped. The caller sees one continuous body.
import { delay } from '../core/delay.js';

/** Resumes after a dropped connection, per download, before the error is given up to the caller. */
export const MAX_RESUMES = 5;

export interface ResumingFetchOptions {
  signal: AbortSignal;
  maxResumes?: number;
  /** Called before each resume with the bytes already received. */
  onResume?: (received: number, attempt: number) => void;
  /**
   * Bytes of the file already stored (by an earlier page): asked for from `offset` on, with If-Range
   * `validator`, so a file changed since is sent whole instead of stitched.
   */
  from?: { offset: number; total: number; validator: string };
}

export interface ResumingResponse {
  /** The file's size from Content-Length, or 0 when the server did not say. */
  total: number;
  etag: string;
  /** The strong validator If-Range can use (a strong ETag, else Last-Modified), or '' when there is none. */
  validator: string;
  /** Where `body` starts in the file: `from.offset` when the stored part was resumed, else 0. */
  offset: number;
  body: ReadableStream<Uint8Array>;
}

/** The bytes stored so far cannot be continued: the server sends another file now. */
export class FileChangedError extends Error {
  override name = 'FileChangedError';
}

type Reader = Pick<ReadableStreamDefaultReader<Uint8Array>, 'read' | 'cancel'>;

/** Fetches `url`; rejects like fetch() for the first response, and errors the body only when it cannot resume. */
export async function fetchResuming(url: string, options: ResumingFetchOptions): Promise<ResumingResponse> {
  const { signal, maxResumes = MAX_RESUMES, onResume, from } = options;
  const first = await fetch(
    url,
    from ? { signal, headers: { Range: `bytes=${from.offset}-`, 'If-Range': from.validator } } : { signal },
  );
  if (!first.ok || !first.body) {
    await first.body?.cancel();
    throw new Error(`Failed to fetch ${url}: HTTP ${first.status}`);
  }
  const etag = first.headers.get('etag') ?? '';
  // If-Range needs a strong validator: a strong ETag, else Last-Modified.
  const validator = etag && !etag.startsWith('W/') ? etag : (first.headers.get('last-modified') ?? '');
  let total = Number(first.headers.get('content-length') ?? 0);
  let offset = 0;
  // The body is locked to one reader only once it is known what to do with it: a locked body can be
  // neither read again nor cancelled.
  let reader: Reader;
  if (from && first.status === 206) {
    const range = parseContentRange(first.headers.get('content-range'));
    if (!range || range.start !== from.offset || range.total !== from.total) {
      await first.body.cancel();
      throw new FileChangedError('the server answered the resume with another part of the file');
    }
    total = from.total;
    offset = from.offset;
    reader = first.body.getReader();
  } else if (from && total === from.total && validator === from.validator) {
    // Range ignored, same file: its first part is already stored.
    reader = skipping(first.body.getReader(), from.offset);
    offset = from.offset;
  } else {
    reader = first.body.getReader();
  }
  let received = offset;
  let resumes = 0;

  const resume = async (): Promise<Reader> => {
    const headers: Record<string, string> = { Range: `bytes=${received}-` };
    if (validator) headers['If-Range'] = validator;
    const response = await fetch(url, { headers, signal });
    if (response.status === 206 && response.body) {
      const range = parseContentRange(response.headers.get('content-range'));
      if (!range || range.start !== received || (range.total !== undefined && range.total !== total)) {
        await response.body.cancel();
        throw new FileChangedError('the server answered the resume with another part of the file');
      }
      return response.body.getReader();
    }
    if (response.ok && response.body) {
      // Range ignored (or If-Range found the file changed: then its size tells).
      if (Number(response.headers.get('content-length') ?? 0) !== total) {
        await response.body.cancel();
        throw new FileChangedError('the file changed on the server during the download');
      }
      return skipping(response.body.getReader(), received);
    }
    await response.body?.cancel();
    throw new Error(`Failed to fetch ${url}: HTTP ${response.status}`);
  };

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            // A body that ends short without an error is a dropped connection too.
            if (total && received < total) throw new TypeError(`the connection closed after ${received} bytes`);
            controller.close();
            return;
          }
          received += value.byteLength;
          controller.enqueue(value);
          return;
        } catch (error) {
          if (signal.aborted || !total || resumes >= maxResumes) {
            controller.error(signal.aborted ? signal.reason : error);
            return;
          }
          resumes++;
          onResume?.(received, resumes);
          try {
            await delay(Math.min(250 * 2 ** (resumes - 1), 4000), signal);
            reader = await resume();
          } catch (resumeError) {
            controller.error(signal.aborted ? signal.reason : resumeError);
            return;
          }
        }
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { total, etag, validator, offset, body };
}

/** `bytes <start>-<end>/<total|*>`; total undefined for `*`. */
function parseContentRange(header: string | null): { start: number; total?: number } | null {
  const range = /bytes (\d+)-\d+\/(\d+|\*)/.exec(header ?? '');
  if (!range) return null;
  return { start: Number(range[1]), total: range[2] === '*' ? undefined : Number(range[2]) };
}

/** A reader that drops the first `count` bytes of `reader`. */
function skipping(reader: ReadableStreamDefaultReader<Uint8Array>, count: number): Reader {
  let left = count;
  return {
    async read() {
      for (;;) {
        const result = await reader.read();
        if (result.done || left === 0) return result;
        if (result.value.byteLength <= left) {
          left -= result.value.byteLength;
          continue;
        }
        const value = result.value.subarray(left);
        left = 0;
        return { done: false, value };
      }
    },
    cancel: (reason?: unknown) => reader.cancel(reason),
  };
}
