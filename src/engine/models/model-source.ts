import { LlmError } from '../core/errors.js';
import type { BrowserModelOptions, MlcModel, ModelSource, ModelSpec, RemoteEndpoint } from '../core/types.js';

/** A model source as absolute GGUF URLs plus an optional MLC build, and whether the browser's model comes first. */
export interface ResolvedSource {
  urls: string[];
  mlc?: MlcModel;
  browserModel?: BrowserModelOptions;
  /** A server that runs the model: the fallback of the builds above, or, alone, where every request goes. */
  remote?: RemoteEndpoint;
}

/** Reads a source (one URL, a space-separated list, an array, or a spec); throws on an invalid URL. */
export function resolveSource(source: ModelSource): ResolvedSource {
  if (typeof source === 'string' || Array.isArray(source)) return { urls: toUrls(source as string | string[]) };
  const spec = source as ModelSpec;
  const asked = spec.browserModel ?? spec.browser; // `browser`: the deprecated name, read until the next release
  const browserModel = asked === true ? {} : asked || undefined;
  return {
    urls: spec.gguf ? toUrls(spec.gguf) : [],
    mlc: spec.mlc,
    ...(browserModel && { browserModel }),
    ...(spec.endpoint && { remote: spec.endpoint }),
  };
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

/** llama-gguf-split's part names: `<name>-00001-of-00003.gguf`. */
const SPLIT_PART = /-(\d{5})-of-(\d{5})\.gguf$/;

/**
 * The URLs of every part when `url` names the first part of a llama-gguf-split model (as llama.cpp
 * takes it), else `[url]`.
 */
export function splitParts(url: string): string[] {
  const parsed = new URL(url);
  const match = SPLIT_PART.exec(parsed.pathname);
  if (!match || Number(match[1]) !== 1) return [url];
  const count = Number(match[2]);
  return Array.from({ length: count }, (_, i) => {
    const part = new URL(parsed.href);
    const number = String(i + 1).padStart(5, '0');
    part.pathname = parsed.pathname.replace(SPLIT_PART, `-${number}-of-${match[2]}.gguf`);
    return part.href;
  });
}

function toUrls(source: string | readonly string[]): string[] {
  const list = typeof source === 'string' ? source.split(/\s+/) : [...source];
  const urls = list
    .map((url) => url.trim())
    .filter(Boolean)
    .map((url) => {
      try {
        return new URL(url, globalThis.document?.baseURI ?? globalThis.location?.href).href;
      } catch {
        throw new LlmError('model-not-found', `"${url}" is not a valid URL.`);
      }
    });
  // The first part alone stands for all of them; parts in any other order are put in order.
  const [only] = urls;
  return urls.length === 1 && only ? splitParts(only) : sortParts(urls);
}

/** Split parts sorted by their number (llama.cpp needs the first part first); other lists as given. */
function sortParts(urls: string[]): string[] {
  const number = (url: string) => Number(SPLIT_PART.exec(new URL(url).pathname)?.[1] ?? NaN);
  if (!urls.every((url) => Number.isFinite(number(url)))) return urls;
  return [...urls].sort((a, b) => number(a) - number(b));
}

/** The last part of a URL's path, as people know the file by. */
export function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
  } catch {
    return url;
  }
}

/** Whether two sources name the same files and build. */
export function sameModel(a: ModelSource, b: ModelSource): boolean {
  return JSON.stringify(resolveSourceLeniently(a)) === JSON.stringify(resolveSourceLeniently(b));
}
