#!/usr/bin/env node
// Copies the engine files under the names the wllama backend looks for (wllama.wasm, and wllama's
// compatibility build as wllama-compat.wasm and wllama-compat-worker.txt) into one folder, for
// servers that serve a folder as it is (Storybook's static dirs). Usage: node scripts/engine-assets.mjs DIR
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/** Each engine file: its name in the folder, and where the packages have it. */
export const ENGINE_ASSETS = {
  'wllama.wasm': require.resolve('@wllama/wllama/esm/wasm/wllama.wasm'),
  'wllama-compat.wasm': require.resolve('@wllama/wllama-compat/wasm/wllama.wasm'),
  'wllama-compat-worker.txt': require.resolve('@wllama/wllama-compat/wasm/wllama.js'),
};

export async function copyEngineAssets(dir) {
  await mkdir(dir, { recursive: true });
  await Promise.all(Object.entries(ENGINE_ASSETS).map(([name, from]) => copyFile(from, join(dir, name))));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  await copyEngineAssets(process.argv[2] ?? '.cache/engine-assets');
}
