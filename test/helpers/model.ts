// Where the test server serves the real test model, and its misbehaving variants
// (see scripts/dev-server-plugins.mjs).
export const MODEL_FILE = 'stories260K.gguf';
export const MODEL_URL = new URL(`/models/${MODEL_FILE}`, location.href).href;

/**
 * A URL unique to this call, so wllama's cache (OPFS) has not seen it before. `once`: served once,
 * then 404; `slow`: trickled; `fail-once`: HTTP 500 for its first HEAD and first GET, then served normally;
 * `stall`: 64 KB, then nothing; `drop-once`: the first GET is cut after 64 KB, later ones are whole; `head-hang`: HEAD never answers;
 * `headers-only`: the GET sends headers and no byte; `head403`: HEAD refused, GET fine; `huge-get`: no HEAD, GET declares 5 GiB.
 */
export function uniqueModelUrl(
  route: 'once' | 'slow' | 'fail-once' | 'stall' | 'head403' | 'huge-get' | 'drop-once' | 'head-hang' | 'headers-only',
): string {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  // fail-once drops the extension so web-test-runner does not mark its failure cacheable.
  const file = route === 'fail-once' ? MODEL_FILE.replace(/\.gguf$/, '') : MODEL_FILE;
  return new URL(`/__test/${route}/${id}/${file}`, location.href).href;
}

export function brokenModelUrl(route: '404' | 'html' | 'truncated' | 'huge'): string {
  const id = Math.random().toString(36).slice(2);
  return new URL(`/__test/${route}/${id}-${MODEL_FILE}`, location.href).href;
}

export interface RequestCount {
  get: number;
  head: number;
  /** Body bytes sent, where counted (drop-at, drop-norange). */
  bytes: number;
  /** Header probes (GETs with a closed Range, which the fit check sends) and the bytes they took. */
  probe: number;
  probeBytes: number;
}

/** How many GET and HEAD requests and header probes the test server has had for a URL's path. */
export async function requestCount(url: string): Promise<RequestCount> {
  const response = await fetch(`/__test/requests?path=${encodeURIComponent(new URL(url).pathname)}`);
  return (await response.json()) as RequestCount;
}

/**
 * A unique URL for any model the test server has (a file, or a made one such as `fake-7b-q8.gguf`):
 * `once` (served once, then 404) or `norange` (Range ignored: 200 and the whole file).
 */
export function uniqueFileUrl(route: 'once' | 'norange', file: string): string {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return new URL(`/__test/${route}/${id}/${file}`, location.href).href;
}

/**
 * A unique URL whose first GET is cut at `percent` of the file (see dev-server-plugins.mjs);
 * `hang-at`: it sends `percent` and then nothing, keeping the connection open.
 */
export function droppedModelUrl(
  percent: number,
  { range = true, file = MODEL_FILE, route }: { range?: boolean; file?: string; route?: 'hang-at' } = {},
): string {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const path = route ?? (range ? 'drop-at' : 'drop-norange');
  return new URL(`/__test/${path}/${percent}/${id}/${file}`, location.href).href;
}

/** Text prompts from the model's README: greedy output continues them with a story. */
export const STORY_WORDS = /(there|little|girl|Lily)+/;

/**
 * A unique model URL that the browser never answers from its HTTP cache, so every download reaches
 * the test server and counts: the fail-once route (no file extension), its one failure spent here.
 * Its GET count starts at 1.
 */
export async function freshModelUrl(): Promise<string> {
  const url = uniqueModelUrl('fail-once');
  await fetch(url, { method: 'HEAD' });
  await fetch(url);
  return url;
}
