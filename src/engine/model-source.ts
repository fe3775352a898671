import { LlmError } from './errors.js';
import type { MlcModel, ModelSource, ModelSpec } from './types.js';

/** A model source as absolute GGUF URLs plus an optional MLC build. */
export interface ResolvedSource {
  urls: string[];
  mlc?: MlcModel;
}

/** Reads a source (one URL, a space-separated list, an array, or a spec); throws on an invalid URL. */
export function resolveSource(source: ModelSource): ResolvedSource {
  if (typeof source === 'string' || Array.isArray(source)) return { urls: toUrls(source as string | string[]) };
  const spec = source as ModelSpec;
  return { urls: spec.gguf ? toUrls(spec.gguf) : [], mlc: spec.mlc };
}

/**
 * Like `resolveSource()`, but an invalid URL is kept as it is, so the load still runs and fails
 * with a clear error instead of the source being ignored.
 */
export function resolveSourceLeniently(source: ModelSource): ResolvedSource {
  try {
    return resolveSource(source);
  } catch {
    return typeof source === 'string' ? { urls: [source] } : { urls: ['invalid'] };
  }
}

function toUrls(source: string | readonly string[]): string[] {
  const list = typeof source === 'string' ? source.split(/\s+/) : [...source];
  return list
    .map((url) => url.trim())
    .filter(Boolean)
    .map((url) => {
      try {
        return new URL(url, globalThis.document?.baseURI ?? globalThis.location?.href).href;
      } catch {
        throw new LlmError('model-not-found', `"${url}" is not a valid URL.`);
      }
    });
}
