// The one byte formatter: engine messages ("The model is 2.4 GiB") and <llm-status> ("Cached in this
// browser, 1.1 MiB") say sizes the same way. Binary units, because what the engine measures against
// is binary: WebAssembly's 4 GiB, an ArrayBuffer's 2 GiB, navigator.deviceMemory's GiB.

const PREFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti'] as const;

/**
 * A size in bytes as people read it: `812 KiB`, `1.1 MiB`, `520 MiB`, `4 GiB`, `3.5 GiB`; one decimal
 * below 10, none from 10 up. Digits follow `locale` (engine messages are English; an element passes
 * the page's language; in French the byte is `o`: `1,1 Mio`), and an invalid locale falls back to
 * the browser's.
 */
export function formatBytes(bytes: number, locale = 'en'): string {
  let value = Math.max(bytes, 0);
  let unit = 0;
  // 1023.7 KiB reads as 1 MiB, not 1,024 KiB.
  while (Math.round(value) >= 1024 && unit < PREFIXES.length - 1) {
    value /= 1024;
    unit++;
  }
  const options = { maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 };
  let digits: string;
  try {
    digits = value.toLocaleString(locale, options);
  } catch {
    digits = value.toLocaleString(undefined, options); // an invalid lang attribute
  }
  // French writes the byte as o (octet): Kio, Mio, Gio.
  const byte = /^fr\b/i.test(locale) ? 'o' : 'B';
  return `${digits} ${PREFIXES[unit]}${byte}`;
}
