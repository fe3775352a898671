import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { elementArgTypes, MODEL_URL } from './shared.js';

const meta: Meta = {
  title: 'Elements/llm-model',
  component: 'llm-model',
  args: { src: MODEL_URL, loading: 'eager', backend: 'auto' },
  // `loading` and `backend` get selects of their values; the model's state (`status`, reflected for CSS,
  // and what the engine knows) is read-only.
  argTypes: elementArgTypes('llm-model'),
  render: ({ src, loading, backend }) => html`
    <llm-model src=${src} loading=${loading} backend=${backend}>
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
  args: { loading: 'lazy' },
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

/**
 * The browser's own model first (Chrome's Gemini Nano, through the Prompt API): nothing to download
 * where the browser has it, and it runs on the device. Everywhere else (Firefox, Safari, phones, and
 * a Chrome without the model) `src` runs; `<llm-status>` says which and why. Where Chrome must first
 * download its model, it starts once the visitor sends a message.
 */
export const BrowserModel: Story = {
  render: ({ src }) => html`
    <llm-model browser-model src=${src}>
      <llm-status></llm-status>
      <llm-chat placeholder="Ask the browser's model (or the page's own)"></llm-chat>
    </llm-model>
  `,
};

/**
 * One model for all of a visitor's tabs (`share="tabs"`, the default): open this story in a second
 * tab (the link below) and send a message there. The first tab to load the model holds it; the second
 * runs its requests in the first, and its `<llm-status>` details say so. Close the first tab while the
 * second answers: the second ends that answer with a Retry, loads the model from this browser's store,
 * and answers. `share="none"` gives each tab its own copy.
 */
export const SharedAcrossTabs: Story = {
  args: { share: 'tabs' },
  argTypes: { share: { control: 'inline-radio', options: ['tabs', 'none'] } },
  render: ({ src, share }) => html`
    <llm-model src=${src} share=${share}>
      <llm-status details></llm-status>
      <llm-chat placeholder="Send a message, then do the same in another tab"></llm-chat>
    </llm-model>
    <p><a href=${location.href} target="_blank" rel="noopener">Open this story in another tab</a></p>
  `,
};

/**
 * The server alone (`endpoint` without `src`): nothing runs on this device, and every message goes to
 * the server at `endpoint`, which answers through OpenAI's Chat Completions API. `<llm-status>` says
 * where the answers come from. Storybook does not start a server: run one first, e.g. llama.cpp's
 * `llama-server -m model.gguf --port 8080` (any `endpoint-model` will do), or, from this repository,
 * `node test/servers/openai-server.mjs 8080`, which serves stories260K (set `endpoint` to
 * `http://127.0.0.1:8080/v1` and `endpoint-model` to `stories260k`).
 */
export const RemoteEndpoint: Story = {
  args: { endpoint: 'http://localhost:8080/v1', 'endpoint-model': 'default' },
  render: (args) => html`
    <llm-model endpoint=${args.endpoint} endpoint-model=${args['endpoint-model']}>
      <llm-status details></llm-status>
      <llm-chat placeholder="Your messages go to the server at endpoint"></llm-chat>
    </llm-model>
  `,
};

/**
 * This device first, the server only when the device cannot run the model: `src` loads here as
 * usual, and only if that load fails with `backend-unavailable`, `too-large` or `load-failed` do
 * messages go to the server at `endpoint`; `<llm-model>` then fires `llm-fallback` and `<llm-status>`
 * says so. Other failures (a wrong URL, no network) stay errors. The small model here runs on any
 * device that can show this page, so nothing goes to the server; on a device that cannot run it, the
 * server answers. Storybook does not start that server: run `llama-server -m model.gguf --port 8080`,
 * or `node test/servers/openai-server.mjs 8080` from this repository (stories260K; `endpoint` at
 * `http://127.0.0.1:8080/v1`, `endpoint-model` `stories260k`).
 */
export const FallbackToServer: Story = {
  args: { endpoint: 'http://localhost:8080/v1', 'endpoint-model': 'default' },
  render: (args) => html`
    <llm-model src=${args.src} endpoint=${args.endpoint} endpoint-model=${args['endpoint-model']}>
      <llm-status details></llm-status>
      <llm-chat placeholder="Answered on this device, or by the server if it cannot"></llm-chat>
    </llm-model>
  `,
};
