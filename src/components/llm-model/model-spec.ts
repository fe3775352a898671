// The model <llm-model> names through its attributes (`src`, `catalog`, `webgpu-*`, `browser-model`),
// as the engine's ModelSource: kept apart from the element, which only decides when to load it.
import { CATALOG, catalogSpec, findCatalogEntry } from '../../engine/models/catalog.js';
import { LlmError } from '../../engine/core/errors.js';
import type { ModelSource, RemoteEndpoint } from '../../engine/core/types.js';

/** The properties of `<llm-model>` that name its model. */
export interface ModelAttributes {
  src: string;
  catalog: string;
  webgpuModel: string;
  webgpuModelUrl: string;
  webgpuModelLib: string;
  browserModel: boolean;
  endpoint: string;
  endpointModel: string;
  /** Headers (credentials) for each request to `endpoint`, from the page's JavaScript. */
  endpointHeaders?: RemoteEndpoint['headers'];
}

/** Those properties by name: a change to any of them is another model. */
export const MODEL_PROPERTIES = [
  'src',
  'catalog',
  'webgpuModel',
  'webgpuModelUrl',
  'webgpuModelLib',
  'browserModel',
  'endpoint',
  'endpointModel',
] as const satisfies readonly (keyof ModelAttributes)[];

/**
 * The model from `src`, `catalog`, `webgpu-*` and `browser-model`: GGUF URLs alone, or a spec with
 * an MLC build or the browser's model too (readied for `lang`, the page's language); null when they
 * name none. Throws a `model-not-found` LlmError for a name the catalog does not have.
 */
export function modelSpec(attributes: ModelAttributes, lang?: string): ModelSource | null {
  const { src, catalog, webgpuModel, webgpuModelUrl, webgpuModelLib, browserModel } = attributes;
  // A server: the fallback of the builds below, or, alone, where every request goes.
  const endpoint = attributes.endpoint.trim()
    ? {
        url: attributes.endpoint.trim(),
        model: attributes.endpointModel.trim(),
        headers: async () => (await attributes.endpointHeaders?.()) ?? {},
      }
    : undefined;
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
  if (browserModel) return { gguf, mlc, browserModel: lang ? { languages: [lang] } : true, endpoint };
  if (!gguf && !mlc) return endpoint ? { endpoint } : null;
  if (endpoint) return { gguf, mlc, endpoint };
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
