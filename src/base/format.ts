/** Fills `{name}` placeholders in a UI string (strings are replaceable for other languages). */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
