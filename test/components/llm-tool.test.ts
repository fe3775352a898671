// <llm-tool>: a tool declared in HTML. Its definition from attributes and children, how a call is
// answered (the page's listener, at once or later; the form filled and submitted; nobody), the
// bounds on the wait (timeout, abort), and, on real llama.cpp, a chat that calls it end to end.
import { expect, fixture, html } from '@open-wc/testing';
import { Engine, type Tool, type ToolCall, type ToolContext } from '../../src/engine/index.js';
import '../../src/components/llm-tool/llm-tool.js';
import type { LlmTool } from '../../src/components/llm-tool/llm-tool.js';
import type { LlmErrorEvent } from '../../src/events/llm-error.js';
import type { LlmToolRunEvent } from '../../src/events/llm-tool-run.js';
import { nextEvent, within } from '../helpers/wait.js';

const TOOLS_MODEL = new URL('/models/random-stories15m-tools-q8_0-v3.gguf', location.href).href;
const ORDER_SCHEMA = {
  type: 'object',
  properties: { order: { type: 'string' } },
  required: ['order'],
};

function context(args: Record<string, unknown>, signal = new AbortController().signal): ToolContext {
  const call: ToolCall = { id: 'call-1', name: 'order_status', arguments: args };
  return { call, signal };
}

/** The element's tool, which the test expects to be there. */
function toolOf(element: LlmTool): Tool {
  const tool = element.tool;
  expect(tool, 'the tool').to.not.equal(null);
  return tool!;
}

/** A rejection's message (fails the test when it resolves instead). */
async function rejection(promise: unknown, what: string): Promise<string> {
  try {
    await within(Promise.resolve(promise), 5_000, what);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${what} resolved; a rejection was expected`);
}

const orderTool = (attributes = '') =>
  fixture<LlmTool>(
    `<llm-tool name="order_status" description="Looks up an order by its number" ${attributes}>
      <script type="application/json">${JSON.stringify(ORDER_SCHEMA)}</script>
    </llm-tool>`,
  );

const cartTool = () =>
  fixture<LlmTool>(html`
    <llm-tool name="add_to_cart" description="Adds a product to the visitor's cart">
      <form>
        <label>SKU <input name="sku" required title="The product's SKU" /></label>
        <label>Quantity <input name="quantity" type="number" min="1" max="9" /></label>
        <label><input name="gift" type="checkbox" /> Gift wrap</label>
        <button>Add</button>
      </form>
    </llm-tool>
  `);

describe('<llm-tool>', function () {
  this.timeout(30_000);

  describe('its definition', () => {
    it('reads name, description, confirm and the JSON Schema of its script', async () => {
      const element = await orderTool('confirm timeout="5"');
      const tool = toolOf(element);
      expect(tool).to.deep.include({
        name: 'order_status',
        description: 'Looks up an order by its number',
        parameters: ORDER_SCHEMA,
        confirm: true,
      });
      expect(tool.run).to.be.a('function');
      expect(toolOf(await orderTool())).to.not.have.property('confirm');
    });

    it("reads its parameters from its form's fields, each described by its title or label", async () => {
      const tool = toolOf(await cartTool());
      expect(tool.parameters).to.deep.equal({
        type: 'object',
        properties: {
          sku: { type: 'string', minLength: 1, maxLength: 200, description: "The product's SKU" },
          quantity: { type: 'integer', minimum: 1, maximum: 9, description: 'Quantity' },
          gift: { type: 'boolean', description: 'Gift wrap' },
        },
        required: ['sku'],
        additionalProperties: false,
      });
    });

    it('has no parameters without a script or a form', async () => {
      const element = await fixture<LlmTool>(html`<llm-tool name="ping" description="Pings"></llm-tool>`);
      expect(toolOf(element)).to.not.have.property('parameters');
    });

    it('a script that is not valid JSON: llm-error (invalid-request), and no tool', async () => {
      const element = await fixture<LlmTool>(
        `<llm-tool name="broken"><script type="application/json">{"type": "object",</script></llm-tool>`,
      );
      const reported = nextEvent(element, 'llm-error', 2_000);
      expect(element.tool).to.equal(null);
      const event: LlmErrorEvent = await reported;
      expect(event.detail.code).to.equal('invalid-request');
      expect(event.detail.message).to.match(/JSON Schema of the tool broken is not valid JSON/);
      expect(event.bubbles && event.composed, 'heard by the chat around it').to.equal(true);
    });

    it('a name a model would refuse: llm-error, and no tool', async () => {
      const element = await fixture<LlmTool>(html`<llm-tool name="order status"></llm-tool>`);
      const reported = nextEvent(element, 'llm-error', 2_000);
      expect(element.tool).to.equal(null);
      expect((await reported).detail.message).to.match(/1 to 64 letters/);
    });

    it('shows its form to the visitor, and passes axe', async () => {
      const element = await cartTool();
      const input = element.querySelector('input')!;
      expect(input.getBoundingClientRect().width, 'the form is laid out').to.be.greaterThan(0);
      expect(getComputedStyle(element).display).to.equal('contents');
      await expect(element).to.be.accessible();
    });
  });

  describe('a call', () => {
    it('is answered by a listener that responds at once, with the call and a signal', async () => {
      const element = await orderTool();
      let detail: LlmToolRunEvent['detail'] | undefined;
      let event: LlmToolRunEvent | undefined;
      element.addEventListener('llm-tool-run', (e) => {
        event = e;
        detail = e.detail;
        e.detail.respond({ status: 'shipped', order: e.detail.call.arguments.order });
      });
      const result = await toolOf(element).run({ order: 'A-17' }, context({ order: 'A-17' }));
      expect(result).to.deep.equal({ status: 'shipped', order: 'A-17' });
      expect(detail!.call).to.deep.include({ id: 'call-1', name: 'order_status' });
      expect(detail!.signal).to.be.instanceOf(AbortSignal);
      expect(event!.bubbles && event!.composed && event!.cancelable).to.equal(true);
    });

    it('is answered later by a listener that called preventDefault()', async () => {
      const element = await orderTool();
      element.addEventListener('llm-tool-run', (e) => {
        e.preventDefault();
        setTimeout(() => e.detail.respond('later')); // a later task, as after a fetch
      });
      expect(await within(Promise.resolve(toolOf(element).run({}, context({}))), 5_000, 'the answer')).to.equal(
        'later',
      );
    });

    it('fail() rejects with its message; a second answer is ignored', async () => {
      const element = await orderTool();
      element.addEventListener('llm-tool-run', (e) => {
        e.detail.fail('No order A-17');
        e.detail.respond('too late');
      });
      expect(await rejection(toolOf(element).run({}, context({})), 'the call')).to.equal('No order A-17');
    });

    it('with no listener and a form: fills the form and submits it; the page handler sees the values', async () => {
      const element = await cartTool();
      const form = element.querySelector('form')!;
      const inputs: string[] = [];
      form.addEventListener('input', (e) => inputs.push((e.target as HTMLInputElement).name));
      let submitted: Record<string, unknown> | undefined;
      form.addEventListener('submit', (e) => {
        e.preventDefault(); // the test page must not navigate
        submitted = Object.fromEntries(new FormData(form));
        form.reset(); // as pages do: the result was read before
      });
      const result = await toolOf(element).run(
        { sku: 'A1', quantity: 3, gift: true },
        context({ sku: 'A1', quantity: 3, gift: true }),
      );
      expect(submitted).to.deep.equal({ sku: 'A1', quantity: '3', gift: 'on' });
      expect(result).to.deep.equal({ submitted: true, fields: { sku: 'A1', quantity: 3, gift: true } });
      expect(inputs, 'filled as a person would, with input events').to.include.members(['sku', 'quantity']);
    });

    it('a form that refuses (a required field empty) rejects, naming the field, and is not submitted', async () => {
      const element = await cartTool();
      let submits = 0;
      element.querySelector('form')!.addEventListener('submit', (e) => (e.preventDefault(), submits++));
      const message = await rejection(toolOf(element).run({ quantity: 2 }, context({ quantity: 2 })), 'the call');
      expect(message).to.match(/not submitted \(sku: /);
      expect(submits).to.equal(0);
    });

    it('with no listener and no form: rejects, naming the tool', async () => {
      const element = await orderTool();
      expect(await rejection(toolOf(element).run({}, context({})), 'the call')).to.equal(
        'No handler answered the tool order_status.',
      );
    });

    it('unanswered within its timeout: rejects with a plain message', async () => {
      const element = await orderTool('timeout="0.2"');
      element.addEventListener('llm-tool-run', (e) => e.preventDefault()); // promises an answer, never gives it
      const started = performance.now();
      const message = await rejection(toolOf(element).run({}, context({})), 'the timeout');
      expect(message).to.equal('The page did not answer the tool order_status within 0.2 s.');
      expect(performance.now() - started).to.be.at.least(150);
    });

    it('aborted: rejects at once with the abort, and the listener sees its signal abort', async () => {
      const element = await orderTool();
      const controller = new AbortController();
      let seen: AbortSignal | undefined;
      element.addEventListener('llm-tool-run', (e) => {
        e.preventDefault();
        seen = e.detail.signal;
      });
      const running = toolOf(element).run({}, context({}, controller.signal));
      controller.abort();
      const message = await rejection(running, 'the abort');
      expect(message).to.match(/aborted/);
      expect(seen?.aborted).to.equal(true);
    });
  });
});

describe('<llm-tool> in engine.chat() (real llama.cpp, a tool-calling test model)', function () {
  this.timeout(120_000);
  let engine: Engine;

  before(async () => {
    engine = new Engine();
    await within(engine.load(TOOLS_MODEL), 60_000, 'the tools model loaded');
  });
  after(() => engine.unload());

  it("runs the element's tool: the model's call fills and submits its form, and the result goes back", async () => {
    const element = await fixture<LlmTool>(html`
      <llm-tool name="add_to_cart" description="Adds a product to the cart">
        <form>
          <label
            >SKU
            <select name="sku" required>
              <option>A1</option>
              <option>B2</option>
            </select></label
          >
          <label>Quantity <input name="quantity" type="number" min="1" max="9" required /></label>
        </form>
      </llm-tool>
    `);
    const submitted: Array<Record<string, unknown>> = [];
    const form = element.querySelector('form')!;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted.push(Object.fromEntries(new FormData(form)));
    });
    const result = await within(
      engine.chat([{ role: 'user', content: 'Add two A1 to my cart' }], {
        temperature: 0,
        max_tokens: 200,
        tools: [toolOf(element)],
        tool_choice: 'required',
        maxToolRounds: 1,
      }).result,
      90_000,
      'the answer',
    );
    const step = result.toolSteps?.[0];
    expect(step?.status, JSON.stringify(result.toolSteps ?? result.error?.message)).to.equal('done');
    const args = step!.call.arguments as { sku: string; quantity: number };
    expect(submitted).to.deep.equal([{ sku: args.sku, quantity: String(args.quantity) }]);
    expect(step!.result).to.deep.equal({ submitted: true, fields: args });
    expect(result.finishReason, result.error?.message).to.be.oneOf(['stop', 'length']);
  });
});
