// A long conversation in <llm-chat>, on real llama.cpp with stories260K: 1,000 restored messages all
// render, and the chat stays usable. How responsive that is, is measured by the benchmark
// (`npm run bench -- --only=conversation`), not here: timings in tests are load on 2 cores.
import { expect, fixture } from '@open-wc/testing';
import '../../src/index.js';
import { StreamingMarkdown, loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import type { LlmChat, LlmModel } from '../../src/index.js';
import { answer, conversation } from '../../bench/long-conversation.js';
import { MODEL_URL } from '../helpers/model.js';
import { part, parts, typeAndSend } from '../helpers/chat.js';
import { waitFor, within } from '../helpers/wait.js';

async function restoredChat(count: number) {
  const model = await fixture<LlmModel>(
    `<llm-model src="${MODEL_URL}"><llm-chat temperature="0" max-tokens="16"></llm-chat></llm-model>`,
  );
  const chat = model.querySelector('llm-chat') as LlmChat;
  await chat.updateComplete;
  chat.messages = conversation(count);
  await within(chat.updateComplete, 50_000, `${count} restored messages rendering`);
  return chat;
}

/** How far the log is from its end, in px. */
const fromEnd = (log: HTMLElement) => log.scrollHeight - log.scrollTop - log.clientHeight;

before(() => loadMarkdownRenderer());

describe('<llm-chat> with a long conversation', () => {
  it('restores 1,000 messages: updateComplete resolves when every answer shows as markdown', async function () {
    this.timeout(120_000);
    const chat = await restoredChat(1000);
    const messages = parts(chat, 'message');
    expect(messages).to.have.length(1000);
    const answers = parts(chat, 'assistant');
    expect(answers).to.have.length(500);
    // Every answer is rendered to its end: its list, its table or code, and its last paragraph.
    answers.forEach((message, k) => {
      const i = 2 * k + 1;
      const markdown = message.querySelector('.markdown') as HTMLElement;
      expect(markdown.querySelector('ul li'), `answer ${i}'s list`).to.exist;
      const block = ['pre code', 'table td', 'ol li'][i % 3] as string;
      expect(markdown.querySelector(block), `answer ${i}'s ${block}`).to.exist;
      const last = answer(i).split('\n').at(-1)?.replace(/[*`]/g, '') ?? '';
      expect(markdown.textContent?.trim().endsWith(last), `answer ${i} ends with its last paragraph`).to.equal(true);
    });
    expect(messages[998]?.textContent).to.contain('Question 500:');
  });

  it('stays usable: the log starts at the end, scrolls to the top and back, and sending answers at the end', async function () {
    this.timeout(120_000);
    const chat = await restoredChat(1000);
    const log = part(chat, 'log') as HTMLElement;
    await waitFor(() => fromEnd(log) < 32, 10_000, 'the restored log showing its end');
    log.scrollTop = 0;
    await waitFor(() => log.scrollTop === 0, 5_000, 'the log scrolled to the top');
    // The first message is there to read at the top.
    const first = parts(chat, 'message')[0] as HTMLElement;
    const top = log.getBoundingClientRect().top;
    expect(first.getBoundingClientRect().top - top).to.be.lessThan(log.clientHeight);
    expect(first.textContent).to.contain('Question 1:');

    const { detail } = await typeAndSend(chat, 'Once upon a time');
    expect(detail.text).to.not.equal('');
    await chat.updateComplete;
    expect(chat.messages).to.have.length(1002);
    expect(chat.messages.at(-2)).to.deep.equal({ role: 'user', content: 'Once upon a time' });
    // Sending brings the conversation back to its end, where the new answer is.
    await waitFor(() => fromEnd(log) < 32, 10_000, 'the log following the new answer to its end');
    const last = parts(chat, 'message').at(-1) as HTMLElement;
    expect(last.getBoundingClientRect().bottom).to.be.at.most(log.getBoundingClientRect().bottom + 1);
  });

  it('follows its end without a ResizeObserver loop error (messages are laid out only in view)', async function () {
    this.timeout(120_000);
    // Scrolling to the end from the resize observer lays out the messages that come into view; done
    // in the observer's own callback, that changed the size again in the same frame, and browsers
    // report it on the page as an error.
    const loops: string[] = [];
    const onError = (event: ErrorEvent) => {
      if (/ResizeObserver loop/.test(event.message)) {
        loops.push(event.message);
        event.preventDefault();
      }
    };
    window.addEventListener('error', onError);
    try {
      const chat = await restoredChat(200);
      const log = part(chat, 'log') as HTMLElement;
      await waitFor(() => fromEnd(log) < 32, 10_000, 'the restored log showing its end');
      await typeAndSend(chat, 'Once upon a time');
      await waitFor(() => fromEnd(log) < 32, 10_000, 'the log following the answer to its end');
      // A frame more for a loop error to be reported.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      expect(loops).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('is accessible with 50 restored messages (axe)', async function () {
    this.timeout(60_000);
    const chat = await restoredChat(50);
    await expect(chat).to.be.accessible();
  });
});

describe('StreamingMarkdown restoring many views at once', () => {
  it('renders them over several tasks (a shared time budget), and `rendered` waits for all of them', async () => {
    const views = Array.from({ length: 500 }, () => new StreamingMarkdown());
    views.forEach((view, i) => view.set(answer(2 * i + 1)));
    const now = views.filter((view) => view.element.querySelector('p')).length;
    expect(now, 'views rendered in the task that set them').to.be.lessThan(500);
    await within(Promise.all(views.map((view) => view.rendered)), 30_000, 'all views rendering');
    expect(views.filter((view) => view.element.querySelector('p')).length).to.equal(500);
  });
});
