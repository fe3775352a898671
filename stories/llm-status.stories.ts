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

/**
 * The model stored in this browser: its size (`part="cache"`) and, with `removable`, a Remove button
 * (`part="remove"`) that unloads the model and removes it; the next load downloads it again.
 */
export const CachedRemovable: Story = {
  args: { removable: true },
  render: ({ removable }) =>
    html`<llm-model src=${MODEL_URL} loading="eager"><llm-status ?removable=${removable}></llm-status></llm-model>`,
};

/**
 * A model stored on an earlier visit, not loaded yet (`loading="manual"`): the status says it is
 * cached before anything is fetched. Open another story first to store it.
 */
export const CachedNotLoaded: Story = {
  args: { removable: true },
  render: ({ removable }) =>
    html`<llm-model src=${MODEL_URL} loading="manual"><llm-status ?removable=${removable}></llm-status></llm-model>`,
};
