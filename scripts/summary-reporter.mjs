// A web-test-runner reporter that adds each run's test counts to a file, so scripts/test.mjs can print
// one total for its three web-test-runner runs (isolated, single-thread, WebGPU) and the end-to-end
// tests (which it counts from their TAP output).
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export const SUMMARY_FILE = '.cache/test-summary.jsonl';

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, fileErrors: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load or threw outside a test has errors but no failed test.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.fileErrors++;
      }
      mkdirSync(dirname(SUMMARY_FILE), { recursive: true });
      appendFileSync(SUMMARY_FILE, `${JSON.stringify(totals)}\n`);
    },
  };
}
