// Themes as a visitor sees them: the elements take the page's colour scheme (its `color-scheme`,
// not the OS's), the page's font, a forced theme where the page asks for one, high contrast, density,
// and forced colours, and they stay readable (axe) in each. One page holds every element with real
// content (a loaded model, generated text, a filled form); the cases change the page and the
// emulated OS around it. The OS is emulated through CDP (scripts/media-features-plugin.mjs).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { LlmChat, LlmComplete, LlmForm, LlmModel, LlmStatus, LlmText } from '../../src/index.js';
import { part } from '../helpers/chat.js';
import { MODEL_URL } from '../helpers/model.js';
import { nextEvent, waitFor } from '../helpers/wait.js';

interface Os {
  'prefers-color-scheme'?: 'light' | 'dark';
  'forced-colors'?: 'active' | 'none';
  'prefers-contrast'?: 'more' | 'no-preference';
}

/** Emulates the OS settings (each call replaces the last), and waits until the page sees them. */
async function os(features: Os): Promise<void> {
  const all: Required<Os> = {
    'prefers-color-scheme': 'light',
    'forced-colors': 'none',
    'prefers-contrast': 'no-preference',
    ...features,
  };
  await executeServerCommand('media-features', all);
  await waitFor(
    () => Object.entries(all).every(([name, value]) => matchMedia(`(${name}: ${value})`).matches),
    5_000,
    `the emulated OS (${JSON.stringify(all)})`,
  );
}

interface Page {
  /** The page's `color-scheme`; none by default, as most pages. */
  scheme?: string;
  background?: string;
  color?: string;
  font?: string;
}

const LIGHT_PAGE: Page = { background: '#ffffff', color: '#1a1a1a' };
const DARK_PAGE: Page = { scheme: 'dark', background: '#121212', color: '#eeeeee' };
/** A page that supports both: its colours are the system's, which follow the OS. */
const BOTH_PAGE: Page = { scheme: 'light dark', background: 'Canvas', color: 'CanvasText' };

function page({ scheme = '', background = '', color = '', font = '' }: Page): void {
  const root = document.documentElement.style;
  root.colorScheme = scheme;
  root.background = background;
  root.color = color;
  root.fontFamily = font;
}

/** Relative luminance (0 black … 1 white) of a computed `rgb()` / `rgba()` colour. */
function luminance(cssColor: string): number {
  const [r = NaN, g = NaN, b = NaN] = (cssColor.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

interface Elements {
  model: LlmModel;
  status: LlmStatus;
  text: LlmText;
  form: LlmForm;
  chat: LlmChat;
  complete: LlmComplete;
}

let els: Elements;

/** The text each element draws itself, by name (for messages that say which one failed). */
function ownText(): [string, HTMLElement][] {
  return [
    ['<llm-status> label', part(els.status, 'label')!],
    ['<llm-text> output', part(els.text, 'output')!],
    ['<llm-form> message', part(els.form, 'message')!],
    ['<llm-form> Undo', part(els.form, 'undo')!],
    ['<llm-chat> box', part(els.chat, 'base')!],
    ['<llm-chat> input', part(els.chat, 'input')!],
  ];
}

/** The page's own content inside the elements (slotted light DOM). */
function pageText(): [string, HTMLElement][] {
  return [
    ['<llm-form> page label', els.form.querySelector('label')!],
    ['<llm-complete> page label', els.complete.querySelector('label')!],
  ];
}

function expectOwnText(shade: 'dark' | 'light', why: string): void {
  for (const [name, node] of ownText()) {
    const color = getComputedStyle(node).color;
    if (shade === 'dark') expect(luminance(color), `${name} is dark text ${why} (${color})`).to.be.below(0.2);
    else expect(luminance(color), `${name} is light text ${why} (${color})`).to.be.above(0.5);
  }
}

async function expectAccessible(why: string): Promise<void> {
  for (const el of [els.status, els.text, els.form, els.chat, els.complete]) {
    try {
      await expect(el).to.be.accessible();
    } catch (error) {
      throw new Error(`<${el.localName}> ${why}: ${(error as Error).message}`);
    }
  }
}

describe('theming: the page’s colour scheme, font and choices, not the OS’s', function () {
  this.timeout(120_000);

  before(async () => {
    await os({});
    page(LIGHT_PAGE);
    // Not fixture(): @open-wc/testing removes fixtures after each test, and these outlive one.
    const host = document.createElement('div');
    host.innerHTML = `
      <llm-model src="${MODEL_URL}">
        <llm-status></llm-status>
        <llm-text prompt="Once upon a time" max-tokens="8"></llm-text>
        <llm-form>
          <textarea slot="source" aria-label="Text to read">My name is Jane.</textarea>
          <form><label>Name <input name="name" maxlength="12" required></label></form>
        </llm-form>
        <llm-chat></llm-chat>
        <llm-complete><label>Notes <textarea></textarea></label></llm-complete>
      </llm-model>`;
    document.body.append(host);
    const model = host.querySelector<LlmModel>('llm-model')!;
    els = {
      model,
      status: model.querySelector('llm-status')!,
      text: model.querySelector('llm-text')!,
      form: model.querySelector('llm-form')!,
      chat: model.querySelector('llm-chat')!,
      complete: model.querySelector('llm-complete')!,
    };
    const answered = nextEvent(els.text, 'llm-response', 60_000);
    await answered;
    await els.form.fill();
    await waitFor(() => els.model.getAttribute('status') === 'ready', 30_000, 'the model ready');
    for (const el of [els.status, els.text, els.form, els.chat, els.complete]) await el.updateComplete;
    expect(part(els.form, 'undo'), 'Undo after a fill').to.not.equal(null);
  });

  afterEach(async () => {
    page(LIGHT_PAGE);
    for (const name of ['theme', 'contrast', 'density']) {
      els.model.removeAttribute(name);
      els.text.removeAttribute(name);
    }
    await os({});
  });

  after(async () => {
    page({});
    await os({});
    els.model.parentElement?.remove();
  });

  for (const osScheme of ['light', 'dark'] as const) {
    it(`a light page (no color-scheme), OS ${osScheme}: dark text, the page’s own labels keep its colour, axe clean`, async () => {
      page(LIGHT_PAGE);
      await os({ 'prefers-color-scheme': osScheme });
      expectOwnText('dark', `on a light page with the OS ${osScheme}`);
      for (const [name, node] of pageText())
        expect(getComputedStyle(node).color, `${name} keeps the page’s colour`).to.equal('rgb(26, 26, 26)');
      await expectAccessible(`on a light page with the OS ${osScheme}`);
    });

    it(`a dark page (color-scheme: dark), OS ${osScheme}: light text, the page’s own labels keep its colour, axe clean`, async () => {
      page(DARK_PAGE);
      await os({ 'prefers-color-scheme': osScheme });
      expectOwnText('light', `on a dark page with the OS ${osScheme}`);
      for (const [name, node] of pageText())
        expect(getComputedStyle(node).color, `${name} keeps the page’s colour`).to.equal('rgb(238, 238, 238)');
      await expectAccessible(`on a dark page with the OS ${osScheme}`);
    });

    it(`a page that supports both (color-scheme: light dark) follows the OS: ${osScheme}`, async () => {
      page(BOTH_PAGE);
      await os({ 'prefers-color-scheme': osScheme });
      expectOwnText(osScheme === 'dark' ? 'light' : 'dark', `on a light-dark page with the OS ${osScheme}`);
      await expectAccessible(`on a light-dark page with the OS ${osScheme}`);
    });
  }

  it('a theme attribute wins: theme="light" on <llm-model> in a light-dark page with the OS dark', async () => {
    page({ ...BOTH_PAGE, background: '#ffffff', color: '#1a1a1a' });
    await os({ 'prefers-color-scheme': 'dark' });
    els.model.setAttribute('theme', 'light');
    expectOwnText('dark', 'with theme="light"');
    await expectAccessible('with theme="light"');
  });

  it('a theme attribute wins: theme="dark" on <llm-model> in a dark page that says no color-scheme, OS light', async () => {
    page({ background: '#121212', color: '#eeeeee' });
    await os({ 'prefers-color-scheme': 'light' });
    els.model.setAttribute('theme', 'dark');
    expectOwnText('light', 'with theme="dark"');
    await expectAccessible('with theme="dark"');
  });

  it('an element’s own theme wins over its <llm-model>’s; theme="auto" follows the OS', async () => {
    page(LIGHT_PAGE);
    await os({ 'prefers-color-scheme': 'dark' });
    els.model.setAttribute('theme', 'dark');
    els.text.setAttribute('theme', 'light');
    const output = part(els.text, 'output')!;
    expect(luminance(getComputedStyle(output).color), 'theme="light" on <llm-text>').to.be.below(0.2);
    els.text.setAttribute('theme', 'auto');
    expect(luminance(getComputedStyle(output).color), 'theme="auto", OS dark').to.be.above(0.5);
  });

  it('the page’s font: in a Georgia page the form’s labels and the generated text are Georgia; --llm-font sets one', async () => {
    page({ ...LIGHT_PAGE, font: 'Georgia, serif' });
    const label = els.form.querySelector('label')!;
    const output = part(els.text, 'output')!;
    expect(getComputedStyle(label).fontFamily, 'the page’s label in <llm-form>').to.match(/^Georgia/);
    expect(getComputedStyle(output).fontFamily, '<llm-text> output').to.match(/^Georgia/);
    expect(getComputedStyle(part(els.form, 'fill')!).fontFamily, 'the Fill button').to.match(/^Georgia/);
    expect(getComputedStyle(part(els.status, 'label')!).fontFamily, '<llm-status>').to.match(/^Georgia/);
    els.model.style.setProperty('--llm-font', 'system-ui, sans-serif');
    try {
      expect(getComputedStyle(output).fontFamily, 'with --llm-font').to.match(/^system-ui/);
      expect(getComputedStyle(label).fontFamily, 'the page’s label stays the page’s').to.match(/^Georgia/);
    } finally {
      els.model.style.removeProperty('--llm-font');
    }
  });

  it('forced colours (Windows High Contrast): axe clean on a light and on a dark page', async () => {
    for (const [name, look] of [
      ['light', LIGHT_PAGE],
      ['dark', DARK_PAGE],
    ] as const) {
      page(look);
      await os({ 'forced-colors': 'active', 'prefers-color-scheme': name });
      await expectAccessible(`in forced colours on a ${name} page`);
    }
  });

  it('high contrast: contrast="more" (or the OS asking for more) makes text black and borders stronger', async () => {
    page(LIGHT_PAGE);
    const base = part(els.status, 'base')!;
    const label = part(els.status, 'label')!;
    const normalBorder = luminance(getComputedStyle(base).borderTopColor);
    els.model.setAttribute('contrast', 'more');
    expect(getComputedStyle(label).color, 'contrast="more"').to.equal('rgb(0, 0, 0)');
    expect(luminance(getComputedStyle(base).borderTopColor), 'a stronger border').to.be.below(normalBorder / 2);
    await expectAccessible('with contrast="more"');
    els.model.removeAttribute('contrast');
    await os({ 'prefers-contrast': 'more' });
    expect(getComputedStyle(label).color, 'prefers-contrast: more').to.equal('rgb(0, 0, 0)');
    page(DARK_PAGE);
    expect(getComputedStyle(label).color, 'prefers-contrast: more, dark page').to.equal('rgb(255, 255, 255)');
    await expectAccessible('with prefers-contrast: more on a dark page');
  });

  it('density: density="compact" on <llm-model> (or --llm-density) tightens paddings', async () => {
    const base = part(els.chat, 'base')!;
    const padding = () => parseFloat(getComputedStyle(base).paddingTop);
    const comfortable = padding();
    els.model.setAttribute('density', 'compact');
    expect(padding(), 'compact').to.be.below(comfortable);
    els.model.removeAttribute('density');
    els.model.style.setProperty('--llm-density', '0.5');
    try {
      expect(padding(), '--llm-density: 0.5').to.be.closeTo(comfortable / 2, 0.5);
    } finally {
      els.model.style.removeProperty('--llm-density');
    }
  });

  it('<llm-form> marks the fields it filled (the page’s light DOM); --llm-filled-outline: none turns it off', async () => {
    const input = els.form.querySelector('input')!;
    expect(input.hasAttribute('data-llm-filled'), 'filled').to.equal(true);
    expect(getComputedStyle(input).outlineStyle, 'a filled field is outlined').to.equal('solid');
    els.form.style.setProperty('--llm-filled-outline', 'none');
    try {
      expect(getComputedStyle(input).outlineStyle, 'turned off').to.equal('none');
    } finally {
      els.form.style.removeProperty('--llm-filled-outline');
    }
  });
});
