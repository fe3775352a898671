// Downloads into the Origin Private File System that survive the page: wllama's own file
// (`cache/<name>`) is written in place by a worker through a sync access handle, so every byte
// written is in the file even when the tab closes mid-download, and wllama's metadata file is
// written first, naming the URL, the full size and the validator. A later page finds the part
// (its size is below `originalSize`, so it is never taken for the model) and asks only for the rest.
import type { CacheManager } from '@wllama/wllama';
import { OPFS_CACHE_FOLDER, metadataName } from './model-cache-layout.js';

/** How often the writer asks the file system to make written bytes durable. */
const FLUSH_EVERY_BYTES = 16 * 1024 * 1024;

/** What a stored part of a download needs for its rest to be asked for. */
export interface PartialFile {
  /** Bytes already stored. */
  received: number;
  total: number;
  /** The strong validator (ETag or Last-Modified) the part was downloaded under. */
  validator: string;
}

/** The metadata this project writes beside a file; wllama reads the first three fields. */
interface StoredMetadata {
  originalURL: string;
  originalSize: number;
  etag: string;
  /** Set while the file is unfinished and resumable. */
  validator?: string;
}

/** The unfinished, resumable download of `url` stored as `name`, or null. */
export async function findPartial(
  cache: Pick<CacheManager, 'getSize' | 'getMetadata'>,
  name: string,
  url: string,
): Promise<PartialFile | null> {
  try {
    const [size, metadata] = await Promise.all([
      cache.getSize(name),
      cache.getMetadata(name) as Promise<StoredMetadata | null>,
    ]);
    if (!metadata || metadata.originalURL !== url || !metadata.validator) return null;
    if (!(size > 0 && size < metadata.originalSize)) return null;
    return { received: size, total: metadata.originalSize, validator: metadata.validator };
  } catch {
    return null;
  }
}

/** Whether this browser can write a file in place from a worker (every current engine can). */
export function canWriteInPlace(): boolean {
  return typeof Worker !== 'undefined' && typeof FileSystemFileHandle !== 'undefined';
}

// The worker: one file open at a time, written at increasing offsets.
const WRITER_CODE = `
let handle = null;
let position = 0;
let unflushed = 0;
async function open(name, create) {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle(${JSON.stringify(OPFS_CACHE_FOLDER)}, { create: true });
  const file = await dir.getFileHandle(name, { create });
  return file.createSyncAccessHandle();
}
onmessage = async ({ data }) => {
  try {
    if (data.action === 'open') {
      handle = await open(data.name, true);
      handle.truncate(data.offset);
      position = data.offset;
    } else if (data.action === 'write') {
      const bytes = new Uint8Array(data.buffer);
      let done = 0;
      while (done < bytes.length) done += handle.write(bytes.subarray(done), { at: position + done });
      position += bytes.length;
      unflushed += bytes.length;
      if (unflushed >= ${FLUSH_EVERY_BYTES}) { handle.flush(); unflushed = 0; }
    } else if (data.action === 'close') {
      if (handle) { handle.flush(); handle.close(); handle = null; }
    } else if (data.action === 'text') {
      const text = await open(data.name, true);
      const bytes = new TextEncoder().encode(data.text);
      text.truncate(0);
      text.write(bytes, { at: 0 });
      text.flush();
      text.close();
    }
    postMessage({ ok: true, position });
  } catch (error) {
    postMessage({ ok: false, error: (error && error.name ? error.name + ': ' : '') + (error && error.message || String(error)) });
  }
};
`;

/** Writes one file of wllama's OPFS cache in place, from `offset` on, with its metadata beside it. */
export class InPlaceWriter {
  private readonly worker: Worker;
  private readonly url: string;
  private pending: Promise<unknown> = Promise.resolve();

  private constructor(private readonly name: string) {
    this.url = URL.createObjectURL(new Blob([WRITER_CODE], { type: 'text/javascript' }));
    this.worker = new Worker(this.url, { name: 'llm-elements download writer' });
  }

  /**
   * Opens `name` and cuts it to `offset` bytes (what is kept of an earlier part), after writing the
   * metadata that makes the part resumable: a file that ends before `total` is never used as the model.
   */
  static async open(name: string, offset: number, metadata: StoredMetadata): Promise<InPlaceWriter> {
    const writer = new InPlaceWriter(name);
    try {
      await writer.send({ action: 'text', name: metadataName(name), text: JSON.stringify(metadata) });
      await writer.send({ action: 'open', name, offset });
    } catch (error) {
      writer.dispose();
      throw error;
    }
    return writer;
  }

  /** Appends `chunk` (its buffer is handed to the worker when it owns all of it). */
  write(chunk: Uint8Array): Promise<unknown> {
    const buffer =
      chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk.buffer : chunk.slice().buffer;
    return this.send({ action: 'write', buffer }, [buffer as ArrayBuffer]);
  }

  /** Closes the file and writes its final metadata (the file is complete). */
  async finish(metadata: StoredMetadata): Promise<void> {
    try {
      await this.send({ action: 'close' });
      await this.send({ action: 'text', name: metadataName(this.name), text: JSON.stringify(metadata) });
    } finally {
      this.dispose();
    }
  }

  /** Closes the file, keeping what was written. */
  async close(): Promise<void> {
    try {
      await this.send({ action: 'close' });
    } finally {
      this.dispose();
    }
  }

  private dispose(): void {
    this.worker.terminate();
    URL.revokeObjectURL(this.url);
  }

  /** Messages are answered in order, one at a time. */
  private send(message: Record<string, unknown>, transfer: Transferable[] = []): Promise<unknown> {
    const next = this.pending.then(
      () =>
        new Promise((resolve, reject) => {
          this.worker.onmessage = ({ data }: MessageEvent<{ ok: boolean; error?: string }>) =>
            data.ok ? resolve(data) : reject(storageError(data.error ?? 'unknown error'));
          this.worker.onerror = (event) => {
            event.preventDefault();
            reject(new Error(event.message || 'the file writer did not start'));
          };
          this.worker.postMessage(message, transfer);
        }),
    );
    this.pending = next.catch(() => {});
    return next;
  }
}

/** A write refused for lack of room keeps its name, so the caller can tell it from a network failure. */
function storageError(message: string): Error {
  const error = new Error(message);
  if (/QuotaExceeded|NoModificationAllowed|no space/i.test(message)) error.name = 'QuotaExceededError';
  return error;
}
