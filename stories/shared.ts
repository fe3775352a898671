// What every story shares: the test model's URL, as Storybook serves it, and the argTypes of the
// elements' read-only state.
import type { ArgTypes } from '@storybook/web-components-vite';

export const MODEL_URL = './models/stories260K.gguf';

/**
 * argTypes for read-only properties (e.g. the reflected `status`, which every element sets itself):
 * listed in the docs table, with no control, since setting them from outside does nothing.
 */
export function readOnly(...names: string[]): Partial<ArgTypes> {
  return Object.fromEntries(names.map((name) => [name, { control: false }]));
}
