// The engine's own files (llama.cpp's wasm, and for Safari wllama's compatibility build and its
// worker), fetched here rather than by wllama: their bytes then count in the load's progress, and a
// wrong file fails at once with words instead of leaving wllama's worker waiting forever.
import { LlmError, abortError } from '../core/errors.js';
import { DEFAULT_STALL_TIMEOUT_MS } from '../core/defaults.js';

/** How long an engine file may take to answer before the load fails. */
export const ASSET_CHECK_TIMEOUT_MS = 15_000;

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
/** How much of a file's start its check reads (the body goes on arriving meanwhile). */
const HEAD_BYTES = 64;

/** The error for an engine file that cannot run, naming the URL and the fix. */
export function assetError(url: string, problem: string, cause?: unknown): LlmError {
  return new LlmError(
    'backend-unavailable',
    `The engine file ${url} ${problem}. Serve llm-elements' wllama.wasm at that address, or name the folder that holds it with <meta name="llm-elements-assets" content="https://…/">.`,
    { cause },
  );
}

/** Why `head` (the first bytes) of an answer of `type` is not the file expected, or null when it is. */
type HeadCheck = (head: Uint8Array, type: string) => string | null;

const isWasm: HeadCheck = (head, type) => {
  if (/text\/html|application\/xhtml/i.test(type)) return 'is a web page, not WebAssembly';
  return WASM_MAGIC.every((byte, i) => head[i] === byte)
    ? null
    : 'is not WebAssembly (it does not start with "\\0asm")';
};

const isWorkerScript: HeadCheck = (head) =>
  /^\s*</.test(new TextDecoder().decode(head)) ? 'is a web page, not the compatibility build’s worker' : null;

/** One engine file whose answer was checked; its body still arriving. */
interface OpenedFile {
  /** Its size, 0 when the server does not say (or sends it compressed). */
  total: number;
  /** The whole file; rejects with an `LlmError` when the download breaks, stalls or is aborted. */
  body: Promise<Blob>;
}

/**
 * The engine files of one load, fetched at once with one progress for them all (`onProgress(loaded,
 * total)`, total 0 until every size is known). `open()` resolves once every answer is checked;
 * `close()` stops what is still arriving.
 */
export class EngineFiles {
  private readonly controller = new AbortController();
  private readonly parts: { loaded: number; total: number; done: boolean }[] = [];

  constructor(
    private readonly onProgress: (loaded: number, total: number) => void,
    private readonly signal?: AbortSignal,
    private readonly stallMs = DEFAULT_STALL_TIMEOUT_MS,
  ) {
    signal?.addEventListener('abort', () => this.controller.abort(signal.reason), { once: true });
  }

  /** The main build's or the compatibility build's wasm. */
  wasm(url: string): Promise<OpenedFile> {
    return this.open(url, isWasm, 'application/wasm');
  }

  /** The compatibility build's worker script (wllama runs it from a blob). */
  workerScript(url: string): Promise<OpenedFile> {
    return this.open(url, isWorkerScript, 'text/javascript');
  }

  close(): void {
    this.controller.abort();
  }

  private report(): void {
    const loaded = this.parts.reduce((sum, part) => sum + part.loaded, 0);
    const known = this.parts.every((part) => part.total > 0 || part.done);
    this.onProgress(loaded, known ? this.parts.reduce((sum, part) => sum + (part.total || part.loaded), 0) : 0);
  }

  private async open(url: string, check: HeadCheck, type: string): Promise<OpenedFile> {
    if (this.signal?.aborted) throw abortError(this.signal);
    const part = { loaded: 0, total: 0, done: false };
    this.parts.push(part);
    const response = await this.answer(url);
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw assetError(url, `answered HTTP ${response.status}`);
    }
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    // A compressed answer's length is not the length of the bytes read.
    part.total = encoded ? 0 : Number(response.headers.get('content-length')) || 0;
    const reader = response.body?.getReader();
    if (!reader) throw assetError(url, 'could not be read');
    const chunks: Uint8Array[] = [];
    const read = async (): Promise<boolean> => {
      const { done, value } = await this.withinStall(url, reader.read());
      if (done) return false;
      chunks.push(value);
      part.loaded += value.length;
      this.report();
      return true;
    };
    try {
      this.report();
      while (part.loaded < HEAD_BYTES && (await read()));
      const problem = check(concat(chunks, HEAD_BYTES), response.headers.get('content-type') ?? '');
      if (problem) throw assetError(url, problem);
    } catch (error) {
      await reader.cancel().catch(() => {});
      throw error;
    }
    const body = (async () => {
      try {
        while (await read());
      } catch (error) {
        await reader.cancel().catch(() => {});
        throw error;
      }
      if (part.total > 0 && part.loaded < part.total) {
        throw new LlmError('network', `The download of ${url} ended early. Check the connection, then retry.`);
      }
      part.done = true;
      this.report();
      return new Blob(chunks as BlobPart[], { type });
    })();
    body.catch(() => {}); // awaited later, or not at all when the model fails first
    return { total: part.total, body };
  }

  /** The server's answer (headers), within `ASSET_CHECK_TIMEOUT_MS`. */
  private async answer(url: string): Promise<Response> {
    const timeout = setTimeout(
      () => this.controller.abort(new DOMException('No answer', 'TimeoutError')),
      ASSET_CHECK_TIMEOUT_MS,
    );
    try {
      // Revalidated: a broken answer the browser kept (a 404, a web page) must not outlive its repair.
      return await fetch(url, { cache: 'no-cache', signal: this.controller.signal });
    } catch (error) {
      if (this.signal?.aborted) throw abortError(this.signal);
      const reason: unknown = this.controller.signal.reason;
      const timedOut = reason instanceof DOMException && reason.name === 'TimeoutError';
      throw assetError(
        url,
        timedOut
          ? `did not answer within ${ASSET_CHECK_TIMEOUT_MS / 1000} s`
          : 'could not be fetched (the address, the connection, or CORS when it is on another host)',
        error,
      );
    } finally {
      clearTimeout(timeout);
    }
  }

  /** `reading`, unless no data comes for `stallMs` (then the download stops) or the load is aborted. */
  private async withinStall<T>(url: string, reading: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const seconds = Math.round(this.stallMs / 1000);
        reject(
          new LlmError(
            'network',
            `The download of ${url} stalled: no data for ${seconds} s. Check the connection, then retry.`,
          ),
        );
      }, this.stallMs);
    });
    try {
      return await Promise.race([reading, stalled]);
    } catch (error) {
      if (this.signal?.aborted) throw abortError(this.signal);
      if (LlmError.is(error)) throw error;
      throw new LlmError('network', `The download of ${url} broke off. Check the connection, then retry.`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The first `length` bytes of `chunks`, or fewer when they hold fewer. */
function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let filled = 0;
  for (const chunk of chunks) {
    if (filled >= length) break;
    const take = chunk.subarray(0, length - filled);
    out.set(take, filled);
    filled += take.length;
  }
  return out.subarray(0, filled);
}
