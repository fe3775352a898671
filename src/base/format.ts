import { formatBytes as formatEngineBytes } from '../engine/core/format-bytes.js';

/** Fills `{name}` placeholders in a UI string (strings are replaceable for other languages). */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/**
 * A size in bytes as the engine says it (`1.1 MiB`, `2.4 GiB`: see engine/core/format-bytes.ts), with
 * digits in `locale` (the page's `lang`), else the browser's language.
 */
export function formatBytes(bytes: number, locale?: string): string {
  return formatEngineBytes(bytes, locale || globalThis.navigator?.language);
}
