// A test-runner command that emulates CSS media features through the Chrome DevTools Protocol:
// `prefers-color-scheme`, `forced-colors`, `prefers-contrast`, … in one call. @web/test-runner-commands'
// emulateMedia passes only the colour scheme and reduced motion to puppeteer (whose own
// emulateMediaFeatures refuses forced-colors and prefers-contrast), so tests of themes use this:
//   await executeServerCommand('media-features', { 'prefers-color-scheme': 'dark', 'forced-colors': 'active' })
// Each call replaces the whole emulation; `{}` ends it.

/** One CDP session per page: emulation lasts as long as the session that set it. */
const sessions = new WeakMap();

export function mediaFeatures() {
  return {
    name: 'llm-elements:media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'media-features') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('media-features needs a Chromium (puppeteer) session.');
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        sessions.set(page, cdp);
      }
      const features = Object.entries(payload ?? {}).map(([name, value]) => ({ name, value: String(value) }));
      await cdp.send('Emulation.setEmulatedMedia', { features });
      return true;
    },
  };
}
