#!/usr/bin/env node
// Prints the gzip size of everything the script-tag build serves, and fails when what a page
// downloads before any model loads (the entry and its static imports) exceeds the budget.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const ENTRY_BUDGET_BYTES = 30 * 1024;
const DIR = 'dist/cdn';

export function measure(dir = DIR) {
  const { files } = JSON.parse(readFileSync('.cache/cdn-bundle.json', 'utf8'));
  const chunks = new Map(files.filter((f) => !f.asset).map((f) => [f.file, f]));
  const gzip = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
  const entry = files.find((f) => f.entry && !f.file.includes('worker'));
  // Everything reachable through static imports loads with the entry.
  const initial = new Set();
  const visit = (file) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const next of chunks.get(file)?.imports ?? []) visit(next);
  };
  visit(entry.file);
  const rows = files
    .filter((f) => !f.file.endsWith('.map'))
    .map((f) => ({
      file: f.file,
      loads: initial.has(f.file)
        ? 'with the page'
        : f.file.includes('wllama-compat')
          ? 'Safari: GGUF model'
          : f.file.endsWith('.wasm')
            ? 'with a GGUF model'
            : 'on demand',
      bytes: statSync(join(dir, f.file)).size,
      gzip: gzip(f.file),
    }));
  const entryGzip = rows.filter((r) => r.loads === 'with the page').reduce((sum, r) => sum + r.gzip, 0);
  return { rows, entryGzip };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, entryGzip } = measure();
  console.log('Script-tag build (dist/cdn), gzip -9:');
  for (const row of rows) {
    console.log(
      `  ${row.file.padEnd(44)} ${row.loads.padEnd(18)} ${kb(row.bytes).padStart(10)} raw ${kb(row.gzip).padStart(10)} gzip`,
    );
  }
  const verdict = entryGzip <= ENTRY_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `Before any model loads: ${kb(entryGzip)} gzip (${entryGzip} bytes), ${verdict} the ${kb(ENTRY_BUDGET_BYTES)} budget.`,
  );
  if (entryGzip > ENTRY_BUDGET_BYTES) process.exit(1);
}
