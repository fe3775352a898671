// A GET whose body survives dropped connections: when the body fails mid-way, the rest is asked for
// with an HTTP Range request (If-Range, so a file changed on the server is not stitched onto the old
// one) and the stream goes on from the byte it stopped at. A server that ignores Range answers with
// the whole file again; its first bytes are skipped. The caller sees one continuous body.

/** Resumes after a dropped connection, per download, before the error is given up to the caller. */
export const MAX_RESUMES = 5;

export interface ResumingFetchOptions {
  signal: AbortSignal;
  maxResumes?: number;
  /** Called before each resume with the bytes already received. */
  onResume?: (received: number, attempt: number) => void;
}

export interface ResumingResponse {
  /** The file's size from Content-Length, or 0 when the server did not say. */
  total: number;
  etag: string;
  body: ReadableStream<Uint8Array>;
}

type Reader = Pick<ReadableStreamDefaultReader<Uint8Array>, 'read' | 'cancel'>;

/** Fetches `url`; rejects like fetch() for the first response, and errors the body only when it cannot resume. */
export async function fetchResuming(url: string, options: ResumingFetchOptions): Promise<ResumingResponse> {
  const { signal, maxResumes = MAX_RESUMES, onResume } = options;
  const first = await fetch(url, { signal });
  if (!first.ok || !first.body) {
    await first.body?.cancel();
    throw new Error(`Failed to fetch ${url}: HTTP ${first.status}`);
  }
  const total = Number(first.headers.get('content-length') ?? 0);
  const etag = first.headers.get('etag') ?? '';
  // If-Range needs a strong validator: a strong ETag, else Last-Modified.
  const validator = etag && !etag.startsWith('W/') ? etag : (first.headers.get('last-modified') ?? '');
  let reader: Reader = first.body.getReader();
  let received = 0;
  let resumes = 0;

  const resume = async (): Promise<Reader> => {
    const headers: Record<string, string> = { Range: `bytes=${received}-` };
    if (validator) headers['If-Range'] = validator;
    const response = await fetch(url, { headers, signal });
    if (response.status === 206 && response.body) {
      const range = /bytes (\d+)-\d+\/(\d+|\*)/.exec(response.headers.get('content-range') ?? '');
      if (!range || Number(range[1]) !== received || (range[2] !== '*' && Number(range[2]) !== total)) {
        await response.body.cancel();
        throw new Error('the server answered the resume with another part of the file');
      }
      return response.body.getReader();
    }
    if (response.ok && response.body) {
      // Range ignored (or If-Range found the file changed: then its size tells).
      if (Number(response.headers.get('content-length') ?? 0) !== total) {
        await response.body.cancel();
        throw new Error('the file changed on the server during the download');
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
  return { total, etag, body };
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

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}
