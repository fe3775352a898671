import { DEFAULT_CONTEXT_SIZE } from '../core/defaults.js';
import type { LoadSettings } from '../core/model-loader.js';
import type { ResolvedSource } from '../models/model-source.js';

/**
 * What engines must agree on to share one: the model (its GGUF files, its MLC build, whether the
 * browser's model is asked for) and the settings a loaded model cannot change (context size, backend
 * preference, threads). Two engines with the same key run the same model the same way, so either
 * can answer the other's requests. A short hash: it names a Web Lock and a BroadcastChannel.
 */
export function shareKey(model: ResolvedSource, settings: LoadSettings): string {
  const what = JSON.stringify([
    model.urls,
    model.mlc ?? null,
    model.browserModel ?? null,
    settings.backend ?? 'auto',
    settings.contextSize ?? DEFAULT_CONTEXT_SIZE,
    settings.threads ?? null,
  ]);
  return hash53(what).toString(36);
}

/** The name of the Web Lock held by the tab that holds the engine, and of the tabs' channel. */
export function shareName(key: string): string {
  return `llm-elements/engine/${key}`;
}

/** cyrb53: a fast 53-bit string hash (not cryptographic; a collision only needs both tabs' keys to meet). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
