import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { elementArgTypes, MODEL_URL } from './shared.js';

const meta: Meta = {
  title: 'Elements/llm-status',
  component: 'llm-status',
  // `status` follows the model's (and is `error` when no <llm-model> is around).
  argTypes: elementArgTypes('llm-status'),
};
export default meta;

type Story = StoryObj;

/** Progress while loading, then the backend and why it was chosen. */
export const Default: Story = {
  render: () => html`<llm-model src=${MODEL_URL} loading="eager"><llm-status></llm-status></llm-model>`,
};

/** A model URL that does not exist: the error and a Retry button (`part="retry"`), which loads again. */
export const Error: Story = {
  render: () => html`<llm-model src="./models/missing.gguf" loading="eager"><llm-status></llm-status></llm-model>`,
};
