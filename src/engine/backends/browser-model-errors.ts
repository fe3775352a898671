// The browser model's failures in our words: the Prompt API's errors as LlmErrors, and the time
// limit on its start (the browser's download, then the model starting).
import { LlmError } from '../core/errors.js';

/** A time limit as messages give it: whole seconds from 10 s up, tenths below. */
export function seconds(ms: number): string {
  return String(ms >= 10_000 ? Math.round(ms / 1000) : Math.round(ms / 100) / 10);
}

/**
 * Bounds `create()`: while the browser downloads, no progress for `stallMs` ends it with a `network`
 * error; once downloaded (or with nothing to download) it has twice that to start the model.
 */
export class StartWatchdog {
  private readonly controller = new AbortController();
  /** What `create()` is given: aborted by the page's signal, or by the time limit. */
  readonly signal: AbortSignal;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fail: (error: LlmError) => void = () => {};
  private readonly failed = new Promise<never>((_, reject) => (this.fail = reject));
  error: LlmError | null = null;

  constructor(
    private readonly model: string,
    private downloading: boolean,
    private readonly stallMs: number,
    signal?: AbortSignal,
  ) {
    this.signal = signal ? AbortSignal.any([signal, this.controller.signal]) : this.controller.signal;
    this.arm();
  }

  progress(loaded: number): void {
    if (loaded >= 1) this.downloading = false;
    this.arm();
  }

  race<T>(creating: Promise<T>): Promise<T> {
    void this.failed.catch(() => {});
    return Promise.race([creating, this.failed]);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private arm(): void {
    clearTimeout(this.timer);
    const limit = this.downloading ? this.stallMs : this.stallMs * 2;
    this.timer = setTimeout(() => {
      this.error = this.downloading
        ? new LlmError(
            'network',
            `The browser's download of ${this.model} made no progress for ${seconds(limit)} s. Check the connection, then retry`,
          )
        : new LlmError('load-failed', `${capitalize(this.model)} did not start within ${seconds(limit)} s. Retry`);
      this.controller.abort(this.error);
      this.fail(this.error);
    }, limit);
  }
}

/** Maps a Prompt API error (a DOMException by name) to our codes. */
export function mapPromptError(error: unknown, phase: 'load' | 'generate', name = 'the browser’s model'): LlmError {
  if (LlmError.is(error)) return error;
  const model = capitalize(name);
  const kind = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  const detail = message ? `: ${message}` : '';
  switch (kind) {
    case 'AbortError':
      return new LlmError('aborted', 'The operation was aborted.', { cause: error });
    case 'QuotaExceededError':
      return new LlmError('inference', 'The conversation no longer fits the context window.', { cause: error });
    case 'NotAllowedError':
      return new LlmError(
        'not-allowed',
        `${model} needs a click or key press on the page before the browser starts it (press Retry), or the page's ` +
          `permissions policy does not allow it ("language-model")${detail}`,
        { cause: error },
      );
    case 'NetworkError':
      return new LlmError('network', `The browser could not download ${name}${detail}`, { cause: error });
    case 'NotSupportedError':
      return phase === 'load'
        ? new LlmError('backend-unavailable', `${model} cannot run here${detail}`, { cause: error })
        : new LlmError('inference', `${model} cannot answer this input (a language it does not support?)${detail}`, {
            cause: error,
          });
    case 'TypeError':
    case 'RangeError':
    case 'SyntaxError':
      return new LlmError('invalid-request', `${model} refused the request${detail}`, { cause: error });
    default:
      return phase === 'load'
        ? new LlmError('load-failed', `${model} could not start${detail}`, { cause: error })
        : new LlmError('inference', `Generation failed${detail}`, { cause: error });
  }
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
