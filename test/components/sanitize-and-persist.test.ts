// Untrusted text (model output, user input, restored history) renders inert; conversations persist.
import { expect, fixture, fixtureCleanup, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import type { LlmChat, LlmModel } from '../../src/index.js';
import { MODEL_URL } from '../helpers/model.js';
import { part, parts, typeAndSend } from '../helpers/chat.js';

declare global {
  interface Window {
    __pwned?: number;
  }
}

const ATTACKS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '<svg onload="window.__pwned = 3"></svg>',
  '[click me](javascript:window.__pwned=4)',
  '[data](data:text/html,<script>window.__pwned=5</script>)',
  '<a href="javascript:window.__pwned=6">raw link</a>',
  '![tracker](https://example.com/leak.png?q=secret)',
  '<iframe src="javascript:window.__pwned=7"></iframe>',
  '<b onclick="window.__pwned=8">bold</b>',
].join('\n\n');

/**
 * Whether an answer shows ATTACKS rendered as markdown, not the raw source: the markdown links became
 * (href-less) links, so their brackets are gone, and the last block's text is there.
 */
function showsRenderedAttacks(answer: Element | undefined): boolean {
  const text = answer?.textContent ?? '';
  return text.includes('click me') && !text.includes('[click me]') && text.includes('bold');
}

function expectInert(chat: LlmChat) {
  const root = chat.shadowRoot!;
  expect(window.__pwned, 'no script ran').to.equal(undefined);
  expect(root.querySelectorAll('script, img, svg, iframe, object, embed, style')).to.have.length(0);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `<${el.localName} ${attr}>`).to.equal(false);
    }
  }
  for (const link of root.querySelectorAll('a[href]')) {
    expect(link.getAttribute('href')).not.to.match(/^\s*(javascript|data|vbscript):/i);
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
  }
}

before(() => loadMarkdownRenderer()); // markdown is lazy-loaded; these tests read the rendered DOM

describe('sanitizing', () => {
  beforeEach(() => delete window.__pwned);
  afterEach(() => fixtureCleanup());

  it('renders hostile user input as plain text', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-chat max-tokens="5"></llm-chat></llm-model>`,
    );
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    await chat.send(ATTACKS);
    await waitUntil(() => parts(chat, 'user')[0]?.textContent?.includes('window.__pwned=8'), 'the message shows');
    expectInert(chat);
    expect(parts(chat, 'user')[0]!.textContent).to.include('<script>window.__pwned = 1</script>');
  });

  it('renders hostile restored history (both roles) inert, keeping the harmless text', async () => {
    const model = await fixture<LlmModel>(`<llm-model src="${MODEL_URL}"><llm-chat></llm-chat></llm-model>`);
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    chat.messages = [
      { role: 'user', content: ATTACKS },
      { role: 'assistant', content: ATTACKS },
    ];
    await waitUntil(() => showsRenderedAttacks(parts(chat, 'assistant')[0]), 'the answer is rendered');
    expectInert(chat);
    const answer = parts(chat, 'assistant')[0]!;
    expect(answer.textContent).to.include('click me');
    expect(answer.textContent).to.include('tracker', 'an image shows its alt text and fetches nothing');
    expect(answer.querySelector('a')?.hasAttribute('href')).to.equal(false, 'the javascript: link lost its href');
  });

  it('streams hostile model output inert (a model can be prompted into writing HTML)', async () => {
    const model = await fixture<LlmModel>(`<llm-model src="${MODEL_URL}"><llm-chat></llm-chat></llm-model>`);
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    // The real model cannot be made to write this on demand, so the stream is replayed through the view.
    chat.messages = [{ role: 'assistant', content: '' }];
    await chat.updateComplete;
    const view = (chat as unknown as { entries: Array<{ view: { append(d: string): void; finish(): void } }> })
      .entries[0]!.view;
    for (const char of ATTACKS) view.append(char);
    // Streamed text renders on a throttled frame (MIN_RENDER_INTERVAL_MS): wait until it shows.
    await waitUntil(() => showsRenderedAttacks(parts(chat, 'assistant')[0]), 'the streamed text is rendered');
    expectInert(chat);
    view.finish();
    expectInert(chat);
  });
});

describe('persist', () => {
  afterEach(() => fixtureCleanup());
  const key = () => `test-${Math.random().toString(36).slice(2)}`;

  it('restores a conversation after the page (fixture) is destroyed and recreated', async () => {
    const id = key();
    const markup = `<llm-model src="${MODEL_URL}"><llm-chat persist="${id}" temperature="0" max-tokens="12"></llm-chat></llm-model>`;
    let chat = (await fixture<LlmModel>(markup)).querySelector<LlmChat>('llm-chat')!;
    const { detail } = await typeAndSend(chat, 'Once upon a time');
    const saved = chat.messages;
    expect(saved).to.have.length(2);
    fixtureCleanup();

    chat = (await fixture<LlmModel>(markup)).querySelector<LlmChat>('llm-chat')!;
    await chat.updateComplete;
    expect(chat.messages).to.deep.equal(saved);
    expect(parts(chat, 'assistant')[0]!.querySelector('.content')?.textContent?.trim()).to.equal(detail.text.trim());

    chat.clear();
    expect(localStorage.getItem(`llm-chat:${id}`)).to.equal(null, 'clearing removes the saved copy');
  });

  it('a corrupt saved conversation leaves the chat working and says so', async () => {
    const id = key();
    localStorage.setItem(`llm-chat:${id}`, '{not json');
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-chat persist="${id}" max-tokens="5"></llm-chat></llm-model>`,
    );
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    await chat.updateComplete;
    expect(part(chat, 'notice')?.textContent).to.match(/could not be restored/);
    expect((await chat.send('Hello'))?.finishReason).to.be.oneOf(['length', 'stop']);
    await expect(chat).to.be.accessible();
  });

  it('a full storage leaves the chat working, says so and fires llm-error', async () => {
    const id = key();
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-chat persist="${id}" max-tokens="5"></llm-chat></llm-model>`,
    );
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const errors: string[] = [];
    chat.addEventListener('llm-error', (e) => errors.push(e.detail.message));
    try {
      const detail = await chat.send('Hello');
      expect(detail?.finishReason).to.be.oneOf(['length', 'stop']);
    } finally {
      Storage.prototype.setItem = original;
    }
    await chat.updateComplete;
    expect(part(chat, 'notice')?.textContent).to.match(/could not be saved: The quota has been exceeded/);
    expect(errors).to.have.length(1);
    expect(chat.messages).to.have.length(2, 'nothing is lost');
  });
});
