// How wllama's CacheManager lays out its files, which this project reads and writes without wllama
// (model-cache-stores.ts lists and removes them, partial-download.ts writes them in place): in the
// Origin Private File System's folder `cache/`, one file per URL named `<SHA-1 of the URL>_<file name>`,
// beside `__metadata__<name>` holding `{originalURL, originalSize, etag}`. Our Cache API and memory
// stores (model-store.ts) use the same names. A test checks the names against wllama's.

/** wllama's folder in the Origin Private File System. */
export const OPFS_CACHE_FOLDER = 'cache';

/** What starts the name of a file's metadata (`<prefix><name>`). */
export const METADATA_PREFIX = '__metadata__';

/** The name of the metadata file beside the file `name`. */
export function metadataName(name: string): string {
  return `${METADATA_PREFIX}${name}`;
}

/** The name wllama's CacheManager keeps a URL's file under: `<SHA-1 of the URL, hex>_<last path segment>`. */
export async function cacheKey(url: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(url));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex}_${url.split('/').pop() ?? ''}`;
}
