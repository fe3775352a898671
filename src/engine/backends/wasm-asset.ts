import { LlmError, abortError } from '../core/errors.js';

/** How long the engine file may take to answer before the load fails (it is checked, not downloaded). */
export const ASSET_CHECK_TIMEOUT_MS = 15_000;

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const checked = new Map<string, Promise<void>>();

/**
 * Checks, with a request for its first bytes, that `url` serves WebAssembly: a missing file, a web
 * page in its place (a host that answers every path with its index page) or other bytes would
 * otherwise leave wllama's worker waiting forever. Each URL is checked once per page while it passes.
 */
export async function checkWasmAsset(url: string, signal?: AbortSignal): Promise<void> {
  let check = checked.get(url);
  if (!check) {
    check = probe(url);
    checked.set(url, check);
    check.catch(() => checked.delete(url)); // a failure is checked again on Retry
  }
  if (!signal) return check;
  if (signal.aborted) throw abortError(signal);
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    check.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The error for an engine file that cannot run, naming the URL and the fix. */
export function assetError(url: string, problem: string, cause?: unknown): LlmError {
  return new LlmError(
    'backend-unavailable',
    `The engine file ${url} ${problem}. Serve llm-elements' wllama.wasm at that address, or name the folder that holds it with <meta name="llm-elements-assets" content="https://…/">.`,
    { cause },
  );
}

async function probe(url: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Range: 'bytes=0-7' },
      cache: 'no-store',
      signal: AbortSignal.timeout(ASSET_CHECK_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw assetError(
      url,
      timedOut
        ? `did not answer within ${ASSET_CHECK_TIMEOUT_MS / 1000} s`
        : 'could not be fetched (the address, the connection, or CORS when it is on another host)',
      error,
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw assetError(url, `answered HTTP ${response.status}`);
  }
  const type = response.headers.get('content-type') ?? '';
  if (/text\/html|application\/xhtml/i.test(type)) {
    await response.body?.cancel();
    throw assetError(url, 'is a web page, not WebAssembly');
  }
  const head = await readPrefix(response, WASM_MAGIC.length);
  if (!WASM_MAGIC.every((byte, i) => head[i] === byte)) {
    throw assetError(url, 'is not WebAssembly (it does not start with "\\0asm")');
  }
}

/** The first `length` bytes of a response's body (fewer if it is shorter); the rest is not read. */
async function readPrefix(response: Response, length: number): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer()).slice(0, length);
  const prefix = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = value.subarray(0, length - filled);
    prefix.set(take, filled);
    filled += take.length;
  }
  await reader.cancel().catch(() => {});
  return prefix.subarray(0, filled);
}

/** The compatibility build's worker script, checked: wllama runs it from a blob, so a web page in its place would hang it. */
export async function fetchCompatWorker(url: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    throw assetError(url, 'could not be fetched', error);
  }
  if (!response.ok) throw assetError(url, `answered HTTP ${response.status}`);
  const code = await response.text();
  if (/^\s*</.test(code)) throw assetError(url, 'is a web page, not the compatibility build’s worker');
  return code;
}
