// <llm-chat>'s answer states on real llama.cpp with stories260K: an answer cut at the length limit or
// stopped, continued in place; the typing indicator before the first token; Jump to latest.
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import type { LlmChat, LlmModel } from '../../src/index.js';
import type { ChatMessage } from '../../src/engine/index.js';
import { MODEL_URL } from '../helpers/model.js';
import { part, parts } from '../helpers/chat.js';
import { nextEvent, waitFor, within } from '../helpers/wait.js';

async function chatFixture(attrs: string) {
  const model = await fixture<LlmModel>(`<llm-model src="${MODEL_URL}"><llm-chat ${attrs}></llm-chat></llm-model>`);
  const chat = model.querySelector('llm-chat') as LlmChat;
  await chat.updateComplete;
  return { model, chat };
}

const question: ChatMessage[] = [{ role: 'user', content: 'Once upon a time' }];

before(() => loadMarkdownRenderer());

describe('<llm-chat> answer states', () => {
  it('an answer cut at the length limit says so; Continue grows the same answer into the longer greedy one', async () => {
    const { model, chat } = await chatFixture('temperature="0" max-tokens="16"');
    const first = await chat.send('Once upon a time');
    expect(first?.finishReason).to.equal('length');
    await chat.updateComplete;
    expect(part(chat, 'ending')?.textContent).to.include('Stopped at the length limit.');
    const button = part(chat, 'continue');
    expect(button, 'Continue beside the notice').to.exist;
    await expect(chat).to.be.accessible();

    const longer = await model.engine!.chat(question, { temperature: 0, max_tokens: 32 }).result;
    const continued = nextEvent(chat, 'llm-continue', 5000);
    const response = nextEvent(chat, 'llm-response', 30_000);
    button!.click();
    expect((await continued).detail).to.deep.equal({ index: 1 });
    const { detail } = await response;
    await chat.updateComplete;

    expect(chat.messages).to.deep.equal([
      { role: 'user', content: 'Once upon a time' },
      { role: 'assistant', content: longer.text },
    ]);
    expect(detail.message).to.deep.equal({ role: 'assistant', content: longer.text }, 'the answer as it now stands');
    expect(first!.text + detail.text).to.equal(longer.text, 'text is what this run added');
    expect(parts(chat, 'assistant')).to.have.length(1, 'one message, grown in place');
    expect(parts(chat, 'assistant')[0]?.textContent).to.include(longer.text.trim().slice(-12));
  });

  it('a stopped answer says so and can be continued in place', async () => {
    const { chat } = await chatFixture('temperature="0" max-tokens="400"');
    const done = chat.send('Once upon a time');
    await nextEvent(chat, 'llm-token', 30_000);
    chat.stop();
    const stopped = await done;
    expect(stopped?.finishReason).to.equal('abort');
    await chat.updateComplete;
    expect(part(chat, 'ending')?.textContent).to.include('Stopped.');
    await expect(chat).to.be.accessible();

    // From the keyboard: Continue is a button in the tab order.
    part(chat, 'continue')!.focus();
    const response = nextEvent(chat, 'llm-response', 30_000);
    await sendKeys({ press: 'Enter' });
    const { detail } = await response;
    await chat.updateComplete;
    expect(chat.messages).to.have.length(2);
    expect(chat.messages[1]!.content).to.equal(stopped!.text + detail.text);
    expect(detail.text.length).to.be.greaterThan(0);
    expect(parts(chat, 'assistant')).to.have.length(1);
  });

  it('shows a typing indicator until the first token, then the answer streams', async () => {
    const { model, chat } = await chatFixture('temperature="0" max-tokens="40"');
    await model.engine!.chat(question, { max_tokens: 1 }).result; // loaded, so the wait below is the queue's
    // Another request holds the engine: the chat's waits its turn, with nothing written yet.
    const ahead = model.engine!.chat(question, { temperature: 0, max_tokens: 2000, fit: 'none' });
    const done = chat.send('Once upon a time');
    const typing = await waitFor(() => part(chat, 'typing'), 5000, 'the typing indicator');
    expect(typing.textContent).to.include('Writing…');
    expect(part(chat, 'log')?.getAttribute('aria-busy')).to.equal('true');
    expect(chat.messages.at(-1)?.content).to.equal('');
    await expect(chat).to.be.accessible();

    const token = nextEvent(chat, 'llm-token', 30_000);
    ahead.abort();
    await token;
    await chat.updateComplete;
    expect(part(chat, 'typing'), 'gone with the first token').to.equal(null);
    await within(done, 30_000, 'the answer');
  });

  it('does not pull the view down while the visitor reads; Jump to latest goes back and follows again', async () => {
    const { chat } = await chatFixture('temperature="0" max-tokens="200" style="--llm-chat-height: 8rem"');
    const log = part(chat, 'log')!;
    const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 2;
    await chat.send('Once upon a time');
    await waitFor(() => log.scrollHeight > log.clientHeight && atBottom(), 5000, 'the log overflowing, at its end');
    expect(part(chat, 'jump'), 'no Jump at the end').to.equal(null);

    const done = chat.send('Hello');
    await nextEvent(chat, 'llm-token', 30_000);
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    await chat.updateComplete;
    const jump = part(chat, 'jump');
    expect(jump?.textContent?.trim()).to.equal('Jump to latest');
    const lengthBefore = chat.messages.at(-1)?.content.length ?? 0;
    await done;
    // Content was added below (off screen, where content-visibility may not grow the log's height yet).
    expect(chat.messages.at(-1)?.content.length ?? 0).to.be.greaterThan(
      lengthBefore,
      'the answer adding content below',
    );
    // Resize observers run in the order they observed: once ours has seen the grown log, the chat's has too.
    await new Promise<void>((resolve) => {
      const observer = new ResizeObserver(() => (observer.disconnect(), resolve()));
      observer.observe(log.firstElementChild!);
    });
    expect(log.scrollTop).to.equal(0, 'left where the visitor put it');
    await expect(chat).to.be.accessible();

    part(chat, 'jump')!.focus();
    await sendKeys({ press: 'Enter' });
    await chat.updateComplete;
    expect(atBottom()).to.equal(true, 'at the latest message');
    expect(part(chat, 'jump'), 'Jump goes').to.equal(null);
    expect(chat.shadowRoot!.activeElement).to.equal(log, 'focus stays in the chat');

    // Following again: the conversation grows (no send, which would follow anyway) and the view goes with it.
    const heightAtEnd = log.scrollHeight;
    chat.messages = [...chat.messages, { role: 'assistant', content: 'And then.\n\n'.repeat(8) }];
    await waitFor(() => log.scrollHeight > heightAtEnd && atBottom(), 5000, 'the log following what was added');
  });
});
