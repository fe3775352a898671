// Shared by the end-to-end tests: a static server for the built files (with the test model, and
// COOP/COEP unless told otherwise) and a headless browser (Chromium, or Firefox over WebDriver BiDi)
// that records every request a page makes and every error it reports.
import { startDevServer } from '@web/dev-server';
import puppeteer from 'puppeteer-core';
import { brokenWasmRoutes, cspHeaders, isolationHeaders, modelRoutes } from '../../scripts/dev-server-plugins.mjs';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';
import { resolveModelDir } from '../../scripts/resolve-model.mjs';

/** Serves `rootDir` as plain files (no transforms), as a web host would; cross-origin isolated unless told not. */
export async function serveStatic(rootDir = '.', { isolated = true } = {}) {
  const server = await startDevServer({
    config: {
      rootDir,
      port: 0,
      hostname: '127.0.0.1',
      middleware: [
        isolationHeaders(isolated),
        cspHeaders(),
        brokenWasmRoutes(),
        modelRoutes({ modelDir: await resolveModelDir() }),
      ],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const address = server.server.address();
  return { origin: `http://127.0.0.1:${address.port}`, stop: () => server.stop() };
}

/** Debian's Firefox ESR, which puppeteer drives over WebDriver BiDi. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * A fresh headless browser (fresh profile) and a page whose requests and errors are recorded.
 * `chromium`, `firefox`, or `firefox-private` (a profile that opens every window in private
 * browsing, where Firefox refuses the page its file system).
 */
export async function openPage(kind = 'chromium') {
  const browser =
    kind === 'chromium'
      ? await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS })
      : await puppeteer.launch({
          browser: 'firefox',
          executablePath: FIREFOX_PATH,
          headless: true,
          extraPrefsFirefox: { 'browser.privatebrowsing.autostart': kind === 'firefox-private' },
        });
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { browser, page, requests, errors };
}
