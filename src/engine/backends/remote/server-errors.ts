// What an OpenAI-compatible server's refusals mean, in words a visitor and a developer can act on.
import { LlmError } from '../../core/errors.js';

/** The longest a page is asked to wait after a 429 before it may try again. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** `Retry-After` (seconds, or an HTTP date) in milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS) : undefined;
}

/** The server's own words of an error body (`{error: {message}}` in OpenAI's shape, or text), shortened. */
async function serverMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  let message = text;
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const error = body.error;
    message = String((typeof error === 'object' ? error?.message : error) ?? body.message ?? text);
  } catch {
    // not JSON: its text, as it is
  }
  message = message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

/** The `LlmError` of a response that is not OK. */
export async function responseError(response: Response, host: string, model: string): Promise<LlmError> {
  const said = await serverMessage(response);
  const detail = `(HTTP ${response.status}${said ? `: ${said}` : ''})`;
  const status = response.status;
  if (status === 401 || status === 403) {
    return new LlmError(
      'not-allowed',
      `${host} refused the request's credentials ${detail}. The page gives them with endpointHeaders.`,
    );
  }
  if (status === 404) return new LlmError('model-not-found', `${host} has no model "${model}" ${detail}.`);
  if (status === 429) {
    const wait = retryAfterMs(response.headers.get('retry-after'));
    const when = wait === undefined ? 'later' : `in ${Math.ceil(wait / 1000)} s`;
    return new LlmError('network', `${host} is busy (too many requests) ${detail}: try again ${when}.`, {
      retryAfterMs: wait ?? 0,
    });
  }
  if (status >= 500) return new LlmError('network', `${host} failed to answer ${detail}. Try again.`);
  return new LlmError('invalid-request', `${host} refused the request ${detail}.`);
}

/**
 * Why a fetch failed before any response. A browser says only "TypeError" for an unreachable
 * server and for one that does not allow this page (CORS); a `no-cors` probe tells them apart: an
 * opaque answer means the server is there and refused this origin.
 */
export async function unreachableError(url: string, host: string, cause: unknown): Promise<LlmError> {
  const reachable = await fetch(url, { mode: 'no-cors', signal: AbortSignal.timeout(5000) }).then(
    () => true,
    () => false,
  );
  return reachable
    ? new LlmError(
        'network',
        `${host} does not allow requests from ${location.origin} (CORS): its responses need an Access-Control-Allow-Origin header for this site.`,
        { cause },
      )
    : new LlmError(
        'network',
        // A cross-origin isolated page cannot probe (its no-cors requests need CORP): both causes are named.
        globalThis.crossOriginIsolated
          ? `Could not reach ${host}, or it does not allow requests from ${location.origin} (CORS): check the address, the connection and its Access-Control-Allow-Origin header.`
          : `Could not reach ${host}: check the address and the connection.`,
        { cause },
      );
}
