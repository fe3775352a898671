// web-llm's own cache of MLC builds, for model-cache.ts: whether a build is stored and removing it go
// through web-llm's functions (`hasModelInCache`, `deleteModelAllInfoInCache`); its size and date are
// read from the Cache API entries web-llm keeps (scopes `webllm/model`, `webllm/config`,
// `webllm/wasm`), where it keeps them (its default `cacheBackend`, which our backend uses).
// Registered by `llm-elements/web-llm`, and loaded with import() only when a page asks about the cache
// or loads an MLC build (the web-llm backend takes its app config from here).
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import type * as WebLlm from '@mlc-ai/web-llm';
import type { CachedModel, ModelCacheAdapter } from './model-cache-types.js';
import type { MlcModel } from '../core/types.js';
import { needsShaderF16 } from '../device/select-backend.js';

/** The part of `@mlc-ai/web-llm` the cache adapter uses (tests give a scripted stand-in of it). */
export type WebLlmCacheModule = Pick<
  typeof WebLlm,
  'hasModelInCache' | 'deleteModelAllInfoInCache' | 'prebuiltAppConfig'
>;

/**
 * web-llm's app config for an MLC build: a custom build brings its own record; a prebuilt id uses
 * web-llm's own list (undefined). web-llm keeps and finds a build's files by this config, so its
 * backend (backends/web-llm.ts) loads with it and the cache adapter below looks with it.
 */
export function mlcAppConfig(mlc: MlcModel): AppConfig | undefined {
  if (!mlc.url || !mlc.modelLib) return undefined;
  return {
    model_list: [
      {
        model: mlc.url,
        model_id: mlc.id,
        model_lib: mlc.modelLib,
        vram_required_MB: mlc.vramMB,
        required_features: needsShaderF16(mlc) ? ['shader-f16'] : undefined,
      },
    ],
  };
}

/** web-llm's own rule for a build's base URL (`cleanModelUrl`): its files are fetched below it. */
export function mlcBaseUrl(model: string): string {
  let url = model.endsWith('/') ? model : `${model}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url).href;
}

/** Bytes and the newest date of the Cache API entries web-llm keeps for a build (0 and null where it keeps none). */
async function cachedFiles(
  record: ModelRecord,
  appConfig: AppConfig,
): Promise<{ size: number; storedAt: number | null }> {
  let size = 0;
  let storedAt: number | null = null;
  if ((appConfig.cacheBackend ?? 'cache') !== 'cache' || typeof caches === 'undefined') return { size, storedAt };
  const base = mlcBaseUrl(record.model);
  const scopes: Array<[string, (url: string) => boolean]> = [
    ['webllm/model', (url) => url.startsWith(base)],
    ['webllm/config', (url) => url.startsWith(base)],
    ['webllm/wasm', (url) => url === record.model_lib],
  ];
  for (const [scope, belongs] of scopes) {
    if (!(await caches.has(scope))) continue;
    const cache = await caches.open(scope);
    for (const request of await cache.keys()) {
      if (!belongs(request.url)) continue;
      const response = await cache.match(request);
      if (!response) continue;
      size += Number(response.headers.get('content-length')) || (await response.blob()).size;
      const date = Date.parse(response.headers.get('date') ?? '');
      if (!Number.isNaN(date)) storedAt = Math.max(storedAt ?? 0, date);
    }
  }
  return { size, storedAt };
}

/**
 * web-llm's cache as model-cache.ts reads it. `load` gives web-llm's module (by default
 * `import('@mlc-ai/web-llm')`, so the library loads only when the cache is asked about).
 */
export function webLlmCacheAdapter(
  load: () => Promise<WebLlmCacheModule> = () => import('@mlc-ai/web-llm'),
): ModelCacheAdapter {
  return {
    store: 'web-llm',
    async list(models?: readonly MlcModel[]): Promise<CachedModel[]> {
      const webLlm = await load();
      const prebuilt = webLlm.prebuiltAppConfig;
      const builds = models
        ? models.map((mlc) => ({ mlc, appConfig: mlcAppConfig(mlc) ?? prebuilt }))
        : prebuilt.model_list.map((record) => ({ mlc: { id: record.model_id }, appConfig: prebuilt }));
      // Nothing at all in web-llm's Cache API: no build to look for one by one.
      if (
        typeof caches !== 'undefined' &&
        builds.every(({ appConfig }) => (appConfig.cacheBackend ?? 'cache') === 'cache')
      ) {
        if (!(await caches.has('webllm/model'))) return [];
      }
      const entries: CachedModel[] = [];
      for (const { mlc, appConfig } of builds) {
        const record = appConfig.model_list.find((item) => item.model_id === mlc.id);
        if (!record) continue; // web-llm does not know this id
        const stored = await webLlm.hasModelInCache(mlc.id, appConfig).catch(() => false);
        if (!stored) continue;
        const { size, storedAt } = await cachedFiles(record, appConfig);
        entries.push({
          url: mlcBaseUrl(record.model),
          key: mlc.id,
          store: 'web-llm',
          sizeBytes: size,
          storedAt: storedAt === null ? null : new Date(storedAt),
          complete: true,
          inUse: false,
          mlc: { ...mlc },
        });
      }
      return entries;
    },
    async remove(mlc: MlcModel): Promise<void> {
      const webLlm = await load();
      await webLlm.deleteModelAllInfoInCache(mlc.id, mlcAppConfig(mlc));
    },
  };
}
