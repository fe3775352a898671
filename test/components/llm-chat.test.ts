// <llm-chat> inside <llm-model>, on real llama.cpp (wllama) with the real stories260K model.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import type { LlmChat, LlmModel } from '../../src/index.js';
import { MODEL_URL } from '../helpers/model.js';
import { part, parts, transcript, typeAndSend } from '../helpers/chat.js';
import { nextEvent, within } from '../helpers/wait.js';
import { SCRIPTED_FAILURE, engineWhoseAnswersFail, providing } from '../helpers/failing-answers.js';

async function chatFixture(attrs = 'temperature="0" max-tokens="40"') {
  const model = await fixture<LlmModel>(`<llm-model src="${MODEL_URL}"><llm-chat ${attrs}></llm-chat></llm-model>`);
  const chat = model.querySelector('llm-chat') as LlmChat;
  await chat.updateComplete;
  return { model, chat };
}

before(() => loadMarkdownRenderer()); // markdown is lazy-loaded; these tests read the rendered DOM

describe('<llm-chat>', () => {
  it('streams a story after typing and Enter; events fire in order with their details', async () => {
    const { chat } = await chatFixture();
    const seen: string[] = [];
    let tokenText = '';
    chat.addEventListener('llm-send', (e) => seen.push(`send:${e.detail.content}`));
    chat.addEventListener('llm-token', (e) => {
      if (seen.at(-1) !== 'token') seen.push('token');
      expect(e.detail.text).to.equal(tokenText + e.detail.delta);
      tokenText = e.detail.text;
    });
    chat.addEventListener('llm-response', () => seen.push('response'));

    const { detail } = await typeAndSend(chat, 'Once upon a time');
    expect(seen).to.deep.equal(['send:Once upon a time', 'token', 'response']);
    expect(detail.finishReason).to.be.oneOf(['length', 'stop']);
    expect(detail.text).to.equal(tokenText);
    expect(detail.message).to.deep.equal({ role: 'assistant', content: detail.text });
    expect(detail.stats.completionTokens).to.be.greaterThan(0);
    expect(detail.stats.tokensPerSecond).to.be.greaterThan(0);

    await chat.updateComplete;
    expect(chat.messages).to.deep.equal([
      { role: 'user', content: 'Once upon a time' },
      { role: 'assistant', content: detail.text },
    ]);
    expect(transcript(chat)).to.deep.equal(['Once upon a time', detail.text.trim()]);
    expect(parts(chat, 'user')).to.have.length(1);
    expect(parts(chat, 'assistant')).to.have.length(1);
    expect((part(chat, 'input') as HTMLTextAreaElement).value).to.equal('', 'the field is emptied');
  });

  it('Shift+Enter starts a new line instead of sending', async () => {
    const { chat } = await chatFixture();
    let sent = false;
    chat.addEventListener('llm-send', () => (sent = true));
    part(chat, 'input')?.focus();
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    expect((part(chat, 'input') as HTMLTextAreaElement).value).to.equal('line one\nline two');
    expect(sent).to.equal(false);
  });

  it('a cancelled llm-send keeps the message from being sent', async () => {
    const { chat } = await chatFixture();
    chat.addEventListener('llm-send', (e) => e.preventDefault());
    expect(await chat.send('Once upon a time')).to.equal(null);
    expect(chat.messages).to.deep.equal([]);
  });

  it('Stop ends the answer at once and keeps what was written', async () => {
    const { chat } = await chatFixture('temperature="0" max-tokens="400"');
    const done = chat.send('Once upon a time');
    await nextEvent(chat, 'llm-token', 30_000);
    await chat.updateComplete;
    const stop = part(chat, 'stop');
    expect(stop, 'a Stop button shows while streaming').to.exist;
    expect(part(chat, 'send')).to.equal(null);
    stop!.click();
    const detail = await done;
    expect(detail?.finishReason).to.equal('abort');
    expect(detail?.stats.completionTokens).to.be.lessThan(400);
    await chat.updateComplete;
    expect(part(chat, 'stop')).to.equal(null);
    expect(part(chat, 'send')).to.exist;
    expect(chat.messages.at(-1)?.content).to.equal(detail?.text);
    expect(chat.shadowRoot!.textContent).to.include('Stopped.');
  });

  it('regenerates the last answer and clears the conversation', async () => {
    const { chat } = await chatFixture();
    const first = await chat.send('Once upon a time');
    await chat.updateComplete;
    const again = nextEvent(chat, 'llm-response', 30_000);
    part(chat, 'regenerate')!.click();
    const { detail } = await again;
    expect(chat.messages).to.have.length(2, 'the answer is replaced, not added');
    expect(detail.text).to.equal(first?.text, 'greedy decoding gives the same answer');

    await chat.updateComplete;
    part(chat, 'clear')!.click();
    await chat.updateComplete;
    expect(chat.messages).to.deep.equal([]);
    expect(parts(chat, 'message')).to.have.length(0);
    expect(chat.shadowRoot!.querySelector('slot[name="empty"]')).to.exist;
  });

  it('the messages property restores a conversation, and the model sees it', async () => {
    const { chat } = await chatFixture();
    chat.messages = [
      { role: 'user', content: 'Tell me a story.' },
      { role: 'assistant', content: 'Once upon a time, there was a **little** girl.' },
    ];
    await chat.updateComplete;
    expect(transcript(chat)).to.deep.equal(['Tell me a story.', 'Once upon a time, there was a little girl.']);
    expect(parts(chat, 'assistant')[0]!.querySelector('strong')?.textContent).to.equal('little');
    const detail = await chat.send('And then?');
    expect(detail?.stats.promptTokens).to.be.greaterThan(20, 'the history is in the prompt');
    expect(chat.messages).to.have.length(4);
  });

  it('renders markdown answers with lists, tables, code blocks with a copy button, and safe links', async () => {
    const { chat } = await chatFixture();
    chat.messages = [
      { role: 'user', content: 'Show me.' },
      {
        role: 'assistant',
        content: [
          '- one',
          '- two',
          '',
          '| a | b |',
          '| - | - |',
          '| 1 | 2 |',
          '',
          '```js',
          'console.log("hi");',
          '```',
          '',
          '[docs](https://example.com/docs)',
        ].join('\n'),
      },
    ];
    await chat.updateComplete;
    const answer = parts(chat, 'assistant')[0]!;
    expect(answer.querySelectorAll('li')).to.have.length(2);
    expect(answer.querySelector('table td')?.textContent).to.equal('1');
    expect(answer.querySelector('pre code')?.textContent).to.include('console.log("hi");');
    expect(answer.querySelector('[part="copy-button"]')?.getAttribute('aria-label')).to.equal('Copy code');
    const link = answer.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://example.com/docs');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(link.getAttribute('target')).to.equal('_blank');
  });

  it('sends from two chats at once never interleave, and the model file is fetched once', async () => {
    const url = new URL(`/__test/once/${Math.random().toString(36).slice(2)}/stories260K.gguf`, location.href).href;
    const model = await fixture<LlmModel>(
      `<llm-model src="${url}"><llm-status></llm-status>` +
        `<llm-chat id="a" temperature="0" max-tokens="30"></llm-chat>` +
        `<llm-chat id="b" temperature="0" max-tokens="30"></llm-chat></llm-model>`,
    );
    const [a, b] = [...model.querySelectorAll('llm-chat')] as LlmChat[];
    const alone = [(await a!.send('Once upon a time'))?.text, (await b!.send('Hello'))?.text];
    a!.clear();
    b!.clear();
    const together = await Promise.all([a!.send('Once upon a time'), b!.send('Hello')]);
    expect(together.map((d) => d?.text)).to.deep.equal(alone);
    expect(alone[0]).not.to.equal(alone[1]);
    const counts = (await (
      await fetch(`/__test/requests?path=${encodeURIComponent(new URL(url).pathname)}`)
    ).json()) as {
      get: number;
    };
    expect(counts.get).to.equal(1, 'one download for two chats and a status');
  });

  it('drops the oldest turns when the conversation outgrows the context window, and says so', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}" context-size="256"><llm-chat temperature="0" max-tokens="20"></llm-chat></llm-model>`,
    );
    const chat = model.querySelector('llm-chat') as LlmChat;
    const long = 'Once upon a time there was a girl who liked to play in the park with her dog. '.repeat(3);
    chat.messages = [
      { role: 'user', content: long },
      { role: 'assistant', content: long },
      { role: 'user', content: long },
      { role: 'assistant', content: long },
    ];
    const detail = await chat.send('What happened next?');
    expect(detail?.finishReason).to.be.oneOf(['length', 'stop']);
    await chat.updateComplete;
    expect(part(chat, 'notice')?.textContent).to.match(/oldest messages were left out/);
    expect(chat.messages).to.have.length(6, 'the transcript keeps every message');
  });

  it('removing the chat mid-answer stops it; the shared engine goes on serving others', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-chat id="gone" temperature="0" max-tokens="300"></llm-chat>` +
        `<llm-chat id="stays" temperature="0" max-tokens="20"></llm-chat></llm-model>`,
    );
    const [gone, stays] = [...model.querySelectorAll('llm-chat')] as LlmChat[];
    const pending = gone!.send('Once upon a time');
    await nextEvent(gone!, 'llm-token', 30_000);
    gone!.remove();
    const detail = await pending;
    expect(detail?.finishReason).to.equal('abort');
    expect(gone!.messages).to.have.length(2, 'the history and the partial answer stay');
    const other = await stays!.send('Once upon a time');
    expect(other?.finishReason).to.be.oneOf(['length', 'stop']);
    expect(other?.text.trim().length).to.be.greaterThan(0);
  });

  it('follows the answer to the bottom unless the user has scrolled up', async () => {
    const { chat } = await chatFixture('temperature="0" max-tokens="200" style="--llm-chat-height: 8rem"');
    const log = part(chat, 'log')!;
    const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 2;
    await chat.send('Once upon a time');
    await waitUntil(
      () => log.scrollHeight > log.clientHeight && atBottom(),
      'the log overflows and follows to the bottom',
    );

    const done = chat.send('Hello');
    await nextEvent(chat, 'llm-token', 30_000);
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    let tokensAfter = 0;
    chat.addEventListener('llm-token', () => tokensAfter++);
    await done;
    // The answer grew after the user scrolled up (the log's height may not show it: a message out of
    // view keeps its remembered size under content-visibility); it must not have pulled the view down.
    expect(tokensAfter, 'the answer went on after the user scrolled up').to.be.greaterThan(0);
    // Resize observers are called in the order they observed: once ours has seen the grown log,
    // the chat's own (which follows the answer down) has had its turn.
    await new Promise<void>((resolve) => {
      const observer = new ResizeObserver(() => {
        observer.disconnect();
        resolve();
      });
      observer.observe(log.firstElementChild!);
    });
    expect(log.scrollTop).to.be.lessThan(5, 'left where the user put it');
  });

  it('every text can be replaced for another language', async () => {
    const { chat } = await chatFixture();
    chat.strings = { send: 'Envoyer', input: 'Message à envoyer', empty: 'Posez une question.' };
    await chat.updateComplete;
    expect(part(chat, 'send')?.textContent?.trim()).to.equal('Envoyer');
    expect(part(chat, 'input')?.getAttribute('aria-label')).to.equal('Message à envoyer');
    expect(chat.shadowRoot!.textContent).to.include('Posez une question.');
  });

  it('without an <llm-model> it says so instead of failing silently', async () => {
    const chat = await fixture<LlmChat>(html`<llm-chat></llm-chat>`);
    await waitUntil(() => part(chat, 'error'), 'an error appears');
    expect(part(chat, 'error')?.textContent).to.include('needs an <llm-model>');
    expect(chat.getAttribute('status')).to.equal('error');
    const errors: string[] = [];
    chat.addEventListener('llm-error', (e) => errors.push(e.detail.code));
    const detail = await chat.send('Hello');
    expect(detail?.finishReason).to.equal('error');
    expect(detail?.error?.code).to.equal('not-loaded');
    expect(errors).to.deep.equal(['not-loaded']);
  });

  it('a send while an answer streams stops that answer; one stopped before its first token leaves no empty turn', async () => {
    const { chat } = await chatFixture('temperature="0" max-tokens="300"');
    const first = chat.send('Once upon a time');
    await nextEvent(chat, 'llm-token', 30_000);
    const second = chat.send('Hello');
    const third = chat.send('The little dog'); // before the second's first token
    const [a, b, c] = await Promise.all([first, second, third]);
    expect([a?.finishReason, b?.finishReason]).to.deep.equal(['abort', 'abort']);
    expect(b?.text).to.equal('', 'the second never got a token');
    expect(c?.finishReason).to.be.oneOf(['stop', 'length']);
    await chat.updateComplete;
    expect(chat.messages.map((m) => m.role)).to.deep.equal(['user', 'assistant', 'user', 'user', 'assistant']);
    expect(
      chat.messages.every((m) => m.content.length > 0),
      'no empty turn',
    ).to.equal(true);
    expect(parts(chat, 'assistant')[0]!.textContent).to.include('Stopped.');
  });

  it('Stop after a send that replaced a streaming answer stops the new answer at once', async () => {
    const { chat } = await chatFixture('temperature="0" max-tokens="400"');
    const first = chat.send('Once upon a time');
    await nextEvent(chat, 'llm-token', 30_000, 'the first answer’s first token');
    const second = chat.send('The little dog');
    expect((await within(first, 10_000, 'the replaced answer ending'))?.finishReason).to.equal('abort');
    // The second answer streams: its own first token, after the first answer ended.
    await nextEvent(chat, 'llm-token', 10_000, 'the second answer’s first token');
    await chat.updateComplete;
    part(chat, 'stop')!.click();
    const detail = await within(second, 10_000, 'the second answer ending after Stop');
    expect(detail?.finishReason).to.equal('abort', 'Stop ended it, not max-tokens');
    expect(detail?.stats.completionTokens).to.be.lessThan(400);
    await chat.updateComplete;
    expect(chat.messages.at(-1)?.content).to.equal(detail?.text);
    expect(parts(chat, 'assistant').at(-1)?.textContent).to.include('Stopped.');
  });

  it('Retry after a failed answer asks again, and the answer shows (stand-in backend: llama.cpp whose first answer fails)', async () => {
    const { engine, script } = engineWhoseAnswersFail(MODEL_URL, 1);
    const model = providing(engine, '<llm-chat temperature="0" max-tokens="20"></llm-chat>');
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    await fixture(html`${model}`);
    const failed = nextEvent(chat, 'llm-error', 30_000, 'llm-error for the failed answer');
    const first = await within(chat.send('Once upon a time'), 30_000, 'the failed answer ending');
    expect(first?.finishReason).to.equal('error');
    expect((await failed).detail.code).to.equal('inference');
    expect(script.failed).to.equal(1);
    await chat.updateComplete;
    expect(part(chat, 'error')?.textContent).to.include(SCRIPTED_FAILURE);
    expect(chat.getAttribute('status')).to.equal('error');
    expect(chat.messages).to.deep.equal([{ role: 'user', content: 'Once upon a time' }], 'no empty answer is left');

    const answered = nextEvent(chat, 'llm-response', 10_000, 'an answer after Retry');
    part(chat, 'retry')!.click();
    const { detail } = await answered;
    expect(detail.finishReason).to.be.oneOf(['stop', 'length']);
    expect(detail.text.trim()).not.to.equal('');
    await chat.updateComplete;
    expect(part(chat, 'error'), 'the error is gone').to.equal(null);
    expect(chat.getAttribute('status')).to.equal('ready');
    expect(chat.messages).to.deep.equal([
      { role: 'user', content: 'Once upon a time' },
      { role: 'assistant', content: detail.text },
    ]);
    expect(transcript(chat).at(-1)).to.equal(detail.text.trim());
    await engine.unload();
  });

  it('ten sends in a row: the last is answered, no empty turn is shown or saved', async () => {
    const key = `rapid-${Math.random().toString(36).slice(2)}`;
    const { chat } = await chatFixture(`temperature="0" max-tokens="20" persist="${key}"`);
    const sends = Array.from({ length: 10 }, (_, i) => chat.send(`Message ${i}`));
    const results = await Promise.all(sends);
    expect(results.slice(0, 9).map((r) => r?.finishReason)).to.deep.equal(Array(9).fill('abort'));
    expect(results[9]?.finishReason).to.be.oneOf(['stop', 'length']);
    await chat.updateComplete;
    const roles = chat.messages.map((m) => m.role);
    expect(roles.filter((r) => r === 'user')).to.have.length(10, 'every message the user sent stays');
    expect(roles.at(-1)).to.equal('assistant');
    expect(
      chat.messages.every((m) => m.content.trim().length > 0),
      'no empty turn',
    ).to.equal(true);
    expect(parts(chat, 'assistant').length).to.equal(roles.filter((r) => r === 'assistant').length);
    const saved = JSON.parse(localStorage.getItem(`llm-chat:${key}`) ?? 'null') as unknown;
    expect(saved, 'the saved copy is the conversation shown').to.deep.include({ messages: chat.messages });
    localStorage.removeItem(`llm-chat:${key}`);
  });

  describe('accessibility', () => {
    it('passes axe idle, streaming and after an answer', async () => {
      const { chat } = await chatFixture('temperature="0" max-tokens="200"');
      await expect(chat).to.be.accessible();
      const done = chat.send('Once upon a time');
      await nextEvent(chat, 'llm-token', 30_000);
      await chat.updateComplete;
      expect(part(chat, 'log')?.getAttribute('aria-busy')).to.equal('true');
      await expect(chat).to.be.accessible();
      await done;
      await chat.updateComplete;
      await expect(chat).to.be.accessible();
    });

    it('uses a log, labels its controls, and announces the finished answer once', async () => {
      const { chat } = await chatFixture();
      const log = part(chat, 'log')!;
      expect(log.getAttribute('role')).to.equal('log');
      expect(log.getAttribute('aria-live')).to.equal('off', 'tokens are not announced one by one');
      expect(part(chat, 'input')?.getAttribute('aria-label')).to.equal('Message');
      const announcer = chat.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!;
      const during: string[] = [];
      chat.addEventListener('llm-token', () => during.push(announcer.textContent ?? ''));
      const detail = await chat.send('Once upon a time');
      await chat.updateComplete;
      expect(new Set(during).size).to.equal(1, 'the announcement does not change while streaming');
      expect(announcer.textContent).to.equal(`Answer: ${detail?.text}`);
    });

    it('works from the keyboard alone: type, Enter, Tab to Regenerate and Clear', async () => {
      const { chat } = await chatFixture();
      await typeAndSend(chat, 'Once upon a time');
      await chat.updateComplete;
      await sendKeys({ press: 'Tab' }); // to Send
      await sendKeys({ press: 'Tab' }); // to Regenerate
      expect(chat.shadowRoot!.activeElement).to.equal(part(chat, 'regenerate'));
      await sendKeys({ press: 'Tab' });
      expect(chat.shadowRoot!.activeElement).to.equal(part(chat, 'clear'));
      await sendKeys({ press: 'Enter' });
      await chat.updateComplete;
      expect(chat.messages).to.deep.equal([]);
    });
  });
});
