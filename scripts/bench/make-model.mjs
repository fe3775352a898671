#!/usr/bin/env node
// Makes test models with deterministic random weights into .cache/models (see ../make-models.mjs).
// Usage: node scripts/bench/make-model.mjs <preset>...   e.g. 135m-q8_0, 500m-q4_0, split:135m-q8_0:3
// Without a preset it lists them. The benchmarks use BIG_MODEL, a 57M-parameter f16 llama with
// stories260K's tokenizer, for more work per token than stories260K.
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureModel, ensureModelFiles, makeModel, presetPaths, presetSpec, PRESETS } from '../make-models.mjs';

export const BIG_MODEL = basename(presetPaths('57m-f16')[0]);

/** The benchmarks' 57M f16 llama: made once in .cache/models, or into `out`. Returns its path. */
export async function makeBigModel(out) {
  if (!out) return ensureModel('57m-f16');
  if (!existsSync(out)) await makeModel({ ...presetSpec('57m-f16'), out });
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const presets = process.argv.slice(2);
  if (presets.length === 0) {
    console.log('usage: node scripts/bench/make-model.mjs <preset>...  (<shape>-<quant> or split:<preset>:<parts>)');
    for (const preset of PRESETS) {
      const paths = presetPaths(preset);
      const made = paths.every((path) => existsSync(path));
      console.log(`  ${preset.padEnd(20)} ${basename(paths[0])}${made ? ' (made)' : ''}`);
    }
  }
  for (const preset of presets) {
    for (const path of await ensureModelFiles(preset)) console.log(`${path}\t${statSync(path).size}`);
  }
}
