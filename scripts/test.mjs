#!/usr/bin/env node
// `npm test`: resolves the test model, then runs five groups of tests and prints one total:
// 1. web-test-runner.config.mjs: the browser tests (test/**/*.test.ts, but for those of 2, 3 and 4) on a
//    cross-origin-isolated page, where wllama runs multi-threaded;
// 2. web-test-runner.single-thread.config.mjs: the *.single-thread.test.ts files on a page that is not
//    isolated (wllama's single-thread path);
// 3. web-test-runner.webgpu.config.mjs: the *.webgpu.test.ts files in a Chromium with WebGPU on;
// 4. web-test-runner.visual.config.mjs: the screenshots of test/visual/*.visual.test.ts, compared with
//    their baselines (diffs saved under test/visual/failed/);
// 5. after `npm run build`, the end-to-end tests on the built files (test/e2e, node's test runner),
//    and the consumer apps (test/consumers: the packed package in Vite and webpack apps, …).
// Extra arguments run only the first config with them, and no build or end-to-end tests
// (e.g. `npm test -- --files test/engine/engine.test.ts`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { resolveTestModel } from './resolve-model.mjs';
import { SUMMARY_FILE } from './summary-reporter.mjs';

try {
  console.log(`[model] ${await resolveTestModel()}`);
} catch (error) {
  console.error(`[model] could not resolve the test model: ${error.message}`);
  console.error('[model] set LLM_ELEMENTS_MODELS to a folder holding stories260K.gguf, or allow the download.');
  process.exit(1);
}

rmSync(SUMMARY_FILE, { force: true });
const extra = process.argv.slice(2);
const runs = extra.length
  ? [['web-test-runner.config.mjs', extra]]
  : [
      ['web-test-runner.config.mjs', []],
      ['web-test-runner.single-thread.config.mjs', []],
      ['web-test-runner.webgpu.config.mjs', []],
      ['web-test-runner.visual.config.mjs', []],
    ];
let exitCode = 0;
for (const [config, args] of runs) {
  const run = spawnSync('npx', ['wtr', '--config', config, ...args], { stdio: 'inherit' });
  if (run.status !== 0) exitCode = run.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0, fileErrors: 0 };

// End-to-end: the built script-tag bundle on a plain page, and the built Storybook (when built).
if (!extra.length) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; the end-to-end tests need it.');
    exitCode = 1;
    totals.failed++;
  } else {
    // The test files by name: given a folder, node's runner would also run the consumer apps'
    // own files (Vitest's *.test.js) and every helper module under a test/ folder.
    const files = [
      ...readdirSync('test/e2e')
        .filter((file) => file.endsWith('.test.mjs'))
        .map((file) => `test/e2e/${file}`),
      'test/consumers/consumers.test.mjs',
    ];
    const e2e = spawnSync('node', ['--test', '--test-reporter=tap', ...files], { encoding: 'utf8' });
    process.stdout.write(e2e.stdout);
    process.stderr.write(e2e.stderr);
    const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(e2e.stdout)?.[1] ?? 0);
    totals.passed += count('pass');
    totals.failed += count('fail') + count('cancelled');
    totals.skipped += count('skipped');
    if (e2e.status !== 0) exitCode = e2e.status ?? 1;
  }
}

if (existsSync(SUMMARY_FILE)) {
  for (const line of readFileSync(SUMMARY_FILE, 'utf8').trim().split('\n').filter(Boolean)) {
    const run = JSON.parse(line);
    for (const key of Object.keys(totals)) totals[key] += run[key] ?? 0;
  }
}
if (totals.fileErrors) console.log(`${totals.fileErrors} test file(s) failed outside any test`);
if (exitCode !== 0 && totals.failed === 0) totals.failed = Math.max(1, totals.fileErrors);
if (totals.passed === 0 && exitCode === 0) {
  console.error('No test ran.');
  exitCode = 1;
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
