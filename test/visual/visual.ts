// What every visual test shares: the page each variant shows the elements on (light, dark, a light
// page with the OS in dark mode, forced colours, a 390 px phone), a page font both this machine and
// CI have (fonts-dejavu-core), and a screenshot that waits until the elements have settled.
import { fixture } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { visualDiff } from '@web/test-runner-visual-regression';

export interface Variant {
  name: 'light' | 'dark' | 'dark-os' | 'forced-colors' | 'phone';
  /** The page's own `color-scheme` (on :root), with its background and text to match. */
  page: 'light' | 'dark';
  /** What the OS prefers (`prefers-color-scheme`). */
  os: 'light' | 'dark';
  forcedColors: boolean;
  width: number;
}

export const VARIANTS: Variant[] = [
  { name: 'light', page: 'light', os: 'light', forcedColors: false, width: 800 },
  { name: 'dark', page: 'dark', os: 'dark', forcedColors: false, width: 800 },
  { name: 'dark-os', page: 'light', os: 'dark', forcedColors: false, width: 800 },
  { name: 'forced-colors', page: 'light', os: 'light', forcedColors: true, width: 800 },
  { name: 'phone', page: 'light', os: 'light', forcedColors: false, width: 390 },
];

const VIEWPORT_HEIGHT = 900;

// The light page declares no color-scheme, as most pages do; the dark one declares `dark` on :root.
const PAGE_STYLE = `
  html { background: #fff; color: #1f2328; }
  html[data-visual-page='dark'] { color-scheme: dark; background: #16181d; color: #e6e8eb; }
  body { margin: 0; font: 16px/1.5 'DejaVu Sans', sans-serif; caret-color: transparent; }
  .visual-stage { box-sizing: border-box; padding: 16px; }
  .visual-stage > * + * { margin-top: 12px; }
  .visual-stage :is(label, textarea, input, select) { font: inherit; }
  .visual-stage label { display: block; margin: 4px 0; }
  .visual-stage textarea { box-sizing: border-box; width: 100%; max-width: 32rem; }
  * { --llm-font-mono: 'DejaVu Sans Mono', monospace; }
  *, *::before, *::after { animation: none !important; transition: none !important; }`;

/** Shows the page as `variant` says: its colour scheme, the OS's, forced colours, the viewport. */
export async function useVariant(variant: Variant): Promise<void> {
  let style = document.getElementById('visual-page');
  if (!style) {
    style = document.createElement('style');
    style.id = 'visual-page';
    style.textContent = PAGE_STYLE;
    document.head.append(style);
  }
  document.documentElement.dataset.visualPage = variant.page;
  // scripts/media-features-plugin.mjs: one CDP call for all three (puppeteer refuses forced-colors).
  await executeServerCommand('media-features', {
    'prefers-color-scheme': variant.os,
    'forced-colors': variant.forcedColors ? 'active' : 'none',
    'prefers-reduced-motion': 'reduce',
  });
  await setViewport({ width: variant.width, height: VIEWPORT_HEIGHT });
}

/** `markup` (or an element) in a padded stage as wide as the page: what is screenshot. */
export async function stage(content: string | HTMLElement): Promise<HTMLElement> {
  const root = await fixture<HTMLElement>('<div class="visual-stage"></div>');
  if (typeof content === 'string') root.innerHTML = content;
  else root.append(content);
  return root;
}

/** Every llm-* element under `root`, its shadow roots' too. */
function llmElements(root: Element): Array<Element & { updateComplete?: Promise<unknown> }> {
  return [...root.querySelectorAll('*')].filter((el) => el.localName.startsWith('llm-'));
}

/**
 * Compares `root` with its baseline `name` (test/visual/baselines/<name>.png: `<element>/<state>/<variant>`) once the elements have
 * rendered, fonts have loaded, nothing has focus and two frames have been painted.
 */
export async function snap(root: HTMLElement, name: string): Promise<void> {
  (document.activeElement as HTMLElement | null)?.blur();
  await Promise.all(llmElements(root).map((el) => el.updateComplete));
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await visualDiff(root, name);
}
