import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { elementArgTypes, MODEL_URL } from './shared.js';

const meta: Meta = {
  title: 'Elements/llm-model',
  component: 'llm-model',
  args: { src: MODEL_URL, load: 'eager', backend: 'auto' },
  // `load` and `backend` get selects of their values; the model's state (`status`, reflected for CSS,
  // and what the engine knows) is read-only.
  argTypes: elementArgTypes('llm-model'),
  render: ({ src, load, backend }) => html`
    <llm-model src=${src} load=${load} backend=${backend}>
      <llm-status></llm-status>
    </llm-model>
  `,
};
export default meta;

type Story = StoryObj;

/** Loads the model at once and shows, through `<llm-status>`, how and why it runs. */
export const Default: Story = {};

/** Waits for the first user of the model (the default): nothing downloads until then. */
export const Lazy: Story = {
  args: { load: 'lazy' },
  render: ({ src }) => html`
    <llm-model src=${src}>
      <llm-status></llm-status>
      <llm-chat placeholder="Type to start loading the model"></llm-chat>
    </llm-model>
  `,
};

/**
 * Both builds of one model: web-llm runs the MLC build where the device has a capable GPU; everywhere
 * else llama.cpp runs the GGUF in WebAssembly. `<llm-status>` says which ran and why.
 */
export const WebGpuOrWasm: Story = {
  render: ({ src }) => html`
    <llm-model src=${src} webgpu-model="Qwen2.5-0.5B-Instruct-q4f16_1-MLC" loading="eager">
      <llm-status></llm-status>
    </llm-model>
  `,
};
