// Bounded waits for tests: each one fails fast, naming what did not happen, instead of running into
// mocha's 60 s timeout with no word of what was awaited.

/** Resolves as `promise` does, or rejects with "`what` did not happen within N s" once `ms` have passed. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms / 1000} s`)), ms);
  });
  const bounded = Promise.race([promise, limit]).finally(() => clearTimeout(timer));
  // A test that failed before awaiting it must not see its timeout later, as an unhandled rejection.
  bounded.catch(() => {});
  return bounded;
}

/**
 * Resolves with the first truthy value of `condition` (which may be async), checked at once and then
 * every `interval` ms; rejects naming `what` once `ms` have passed without it.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  ms: number,
  what: string,
  { interval = 10 }: { interval?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (performance.now() >= deadline) throw new Error(`${what} did not happen within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/**
 * The next `type` event on `target`, or a rejection naming it (or `what`) once `ms` have passed.
 * Start it before the action that fires the event.
 */
export function nextEvent<K extends keyof HTMLElementEventMap>(
  target: EventTarget,
  type: K,
  ms: number,
  what = `${type} on <${(target as Element).localName ?? 'target'}>`,
): Promise<HTMLElementEventMap[K]> {
  let listener: (event: Event) => void = () => {};
  const event = new Promise<HTMLElementEventMap[K]>((resolve) => {
    listener = (e) => resolve(e as HTMLElementEventMap[K]);
    target.addEventListener(type, listener, { once: true });
  });
  return within(event, ms, what).finally(() => target.removeEventListener(type, listener));
}
