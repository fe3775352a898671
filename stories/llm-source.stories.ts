import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/llm-source/llm-source.js'; // the script tag loads it with the first chat that has a source
import { EMBED_MODEL_URL } from './ask-this-page.js';
import { elementArgTypes, MODEL_URL } from './shared.js';

const meta: Meta = {
  title: 'Elements/llm-source',
  component: 'llm-source',
  argTypes: elementArgTypes('llm-source'),
};
export default meta;

type Story = StoryObj;

/**
 * A source of its own content (no `selector`, no `href`): the opening hours below are shown as they
 * are, and the chat answers from them, listing the passages it was given under each answer. The
 * test models (a random BERT embedding model as `embed-src`, stories260K to write) find the passage
 * that shares the question's words but write nonsense; a real embedding model
 * (`embed-src="bge-small-en"`) and a real chat model answer for real. For this page's own parts,
 * set `selector` (Compositions/AskThisPage); for another page of the site, `href`.
 */
export const Inline: Story = {
  args: { label: 'Opening hours' },
  render: ({ label }) => html`
    <llm-model src=${MODEL_URL} embed-src=${EMBED_MODEL_URL}>
      <llm-status></llm-status>
      <llm-chat style="--llm-chat-height: 16rem; margin-block: 1rem" max-tokens="60" placeholder="When are you open?">
      </llm-chat>
      <llm-source label=${label}>
        <h3>Opening hours</h3>
        <p>The shop is open Monday to Friday from 9 to 18, and on Saturday from 10 to 14.</p>
        <p>On public holidays the shop is closed.</p>
      </llm-source>
    </llm-model>
  `,
};
