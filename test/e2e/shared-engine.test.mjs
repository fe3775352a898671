// One engine for several tabs in Chromium: the scenarios of shared-engine.scenario.mjs, with the
// pages of one headless Chromium.
import { openPage } from './harness.mjs';
import { describeSharedEngine, puppeteerBrowser } from './shared-engine.scenario.mjs';

describeSharedEngine('chromium', {
  async start() {
    const session = await openPage('chromium');
    return { browser: puppeteerBrowser(session), close: () => session.browser.close() };
  },
});
