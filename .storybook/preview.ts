import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import manifest from '../custom-elements.json';
import '../src/cdn.js'; // every element, and web-llm as the script tag has it

// Controls and docs tables come from the elements' JSDoc, through custom-elements.json.
setCustomElementsManifest(manifest);

const preview: Preview = {
  decorators: [withActions],
  parameters: {
    // Every llm-* event shows in the Actions panel.
    actions: {
      handles: [
        'llm-progress',
        'llm-ready',
        'llm-error',
        'llm-send',
        'llm-token',
        'llm-response',
        'llm-accept',
        'llm-dismiss',
        'llm-fallback',
      ],
    },
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
};

export default preview;
