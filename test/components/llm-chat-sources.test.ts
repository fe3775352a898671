// <llm-chat> with sources (<llm-source>), on real llama.cpp in Chromium: the maker's random BERT
// (all-MiniLM-L6-v2's shape, mean pooling: a question sharing words with a passage scores it higher)
// embeds the page's passages; stories260K answers. What is checked is what a visitor sees: the
// passages found for the question, given to the model and listed under the answer, each a link that
// scrolls to and highlights the passage; and "found nothing" when no passage is close enough.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat, LlmModel } from '../../src/index.js';
import type { LlmRetrieveDetail, LlmIndexProgressDetail } from '../../src/events/llm-retrieve.js';
import { MODEL_URL, uniqueModelUrl } from '../helpers/model.js';
import { part, parts } from '../helpers/chat.js';
import { nextEvent, waitFor, within } from '../helpers/wait.js';

const EMBED_MODEL = new URL('/models/random-minilm-l6-embed-q8_0-v3.gguf', location.href).href;

const FAQ = [
  'Returns are free within thirty days of delivery.',
  'The store opens at nine in the morning on weekdays.',
  'Shipping to Canada takes five to seven working days.',
  'Gift cards never expire and can be used online.',
];

async function page(extra = html``, chatAttributes: { minScore: number; persist?: string } = { minScore: 0.5 }) {
  const key = `t${Math.random().toString(36).slice(2)}`;
  const root = await fixture<HTMLElement>(html`
    <div>
      <main id=${key}>
        <h2>Help</h2>
        <ul>
          ${FAQ.map((text) => html`<li>${text}</li>`)}
        </ul>
        <h2>Many more</h2>
        ${Array.from({ length: 36 }, (_, i) => html`<p>Filler paragraph number ${i} about nothing much at all.</p>`)}
      </main>
      <llm-model src=${MODEL_URL} embed-src=${EMBED_MODEL} context-size="512">
        <llm-status></llm-status>
        <llm-chat
          max-tokens="8"
          temperature="0"
          .minScore=${chatAttributes.minScore}
          persist=${chatAttributes.persist ?? ''}
        >
          <llm-source selector=${`#${key}`}></llm-source>
          ${extra}
        </llm-chat>
      </llm-model>
    </div>
  `);
  const chat = root.querySelector('llm-chat') as LlmChat;
  const model = root.querySelector('llm-model') as LlmModel;
  return { root, chat, model, main: root.querySelector('main')! };
}

describe('<llm-chat> with sources (real llama.cpp: a BERT-shaped embedding model, stories260K)', function () {
  this.timeout(120_000);

  it('finds the passage of the question, lists it under the answer, and its link highlights it in the page', async () => {
    const { chat, model, main } = await page();
    const retrieved = nextEvent(chat, 'llm-retrieve', 90_000);
    const progress: LlmIndexProgressDetail[] = [];
    const notes: string[] = [];
    const statusLines: string[] = [];
    model.addEventListener('llm-index-progress', (event) => {
      progress.push(event.detail);
      // What the chat says meanwhile, once it has heard the same event.
      void Promise.resolve().then(async () => {
        await chat.updateComplete;
        notes.push(
          parts(chat, 'notice')
            .map((notice) => notice.textContent?.trim() ?? '')
            .join(' '),
        );
        const status = model.querySelector('llm-status')!;
        await status.updateComplete;
        statusLines.push(part(status, 'figures')?.textContent ?? '');
      });
    });
    const answer = await within(chat.send('When does the store open in the morning?'), 90_000, 'the answer');
    expect(answer?.finishReason, answer?.error?.message).to.be.oneOf(['stop', 'length']);
    const { detail } = (await retrieved) as CustomEvent<LlmRetrieveDetail>;
    expect(detail.query).to.equal('When does the store open in the morning?');
    expect(detail.passages[0]?.text).to.equal(FAQ[1]);
    expect(detail.passages.every((p) => p.score >= 0.5)).to.equal(true);
    // 40 passages in batches of 16: progress as they are embedded, then done.
    expect(progress.at(-1)).to.deep.equal({ done: 0, total: 0 });
    expect(progress.some((p) => p.total === 40 && p.done > 0 && p.done < 40)).to.equal(true);
    expect(statusLines.some((line) => /Reading the site’s pages for answers · \d+ of 40/.test(line))).to.equal(true);
    expect(notes.some((note) => /Reading the site’s pages for answers · \d+ of 40/.test(note))).to.equal(true);
    expect(
      parts(chat, 'notice')
        .map((notice) => notice.textContent?.trim())
        .join(''),
    ).to.not.contain('Reading');

    await chat.updateComplete;
    const links = parts(chat, 'source-link') as HTMLAnchorElement[];
    expect(links.length).to.equal(detail.passages.length);
    expect(links[0]!.textContent).to.equal(`[1] Help › ${FAQ[1]}`);
    await expect(chat).to.be.accessible();

    const target = [...main.querySelectorAll('li')][1]!;
    links[0]!.click();
    expect(target.hasAttribute('data-llm-cited')).to.equal(true);
    expect(document.activeElement).to.equal(target);
    // Another citation moves the mark.
    links[1]?.click();
    expect(target.hasAttribute('data-llm-cited')).to.equal(links.length < 2);
  });

  it('says it found nothing, without asking the model, when no passage is close enough', async () => {
    const { chat, model } = await page(html``, { minScore: 0.99 });
    let asked = 0;
    model.engine.addEventListener('result', () => asked++);
    const retrieved = nextEvent(chat, 'llm-retrieve', 90_000);
    const answer = await within(chat.send('Purple elephants dance quietly?'), 90_000, 'the answer');
    expect(((await retrieved) as CustomEvent<LlmRetrieveDetail>).detail.passages).to.deep.equal([]);
    expect(answer?.text).to.equal("I found nothing about that in this site's pages.");
    expect(asked).to.equal(0);
    await chat.updateComplete;
    expect(part(chat, 'sources')).to.equal(null);
    await expect(chat).to.be.accessible();
  });

  it('a removed source leaves the answers; one in the model outside the chat is every chat’s', async () => {
    const { chat, root } = await page(html``, { minScore: -1 });
    const shared = document.createElement('llm-source');
    shared.innerHTML = '<p>Penguins live in the cold south and eat fish.</p>';
    root.querySelector('llm-model')!.append(shared);
    let retrieved = nextEvent(chat, 'llm-retrieve', 90_000);
    await within(chat.send('Penguins live in the cold south and eat fish.'), 90_000, 'the first answer');
    let passages = ((await retrieved) as CustomEvent<LlmRetrieveDetail>).detail.passages;
    expect(passages[0]?.text).to.equal('Penguins live in the cold south and eat fish.');

    shared.remove();
    retrieved = nextEvent(chat, 'llm-retrieve', 90_000);
    await within(chat.send('Penguins live in the cold south and eat fish.'), 90_000, 'the second answer');
    passages = ((await retrieved) as CustomEvent<LlmRetrieveDetail>).detail.passages;
    expect(passages.map((p) => p.text)).to.not.include('Penguins live in the cold south and eat fish.');
  });

  it('a page loaded again embeds only its changed passage, and a saved answer lists its sources again', async () => {
    const persist = `sources-${Math.random().toString(36).slice(2)}`;
    const first = await page(html``, { minScore: 0.5, persist });
    await within(first.chat.send('When does the store open in the morning?'), 90_000, 'the first answer');
    first.root.remove();

    // The same page on the next visit, one passage changed: a new model element, a new index, the same storage.
    FAQ[3] = 'Gift cards expire after two years.';
    try {
      const second = await page(html``, { minScore: 0.5, persist });
      const totals: number[] = [];
      second.model.addEventListener('llm-index-progress', (event) => totals.push(event.detail.total));
      await second.chat.updateComplete;
      await waitFor(() => parts(second.chat, 'source-link').length > 0, 10_000, 'the saved answer’s sources');
      expect(parts(second.chat, 'source-link')[0]!.textContent).to.equal(`[1] Help › ${FAQ[1]}`);
      const retrieved = nextEvent(second.chat, 'llm-retrieve', 90_000);
      await within(second.chat.send('Gift cards expire after two years.'), 90_000, 'the next answer');
      expect(((await retrieved) as CustomEvent<LlmRetrieveDetail>).detail.passages[0]?.text).to.equal(FAQ[3]);
      expect(Math.max(...totals), 'passages embedded on the second visit').to.equal(1);
    } finally {
      FAQ[3] = 'Gift cards never expire and can be used online.';
      localStorage.removeItem(`llm-chat:${persist}`);
    }
  });

  it('without embed-src, a source added after the model loaded is embedded by a copy of the chat model', async () => {
    const root = await fixture<HTMLElement>(html`
      <llm-model src=${MODEL_URL} context-size="512" loading="eager">
        <llm-chat max-tokens="4" temperature="0" min-score="-1"></llm-chat>
      </llm-model>
    `);
    const model = root as LlmModel;
    await nextEvent(model, 'llm-ready', 30_000);
    expect(model.engine.modelInfo?.embedding, 'loaded to chat only').to.equal(undefined);
    const source = document.createElement('llm-source');
    source.innerHTML = '<p>The lighthouse keeper feeds the gulls at dawn.</p>';
    const chat = root.querySelector('llm-chat') as LlmChat;
    chat.append(source);
    const retrieved = nextEvent(chat, 'llm-retrieve', 60_000);
    const answer = await within(chat.send('The lighthouse keeper feeds the gulls at dawn.'), 60_000, 'the answer');
    expect(answer?.finishReason, answer?.error?.message).to.be.oneOf(['stop', 'length']);
    const { passages } = ((await retrieved) as CustomEvent<LlmRetrieveDetail>).detail;
    expect(passages[0]?.text).to.equal('The lighthouse keeper feeds the gulls at dawn.');
    expect(passages[0]?.score).to.be.closeTo(1, 1e-3);
  });

  it('an embedding model that fails to load: a clear error with Retry, which reads the sources and answers', async () => {
    const root = await fixture<HTMLElement>(html`
      <llm-model src=${MODEL_URL} embed-src=${uniqueModelUrl('fail-once')} context-size="512">
        <llm-chat max-tokens="4" temperature="0" min-score="-1">
          <llm-source><p>The ferry leaves the harbour at noon.</p></llm-source>
        </llm-chat>
      </llm-model>
    `);
    const chat = root.querySelector('llm-chat') as LlmChat;
    const errors: string[] = [];
    chat.addEventListener('llm-error', (event) => errors.push(event.detail.code));
    const failed = await within(chat.send('When does the ferry leave?'), 60_000, 'the failed answer');
    expect(failed?.finishReason).to.equal('error');
    expect(errors).to.have.length(1);
    await chat.updateComplete;
    expect(part(chat, 'error')?.textContent).to.not.equal('');
    await expect(chat).to.be.accessible();
    const retrieved = nextEvent(chat, 'llm-retrieve', 60_000);
    const response = nextEvent(chat, 'llm-response', 60_000);
    part(chat, 'retry')!.click();
    const { passages } = ((await retrieved) as CustomEvent<LlmRetrieveDetail>).detail;
    expect(passages[0]?.text).to.equal('The ferry leaves the harbour at noon.');
    const answered = (await response) as CustomEvent<{ finishReason: string }>;
    expect(answered.detail.finishReason).to.be.oneOf(['stop', 'length']);
    await chat.updateComplete;
    expect(part(chat, 'error')).to.equal(null);
    expect(chat.messages.filter((message) => message.role === 'user')).to.have.length(1);
  });
});
