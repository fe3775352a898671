// What a failed download of a model file means, in words a visitor can act on, with a stable code.
import { LlmError } from '../core/errors.js';
import { formatBytes } from '../core/format-bytes.js';
import { fileName } from '../models/model-source.js';

/** An ArrayBuffer, and so one model file, cannot exceed 2 GiB in wllama. */
export const MAX_FILE_BYTES = 2 * 1024 ** 3;

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  // A worker that failed reports an ErrorEvent (or a bare Event), not an Error.
  if (typeof ErrorEvent !== 'undefined' && error instanceof ErrorEvent) return error.message || 'the worker failed';
  if (typeof Event !== 'undefined' && error instanceof Event) return `the worker reported "${error.type}"`;
  return String(error);
}

/** Maps a failed download or load to a stable code and a message a person can act on. */
export function downloadError(url: string, error: unknown): LlmError {
  if (LlmError.is(error)) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (['SecurityError', 'QuotaExceededError', 'NotAllowedError', 'InvalidStateError'].includes(name)) {
    return new LlmError(
      'storage',
      `This browser could not store ${fileName(url)}: ${messageOf(error)}. Free some space, or leave private browsing, and try again.`,
      { cause: error },
    );
  }
  const status = /HTTP (\d{3})/.exec(messageOf(error))?.[1];
  if (status) return httpError(url, Number(status), error);
  return new LlmError(
    'network',
    `Could not download ${fileName(url)}: ${messageOf(error)}. Check the address, the connection, and that the server allows this page to read it (CORS).`,
    { cause: error },
  );
}

export function tooLargeFile(url: string, size: number): LlmError {
  return new LlmError(
    'too-large',
    `${fileName(url)} is ${formatBytes(size)}; one file can be at most ${formatBytes(MAX_FILE_BYTES)} in the browser. Split it with llama-gguf-split.`,
  );
}

export function httpError(url: string, status: number, cause?: unknown): LlmError {
  if (status === 404 || status === 410) {
    return new LlmError('model-not-found', `No model at ${url} (HTTP ${status}). Check the src address.`, { cause });
  }
  return new LlmError('network', `The server answered HTTP ${status} for ${url}.`, { cause });
}
