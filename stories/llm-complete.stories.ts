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

/** Prompt → text: generates when it appears on the page. */
export const Prompt: Story = {
  render: () => html`<llm-complete prompt="Once upon a time" max-tokens="60"></llm-complete>`,
};

/**
 * `instruct` sends the prompt as a user message through the model's chat template, for
 * instruction-tuned models (the tiny test model has none, so it gets the plain transcript).
 * `for` feeds the text of `#story-seed` into the prompt at `{text}`.
 */
export const Instruct: Story = {
  render: () => html`
    <p id="story-seed">A little dog found a red ball in the garden.</p>
    <llm-complete instruct for="story-seed" prompt="Go on with this story: {text}" max-tokens="60"></llm-complete>
  `,
};

/**
 * `manual` waits for `run()`; the reflected `status` styles the element from the page's CSS, the same
 * attribute and values on every element.
 */
export const ManualWithStatus: Story = {
  render: () => html`
    <style>
      .status-demo llm-complete[status='generating'] {
        outline: 2px dashed var(--llm-accent, #1d4ed8);
        outline-offset: 4px;
      }
    </style>
    <div class="status-demo">
      <button
        type="button"
        @click=${(e: Event) => void (e.currentTarget as HTMLElement).parentElement?.querySelector('llm-complete')?.run()}
      >
        Write
      </button>
      <llm-complete manual prompt="One day, a little dog" max-tokens="60"></llm-complete>
    </div>
  `,
};
