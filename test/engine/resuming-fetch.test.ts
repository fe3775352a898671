// fetchResuming() continuing a stored part, against servers that answer the Range in each way they
// do: a part (206), the whole file (Range ignored), or another part (the file changed).
import { expect } from '@open-wc/testing';
import { FileChangedError, fetchResuming } from '../../src/engine/storage/resuming-fetch.js';

const FILE = new Uint8Array(Array.from({ length: 1000 }, (_, i) => i % 251));
const from = { offset: 400, total: FILE.length, validator: '"v1"' };

/** Replaces fetch() with one that answers every request with `answer()`, for the duration of `run`. */
async function withServer<T>(answer: () => Response, run: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  globalThis.fetch = async () => answer();
  try {
    return await run();
  } finally {
    globalThis.fetch = original;
  }
}

async function bytesOf(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer());
}

describe('fetchResuming() from a stored part', () => {
  it('a server that ignores Range (200, the whole file): the stored part is skipped', async () => {
    const response = await withServer(
      () => new Response(FILE, { headers: { etag: '"v1"', 'content-length': String(FILE.length) } }),
      () => fetchResuming('/file', { signal: new AbortController().signal, from }),
    );
    expect(response.offset).to.equal(400);
    expect(await bytesOf(response.body)).to.deep.equal(FILE.subarray(400));
  });

  it('a server that answers with another part (206): FileChangedError, so the stored part is dropped', async () => {
    const failure = await withServer(
      () =>
        new Response(FILE.subarray(0), {
          status: 206,
          headers: { etag: '"v1"', 'content-range': `bytes 0-999/${FILE.length}` },
        }),
      () =>
        fetchResuming('/file', { signal: new AbortController().signal, from }).then(
          () => null,
          (e: unknown) => e,
        ),
    );
    expect(failure).to.be.instanceOf(FileChangedError);
  });

  it('a file changed on the server (200, another validator): the whole file, from its first byte', async () => {
    const response = await withServer(
      () => new Response(FILE, { headers: { etag: '"v2"', 'content-length': String(FILE.length) } }),
      () => fetchResuming('/file', { signal: new AbortController().signal, from }),
    );
    expect(response.offset).to.equal(0);
    expect(await bytesOf(response.body)).to.deep.equal(FILE);
  });
});
