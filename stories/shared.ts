// What every story shares: the test model's URL, as Storybook serves it, and the argTypes of the
// elements, from custom-elements.json.
import type { ArgTypes } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';

export const MODEL_URL = './models/stories260K.gguf';

/**
 * An element's argTypes, made by @wc-toolkit/storybook-helpers from custom-elements.json: one control
 * per attribute (its property twin, e.g. `maxTokens` for `max-tokens`, hidden), a select for each
 * union of values (`load`, `backend`: the manifest's `parsedType`), and no control for read-only
 * state (`status`, `streaming`, …), which every element sets itself. scripts/check-manifest.mjs
 * checks the same argTypes.
 */
export function elementArgTypes(tagName: string): Partial<ArgTypes> {
  return getStorybookHelpers(tagName).argTypes;
}
