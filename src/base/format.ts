/** Fills `{name}` placeholders in a UI string (strings are replaceable for other languages). */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/**
 * A size in bytes as people read it, in decimal units as browsers and file managers show them:
 * `812 MB`, `1.2 MB`, `2.4 GB`. Units and digits follow `locale` (the page's `lang`, else the browser's).
 */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = Math.max(bytes, 0);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const options: Intl.NumberFormatOptions = {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  };
  try {
    return new Intl.NumberFormat(locale || undefined, options).format(value);
  } catch {
    return new Intl.NumberFormat(undefined, options).format(value); // an invalid lang attribute
  }
}
