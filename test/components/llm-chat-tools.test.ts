// <llm-chat> with tools, on real llama.cpp and the maker's tool-calling test model (preset
// 15m-tools-q8_0): it calls whenever it may, so `toolChoice: 'required'` with one round makes it call
// once, then answer. Each call shows in its answer as a step; a tool with `confirm` asks the visitor.
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { LlmChat, LlmModel, ToolCall, ToolStep } from '../../src/index.js';
import type { LlmResponseDetail } from '../../src/events/llm-response.js';
import type { LlmToolRunDetail } from '../../src/events/llm-tool-run.js';
import { part } from '../helpers/chat.js';
import { nextEvent, within } from '../helpers/wait.js';
import { TOOLS_MODEL, recordRequests, summaries, toolChat, weather } from '../helpers/chat-tools.js';

describe('<llm-chat> with tools (real llama.cpp, a tool-calling test model)', function () {
  this.timeout(120_000);

  it('shows each call as a step (arguments and result as text), fires its events, and sends the calls back next time', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const hostile = '<img src="x" onerror="window.toolXss = 1">';
    const chat = await toolChat([weather(calls, {}, hostile)]);
    const started: CustomEvent<ToolCall>[] = [];
    const ended: CustomEvent<ToolStep>[] = [];
    // Heard above the element: they bubble, and cross shadow roots (composed).
    const onCall = (event: CustomEvent<ToolCall>) => started.push(event);
    const onResult = (event: CustomEvent<ToolStep>) => ended.push(event);
    document.addEventListener('llm-tool-call', onCall);
    document.addEventListener('llm-tool-result', onResult);
    const answered = within(chat.send('Is it raining in Paris?'), 90_000, 'the answer').finally(() => {
      document.removeEventListener('llm-tool-call', onCall);
      document.removeEventListener('llm-tool-result', onResult);
    });
    const answer = (await answered)!;
    await chat.updateComplete;
    expect(answer.finishReason, answer.error?.message).to.be.oneOf(['stop', 'length']);
    const steps = answer.stats.toolSteps!;
    expect(steps.map((step) => step.status)).to.deep.equal(['done']);
    expect(calls).to.deep.equal([steps[0]!.call.arguments]);

    expect(summaries(chat)).to.deep.equal(['Tool get_weather: done']);
    const step = part(chat, 'tool-step') as HTMLDetailsElement;
    expect(step.open, 'collapsed').to.equal(false);
    expect(JSON.parse(part(chat, 'tool-arguments')!.textContent!)).to.deep.equal(steps[0]!.call.arguments);
    expect(part(chat, 'tool-result')!.textContent, 'the result as text').to.equal(hostile);
    expect(step.querySelector('img'), 'never markup').to.equal(null);
    expect((window as { toolXss?: number }).toolXss).to.equal(undefined);

    expect(started.map((event) => event.detail)).to.deep.equal([steps[0]!.call]);
    expect(ended.map((event) => event.detail)).to.deep.equal(steps);
    expect(started[0]!.composed && started[0]!.bubbles && ended[0]!.composed).to.equal(true);

    step.open = true;
    await expect(chat).to.be.accessible();

    // The next request carries the calls and their results before the answer they led to.
    const sent = recordRequests(chat);
    await within(chat.send('And in Tokyo?'), 90_000, 'the second answer');
    expect(sent[0]!.messages.map((message) => message.role)).to.deep.equal([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(sent[0]!.messages.slice(1, 3)).to.deep.equal(answer.stats.toolMessages);
    expect(sent[0]!.messages[3]!.content).to.equal(answer.text);
    expect(chat.messages, 'the tool turns are not shown as messages').to.have.length(4);
  });

  it('asks before a tool with confirm runs: Deny by keyboard refuses it, Allow runs it', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const chat = await toolChat([weather(calls, { confirm: true })]);

    // Deny, with Enter.
    const asked = nextEvent(chat, 'llm-tool-call', 60_000);
    const denied = chat.send('Is it raining in Paris?');
    expect((await asked).detail.name).to.equal('get_weather');
    await chat.updateComplete;
    expect(part(chat, 'tool-ask')?.textContent).to.contain('Run the tool get_weather?');
    expect(chat.shadowRoot!.querySelector('[role="status"]')!.textContent, 'announced').to.contain('get_weather');
    expect(summaries(chat)).to.deep.equal(['Tool get_weather: waiting for you']);
    await expect(chat).to.be.accessible();
    const result = nextEvent(chat, 'llm-tool-result', 30_000);
    part(chat, 'tool-deny')!.focus();
    await sendKeys({ press: 'Enter' });
    expect((await result).detail.status).to.equal('denied');
    const deniedAnswer = (await within(denied, 90_000, 'the answer after Deny')) as LlmResponseDetail;
    await chat.updateComplete;
    expect(deniedAnswer.stats.toolSteps?.[0]?.status).to.equal('denied');
    expect(calls, 'not run').to.have.length(0);
    expect(summaries(chat)).to.deep.equal(['Tool get_weather: denied']);
    expect(part(chat, 'tool-ask'), 'the question is gone').to.equal(null);

    // Allow, with Space.
    const askedAgain = nextEvent(chat, 'llm-tool-call', 60_000);
    const allowed = chat.send('Is it raining in Paris?');
    await askedAgain;
    await chat.updateComplete;
    part(chat, 'tool-allow')!.focus();
    await sendKeys({ press: 'Space' });
    const allowedAnswer = (await within(allowed, 90_000, 'the answer after Allow')) as LlmResponseDetail;
    await chat.updateComplete;
    expect(allowedAnswer.stats.toolSteps?.[0]?.status).to.equal('done');
    expect(calls).to.have.length(1);
    expect(summaries(chat)).to.deep.equal(['Tool get_weather: denied', 'Tool get_weather: done']);
  });

  it('Stop while it asks ends the answer: the question goes, and the tool does not run', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const chat = await toolChat([weather(calls, { confirm: true })]);
    const asked = nextEvent(chat, 'llm-tool-call', 60_000);
    const answer = chat.send('Is it raining in Paris?');
    await asked;
    await chat.updateComplete;
    expect(part(chat, 'tool-ask'), 'asking').to.not.equal(null);
    chat.stop();
    const stopped = (await within(answer, 30_000, 'the stopped answer')) as LlmResponseDetail;
    await chat.updateComplete;
    expect(stopped.finishReason).to.equal('abort');
    expect(part(chat, 'tool-ask'), 'the question is gone').to.equal(null);
    expect(calls, 'not run').to.have.length(0);
  });

  it('Stop while a slow tool runs: its signal aborts, its step fails as stopped, Continue shows, and the chat answers again', async () => {
    let aborted: boolean | undefined;
    let running!: () => void;
    const ran = new Promise<void>((resolve) => (running = resolve));
    // The first call waits until its signal aborts; later ones answer at once.
    let first = true;
    const slow = weather([], {
      run: (_args, { signal }) => {
        if (!first) return { sky: 'rain' };
        first = false;
        running();
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => ((aborted = signal.aborted), reject(signal.reason)), { once: true }),
        );
      },
    });
    const chat = await toolChat([slow]);
    const answer = chat.send('Is it raining in Paris?');
    await within(ran, 60_000, 'the tool running');
    await chat.updateComplete;
    expect(summaries(chat)).to.deep.equal(['Tool get_weather: running']);
    chat.stop();
    const stopped = (await within(answer, 30_000, 'the stopped answer')) as LlmResponseDetail;
    await chat.updateComplete;
    expect(stopped.finishReason).to.equal('abort');
    expect(aborted, "the tool's signal").to.equal(true);
    expect(stopped.stats.toolSteps?.map(({ status, error }) => ({ status, error }))).to.deep.equal([
      { status: 'error', error: 'Stopped before it ended.' },
    ]);
    expect(summaries(chat)).to.deep.equal(['Tool get_weather: failed']);
    expect(part(chat, 'tool-error')?.textContent).to.equal('Stopped before it ended.');
    expect(part(chat, 'continue') ?? part(chat, 'retry'), 'Continue or Retry').to.not.equal(null);

    const again = (await within(chat.send('And in Tokyo?'), 90_000, 'the next answer')) as LlmResponseDetail;
    expect(again.finishReason, again.error?.message).to.be.oneOf(['stop', 'length']);
    expect(again.stats.toolSteps?.map((step) => step.status)).to.deep.equal(['done']);
  });

  it("calls an <llm-tool> of the chat (answered by its listener) and one of its model outside chats (its form), never another chat's", async () => {
    const model = await fixture<LlmModel>(`<llm-model src="${TOOLS_MODEL}">
      <llm-tool name="fill_order" description="Orders a pizza">
        <form><label>Size <select name="size"><option>small</option><option>large</option></select></label></form>
      </llm-tool>
      <llm-chat temperature="0" max-tokens="200" max-tool-rounds="1">
        <llm-tool name="find_order" description="Finds an order">
          <script type="application/json">
            {"type": "object", "properties": {"status": {"type": "string", "enum": ["open", "shipped"]}},
             "required": ["status"], "additionalProperties": false}
          </script>
        </llm-tool>
      </llm-chat>
      <llm-chat><llm-tool name="other_chat_tool" description="Not for the first chat"></llm-tool></llm-chat>
    </llm-model>`);
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    const sent = recordRequests(chat);

    // Answered by the page's listener.
    const heard: Array<Record<string, unknown>> = [];
    model.querySelector('llm-tool[name="find_order"]')!.addEventListener('llm-tool-run', (event) => {
      const { call, respond } = (event as CustomEvent<LlmToolRunDetail>).detail;
      heard.push(call.arguments);
      respond({ order: 7, arrives: 'Tuesday' });
    });
    chat.toolChoice = { name: 'find_order' };
    const found = (await within(chat.send('Where is my order?'), 90_000, 'the answer')) as LlmResponseDetail;
    await chat.updateComplete;
    expect(
      found.stats.toolSteps?.map((step) => step.status),
      found.error?.message,
    ).to.deep.equal(['done']);
    expect(heard).to.have.length(1);
    expect(heard[0]!.status, 'arguments valid for its schema').to.be.oneOf(['open', 'shipped']);
    expect(JSON.parse(part(chat, 'tool-result')!.textContent!)).to.deep.equal({ order: 7, arrives: 'Tuesday' });
    expect(
      sent[0]!.options.tools?.map((tool) => tool.name).sort(),
      "the chat's and its model's tools, not the other chat's",
    ).to.deep.equal(['fill_order', 'find_order']);

    // Answered by the form outside the chat: filled, then submitted through the page's handler.
    const form = model.querySelector('form')!;
    const submitted: string[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted.push(String(new FormData(form).get('size')));
    });
    chat.toolChoice = { name: 'fill_order' };
    const ordered = (await within(chat.send('A pizza, please'), 90_000, 'the second answer')) as LlmResponseDetail;
    await chat.updateComplete;
    const step = ordered.stats.toolSteps?.[0];
    expect(step?.status, step?.error ?? ordered.error?.message).to.equal('done');
    expect(submitted, 'the submit handler ran, with the argument').to.deep.equal([step!.call.arguments.size]);
    expect(step!.result).to.deep.equal({ submitted: true, fields: { size: step!.call.arguments.size } });
    expect(summaries(chat)).to.deep.equal(['Tool find_order: done', 'Tool fill_order: done']);
  });
});
