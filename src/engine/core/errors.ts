/** Stable error codes. Elements show `message`; code is for programs. */
export type LlmErrorCode =
  | 'model-not-found'
  | 'network'
  | 'not-gguf'
  | 'load-failed'
  | 'too-large'
  | 'aborted'
  | 'backend-unavailable'
  | 'not-allowed'
  | 'not-loaded'
  | 'inference'
  | 'unsupported'
  | 'invalid-output'
  | 'invalid-request'
  | 'too-long'
  | 'storage'
  /** The tab that ran this request's model closed or let it go; this tab now loads it. Retry. */
  | 'engine-moved';

/** Every failure the engine reports is one of these, with a message a person can act on. */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly code: LlmErrorCode;
  /** A server asked to wait this long before trying again (HTTP 429's `Retry-After`), in ms. */
  readonly retryAfterMs?: number;

  constructor(code: LlmErrorCode, message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(oneFullStop(message), options);
    this.code = code;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether the value is an `LlmError`, even one from another copy of this library. */
  static is(value: unknown): value is LlmError {
    return value instanceof LlmError || (value instanceof Error && value.name === 'LlmError' && 'code' in value);
  }
}

/** An `LlmError` with code `aborted`, for a signal that fired. */
export function abortError(signal?: AbortSignal): LlmError {
  const reason: unknown = signal?.reason;
  const detail = reason instanceof Error && reason.name !== 'AbortError' ? `: ${reason.message}` : '';
  return new LlmError('aborted', `The operation was aborted${detail}.`, { cause: reason });
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

/**
 * Whether a thrown value means "aborted": ours, or the DOM's `AbortError`. Backends turn their
 * library's own abort errors into ours, so nothing here knows a library's class names.
 */
export function isAbort(error: unknown): boolean {
  if (LlmError.is(error)) return error.code === 'aborted';
  return (error instanceof Error || error instanceof DOMException) && error.name === 'AbortError';
}

/**
 * Ends a message with exactly one full stop: messages quote other messages (a browser's, a
 * library's), which may end with one, with several, or with none.
 */
function oneFullStop(message: string): string {
  const text = message.trim().replace(/[.\s]+$/, '');
  return /[!?]$/.test(text) ? text : `${text}.`;
}
