// The Storybook toolbar's Theme (OS, light, dark, high contrast) and Density menus, as a page would
// choose them: the story root gets the page's `color-scheme` (the system Canvas colors behind it, as
// a page that supports that scheme shows) and a page font the elements take; every llm-* element in
// the story gets the `theme`, `contrast` and `density` attributes.
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';

type Theme = 'os' | 'light' | 'dark' | 'high-contrast';

/** The page's color-scheme for each choice; "OS" is a page that supports both. */
const SCHEMES: Record<Theme, string> = {
  os: 'light dark',
  light: 'light',
  dark: 'dark',
  'high-contrast': 'light dark',
};

export const themeGlobals: Pick<Preview, 'globalTypes' | 'initialGlobals'> = {
  globalTypes: {
    theme: {
      description: 'Color scheme of the page around the elements',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        dynamicTitle: true,
        items: [
          { value: 'os', title: 'OS (color-scheme: light dark)' },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'high-contrast', title: 'High contrast (contrast="more")' },
        ],
      },
    },
    density: {
      description: 'Paddings and gaps of the elements',
      toolbar: {
        title: 'Density',
        icon: 'component',
        dynamicTitle: true,
        items: [
          { value: 'comfortable', title: 'Comfortable' },
          { value: 'compact', title: 'Compact' },
        ],
      },
    },
  },
  initialGlobals: { theme: 'os', density: 'comfortable' },
};

/** The attributes the toolbar set, so a later choice removes them and leaves the story's own alone. */
const applied = new WeakMap<Element, string[]>();

function apply(root: Element, theme: Theme, density: string): void {
  const attributes: [string, string][] = [];
  if (theme === 'light' || theme === 'dark') attributes.push(['theme', theme]);
  if (theme === 'high-contrast') attributes.push(['contrast', 'more']);
  if (density !== 'comfortable') attributes.push(['density', density]);
  for (const el of root.querySelectorAll('*')) {
    if (!el.localName.startsWith('llm-')) continue;
    for (const name of applied.get(el) ?? []) el.removeAttribute(name);
    for (const [name, value] of attributes) el.setAttribute(name, value);
    applied.set(
      el,
      attributes.map(([name]) => name),
    );
  }
}

export const withTheme: Decorator = (story, { globals }) => {
  const theme = (globals.theme ?? 'os') as Theme;
  const density = String(globals.density ?? 'comfortable');
  return html`<div
    class="llm-story-root"
    style="color-scheme: ${SCHEMES[theme]}; background: Canvas; color: CanvasText; font: 16px/1.5 system-ui, sans-serif; padding: 1rem; min-height: 100%"
    ${ref((root) => root && queueMicrotask(() => apply(root, theme, density)))}
  >
    ${story()}
  </div>`;
};
