#!/usr/bin/env node
// `node scripts/bench/memory.mjs`: the memory estimate of the fit check (src/engine/models/memory-estimate.ts)
// against the wasm memory llama.cpp takes in Chromium, for every test model. Makes the test models
// of scripts/make-models.mjs first (a few minutes the first time; kept in .cache/models), then runs
// test/engine/model-fit.memory.bench.ts, which prints the table. `--no-make` measures what is there;
// other arguments go to web-test-runner (e.g. `--port 8766`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PRESETS = ['57m-f16', '135m-q8_0', '135m-q4_0', '360m-q8_0', '500m-q4_0'];

if (!process.argv.includes('--no-make') && existsSync(new URL('../make-models.mjs', import.meta.url))) {
  const { ensureModelFiles } = await import('../make-models.mjs');
  for (const preset of PRESETS) {
    console.log(`[memory] model ${preset}`);
    await ensureModelFiles(preset);
  }
}
const run = spawnSync(
  'npx',
  [
    'wtr',
    '--config',
    'web-test-runner.config.mjs',
    '--files',
    'test/engine/model-fit.memory.bench.ts',
    ...process.argv.slice(2).filter((arg) => arg !== '--no-make'),
  ],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
