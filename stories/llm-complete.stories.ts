import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { elementArgTypes, MODEL_URL } from './shared.js';

const meta: Meta = {
  title: 'Elements/llm-complete',
  component: 'llm-complete',
  // `status` (idle | loading | ready | waiting | generating | error) and `text` are the element's
  // own: read-only, so they get no control.
  argTypes: elementArgTypes('llm-complete'),
  decorators: [(story) => html`<llm-model src=${MODEL_URL}>${story()}</llm-model>`],
};
export default meta;

type Story = StoryObj;

/** Inline completion of a textarea: pause typing; Tab accepts, Escape dismisses. */
export const Inline: Story = {
  render: () => html`
    <llm-complete stop-at="sentence" max-tokens="24">
      <textarea rows="4" style="width: 100%; font: inherit" aria-label="Your story">Once upon a time</textarea>
    </llm-complete>
  `,
};

/** Inline completion of a one-line input inside a form. */
export const InlineInput: Story = {
  render: () => html`
    <form @submit=${(e: Event) => e.preventDefault()}>
      <label
        >Title <llm-complete style="display: inline-block"><input name="title" value="The little" /></llm-complete
      ></label>
    </form>
  `,
};
