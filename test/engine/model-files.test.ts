// A store that loses a file right after it was written (WebKit drops a page's Cache API entries
// when the same address is loaded again): the file is downloaded once more and held in memory for
// this page, so the load goes on instead of failing with "vanished from the model cache".
import { expect } from '@open-wc/testing';
import { CacheManager } from '@wllama/wllama';
import { fetchModelFiles } from '../../src/engine/storage/model-files.js';
import type { StoreBackend } from '../../src/engine/storage/model-store.js';
import { MODEL_URL, uniqueModelUrl } from '../helpers/model.js';

/** A store that takes every write and keeps nothing, like WebKit's Cache API after a reload. */
const forgetful: StoreBackend = {
  isSupported: () => true,
  read: async () => null,
  write: async (_key, stream) => void (await new Response(stream).arrayBuffer()),
  getSize: async () => -1,
  list: async () => [],
  delete: async () => {},
};

describe('model files from a store that loses them', () => {
  it('a file gone from the store right after its download is downloaded again and kept in memory', async () => {
    const url = uniqueModelUrl('once');
    const cache = new CacheManager([forgetful] as ConstructorParameters<typeof CacheManager>[0]);
    const [blob] = await fetchModelFiles(cache, {
      urls: [url],
      store: 'cache',
      onProgress: () => {},
    });
    const size = (await (await fetch(MODEL_URL)).blob()).size;
    expect(blob?.size).to.equal(size, 'the whole file');
    const magic = new TextDecoder().decode(await blob!.slice(0, 4).arrayBuffer());
    expect(magic).to.equal('GGUF');
  });
});
