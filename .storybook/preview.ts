import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { setStorybookHelpersConfig } from '@wc-toolkit/storybook-helpers';
import { withActions } from 'storybook/actions/decorator';
import manifest from '../custom-elements.json';
import '../src/cdn.js'; // every element, and web-llm as the script tag has it
import { themeGlobals, withTheme } from './theme-decorator.js';

// Controls and docs tables come from the elements' JSDoc, through custom-elements.json.
setCustomElementsManifest(manifest);
// The stories' argTypes (stories/shared.ts): selects from the manifest's expanded types (`parsedType`).
setStorybookHelpersConfig({ typeRef: 'parsedType' });

/** Every `llm-*` event any element fires, from the manifest. */
const events = (manifest as unknown as { modules: { declarations?: { events?: { name: string }[] }[] }[] }).modules
  .flatMap((module) => module.declarations ?? [])
  .flatMap((declaration) => declaration.events ?? [])
  .map((event) => event.name);

const preview: Preview = {
  decorators: [withActions, withTheme],
  // The toolbar's Theme (OS, light, dark, high contrast) and Density menus.
  ...themeGlobals,
  parameters: {
    // Every llm-* event shows in the Actions panel.
    actions: { handles: [...new Set(events)] },
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
};

export default preview;
