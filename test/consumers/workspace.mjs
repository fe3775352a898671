// The consumer-app workspace: the pinned tools (test/consumers/package.json, installed once per
// lockfile into .cache/consumers/ws) plus this package as users get it (npm pack, installed fresh
// each run), and copies of the apps in test/consumers/apps. Helpers build, serve and open them.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openPage, serveStatic } from '../e2e/harness.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const HERE = import.meta.dirname;
const CACHE = join(ROOT, '.cache/consumers');
const WS = join(CACHE, 'ws');

/** Runs a command to its end; rejects with its output when it fails. */
export function run(command, args, { cwd = ROOT, timeoutMs = 10 * 60_000 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${stdout}\n${stderr}`));
    });
  });
}

const hash = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Installs the tools (when their lockfile changed) and the packed package; copies the apps. */
export async function prepareWorkspace() {
  mkdirSync(WS, { recursive: true });
  const lockHash = hash(join(HERE, 'package-lock.json'));
  const stamp = join(WS, '.lock-hash');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(HERE, file), join(WS, file));
    // npm install, not npm ci: npm ci refuses this lockfile (it omits vite's Windows-only optional
    // dependency on Linux, then reports it missing); the lockfile still pins every version.
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: WS });
    writeFileSync(stamp, lockHash);
  }
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', CACHE]);
  const tarball = join(CACHE, JSON.parse(stdout)[0].filename);
  await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', tarball], { cwd: WS });
  rmSync(join(WS, 'apps'), { recursive: true, force: true });
  cpSync(join(HERE, 'apps'), join(WS, 'apps'), { recursive: true });
  // The test model, for dev servers to proxy to.
  const models = await serveStatic(ROOT, { isolated: false });
  return {
    dir: WS,
    tarball,
    models,
    app: (name, ...parts) => join(WS, 'apps', name, ...parts),
    close: () => models.stop(),
  };
}

/** Runs a tool's command in an app's folder; returns its time and (webpack) warning count. */
export async function build(workspace, app, [tool, ...args]) {
  const bin =
    tool === 'vite7'
      ? join(WS, 'node_modules/vite7/bin/vite.js')
      : tool === 'node'
        ? 'node'
        : join(WS, 'node_modules/.bin', tool);
  const started = performance.now();
  const { stdout, stderr } = await run(tool === 'vite7' ? 'node' : bin, tool === 'vite7' ? [bin, ...args] : args, {
    cwd: workspace.app(app),
  });
  const output = stdout + stderr;
  return {
    seconds: (performance.now() - started) / 1000,
    warnings: (output.match(/WARNING in/g) ?? []).length,
    output,
  };
}

/** Serves a built app's folder (with the test model under /models/). */
export function serveBuilt(dir) {
  return serveStatic(dir, { isolated: false });
}

async function freePort() {
  return new Promise((resolvePromise) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/** Starts a tool's dev server on an app, proxying /models to the test model; resolves once it answers. */
export async function devServer(workspace, app, tool) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  if (tool === 'vite' || tool === 'vite7') {
    const vite = await import(pathToFileURL(join(WS, 'node_modules', tool, 'dist/node/index.js')).href);
    const server = await vite.createServer({
      root: workspace.app(app),
      configFile: workspace.app(app, 'vite.config.js'),
      logLevel: 'error',
      server: { host: '127.0.0.1', port, strictPort: true, proxy: { '/models': workspace.models.origin } },
    });
    await server.listen();
    return { origin, stop: () => server.close() };
  }
  const child = spawn(
    join(WS, 'node_modules/.bin/webpack'),
    [
      'serve',
      '--env',
      'mode=development',
      '--env',
      `proxy=${workspace.models.origin}`,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    { cwd: workspace.app(app), stdio: 'ignore', detached: true },
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${origin}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGKILL');
      throw new Error('the webpack dev server did not answer within 120 s');
    }
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
  }
  return { origin, stop: async () => process.kill(-child.pid, 'SIGTERM') };
}

/** A fresh Chromium on `url`, recording page errors. */
export async function openApp(url) {
  const session = await openPage('chromium');
  await session.page.goto(url);
  return session;
}
