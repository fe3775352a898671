import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { elementArgTypes, MODEL_URL } from './shared.js';

const meta: Meta = {
  title: 'Elements/llm-text',
  component: 'llm-text',
  // `status` (idle | loading | ready | waiting | generating | error) and `text` are the element's
  // own: read-only, so they get no control.
  argTypes: elementArgTypes('llm-text'),
  decorators: [(story) => html`<llm-model src=${MODEL_URL}>${story()}</llm-model>`],
};
export default meta;

type Story = StoryObj;

/** Prompt → text: generates when it appears on the page. */
export const Prompt: Story = {
  render: () => html`<llm-text prompt="Once upon a time" max-tokens="60"></llm-text>`,
};

/**
 * `instruct` sends the prompt as a user message through the model's chat template, for
 * instruction-tuned models (the tiny test model has none, so it gets the plain transcript).
 * `for` feeds the text of `#story-seed` into the prompt at `{text}`.
 */
export const Instruct: Story = {
  render: () => html`
    <p id="story-seed">A little dog found a red ball in the garden.</p>
    <llm-text instruct for="story-seed" prompt="Go on with this story: {text}" max-tokens="60"></llm-text>
  `,
};

/**
 * `manual` waits for `run()`; its status styles the element from the page's CSS (`:state(generating)`,
 * or the `status` attribute it sets on itself), the same values on every element.
 */
export const ManualWithStatus: Story = {
  render: () => html`
    <style>
      .status-demo llm-text:state(generating) {
        outline: 2px dashed var(--llm-accent, #1d4ed8);
        outline-offset: 4px;
      }
    </style>
    <div class="status-demo">
      <button
        type="button"
        @click=${(e: Event) => void (e.currentTarget as HTMLElement).parentElement?.querySelector('llm-text')?.run()}
      >
        Write
      </button>
      <llm-text manual prompt="One day, a little dog" max-tokens="60"></llm-text>
    </div>
  `,
};
