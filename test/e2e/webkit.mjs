// WebKit (Safari's engine) for the end-to-end tests: WebKitGTK's MiniBrowser driven by
// WebKitWebDriver (W3C WebDriver over HTTP), under Xvfb, as ../shared/BROWSERS.md describes.
// WebDriver cannot read the console, so pages record their own errors (see script-tag.html).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const MINIBROWSER_PATHS = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkitgtk-6.0/MiniBrowser',
];

/** The MiniBrowser to drive, or null when WebKitGTK is not installed. */
export function findMiniBrowser() {
  return process.env.MINIBROWSER_PATH ?? MINIBROWSER_PATHS.find((path) => existsSync(path)) ?? null;
}

/** Whether WebKit can run here: MiniBrowser, WebKitWebDriver and Xvfb are installed. */
export function webkitAvailable() {
  return Boolean(findMiniBrowser()) && ['WebKitWebDriver', 'Xvfb'].every((tool) => onPath(tool));
}

function onPath(tool) {
  return (process.env.PATH ?? '').split(':').some((dir) => existsSync(`${dir}/${tool}`));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts Xvfb on a free display and resolves with `:N`. */
function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ process: xvfb, display: `:${out.trim()}` });
    });
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
}

/**
 * One WebKit session: `goto(url)`, `execute(fn, ...args)` (a function run in the page), `close()`,
 * and its windows: `window()`, `windows()`, `newWindow()`, `switchTo(handle)`, `closeWindow()`.
 * Every other call acts on the current window.
 */
export async function openWebKit() {
  const xvfb = await startXvfb();
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], {
    env: { ...process.env, DISPLAY: xvfb.display },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${JSON.stringify(data.value)}`);
    return data.value;
  };
  // The driver takes a moment to listen.
  for (let attempt = 0; ; attempt++) {
    try {
      await call('GET', '/status');
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const { sessionId } = await call('POST', '/session', {
    capabilities: {
      alwaysMatch: { 'webkitgtk:browserOptions': { binary: findMiniBrowser(), args: ['--automation'] } },
    },
  });
  const session = `/session/${sessionId}`;
  let current = null; // the current window's handle, once known
  return {
    /** The current window's handle. */
    async window() {
      current ??= await call('GET', `${session}/window`);
      return current;
    },
    /** The handles of the session's open windows. */
    windows: () => call('GET', `${session}/window/handles`),
    /** Opens a new window (not made current) and resolves with its handle. */
    async newWindow() {
      const { handle } = await call('POST', `${session}/window/new`, { type: 'window' });
      return handle;
    },
    /** Makes the window `handle` the current one. */
    async switchTo(handle) {
      if (handle === current) return;
      await call('POST', `${session}/window`, { handle });
      current = handle;
    },
    /** Closes the current window; another must then be switched to. */
    async closeWindow() {
      current = null;
      await call('DELETE', `${session}/window`);
    },
    goto: (url) => call('POST', `${session}/url`, { url }),
    /** Runs `fn(...args)` in the page (awaiting a promise it returns) and returns its JSON value. */
    execute: (fn, ...args) =>
      call('POST', `${session}/execute/async`, {
        script: `const done = arguments[arguments.length - 1];
          Promise.resolve((${fn}).apply(null, Array.from(arguments).slice(0, -1)))
            .then(done, (error) => done({ __error: String(error && error.message || error) }));`,
        args,
      }),
    /** Polls `fn` in the page until it returns a truthy value or `timeoutMs` passes. */
    async waitFor(fn, timeoutMs, ...args) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const value = await this.execute(fn, ...args);
        if (value) return value;
        if (Date.now() > until) throw new Error(`waited ${timeoutMs / 1000} s for ${fn}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    async close() {
      await call('DELETE', session).catch(() => {});
      driver.kill();
      xvfb.process.kill();
    },
  };
}
