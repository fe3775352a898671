// The model <llm-model> names through its attributes (`src`, `catalog`, `webgpu-*`, `browser-model`),
// as the engine's ModelSource: kept apart from the element, which only decides when to load it.
import { CATALOG, catalogSpec, findCatalogEntry } from '../../engine/models/catalog.js';
import { LlmError } from '../../engine/core/errors.js';
import type { ModelSource } from '../../engine/core/types.js';

/** The properties of `<llm-model>` that name its model. */
export interface ModelAttributes {
  src: string;
  catalog: string;
  webgpuModel: string;
  webgpuModelUrl: string;
  webgpuModelLib: string;
  browserModel: boolean;
}

/** Those properties by name: a change to any of them is another model. */
export const MODEL_PROPERTIES = [
  'src',
  'catalog',
  'webgpuModel',
  'webgpuModelUrl',
  'webgpuModelLib',
  'browserModel',
] as const satisfies readonly (keyof ModelAttributes)[];

/**
 * The model from `src`, `catalog`, `webgpu-*` and `browser-model`: GGUF URLs alone, or a spec with
 * an MLC build or the browser's model too (readied for `lang`, the page's language); null when they
 * name none. Throws a `model-not-found` LlmError for a name the catalog does not have.
 */
export function modelSpec(attributes: ModelAttributes, lang?: string): ModelSource | null {
  const { src, catalog, webgpuModel, webgpuModelUrl, webgpuModelLib, browserModel } = attributes;
  const entry = catalog ? findCatalogEntry(catalog) : undefined;
  if (catalog && !entry) {
    const names = CATALOG.map((e) => e.name).join(', ');
    throw new LlmError('model-not-found', `No model called "${catalog}" in the catalog. Known: ${names}.`);
  }
  const fromCatalog = entry ? catalogSpec(entry) : {};
  const gguf = src.trim() || fromCatalog.gguf;
  const mlc = webgpuModel
    ? { id: webgpuModel, url: webgpuModelUrl || undefined, modelLib: webgpuModelLib || undefined }
    : fromCatalog.mlc;
  if (browserModel) return { gguf, mlc, browserModel: lang ? { languages: [lang] } : true };
  if (!gguf && !mlc) return null;
  return mlc ? { gguf, mlc } : (gguf ?? null);
}

/** The same, or null for a name the catalog does not have (where there is nothing to report). */
export function modelSpecQuietly(attributes: ModelAttributes, lang?: string): ModelSource | null {
  try {
    return modelSpec(attributes, lang);
  } catch {
    return null;
  }
}
