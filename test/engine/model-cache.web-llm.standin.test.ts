// web-llm's cache in listing, checking and removing models, against a scripted stand-in of
// @mlc-ai/web-llm's cache functions (web-llm cannot run here: it needs a GPU and its builds come from
// the network). The stand-in follows web-llm 0.2.86: `hasModelInCache` looks for the build's
// `tensor-cache.json` in the Cache API scope `webllm/model`, and `deleteModelAllInfoInCache` removes
// its weights, config and model library from the scopes web-llm keeps them in; its files are real
// Cache API entries, so the sizes and dates the adapter reads are read as from web-llm's own.
import { expect, waitUntil } from '@open-wc/testing';
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import {
  Engine,
  LlmError,
  clearModelCache,
  deleteCachedModel,
  listCachedModels,
  modelCacheState,
  type Backend,
  type MlcModel,
} from '../../src/engine/index.js';
import { registerModelCacheAdapter } from '../../src/engine/storage/model-cache.js';
import { mlcBaseUrl, webLlmCacheAdapter, type WebLlmCacheModule } from '../../src/engine/storage/web-llm-cache.js';
import { uniqueModelUrl } from '../helpers/model.js';
import { within } from '../helpers/wait.js';
import { scriptedGpuDevice } from '../helpers/capabilities.js';

const record = (id: string): ModelRecord => ({
  model: `https://models.invalid/mlc-ai/${id}`,
  model_id: id,
  model_lib: `https://models.invalid/libs/${id}-webgpu.wasm`,
});
const PREBUILT = 'Scripted-0.5B-Instruct-q4f16_1-MLC';
const NOT_STORED = 'Scripted-1B-Instruct-q4f16_1-MLC';
const CUSTOM: MlcModel = {
  id: 'My-Custom-Build-q4f16_1-MLC',
  url: 'https://models.example/my-custom-build',
  modelLib: 'https://models.example/my-custom-build.wasm',
};

/** A scripted stand-in of web-llm's cache functions, keeping builds in web-llm's Cache API scopes. */
class ScriptedWebLlmCache implements WebLlmCacheModule {
  readonly prebuiltAppConfig: AppConfig = { model_list: [record(PREBUILT), record(NOT_STORED)] };
  readonly calls: Array<{ fn: string; id: string; appConfig: AppConfig | undefined }> = [];

  private find(id: string, appConfig?: AppConfig): ModelRecord {
    const found = (appConfig ?? this.prebuiltAppConfig).model_list.find((r) => r.model_id === id);
    if (!found)
      throw Object.assign(new Error(`Cannot find model record in appConfig for ${id}`), { name: 'ModelNotFoundError' });
    return found;
  }

  hasModelInCache = async (id: string, appConfig?: AppConfig): Promise<boolean> => {
    this.calls.push({ fn: 'hasModelInCache', id, appConfig });
    const base = mlcBaseUrl(this.find(id, appConfig).model);
    return Boolean(await (await caches.open('webllm/model')).match(new URL('tensor-cache.json', base).href));
  };

  deleteModelAllInfoInCache = async (id: string, appConfig?: AppConfig): Promise<void> => {
    this.calls.push({ fn: 'deleteModelAllInfoInCache', id, appConfig });
    const found = this.find(id, appConfig);
    const base = mlcBaseUrl(found.model);
    for (const scope of ['webllm/model', 'webllm/config']) {
      const cache = await caches.open(scope);
      for (const request of await cache.keys()) if (request.url.startsWith(base)) await cache.delete(request);
    }
    await (await caches.open('webllm/wasm')).delete(found.model_lib);
  };

  /** Stores a build as web-llm's download does: weights, tensor cache, config, model library. */
  async store(found: ModelRecord, weightBytes: number, date: Date): Promise<void> {
    const base = mlcBaseUrl(found.model);
    const put = async (scope: string, url: string, bytes: number) =>
      (await caches.open(scope)).put(
        url,
        new Response(new Uint8Array(bytes), {
          headers: { 'content-length': String(bytes), date: date.toUTCString() },
        }),
      );
    await put('webllm/model', new URL('params_shard_0.bin', base).href, weightBytes);
    await put('webllm/model', new URL('tensor-cache.json', base).href, 100);
    await put('webllm/config', new URL('mlc-chat-config.json', base).href, 10);
    await put('webllm/wasm', found.model_lib, 1000);
  }
}

const webLlm = new ScriptedWebLlmCache();
registerModelCacheAdapter('web-llm', async () => webLlmCacheAdapter(async () => webLlm));

const customRecord: ModelRecord = { model: CUSTOM.url!, model_id: CUSTOM.id, model_lib: CUSTOM.modelLib! };
const storedAt = new Date('2026-03-01T12:00:00Z');

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return null;
  } catch (error) {
    return error;
  }
}

describe('model cache: web-llm’s cache (scripted web-llm stand-in)', () => {
  beforeEach(async () => {
    for (const scope of ['webllm/model', 'webllm/config', 'webllm/wasm']) await caches.delete(scope);
    await webLlm.store(record(PREBUILT), 5000, storedAt);
    await webLlm.store(customRecord, 7000, storedAt);
    webLlm.calls.length = 0;
  });

  it('lists the stored prebuilt builds, and custom builds the page names, with sizes and dates', async () => {
    const entries = (await listCachedModels({ mlc: [CUSTOM] })).filter((e) => e.store === 'web-llm');
    expect(entries.map((e) => e.key).sort()).to.deep.equal([CUSTOM.id, PREBUILT].sort());
    const prebuilt = entries.find((e) => e.key === PREBUILT)!;
    expect(prebuilt).to.deep.include({
      url: 'https://models.invalid/mlc-ai/Scripted-0.5B-Instruct-q4f16_1-MLC/resolve/main/',
      sizeBytes: 5000 + 100 + 10 + 1000,
      complete: true,
      inUse: false,
    });
    expect(prebuilt.mlc).to.deep.equal({ id: PREBUILT });
    expect(prebuilt.storedAt?.toISOString()).to.equal(storedAt.toISOString());
    expect(entries.find((e) => e.key === CUSTOM.id)?.sizeBytes).to.equal(7000 + 100 + 10 + 1000);
    const custom = webLlm.calls.find((c) => c.id === CUSTOM.id);
    expect(custom?.appConfig?.model_list[0]).to.include({ model: CUSTOM.url, model_lib: CUSTOM.modelLib });
    expect(
      webLlm.calls.some((c) => c.id === NOT_STORED),
      'every prebuilt build was asked about',
    ).to.equal(true);

    expect((await listCachedModels()).some((e) => e.key === CUSTOM.id)).to.equal(
      false,
      'a custom build is found only when named',
    );
  });

  it('says a model is cached when its MLC build is, whatever its GGUF build', async () => {
    expect(await modelCacheState({ mlc: { id: PREBUILT } })).to.deep.equal({ cached: true, sizeBytes: 6110 });
    expect(await modelCacheState({ gguf: uniqueModelUrl('once'), mlc: { id: PREBUILT } })).to.deep.equal({
      cached: true,
      sizeBytes: 6110,
    });
    expect(await modelCacheState({ mlc: { id: NOT_STORED } })).to.deep.equal({ cached: false, sizeBytes: 0 });
  });

  it('removes a build through deleteModelAllInfoInCache, with the custom build’s own config', async () => {
    const removed = await deleteCachedModel({ mlc: CUSTOM });
    expect(removed.map((e) => [e.store, e.key])).to.deep.equal([['web-llm', CUSTOM.id]]);
    const call = webLlm.calls.find((c) => c.fn === 'deleteModelAllInfoInCache');
    expect(call?.id).to.equal(CUSTOM.id);
    expect(call?.appConfig?.model_list[0]?.model).to.equal(CUSTOM.url);
    expect(await modelCacheState({ mlc: CUSTOM })).to.deep.equal({ cached: false, sizeBytes: 0 });
    expect(await deleteCachedModel({ mlc: CUSTOM })).to.deep.equal([], 'nothing left');

    const [entry] = (await listCachedModels()).filter((e) => e.key === PREBUILT);
    expect(await deleteCachedModel(entry!)).to.have.length(1, 'by its list entry');
    expect(webLlm.calls.filter((c) => c.fn === 'deleteModelAllInfoInCache').at(-1)).to.include({
      id: PREBUILT,
      appConfig: undefined,
    });
  });

  it('does not remove a build while a load holds it (an engine loading it, then another tab)', async () => {
    let finish: () => void = () => {};
    const loaded = new Promise<void>((resolve) => (finish = resolve));
    let loadStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => (loadStarted = resolve));
    // A scripted backend in place of web-llm's: its load waits until the test lets it end.
    const backend: Backend = {
      kind: 'web-llm',
      load: async () => {
        loadStarted();
        await loaded;
        return {
          name: PREBUILT,
          architecture: 'mlc',
          contextSize: 512,
          trainedContextSize: 512,
          chatTemplate: null,
          chatFormat: 'library',
          sizeBytes: 0,
        };
      },
      generate: async () => ({ finishReason: 'stop' }),
      unload: async () => {},
    };
    const engine = new Engine({ detectCapabilities: withGpu, backends: { 'web-llm': async () => backend } });
    const loading = engine.load({ mlc: { id: PREBUILT } });
    // The engine takes the build's lock before its backend loads.
    await within(started, 5000, 'the scripted backend’s load starting');
    const error = await failureOf(deleteCachedModel({ mlc: { id: PREBUILT } }));
    expect(error).to.be.instanceOf(LlmError);
    expect((error as LlmError).code).to.equal('storage');
    const cleared = await clearModelCache();
    expect(cleared.inUse.map((e) => e.key)).to.include(PREBUILT);
    expect(cleared.removed.map((e) => e.key)).not.to.include(PREBUILT);
    expect(webLlm.calls.some((c) => c.fn === 'deleteModelAllInfoInCache' && c.id === PREBUILT)).to.equal(false);
    finish();
    await loading;
    await waitUntil(() => engine.cache?.cached === true, 'web-llm keeps its own cache: checked after the load');
    await engine.unload();
    expect(await deleteCachedModel({ mlc: { id: PREBUILT } })).to.have.length(1, 'removable once loaded');
  });

  it('clears web-llm’s builds with the rest', async () => {
    const { removed } = await clearModelCache();
    expect(removed.filter((e) => e.store === 'web-llm').map((e) => e.key)).to.deep.equal([PREBUILT]);
    expect((await listCachedModels({ mlc: [CUSTOM] })).map((e) => e.key)).to.deep.equal(
      [CUSTOM.id],
      'a custom build nobody named is not found, so not cleared',
    );
    const named = await clearModelCache({ mlc: [CUSTOM] });
    expect(named.removed.map((e) => e.key)).to.deep.equal([CUSTOM.id]);
    expect(await listCachedModels({ mlc: [CUSTOM] })).to.deep.equal([]);
  });
});

const withGpu = scriptedGpuDevice;
