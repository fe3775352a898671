// Apart from format.ts: only views that load later show sizes, so the byte formatter stays out of
// the script-tag entry.
import { formatBytes as formatEngineBytes } from '../engine/core/format-bytes.js';

/**
 * A size in bytes as the engine says it (`1.1 MiB`, `2.4 GiB`: see engine/core/format-bytes.ts), with
 * digits in `locale` (the page's `lang`), else the browser's language.
 */
export function formatBytes(bytes: number, locale?: string): string {
  return formatEngineBytes(bytes, locale || globalThis.navigator?.language);
}
