// A download whose connection drops resumes from the bytes already received (HTTP Range), by
// itself, instead of starting again or failing; the stitched file is the model, byte for byte.
import { expect } from '@open-wc/testing';
import { CacheManager } from '@wllama/wllama';
import { Engine, type LoadProgress } from '../../src/engine/index.js';
import { MODEL_FILE, MODEL_URL, droppedModelUrl, requestCount } from '../helpers/model.js';

/**
 * A same-origin page (an iframe) that starts loading `url` and posts its progress here;
 * `reached(bytes)` resolves once it has received that many bytes, and fails naming them if it does not.
 */
async function pageLoading(
  url: string,
): Promise<{ frame: HTMLIFrameElement; reached: (bytes: number) => Promise<void> }> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<script type="module">
    import { Engine } from '/src/engine/index.ts';
    new Engine().load(${JSON.stringify(url)}, { onProgress: (p) => parent.postMessage({ loaded: p.model.loaded }, '*') }).catch(() => {});
  </script>`;
  let loaded = 0;
  const progressed = new EventTarget();
  const onMessage = ({ source, data }: MessageEvent<{ loaded: number }>) => {
    if (source !== frame.contentWindow) return;
    loaded = data.loaded;
    progressed.dispatchEvent(new Event('progress'));
  };
  addEventListener('message', onMessage);
  const reached = (bytes: number, ms = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (loaded < bytes) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`the first page did not receive ${bytes} bytes within ${ms / 1000} s (it had ${loaded})`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        progressed.removeEventListener('progress', check);
        removeEventListener('message', onMessage);
      };
      progressed.addEventListener('progress', check);
      check();
    });
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return { frame, reached };
}

async function fileSize(): Promise<number> {
  const response = await fetch(MODEL_URL, { method: 'HEAD' });
  return Number(response.headers.get('content-length'));
}

async function greedy(engine: Engine): Promise<string> {
  return (await engine.complete('Once upon a time', { temperature: 0, max_tokens: 16 }).result).text;
}

describe('a dropped download resumes', () => {
  let reference = '';
  before(async () => {
    const engine = new Engine();
    await engine.load(MODEL_URL);
    reference = await greedy(engine);
    await engine.unload();
  });

  for (const percent of [10, 60, 99]) {
    it(`cut at ${percent}%: resumes with Range, fetches the file about once, progress never goes back, same model`, async () => {
      const url = droppedModelUrl(percent);
      const engine = new Engine();
      const progress: LoadProgress[] = [];
      try {
        await engine.load(url, { onProgress: (p) => progress.push(p) });
        const size = await fileSize();
        const { get, bytes } = await requestCount(url);
        expect(get).to.equal(2, 'the first GET, then one resume');
        expect(bytes / size).to.be.at.most(1.05, `fetched ${bytes} bytes for a ${size}-byte file`);
        const loaded = progress.map((p) => p.model.loaded);
        expect(
          loaded.every((value, i) => i === 0 || value >= loaded[i - 1]!),
          'monotonic progress',
        ).to.equal(true);
        expect(progress.at(-1)?.fraction).to.equal(1);
        expect(await greedy(engine)).to.equal(reference, 'the stitched file is the model');
        console.log(`resume: cut at ${percent}%: fetched ${(bytes / size).toFixed(3)}× the file`);
      } finally {
        await engine.unload();
      }
    });
  }

  it('a server that ignores Range: the second GET gets the whole file, whose first part is skipped', async () => {
    const url = droppedModelUrl(60, { range: false });
    const engine = new Engine();
    try {
      await engine.load(url);
      const { get } = await requestCount(url);
      expect(get).to.equal(2);
      expect(await greedy(engine)).to.equal(reference);
    } finally {
      await engine.unload();
    }
  });

  it('a page closed at 60% of the download: the next page fetches only the rest, and progress starts where it stood', async () => {
    // The first GET sends 60% and then nothing, as a connection does when its tab closes.
    const url = droppedModelUrl(60, { route: 'hang-at' });
    const size = await fileSize();
    const page = await pageLoading(url);
    await page.reached(Math.floor(size * 0.6));
    page.frame.remove();

    const engine = new Engine();
    const progress: LoadProgress[] = [];
    try {
      await engine.load(url, { onProgress: (p) => progress.push(p) });
      const { get, bytes } = await requestCount(url);
      expect(get).to.equal(2, 'the closed page’s GET, then one Range request for the rest');
      expect(bytes / size).to.be.at.most(1.05, `fetched ${bytes} bytes for a ${size}-byte file`);
      const known = progress.filter((p) => p.model.total > 0);
      expect(known[0]!.model.loaded / size, 'progress starts from the stored part').to.be.at.least(0.5);
      expect(await greedy(engine)).to.equal(reference, 'the stitched file is the model');
      console.log(`resume across pages: closed at 60%: fetched ${(bytes / size).toFixed(3)}× the file`);
    } finally {
      await engine.unload();
    }
  });

  it('a page closed at 60%, then a server that ignores Range (as Python’s http.server): the whole file is sent, the stored part is skipped, the model is whole', async () => {
    // hang-norange: 60%, then nothing; after that 200 and the whole file whatever the Range, Last-Modified, no ETag.
    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const url = new URL(`/__test/hang-norange/60/${id}/${MODEL_FILE}`, location.href).href;
    const size = await fileSize();
    const page = await pageLoading(url);
    await page.reached(Math.floor(size * 0.6));
    page.frame.remove();

    const engine = new Engine();
    try {
      await engine.load(url);
      expect((await requestCount(url)).get).to.equal(2, 'the closed page’s GET, then one GET of the whole file');
      const stored = await new CacheManager().open(url);
      const original = new Uint8Array(await (await fetch(MODEL_URL)).arrayBuffer());
      expect(stored?.size).to.equal(original.length, 'the stored file’s size');
      const bytes = new Uint8Array(await stored!.arrayBuffer());
      const firstDifference = bytes.findIndex((byte, i) => byte !== original[i]);
      expect(firstDifference, 'the first byte where the stored file differs from the model').to.equal(-1);
      expect(await greedy(engine)).to.equal(reference, 'the stitched file is the model');
    } finally {
      await engine.unload();
    }
  });
});
