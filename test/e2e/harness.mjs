// Shared by the end-to-end tests: a static server for the built files (with the test model and
// COOP/COEP) and a headless Chromium that records every request a page makes.
import { startDevServer } from '@web/dev-server';
import puppeteer from 'puppeteer-core';
import { isolationHeaders, modelRoutes } from '../../scripts/dev-server-plugins.mjs';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';
import { resolveModelDir } from '../../scripts/resolve-model.mjs';

/** Serves `rootDir` as plain files (no transforms), as a web host would. */
export async function serveStatic(rootDir = '.') {
  const server = await startDevServer({
    config: {
      rootDir,
      port: 0,
      hostname: '127.0.0.1',
      middleware: [isolationHeaders(true), modelRoutes({ modelDir: await resolveModelDir() })],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const address = server.server.address();
  return { origin: `http://127.0.0.1:${address.port}`, stop: () => server.stop() };
}

/** A fresh headless Chromium (fresh profile) and a page whose requests are recorded. */
export async function openPage() {
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { browser, page, requests, errors };
}
