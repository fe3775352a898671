// Raw wllama as a page would use it without llm-elements: the baseline of every raw measurement
// (bench.ts's overhead and settings sweep, trace.ts's raw paths), made and loaded in one place.
import { Wllama, type LoadModelParams } from '@wllama/wllama';

const WASM = new URL('/src/engine/backends/wllama.wasm', location.href).href;
const quiet = { debug: () => {}, log: () => {}, warn: () => {}, error: console.error };

/** A new wllama instance on the served wasm (no compat build), with `url` loaded with exactly `params`. */
export async function loadRawWllama(url: string, params: LoadModelParams): Promise<Wllama> {
  const wllama = new Wllama({ default: WASM }, { logger: quiet, suppressNativeLog: true });
  wllama.setCompat(null);
  await wllama.loadModelFromUrl(url, params);
  return wllama;
}
