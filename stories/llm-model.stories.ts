import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MODEL_URL, readOnly } from './shared.js';

const meta: Meta = {
  title: 'Elements/llm-model',
  component: 'llm-model',
  args: { src: MODEL_URL, load: 'eager', backend: 'auto' },
  argTypes: {
    load: { control: 'inline-radio', options: ['lazy', 'eager', 'manual'] },
    backend: { control: 'inline-radio', options: ['auto', 'webgpu', 'wasm'] },
    // The model's state: `status` (reflected, for CSS) and what the engine knows, set by the element.
    ...readOnly('status', 'engine', 'progress', 'backendKind', 'backendReason', 'error', 'modelInfo'),
  },
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
    <llm-model src=${src} webgpu-model="Qwen2.5-0.5B-Instruct-q4f16_1-MLC" load="eager">
      <llm-status></llm-status>
    </llm-model>
  `,
};
