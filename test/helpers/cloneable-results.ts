// Loaded before the test framework on every test page (web-test-runner.config.mjs, testRunnerHtml).
// web-test-runner sends each result to Node with structuredClone; a failed assertion whose actual or
// expected is a DOM node cannot be cloned, and the whole run then hangs until its timeout instead of
// reporting the failure (modernweb-dev/web#2967). Fall back to a plain copy with such values as text.
const clone = globalThis.structuredClone.bind(globalThis);

function plain(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Node) {
    const text = value instanceof Element ? value.outerHTML : String(value.textContent);
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  }
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => plain(item, seen));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = plain((value as Record<string, unknown>)[key], seen);
  if (value instanceof Error) Object.assign(copy, { name: value.name, message: value.message, stack: value.stack });
  return copy;
}

globalThis.structuredClone = ((value: unknown, options?: StructuredSerializeOptions) => {
  try {
    return clone(value, options);
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'DataCloneError')) throw error;
    return clone(plain(value), options);
  }
}) as typeof structuredClone;
