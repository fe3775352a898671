// Middleware shared by the test runner, the demo server, the end-to-end tests and the benchmarks
// (all are @web/dev-server underneath).
import { EventEmitter } from 'node:events';
import { createReadStream, existsSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { ENGINE_ASSETS } from './engine-assets.mjs';
import { withPatchedHeader, withStringMetadata } from './gguf.mjs';
import { CACHE_DIR } from './resolve-model.mjs';
import { syntheticModelBytes } from './synthetic-gguf.mjs';

const ENGINE_TYPES = { '.wasm': 'application/wasm', '.txt': 'text/plain' };

/**
 * COOP/COEP make the page cross-origin isolated, which SharedArrayBuffer and so wllama's
 * multi-thread build need. Without them wllama runs single-threaded.
 */
export function isolationHeaders(enabled) {
  return async (context, next) => {
    await next();
    if (enabled) {
      context.set('Cross-Origin-Opener-Policy', 'same-origin');
      context.set('Cross-Origin-Embedder-Policy', 'require-corp');
      context.set('Cross-Origin-Resource-Policy', 'same-origin');
    }
  };
}

/**
 * Content Security Policies a test page can ask for with `?csp=<name>` (sent as an HTTP header,
 * as a site would). `strict`: no inline script or style, no eval; WebAssembly and blob: workers
 * allowed, as llm-elements needs. `no-wasm`: the same without 'wasm-unsafe-eval'. `no-blob-worker`:
 * workers only from the page's own origin. `trusted-types`: strict, plus Trusted Types enforced,
 * with the policy names llm-elements documents.
 */
export const TEST_POLICIES = {
  strict:
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self'; img-src 'self' data:; connect-src 'self' blob: data:; base-uri 'none'; object-src 'none'",
  'no-wasm':
    "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self'; img-src 'self' data:; connect-src 'self' blob: data:",
  'no-blob-worker':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' blob: data:",
  'trusted-types':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self'; img-src 'self' data:; connect-src 'self' blob: data:; require-trusted-types-for 'script'; trusted-types llm-elements lit-html dompurify",
};

export function cspHeaders() {
  return async (context, next) => {
    await next();
    const policy = TEST_POLICIES[String(context.query.csp ?? '')];
    if (policy && context.path.endsWith('.html')) context.set('Content-Security-Policy', policy);
  };
}

/**
 * The wllama backend loads its engine files (`wllama.wasm`, and for Safari the compatibility build)
 * from beside its own module. In a build the files are copied
 * there; when serving sources, this answers for it from the installed package.
 */
export function wllamaWasm() {
  return async (context, next) => {
    if (!Object.hasOwn(ENGINE_ASSETS, basename(context.path))) return next();
    const fault = /^\/__test\/wasm\/(404|html|random|slow)\/([^/]+)\//.exec(context.path);
    if (fault && fault[1] !== 'slow' && !restoredAssets.has(fault[2])) return serveBrokenWasm(context, fault[1]);
    const file = ENGINE_ASSETS[basename(context.path)];
    const info = await stat(file);
    context.type = ENGINE_TYPES[extname(file)] ?? 'text/plain';
    context.length = info.size;
    context.body = fault?.[1] === 'slow' ? await trickled(file) : createReadStream(file);
  };
}

/** A file sent slowly (256 KB every 50 ms, about 5 MB/s), uncached: progress tests see its bytes arrive. */
async function trickled(file) {
  const { Readable } = await import('node:stream');
  const bytes = await readFile(file);
  const chunk = 256 * 1024;
  return Readable.from(
    (async function* () {
      for (let offset = 0; offset < bytes.length; offset += chunk) {
        yield bytes.subarray(offset, offset + chunk);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })(),
  );
}

/**
 * Broken engine files for the fail-fast tests: `/__test/wasm/<404|html|random>/<id>/wllama.wasm`
 * answers 404, an HTML page, or random bytes until `/__test/restore?id=<id>`; then the real file.
 * `/__test/wasm/slow/<id>/…` serves the real files trickled (see `trickled`).
 */
const restoredAssets = new Set();

function serveBrokenWasm(context, mode) {
  context.set('Cache-Control', 'no-store');
  if (mode === '404') {
    context.status = 404;
    context.body = 'Not found';
  } else if (mode === 'html') {
    context.type = 'text/html';
    context.body = '<!doctype html><title>My app</title><div id="app"></div>';
  } else {
    context.type = 'application/wasm';
    context.body = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
  }
}

/**
 * The broken-engine-file routes alone (`/__test/wasm/…` and `/__test/restore`), for servers that
 * otherwise serve the built files as they are (the end-to-end tests).
 */
export function brokenWasmRoutes() {
  const engineFiles = wllamaWasm();
  const restore = assetRestoreRoute();
  return async (context, next) => {
    if (context.path === '/__test/restore') return restore(context, next);
    if (!context.path.startsWith('/__test/wasm/')) return next();
    return engineFiles(context, next);
  };
}

/** A response body that sends `head` and then nothing, until the client goes away. */
async function hangingBody(context, head) {
  const { PassThrough } = await import('node:stream');
  const body = new PassThrough();
  body.write(head);
  context.req.on('close', () => body.destroy());
  return body;
}

/** Marks a broken engine file of the tests as repaired (see `serveBrokenWasm`). */
export function assetRestoreRoute() {
  return async (context, next) => {
    if (context.path !== '/__test/restore') return next();
    restoredAssets.add(context.query.id);
    context.body = 'restored';
  };
}

/** A ChatML template, as many instruct models carry; llama.cpp recognises it by `<|im_start|>`. */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/**
 * Test models made from stories260K at serve time (never stored): same weights, other metadata, or
 * a header broken on purpose. `deep`: 1,000 layers declared, 5 present (llama.cpp aborts on it);
 * `vast-tensor`: token_embd.weight declares 2^40 × 2^40 floats (2^52 GiB), in a file of 1 MB.
 */
const DERIVED_MODELS = {
  'stories260K-chatml.gguf': (bytes) => withStringMetadata(bytes, { 'tokenizer.chat_template': CHATML_TEMPLATE }),
  'stories260K-deep.gguf': (bytes) => withPatchedHeader(bytes, { metadata: { 'llama.block_count': 1000 } }),
  'stories260K-vast-tensor.gguf': (bytes) =>
    withPatchedHeader(bytes, { shapes: { 'token_embd.weight': [2 ** 40, 2 ** 40] } }),
};

async function sendFile(context, path) {
  const info = await stat(path);
  context.set('Content-Length', String(info.size));
  context.set('ETag', `"${info.size}-${Math.floor(info.mtimeMs)}"`);
  context.set('Cache-Control', 'no-store');
  context.type = 'application/octet-stream';
  context.status = 200;
  // Koa answers HEAD with the headers alone; a null body would turn it into a 204 without a length.
  if (context.method !== 'HEAD') context.body = createReadStream(path);
}

/**
 * Where the model `name` is: a file in `modelDir`, else one the project made in .cache/models
 * (scripts/bench/make-model.mjs), else null.
 */
function modelFile(modelDir, name) {
  for (const dir of [modelDir, CACHE_DIR]) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/** The model `name` as bytes in memory when it is made at serve time (derived or synthetic), else undefined. */
async function madeModel(modelDir, name) {
  const derived = DERIVED_MODELS[name];
  if (derived) return derived(await readFile(join(modelDir, 'stories260K.gguf')));
  return syntheticModelBytes(name, modelDir);
}

/** Answers with the model `name` (see `modelFile()`, or a made one), as `/models/` does; 404 if absent. */
async function serveModel(context, modelDir, name) {
  const made = await madeModel(modelDir, name);
  if (made) {
    context.type = 'application/octet-stream';
    context.set('Content-Length', String(made.length));
    context.set('Cache-Control', 'no-store');
    context.status = 200;
    if (context.method === 'GET') context.body = made;
    return;
  }
  const path = modelFile(modelDir, name);
  if (!path) {
    context.status = 404;
    return;
  }
  await sendFile(context, path);
}

/** Bytes `start`..`end` (inclusive, clamped) of the model `name` and its size, or null when there is no such model. */
async function modelSlice(modelDir, name, start, end) {
  const made = await madeModel(modelDir, name);
  if (made) return { bytes: made.subarray(start, end + 1), size: made.length };
  const path = modelFile(modelDir, name);
  if (!path) return null;
  const handle = await open(path);
  try {
    const { size } = await handle.stat();
    const length = Math.max(0, Math.min(end + 1, size) - start);
    const bytes = Buffer.alloc(length);
    await handle.read(bytes, 0, length, start);
    return { bytes, size };
  } finally {
    await handle.close();
  }
}

/**
 * A response body that streams `bytes` and counts what the client actually took (`onBytes` per
 * chunk); `onClose` once the stream has ended or the client has gone.
 */
async function countedBody(bytes, onBytes, onClose = () => {}) {
  const { Readable } = await import('node:stream');
  const chunk = 64 * 1024;
  const body = Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += chunk) {
        const part = bytes.subarray(offset, offset + chunk);
        onBytes(part.length);
        yield part;
      }
    })(),
    { highWaterMark: 1, objectMode: false },
  );
  body.once('close', onClose);
  return body;
}

/**
 * Serves GGUF files from `modelDir` under `/models/` (and `DERIVED_MODELS`, the synthetic models of
 * scripts/synthetic-gguf.mjs, and the models made into .cache/models), plus test-only routes
 * that misbehave on purpose:
 *   /__test/404/<name>.gguf         always 404
 *   /__test/html/<name>.gguf        an HTML page with status 200, as a misconfigured server sends
 *   /__test/truncated/<name>.gguf   the first half of the real model
 *   /__test/once/<id>/<file>.gguf   the model the first time it is fetched, then 404 (cache tests)
 *   /__test/fail-once/<id>/<file>       HTTP 500 for the first HEAD and the first GET of that path, then
 *                                   the model as /models/<file> serves it (retry tests)
 *   /__test/slow/<id>/<file>.gguf   the model, trickled slowly (abort-during-download tests)
 *   /__test/drop-once/<id>/<file>.gguf  the first GET: 64 KB, then the connection is reset; then whole
 *   /__test/head-hang/<id>/<file>.gguf  HEAD never answers
 *   /__test/drop-at/<percent>/<id>/<file>.gguf  the first GET is cut at <percent>; Range requests get 206
 *   /__test/drop-norange/<percent>/<id>/<file>.gguf  the same, but Range is ignored (200, whole file)
 *   /__test/hang-at/<percent>/<id>/<file>.gguf  the first GET sends <percent> and then nothing (Range later: 206)
 *   /__test/hang-norange/<percent>/<id>/<file>.gguf  the same, from a server that ignores every Range (200, the
 *                                   whole file, header probes too) and sends Last-Modified but no ETag, as
 *                                   Python's http.server does
 *   /__test/headers-only/<id>/<file>.gguf  GET sends headers, then no byte
 *   /__test/stall/<id>/<file>.gguf  headers and the first 64 KB of the model, then nothing (stall tests)
 *   /__test/head403/<id>/<file>.gguf  HEAD 403 (as signed-URL hosts answer), GET the model
 *   /__test/huge-get/<id>/<file>.gguf HEAD 405, GET declares 5 GiB, sends 64 KB, then waits
 *   /__test/huge/<name>.gguf        announces 5 GiB in its headers (too-large tests); GET is refused
 *   /__test/norange/<id>/<file>.gguf  the model with 200 whatever the Range asked (a server without
 *                                   Range support); counts the bytes the client took (`probeBytes`)
 *   /__test/requests?path=<path>    how many GET and HEAD requests that path has had, and header probes;
 *                                   with &settled: once no counted body of that path is still open
 *                                   (at most 10 s; `open` says how many still are)
 *   /__test/made-models             the names of the models in .cache/models (served under /models/ too)
 *
 * A GET with a closed range (`Range: bytes=A-B`) is a header probe: llm-elements' fit check reads a
 * model's first bytes so before downloading it (a resumed download asks for `bytes=A-`). On every
 * route but 404, html, huge and norange it gets 206 and those bytes of the file named by the path's
 * last segment, and it counts as a probe, not a GET: the routes' states (once, fail-once, drop-*)
 * and GET counts are the download's alone.
 */
export function modelRoutes({ modelDir }) {
  const counts = new Map();
  const served = new Set();
  const failed = new Set();
  const dropped = new Set();

  const addBytes = (path, n) => {
    const entry = counts.get(path) ?? { GET: 0, HEAD: 0 };
    entry.bytes = (entry.bytes ?? 0) + n;
    counts.set(path, entry);
  };
  // Counted bodies that close (see `countedBody`), and a wait for a path to have none open.
  const closed = new EventEmitter();
  const settled = (path, ms) =>
    new Promise((resolve) => {
      const check = () => {
        if ((counts.get(path)?.open ?? 0) > 0) return;
        done();
      };
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        closed.off(path, check);
        resolve();
      };
      closed.on(path, check);
      check();
    });
  const count = (path, method) => {
    const entry = counts.get(path) ?? { GET: 0, HEAD: 0 };
    entry[method] = (entry[method] ?? 0) + 1;
    counts.set(path, entry);
  };

  return async (context, next) => {
    const { path, method } = context;
    if (path === '/__test/requests') {
      const key = String(context.query.path);
      if (context.query.settled !== undefined) await settled(key, 10_000);
      const entry = counts.get(key) ?? { GET: 0, HEAD: 0 };
      context.body = {
        open: entry.open ?? 0,
        get: entry.GET,
        head: entry.HEAD,
        bytes: entry.bytes ?? 0,
        probe: entry.probe ?? 0,
        probeBytes: entry.probeBytes ?? 0,
      };
      return;
    }
    if (path === '/__test/made-models') {
      // The models the project made (scripts/make-models.mjs), which /models/ also serves.
      const { readdir } = await import('node:fs/promises');
      context.body = existsSync(CACHE_DIR) ? (await readdir(CACHE_DIR)).filter((name) => name.endsWith('.gguf')) : [];
      return;
    }
    const isModelRoute = path.startsWith('/models/') || path.startsWith('/__test/');
    if (!isModelRoute) return next();
    const [, , route, id] = path.split('/');
    const probe = method === 'GET' && /^bytes=(\d+)-(\d+)$/.exec(context.get('Range') ?? '');
    if (probe) {
      count(path, 'probe');
      if (route === 'norange' || route === 'hang-norange') {
        const entry = counts.get(path);
        const slice = await modelSlice(modelDir, basename(path), 0, Infinity);
        if (!slice) {
          context.status = 404;
          return;
        }
        context.type = 'application/octet-stream';
        context.set('Content-Length', String(slice.size));
        context.set('Cache-Control', 'no-store');
        entry.open = (entry.open ?? 0) + 1;
        context.body = await countedBody(
          slice.bytes,
          (n) => (entry.probeBytes = (entry.probeBytes ?? 0) + n),
          () => {
            entry.open--;
            closed.emit(path);
          },
        );
        return;
      }
      if (!['404', 'html', 'huge'].includes(route)) {
        // fail-once paths have no extension (see there).
        const name = basename(path).endsWith('.gguf') ? basename(path) : `${basename(path)}.gguf`;
        const slice = await modelSlice(modelDir, name, Number(probe[1]), Number(probe[2]));
        if (!slice) {
          context.status = 404;
          return;
        }
        const entry = counts.get(path);
        entry.probeBytes = (entry.probeBytes ?? 0) + slice.bytes.length;
        context.type = 'application/octet-stream';
        context.set('Cache-Control', 'no-store');
        if (Number(probe[1]) >= slice.size) {
          context.status = 416;
          context.set('Content-Range', `bytes */${slice.size}`);
          return;
        }
        context.status = 206;
        const last = Number(probe[1]) + slice.bytes.length - 1;
        context.set('Content-Range', `bytes ${probe[1]}-${last}/${slice.size}`);
        context.set('Content-Length', String(slice.bytes.length));
        context.body = slice.bytes;
        return;
      }
    } else {
      count(path, method);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      context.status = 405;
      return;
    }
    const file = join(modelDir, basename(path));

    if (path.startsWith('/models/')) {
      if (!path.endsWith('.gguf')) return next();
      await serveModel(context, modelDir, basename(path));
      return;
    }
    switch (route) {
      case '404':
        context.status = 404;
        context.body = 'Not found';
        return;
      case 'html':
        context.type = 'text/html';
        context.body = '<!doctype html><html><head><title>Welcome</title></head><body><h1>Welcome</h1></body></html>';
        return;
      case 'norange':
        await serveModel(context, modelDir, basename(path));
        return;
      case 'huge':
        context.type = 'application/octet-stream';
        context.set('Content-Length', String(5 * 1024 ** 3));
        context.status = method === 'HEAD' ? 200 : 500;
        return;
      case 'truncated': {
        const bytes = await readFile(join(modelDir, 'stories260K.gguf'));
        context.type = 'application/octet-stream';
        context.body = bytes.subarray(0, Math.floor(bytes.length / 2));
        return;
      }
      case 'once': {
        const key = `${id}/${basename(path)}`;
        if (served.has(key)) {
          context.status = 404;
          context.body = 'Gone';
          return;
        }
        if (method === 'GET') served.add(key);
        await serveModel(context, modelDir, basename(path));
        return;
      }
      case 'fail-once': {
        // The first HEAD and the first GET fail (a HEAD failure alone only makes the size unknown).
        // The path has no extension: web-test-runner marks every path with one cacheable for a
        // year, and the browser would then replay the failure instead of asking again.
        if (!failed.has(`${method} ${path}`)) {
          failed.add(`${method} ${path}`);
          context.status = 500;
          context.body = 'Internal Server Error (on purpose, once)';
          return;
        }
        await serveModel(context, modelDir, `${basename(path, '.gguf')}.gguf`);
        return;
      }
      case 'head403': {
        // Signed-URL hosts: HEAD is refused, GET is fine.
        if (method === 'HEAD') {
          context.status = 403;
          return;
        }
        await serveModel(context, modelDir, basename(path));
        return;
      }
      case 'huge-get': {
        // No HEAD; the GET declares 5 GiB, sends 64 KB, then waits.
        if (method === 'HEAD') {
          context.status = 405;
          return;
        }
        context.type = 'application/octet-stream';
        context.set('Content-Length', String(5 * 1024 ** 3));
        context.body = await hangingBody(context, Buffer.alloc(64 * 1024));
        return;
      }
      case 'stall': {
        // Headers and the first 64 KB, then nothing more: a connection that hangs mid-download.
        const bytes = await readFile(file);
        context.type = 'application/octet-stream';
        context.set('Content-Length', String(bytes.length));
        context.set('Cache-Control', 'no-store');
        if (method === 'HEAD') {
          context.status = 200;
          return;
        }
        context.body = await hangingBody(context, bytes.subarray(0, 64 * 1024));
        return;
      }
      case 'head-hang': {
        // HEAD never answers (until the client gives up); GET would serve the model.
        if (method === 'HEAD') {
          await new Promise((resolve) => context.req.on('close', resolve));
          return;
        }
        await sendFile(context, file);
        return;
      }
      case 'headers-only': {
        // HEAD fine; the GET sends its headers and then no byte.
        const info = await stat(file);
        context.type = 'application/octet-stream';
        context.set('Content-Length', String(info.size));
        context.set('Cache-Control', 'no-store');
        if (method === 'HEAD') {
          context.status = 200;
          return;
        }
        context.body = await hangingBody(context, Buffer.alloc(0));
        return;
      }
      case 'drop-at':
      case 'hang-at':
      case 'drop-norange':
      case 'hang-norange': {
        // /__test/drop-at/<percent>/<id>/<file>: the first GET stops after <percent> of the file and
        // the connection is reset (hang-*: kept open, sending nothing); a later GET with Range gets
        // 206 and that part (*-norange: Range ignored, 200 with the whole file). Bytes sent are
        // counted (/__test/requests).
        // The test model, or a model the project made (scripts/bench/make-model.mjs, in .cache/models).
        const source = existsSync(join(modelDir, basename(path)))
          ? join(modelDir, basename(path))
          : join(CACHE_DIR, basename(path));
        const bytes = await readFile(source);
        const info = await stat(source);
        const key = path;
        const ignoresRange = route === 'drop-norange' || route === 'hang-norange';
        context.type = 'application/octet-stream';
        if (route === 'hang-norange') context.set('Last-Modified', info.mtime.toUTCString());
        else context.set('ETag', `"${info.size}-${Math.floor(info.mtimeMs)}"`);
        context.set('Accept-Ranges', ignoresRange ? 'none' : 'bytes');
        context.set('Cache-Control', 'no-store');
        if (method === 'HEAD') {
          context.set('Content-Length', String(bytes.length));
          context.status = 200;
          return;
        }
        const range = /^bytes=(\d+)-$/.exec(context.get('Range') ?? '');
        if (!dropped.has(key)) {
          dropped.add(key);
          const cut = Math.floor((bytes.length * Number(id)) / 100);
          context.set('Content-Length', String(bytes.length));
          addBytes(path, cut);
          const body = await hangingBody(context, bytes.subarray(0, cut));
          // hang-at: the connection stays open, as for a page closed mid-download. Otherwise it is
          // reset once the cut part has left this process and the browser has had time to read what
          // the sockets and its own buffers hold (several MB; a reset discards what is still in
          // flight, and the count would include bytes it never got: seen 1.12× with 300 ms under load).
          if (route !== 'hang-at' && route !== 'hang-norange') {
            const socket = context.req.socket;
            const sent = socket.bytesWritten;
            const poll = setInterval(() => {
              if (socket.destroyed || (socket.bytesWritten - sent >= cut && socket.writableLength === 0)) {
                clearInterval(poll);
                setTimeout(() => socket.destroy(), 2_000);
              }
            }, 20);
          }
          context.body = body;
          return;
        }
        if (range && !ignoresRange) {
          const start = Number(range[1]);
          context.status = 206;
          context.set('Content-Range', `bytes ${start}-${bytes.length - 1}/${bytes.length}`);
          context.set('Content-Length', String(bytes.length - start));
          addBytes(path, bytes.length - start);
          context.body = bytes.subarray(start);
          return;
        }
        context.set('Content-Length', String(bytes.length));
        addBytes(path, bytes.length);
        context.body = bytes;
        return;
      }
      case 'drop-once': {
        // The first GET sends 64 KB and then resets the connection; later ones are served whole.
        const key = `${id}/${basename(path)}`;
        if (method === 'GET' && !dropped.has(key)) {
          dropped.add(key);
          const bytes = await readFile(file);
          context.type = 'application/octet-stream';
          context.set('Content-Length', String(bytes.length));
          context.set('Cache-Control', 'no-store');
          const body = await hangingBody(context, bytes.subarray(0, 64 * 1024));
          setTimeout(() => context.req.socket.destroy(), 200);
          context.body = body;
          return;
        }
        await sendFile(context, file);
        return;
      }
      case 'slow': {
        const bytes = await readFile(file);
        context.type = 'application/octet-stream';
        context.set('Content-Length', String(bytes.length));
        if (method === 'HEAD') {
          context.status = 200;
          return;
        }
        const { Readable } = await import('node:stream');
        const chunk = 16 * 1024;
        context.body = Readable.from(
          (async function* () {
            for (let offset = 0; offset < bytes.length; offset += chunk) {
              yield bytes.subarray(offset, offset + chunk);
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
          })(),
        );
        return;
      }
      default:
        context.status = 404;
    }
  };
}
