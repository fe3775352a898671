import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { elementArgTypes, MODEL_URL } from './shared.js';

const meta: Meta = {
  title: 'Elements/llm-form',
  component: 'llm-form',
  // `status` is the element's own: read-only, so it gets no control.
  argTypes: elementArgTypes('llm-form'),
  decorators: [(story) => html`<llm-model src=${MODEL_URL}><llm-status></llm-status>${story()}</llm-model>`],
};
export default meta;

type Story = StoryObj;

const ORDER = html`
  <form @submit=${(e: Event) => e.preventDefault()} style="display: grid; gap: 0.5rem; max-width: 28rem">
    <label>Name <input name="name" required maxlength="40" /></label>
    <label>Email <input name="email" type="email" placeholder="jane@example.com" /></label>
    <label>Delivery date <input name="date" type="date" /></label>
    <label
      >Size
      <select name="size">
        <option value="">Choose…</option>
        <option>S</option>
        <option>M</option>
        <option>L</option>
      </select></label
    >
    <label>Quantity <input name="quantity" type="number" min="1" max="9" /></label>
    <label><input name="gift" type="checkbox" /> Gift wrap</label>
    <button>Order</button>
  </form>
`;

/**
 * Fill a form from a pasted text: the form's own fields (types, ranges, options) constrain what the
 * model writes. The test model here is a toy that knows nothing of orders: its values are nonsense,
 * but every one fits its field. Filled fields are outlined until you edit them; Undo puts them back.
 */
export const FromPastedText: Story = {
  render: () => html`
    <style>
      llm-form [data-llm-filled] {
        outline: 2px solid #7c3aed;
        outline-offset: 1px;
      }
    </style>
    <llm-form>
      <textarea slot="source" rows="3" style="width: 100%; max-width: 28rem" aria-label="Text to fill the form from">
Hi! Please send 2 medium shirts to Jane Doe, jane@example.com, on 2026-12-24. Gift wrap please.</textarea>
      ${ORDER}
    </llm-form>
  `,
};

/** `auto`: paste a text into the box and the form fills itself. */
export const FillOnPaste: Story = {
  render: () => html`
    <llm-form auto>
      <textarea slot="source" rows="3" style="width: 100%; max-width: 28rem" aria-label="Paste a text here"></textarea>
      ${ORDER}
    </llm-form>
  `,
};
