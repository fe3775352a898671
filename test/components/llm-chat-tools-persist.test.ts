// <llm-chat> with tools across reloads and Continue, on real llama.cpp and the tool-calling test
// model: an answer's calls are saved with it (`persist`), shown again and sent again before it; a
// saved conversation whose calls are garbage still restores its messages; Continue goes on with the
// answer's words after its calls, and offers no tools.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat } from '../../src/index.js';
import type { LlmResponseDetail } from '../../src/events/llm-response.js';
import { part, parts } from '../helpers/chat.js';
import { nextEvent, within } from '../helpers/wait.js';
import { recordRequests, summaries, toolChat, weather } from '../helpers/chat-tools.js';

const KEY = 'llm-chat:tools-persist';

/** A new chat of the same model saved under the same name, as after a reload (the old one removed). */
async function reopened(old: LlmChat): Promise<LlmChat> {
  const chat = document.createElement('llm-chat');
  chat.setAttribute('persist', old.persist!);
  chat.setAttribute('max-tokens', '20');
  const model = old.parentElement!;
  old.remove();
  model.append(chat);
  await chat.updateComplete;
  return chat;
}

describe('<llm-chat> with tools: saved, restored, continued (real llama.cpp, a tool-calling test model)', function () {
  this.timeout(120_000);
  beforeEach(() => localStorage.removeItem(KEY));
  afterEach(() => localStorage.removeItem(KEY));

  it('shows how long a call ran from a tenth of a second, and no time for a call that did not run', async () => {
    const call = (id: string) => ({ id, name: 'get_weather', arguments: { city: 'Paris' } });
    const steps = [
      { call: call('a'), status: 'done', result: { sky: 'rain' }, ms: 2400 },
      { call: call('b'), status: 'done', result: { sky: 'sun' }, ms: 40 },
      { call: call('c'), status: 'denied', error: 'The visitor said no.', ms: 900 },
    ];
    const toolMessages = [
      { role: 'assistant', content: '', toolCalls: steps.map((step) => step.call) },
      ...steps.map((step) => ({ role: 'tool', content: '{}', toolCallId: step.call.id })),
    ];
    const messages = [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: 'Rain.', toolSteps: steps, toolMessages },
    ];
    localStorage.setItem(KEY, JSON.stringify({ version: 2, messages }));
    const chat = await toolChat([], 'persist="tools-persist"');
    await chat.updateComplete;
    const shown = parts(chat, 'tool-summary').map((summary) => summary.textContent?.trim());
    expect(shown).to.deep.equal([
      'Tool get_weather: done in 2.4 s',
      'Tool get_weather: done',
      'Tool get_weather: denied',
    ]);
  });

  it("restores an answer's calls (step, arguments, result) and sends them again before it", async () => {
    const first = await toolChat([weather([])], 'persist="tools-persist"');
    const answer = (await within(first.send('Is it raining in Paris?'), 90_000, 'the answer')) as LlmResponseDetail;
    expect(
      answer.stats.toolSteps?.map((step) => step.status),
      answer.error?.message,
    ).to.deep.equal(['done']);
    const { call } = answer.stats.toolSteps![0]!;

    const chat = await reopened(first);
    expect(chat.messages).to.deep.equal([
      { role: 'user', content: 'Is it raining in Paris?' },
      { role: 'assistant', content: answer.text },
    ]);
    expect(summaries(chat)).to.deep.equal(['Tool get_weather: done']);
    expect(JSON.parse(part(chat, 'tool-arguments')!.textContent!)).to.deep.equal(call.arguments);
    expect(JSON.parse(part(chat, 'tool-result')!.textContent!)).to.deep.equal({ sky: 'rain' });
    expect(part(chat, 'notice'), 'no storage notice').to.equal(null);

    // The restored chat has no tools of its own, yet the model still reads what the call returned.
    const sent = recordRequests(chat);
    await within(chat.send('And in Tokyo?'), 90_000, 'the next answer');
    const messages = sent[0]!.messages;
    expect(messages.map((message) => message.role)).to.deep.equal(['user', 'assistant', 'tool', 'assistant', 'user']);
    expect(messages[1]!.toolCalls).to.deep.equal([call]);
    expect(messages[2]).to.deep.equal({ role: 'tool', content: JSON.stringify({ sky: 'rain' }), toolCallId: call.id });
    expect(messages[3]!.content).to.equal(answer.text);
  });

  it('restores the messages without their calls when the saved calls are garbage, with no error', async () => {
    const first = await toolChat([weather([])], 'persist="tools-persist"');
    const answer = (await within(first.send('Is it raining in Paris?'), 90_000, 'the answer')) as LlmResponseDetail;
    expect(answer.stats.toolSteps, answer.error?.message).to.have.length(1);
    // Edited by hand (or by another version of the page): steps that are not steps.
    const saved = JSON.parse(localStorage.getItem(KEY)!) as { messages: Array<Record<string, unknown>> };
    expect(saved.messages[1]!.toolSteps, 'saved with the answer').to.be.an('array').with.length(1);
    saved.messages[1]!.toolSteps = [{ call: 'get_weather', status: 'exploded' }, 42];
    localStorage.setItem(KEY, JSON.stringify(saved));

    const errors: Event[] = [];
    const onError = (event: Event) => errors.push(event);
    document.addEventListener('llm-error', onError);
    try {
      const chat = await reopened(first);
      expect(chat.messages).to.deep.equal([
        { role: 'user', content: 'Is it raining in Paris?' },
        { role: 'assistant', content: answer.text },
      ]);
      expect(parts(chat, 'tool-step'), 'no steps').to.have.length(0);
      expect(part(chat, 'notice'), 'no storage notice').to.equal(null);
      // Nor are the calls' turns sent without their steps.
      const sent = recordRequests(chat);
      await within(chat.send('And in Tokyo?'), 90_000, 'the next answer');
      expect(sent[0]!.messages.map((message) => message.role)).to.deep.equal(['user', 'assistant', 'user']);
      expect(errors).to.have.length(0);
    } finally {
      document.removeEventListener('llm-error', onError);
    }
  });

  it('Continue on a cut-off answer that made calls sends its calls and its words, and no tools', async () => {
    const chat = await toolChat([weather([])]);
    const answer = (await within(chat.send('Is it raining in Paris?'), 90_000, 'the answer')) as LlmResponseDetail;
    await chat.updateComplete;
    // The call takes about 120 of the 200 tokens; the words after it are cut.
    expect(answer.finishReason, answer.error?.message).to.equal('length');
    expect(answer.stats.toolSteps?.map((step) => step.status)).to.deep.equal(['done']);
    expect(answer.text).to.not.equal('');

    const sent = recordRequests(chat);
    const response = nextEvent(chat, 'llm-response', 90_000);
    part(chat, 'continue')!.click();
    const continued = (await response).detail;
    await chat.updateComplete;
    expect(continued.error?.message).to.equal(undefined);
    expect(sent).to.have.length(1);
    const { messages, options } = sent[0]!;
    expect(options.continueLast).to.equal(true);
    expect(options.tools, 'no tools: its calls are done').to.equal(undefined);
    expect(messages.map((message) => message.role)).to.deep.equal(['user', 'assistant', 'tool', 'assistant']);
    expect(messages.slice(1, 3)).to.deep.equal(answer.stats.toolMessages);
    expect(messages[3]!.content).to.equal(answer.text);
    // The same answer, grown, with its one step.
    expect(chat.messages).to.have.length(2);
    expect(chat.messages[1]!.content).to.equal(answer.text + continued.text);
    expect(summaries(chat)).to.deep.equal(['Tool get_weather: done']);
  });
});
