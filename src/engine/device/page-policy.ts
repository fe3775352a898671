// What a page's Content Security Policy and Trusted Types must allow for llama.cpp to run, checked
// before wllama starts: when the page forbids WebAssembly or blob: workers, wllama's own error path
// breaks (`t.replace is not a function`, or "[object Event]") and its load never settles.
import { LlmError, abortError } from '../core/errors.js';

/** The Trusted Types policy llm-elements creates; a page that enforces Trusted Types must allow it. */
export const TRUSTED_TYPES_POLICY = 'llm-elements';

/** How long a test worker may take to start before the page is taken to block workers. */
const WORKER_CHECK_TIMEOUT_MS = 10_000;

// Trusted Types are not in TypeScript's DOM library yet: the little we use.
interface TrustedScriptURL {
  toString(): string;
}
interface TrustedTypePolicy {
  createScriptURL(url: string): TrustedScriptURL;
}
interface TrustedTypePolicyFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): TrustedTypePolicy;
}
const trustedTypes = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;

let policy: TrustedTypePolicy | null | undefined;
let policyError: unknown;

/**
 * Our policy: it passes only blob: URLs of this page's origin. Such a URL exists only when script
 * already running on the page made it (markup injected into the page cannot), so letting it start a
 * worker gives an attacker nothing Trusted Types would otherwise deny.
 */
function scriptUrlPolicy(): TrustedTypePolicy | null {
  if (policy !== undefined || !trustedTypes) return policy ?? null;
  try {
    policy = trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, {
      createScriptURL: (url) => {
        if (isOwnBlobUrl(url)) return url;
        throw new TypeError(`${TRUSTED_TYPES_POLICY} only starts workers from this page's blob: URLs, not ${url}`);
      },
    });
  } catch (error) {
    // The page's `trusted-types` directive does not list our name (or it was created already).
    policy = null;
    policyError = error;
  }
  return policy;
}

function isOwnBlobUrl(url: string): boolean {
  return url.startsWith(`blob:${location.origin}/`);
}

type WorkerUrl = string | URL;
let installed = 0;
let restore: (() => void) | null = null;

/**
 * Runs first in every script blob made while our workers start: the same policy and Worker wrapper
 * inside the worker, whose own workers (llama.cpp's threads) the page's Trusted Types rules reach too.
 */
const WORKER_PRELUDE = `(() => {
  const factory = self.trustedTypes;
  if (!factory || self.__llmElementsWorkers) return;
  self.__llmElementsWorkers = true;
  const own = (url) => typeof url === 'string' && url.startsWith('blob:' + location.origin + '/');
  let policy;
  try {
    policy = factory.createPolicy(${JSON.stringify(TRUSTED_TYPES_POLICY)}, {
      createScriptURL: (url) => { if (own(url)) return url; throw new TypeError('not a blob: URL of this origin'); },
    });
  } catch { return; }
  const Native = self.Worker;
  if (Native) self.Worker = class extends Native {
    constructor(url, options) { super(own(url) ? policy.createScriptURL(url) : url, options); }
  };
})();
`;

/**
 * While the returned release has not been called, our workers can start on a page that enforces
 * Trusted Types: wllama starts them from blob: URLs given as plain strings, which such a page
 * refuses. `new Worker(url)` with a blob: URL of this origin goes through our policy (any other URL
 * reaches the browser's Worker unchanged), and script blobs made meanwhile start with a prelude that
 * does the same inside the worker. Nothing changes where the browser has no Trusted Types.
 */
export function allowOwnBlobWorkers(): () => void {
  const trusted = scriptUrlPolicy();
  if (!trusted) return () => {};
  if (installed++ === 0) restore = install(trusted);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--installed === 0) {
      restore?.();
      restore = null;
    }
  };
}

function install(trusted: TrustedTypePolicy): () => void {
  const NativeWorker = globalThis.Worker;
  const createObjectURL = URL.createObjectURL;
  const toScriptUrl = (url: string) => trusted.createScriptURL(url);
  globalThis.Worker = class extends NativeWorker {
    constructor(url: WorkerUrl, options?: WorkerOptions) {
      const href = typeof url === 'string' ? url : null;
      // The browser accepts the TrustedScriptURL where a string is typed.
      super((href && isOwnBlobUrl(href) ? toScriptUrl(href) : url) as WorkerUrl, options);
    }
  };
  URL.createObjectURL = (object: Blob | MediaSource) =>
    createObjectURL.call(
      URL,
      object instanceof Blob && /javascript/.test(object.type)
        ? new Blob([WORKER_PRELUDE, object], { type: object.type })
        : object,
    );
  return () => {
    globalThis.Worker = NativeWorker;
    URL.createObjectURL = createObjectURL;
  };
}

let checked: Promise<void> | null = null;

/**
 * Checks once per page that it may compile WebAssembly and start a module worker from a blob: URL,
 * and fails at once with what to change if not. A failure is checked again on the next load.
 */
export async function checkPagePolicy(signal?: AbortSignal): Promise<void> {
  checked ??= runChecks();
  checked.catch(() => (checked = null));
  if (signal?.aborted) throw abortError(signal);
  await checked;
}

async function runChecks(): Promise<void> {
  try {
    await WebAssembly.instantiate(new Uint8Array(EMPTY_MODULE));
  } catch (error) {
    throw wasmBlocked(messageOf(error), error);
  }
  await checkBlobWorker();
}

/** The smallest WebAssembly module: the magic number and version 1. */
const EMPTY_MODULE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function wasmBlocked(reason: string, cause?: unknown): LlmError {
  return new LlmError(
    'backend-unavailable',
    `This page's Content Security Policy does not allow WebAssembly, which llama.cpp needs: add 'wasm-unsafe-eval' to its script-src directive (${reason})`,
    { cause },
  );
}

/**
 * Starts a module worker from a blob: URL, as wllama does, and waits for its answer: whether it
 * may instantiate WebAssembly there.
 */
async function checkBlobWorker(): Promise<void> {
  const release = allowOwnBlobWorkers();
  // WebKit lets the page compile WebAssembly and refuses it only in the worker: try it there too.
  const code = `WebAssembly.instantiate(new Uint8Array([${EMPTY_MODULE.join(',')}])).then(() => postMessage(''), (error) => postMessage(String(error)))`;
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  let wasmError = '';
  let worker: Worker | null = null;
  const violations: string[] = [];
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    if (!event.blockedURI.startsWith('blob') && event.effectiveDirective !== 'require-trusted-types-for') return;
    // The page's own rule, as it wrote it ("worker-src 'self'").
    const rule = event.originalPolicy.split(';').find((part) => part.trim().startsWith(event.effectiveDirective));
    violations.push(rule?.trim() ?? event.effectiveDirective);
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  try {
    await new Promise<void>((resolve, reject) => {
      const limit = setTimeout(
        () => reject(new Error(`no answer within ${WORKER_CHECK_TIMEOUT_MS / 1000} s`)),
        WORKER_CHECK_TIMEOUT_MS,
      );
      try {
        worker = new Worker(url, { type: 'module' });
      } catch (error) {
        clearTimeout(limit);
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      worker.onmessage = (event: MessageEvent<string>) => {
        clearTimeout(limit);
        wasmError = event.data;
        resolve();
      };
      worker.onerror = (event) => {
        clearTimeout(limit);
        event.preventDefault();
        reject(new Error(event.message || 'the worker did not start'));
      };
    });
  } catch (error) {
    throw workerBlocked(error, violations);
  } finally {
    (worker as Worker | null)?.terminate();
    URL.revokeObjectURL(url);
    document.removeEventListener('securitypolicyviolation', onViolation);
    release();
  }
  if (wasmError) throw wasmBlocked(`in a worker: ${wasmError}`);
}

function workerBlocked(error: unknown, violations: string[]): LlmError {
  const message = messageOf(error);
  if (/TrustedScriptURL/i.test(message) || policyError) {
    return new LlmError(
      'backend-unavailable',
      `This page enforces Trusted Types and refused llama.cpp's worker: allow the policy names ${TRUSTED_TYPES_POLICY}, lit-html and dompurify in its trusted-types directive`,
      { cause: error },
    );
  }
  const directive = violations[0] ? ` (the page says "${violations[0]}")` : '';
  return new LlmError(
    'backend-unavailable',
    `This page does not allow a worker from a blob: URL, which llama.cpp runs in${directive}: add blob: to its worker-src (or script-src) directive`,
    { cause: error },
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
