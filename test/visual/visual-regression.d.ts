// The browser half of @web/test-runner-visual-regression: its index.d.ts re-exports
// './browser/commands.mjs', whose types (commands.d.ts, not .d.mts) TypeScript does not find.
declare module '@web/test-runner-visual-regression' {
  /** Screenshots `element` and compares it with the baseline `name`; rejects when they differ. */
  export function visualDiff(element: Node, name: string): Promise<void>;
}
