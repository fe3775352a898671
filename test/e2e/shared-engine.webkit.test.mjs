// One engine for several tabs in WebKit (WebKitGTK's MiniBrowser over WebDriver): the scenarios of
// shared-engine.scenario.mjs with the windows of one WebDriver session. WebKit has no OPFS: the
// model store is the Cache API there, and the follower that takes over loads the model from it.
import { openWebKit, webkitAvailable } from './webkit.mjs';
import { describeSharedEngine } from './shared-engine.scenario.mjs';

/** The page interface over WebDriver windows: each call first makes its window the current one. */
function webkitBrowser(webkit) {
  let first = true;
  return {
    async newPage() {
      const handle = first ? await webkit.window() : await webkit.newWindow();
      first = false;
      const use = () => webkit.switchTo(handle);
      return {
        goto: async (url) => (await use(), webkit.goto(url)),
        run: async (fn, ...args) => (await use(), webkit.execute(fn, ...args)),
        waitFor: async (fn, timeout, ...args) => (await use(), webkit.waitFor(fn, timeout, ...args)),
        // WebDriver types into no shadow root here: the chat's own send(), as a script would.
        type: async (text) => (
          await use(),
          webkit.execute((text) => void document.querySelector('llm-chat').send(text), text)
        ),
        close: async () => (await use(), webkit.closeWindow()),
      };
    },
  };
}

describeSharedEngine('webkit', {
  skip: !webkitAvailable() && 'WebKitGTK, WebKitWebDriver or Xvfb is not installed',
  // The compatibility build's first compile is slow on 2 cores.
  loadTimeout: 240_000,
  async start() {
    const webkit = await openWebKit();
    return { browser: webkitBrowser(webkit), close: () => webkit.close() };
  },
});
