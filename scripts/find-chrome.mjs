// The Chromium or Chrome that the browser tests, the end-to-end tests and the benchmarks start, and the
// flags they start it with.
//
// Finding it is chrome-launcher's job (the package @web/test-runner-chrome uses): on Linux it takes
// `google-chrome-stable`, `google-chrome`, `chromium-browser` or `chromium` from the PATH (Debian's
// /usr/bin/chromium from `apt-get install chromium` among them) or a Chrome .desktop entry; on macOS and
// Windows, Google Chrome where its installer puts it (a Chromium.app there needs CHROME_PATH). This
// layer adds two things chrome-launcher lacks: a CHROME_PATH that points at nothing is an error here
// (chrome-launcher would quietly start another browser), and the error says how to get one.
import { existsSync } from 'node:fs';
import { getChromePath } from 'chrome-launcher';

export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`);
  }
  try {
    return getChromePath();
  } catch {
    throw new Error(
      'No Chromium or Chrome found. Install one (Debian: `apt-get install chromium`) ' +
        'or set CHROME_PATH to its executable.',
    );
  }
}

/** Flags for a quiet, offline, sandbox-free headless run with a fresh profile (puppeteer makes the profile). */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
