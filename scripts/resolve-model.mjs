#!/usr/bin/env node
// Finds the test model (stories260K.gguf) and prints its path.
// Order: the folder named by LLM_ELEMENTS_MODELS, then the git-ignored cache, then a one-time download
// from the public upstream. Every copy is checked against the pinned sha256 before it is used.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const TEST_MODEL = {
  file: 'stories260K.gguf',
  url: 'https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf',
  sha256: '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d',
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = join(root, '.cache', 'models');

async function sha256Of(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

async function verified(path) {
  if (!existsSync(path)) return false;
  const actual = await sha256Of(path);
  if (actual !== TEST_MODEL.sha256) {
    console.warn(`[model] ${path} has sha256 ${actual}, expected ${TEST_MODEL.sha256}; ignoring it`);
    return false;
  }
  return true;
}

async function download(target) {
  console.log(`[model] downloading ${TEST_MODEL.url}`);
  const response = await fetch(TEST_MODEL.url);
  if (!response.ok) throw new Error(`download failed: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== TEST_MODEL.sha256) {
    throw new Error(`downloaded file has sha256 ${actual}, expected ${TEST_MODEL.sha256}`);
  }
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, target);
}

/** Returns the absolute path of a verified copy of the test model, downloading it once if needed. */
export async function resolveTestModel() {
  const fromEnv = process.env.LLM_ELEMENTS_MODELS;
  if (fromEnv) {
    const candidate = resolve(fromEnv, TEST_MODEL.file);
    if (await verified(candidate)) return candidate;
    console.warn(`[model] LLM_ELEMENTS_MODELS=${fromEnv} holds no valid ${TEST_MODEL.file}`);
  }
  const cached = join(CACHE_DIR, TEST_MODEL.file);
  if (await verified(cached)) return cached;
  await rm(cached, { force: true });
  await download(cached);
  return cached;
}

/** The folder the test servers serve models from. */
export async function resolveModelDir() {
  return dirname(await resolveTestModel());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(`[model] ${await resolveTestModel()}`);
  } catch (error) {
    console.error(`[model] could not resolve ${TEST_MODEL.file}: ${error.message}`);
    console.error('[model] set LLM_ELEMENTS_MODELS to a folder that holds it, or allow the download.');
    process.exit(1);
  }
}
