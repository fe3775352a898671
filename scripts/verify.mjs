#!/usr/bin/env node
// `npm run verify`: every check CI runs (.ci/run), in order, each under a "==> " heading; stops at the
// first that fails and prints how long each step took.
import { spawn } from 'node:child_process';

/** Runs one step, streaming its output; with `keep`, also returns its standard output. */
function runStep([command, ...args], keep) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['inherit', keep ? 'pipe' : 'inherit', 'inherit'] });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('close', (status) => resolve({ status, output }));
  });
}

const STEPS = [
  ['Lint (ESLint + Prettier)', 'lint'],
  ['Typecheck', 'typecheck'],
  ['Build', 'build'],
  ['Size of the script-tag build', 'size'],
  ['custom-elements.json and the README API are fresh', 'check:manifest'],
  ['Storybook build', 'build-storybook'],
  ['Benchmarks, smoke mode (fails only if a benchmark breaks)', 'bench', '--smoke'],
  ['Tests', 'test'],
];

const seconds = (start) => `${((performance.now() - start) / 1000).toFixed(1)} s`;
const timings = [];
const begin = performance.now();
let failed = null;
let testTotals = null;

for (const [title, script, ...args] of STEPS) {
  const command = ['npm', 'run', script, ...(args.length ? ['--', ...args] : [])];
  console.log(`\n==> ${title} (${command.join(' ')})`);
  const start = performance.now();
  // The tests' output is also kept, so their closing count can be the run's last line.
  const keep = script === 'test';
  const run = await runStep(command, keep);
  if (keep) testTotals = /^tests: \d+ passed, \d+ failed.*$/m.exec(run.output)?.[0] ?? null;
  timings.push([title, seconds(start)]);
  if (run.status !== 0) {
    failed = { title, status: run.status ?? 1 };
    break;
  }
}

console.log('\n==> Summary');
for (const [title, time] of timings) console.log(`  ${time.padStart(9)}  ${title}`);
if (failed) {
  const skipped = STEPS.length - timings.length;
  console.error(`\nFAILED: ${failed.title}${skipped ? ` (${skipped} later step(s) not run)` : ''}`);
  if (testTotals) console.log(testTotals);
  process.exit(failed.status);
}
console.log(`\nAll ${STEPS.length} steps passed in ${seconds(begin)}.`);
if (testTotals) console.log(testTotals);
