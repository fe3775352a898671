import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../src/components/llm-tool/llm-tool.js'; // the script tag loads it with the first chat that calls it
import type { LlmChat } from '../src/index.js';
import { elementArgTypes } from './shared.js';
import { TOOLS_MODEL_URL } from './shop-assistant.js';

const meta: Meta = {
  title: 'Elements/llm-tool',
  component: 'llm-tool',
  argTypes: elementArgTypes('llm-tool'),
};
export default meta;

type Story = StoryObj;

// The maker's tool-calling test model calls whenever it may but writes nonsense: the chats here must
// call once (`toolChoice: 'required'`, one round). With a real model (Qwen2.5-0.5B-Instruct GGUF),
// leave `toolChoice` at `auto`.
const mustCall = (chat: Element | undefined) => {
  if (chat) (chat as LlmChat).toolChoice = 'required';
};

/**
 * A form the visitor sees, declared as a tool: its fields are the arguments (a select becomes an
 * enum, `min`/`max` bounds). With no `llm-tool-run` listener the model's call fills the form and
 * submits it, and the page's own submit handler (here: writing the order under the form) runs.
 * `confirm` asks the visitor first.
 */
export const FromAForm: Story = {
  args: { confirm: true },
  render: ({ confirm }) => html`
    <llm-model src=${TOOLS_MODEL_URL}>
      <llm-chat max-tokens="150" max-tool-rounds="1" placeholder="Ask for a coffee" ${ref(mustCall)}></llm-chat>
      <llm-tool name="order_coffee" description="Orders a coffee for the visitor" ?confirm=${confirm}>
        <form
          style="display: flex; gap: 0.5rem; align-items: end; margin-top: 1rem; flex-wrap: wrap"
          @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            const form = event.target as HTMLFormElement;
            const data = new FormData(form);
            const output = form.querySelector('output');
            if (output) output.value = `Ordered: ${data.get('cups')} × ${data.get('kind')}`;
          }}
        >
          <label
            >Coffee
            <select name="kind" required>
              <option>espresso</option>
              <option>latte</option>
            </select></label
          >
          <label>Cups <input name="cups" type="number" min="1" max="4" value="1" required /></label>
          <button>Order</button>
          <output aria-live="polite"></output>
        </form>
      </llm-tool>
    </llm-model>
  `,
};

/**
 * A JSON Schema in a child `<script type="application/json">`, answered by the page's
 * `llm-tool-run` listener (`respond(result)`, or `fail(message)`; `preventDefault()` to answer later).
 */
export const FromAJsonSchema: Story = {
  render: () => html`
    <llm-model src=${TOOLS_MODEL_URL}>
      <llm-chat max-tokens="150" max-tool-rounds="1" placeholder="Ask about an order" ${ref(mustCall)}>
        <llm-tool
          name="find_order"
          description="Looks up an order by its number"
          @llm-tool-run=${(event: HTMLElementEventMap['llm-tool-run']) =>
            event.detail.respond({ number: event.detail.call.arguments.number, status: 'shipped' })}
        >
          <script type="application/json">
            {
              "type": "object",
              "properties": { "number": { "type": "string", "maxLength": 8 } },
              "required": ["number"]
            }
          </script>
        </llm-tool>
      </llm-chat>
    </llm-model>
  `,
};
