// Server-sent events as an OpenAI-compatible server streams them (vLLM, llama.cpp's server, Ollama,
// LM Studio): `data:` lines, events split by a blank line, comments (`:`) and other fields ignored,
// `[DONE]` at the end. Every wait for the next bytes is bounded: a server that stops sending fails
// with `network` (Retry), like a stalled download.
import { LlmError, abortError } from '../../core/errors.js';

/** One event's data: parsed JSON, or the raw text when it is not JSON (the caller decides). */
export type ServerEvent = { json: unknown } | { text: string };

/**
 * The events of `body`, in order, until `[DONE]` or the end of the stream. Rejects with `network`
 * when no byte arrives for `stallMs`, with `aborted` when `signal` fires.
 */
export async function* serverEvents(
  body: ReadableStream<Uint8Array>,
  { stallMs, signal, host }: { stallMs: number; signal: AbortSignal; host: string },
): AsyncGenerator<ServerEvent, void, undefined> {
  const reader = body.pipeThrough(new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>).getReader();
  let buffer = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await nextChunk(reader, stallMs, signal, host);
      if (done) break;
      buffer += value;
      // Lines end with \n, \r\n or \r; the last piece may be a line still arriving.
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') {
          if (!data.length) continue;
          const text = data.join('\n');
          data = [];
          if (text.trim() === '[DONE]') return;
          yield parse(text);
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        } // comments (":") and other fields (event, id, retry) carry nothing a chat needs
      }
    }
    if (data.length) {
      const text = data.join('\n');
      if (text.trim() !== '[DONE]') yield parse(text);
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function parse(text: string): ServerEvent {
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { text };
  }
}

/** The next chunk, or a `network` error after `stallMs` without one, or `aborted`. */
function nextChunk(
  reader: ReadableStreamDefaultReader<string>,
  stallMs: number,
  signal: AbortSignal,
  host: string,
): Promise<ReadableStreamReadResult<string>> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new LlmError(
          'network',
          `${host} stopped sending the answer: nothing arrived for ${Math.round(stallMs / 1000)} s.`,
        ),
      );
    }, stallMs);
    const onAbort = () => {
      cleanup();
      reject(abortError(signal));
    };
    const cleanup = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    reader.read().then(
      (result) => {
        cleanup();
        resolve(result);
      },
      (error: unknown) => {
        cleanup();
        reject(
          signal.aborted
            ? abortError(signal)
            : new LlmError('network', `${host} broke off the answer.`, { cause: error }),
        );
      },
    );
  });
}
