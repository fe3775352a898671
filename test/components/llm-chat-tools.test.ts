// <llm-chat> with tools, on real llama.cpp and the maker's tool-calling test model (preset
// 15m-tools-q8_0): it calls whenever it may, so `toolChoice: 'required'` with one round makes it call
// once, then answer. Each call shows in its answer as a step; a tool with `confirm` asks the visitor.
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ChatMessage, LlmChat, LlmModel, Tool, ToolCall, ToolStep } from '../../src/index.js';
import type { LlmResponseDetail } from '../../src/events/llm-response.js';
import { part, parts } from '../helpers/chat.js';
import { nextEvent, within } from '../helpers/wait.js';

const TOOLS_MODEL = new URL('/models/random-stories15m-tools-q8_0-v3.gguf', location.href).href;

/** A tool that records its calls and returns `result`. */
function weather(
  record: Array<Record<string, unknown>>,
  extra: Partial<Tool> = {},
  result: unknown = { sky: 'rain' },
): Tool {
  return {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', enum: ['Paris', 'Tokyo'] } },
      required: ['city'],
      additionalProperties: false,
    },
    run: (args) => (record.push(args), result),
    ...extra,
  };
}

async function toolChat(tools: Tool[]): Promise<LlmChat> {
  const model = await fixture<LlmModel>(
    `<llm-model src="${TOOLS_MODEL}"><llm-chat temperature="0" max-tokens="200" max-tool-rounds="1"></llm-chat></llm-model>`,
  );
  const chat = model.querySelector<LlmChat>('llm-chat')!;
  chat.tools = tools;
  chat.toolChoice = 'required';
  return chat;
}

const summaries = (chat: LlmChat) => parts(chat, 'tool-summary').map((summary) => summary.textContent?.trim());

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
    const engine = (chat.closest('llm-model') as LlmModel).engine;
    const sent: Array<readonly ChatMessage[]> = [];
    const chatOf = engine.chat.bind(engine);
    engine.chat = (messages, options) => (sent.push(messages), chatOf(messages, options));
    await within(chat.send('And in Tokyo?'), 90_000, 'the second answer');
    expect(sent[0]!.map((message) => message.role)).to.deep.equal(['user', 'assistant', 'tool', 'assistant', 'user']);
    expect(sent[0]!.slice(1, 3)).to.deep.equal(answer.stats.toolMessages);
    expect(sent[0]![3]!.content).to.equal(answer.text);
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
});
