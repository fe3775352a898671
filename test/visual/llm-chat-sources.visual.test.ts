// <llm-chat>'s answers from sources (<llm-source>), as a visitor sees them: an answer with its
// sources listed under it (one too long for a line: its ellipsis) and its citations [1] [2] as links;
// the page's passage a source link led to, marked; and "found nothing". The stand-in engine's model
// writes the citations (a real toy model never writes "[1]"); a stand-in search index picks fixed
// passages of the page's real <llm-source>, so the chat's own code lists, links and marks them.
import { ContextProvider } from '@lit/context';
import { visualDiff } from '@web/test-runner-visual-regression';
import '../../src/index.js';
import type { LlmChat } from '../../src/index.js';
import { modelContext, type ModelHandle } from '../../src/context/model-context.js';
import type { ModelRetrieval } from '../../src/components/llm-model/model-retrieval.js';
import type { LlmSource } from '../../src/components/llm-source/llm-source.component.js';
import type { Engine } from '../../src/engine/index.js';
import type { ScoredPassage } from '../../src/engine/retrieval/passage-index.js';
import { loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import { loadMessages } from '../../src/components/llm-chat/chat-view.js';
import { part, parts } from '../helpers/chat.js';
import { waitFor } from '../helpers/wait.js';
import { standInEngine } from './stand-in-engine.js';
import { snap, stage, useVariant, VARIANTS } from './visual.js';

const QUESTION = 'How long does shipping take, and can I return a jacket?';
const ANSWER = 'Orders ship within two working days [1]. You can return a jacket within 30 days, free of charge [2].';

// The page's own content, the chat's source: the passages the answer cites, and one long enough
// that its line in the sources list ends in an ellipsis.
// Padded: the mark's outline lies outside the passage (outline-offset), in the screenshot too.
const PAGE = `<div class="page-area" style="padding: 12px"><article id="shop-help">
  <h2>Shipping</h2>
  <p>Orders ship within two working days from our warehouse in Lyon.</p>
  <h2>Returns</h2>
  <p>You can return anything within 30 days, free of charge, in its original packaging.</p>
  <p>Jackets, coats and other outerwear that were worn outdoors, washed, altered or had their labels removed are refunded as store credit only, once our workshop has checked them.</p>
</article></div>`;

/** The search index as `<llm-model>` would provide it, finding `found` of the chat's source's passages (by index). */
function standInRetrieval(chat: LlmChat, found: number[]): ModelRetrieval {
  const retrieval = {
    update: async () => ({ embedded: 0, reused: 0, removed: 0 }),
    index: { retain: async () => {} },
    search: async (): Promise<ScoredPassage[]> => {
      const source = chat.querySelector<LlmSource>('llm-source')!;
      const passages = (await source.passages()).filter(({ text }) => !/^(Shipping|Returns)$/.test(text));
      return found.map((i, rank) => ({ ...passages[i]!, id: `p${i}`, source: source.key, score: 0.8 - rank / 10 }));
    },
  };
  return retrieval as unknown as ModelRetrieval;
}

/** The page and a chat whose source is it, on the stand-in engine, its index finding `found`. */
async function sourcesChat(found: number[]) {
  const engine: Engine = standInEngine({ answer: ANSWER });
  const model = document.createElement('llm-model');
  const provider = document.createElement('div');
  provider.innerHTML = '<llm-chat><llm-source selector="#shop-help"></llm-source></llm-chat>';
  const chat = provider.querySelector<LlmChat>('llm-chat')!;
  const handle: ModelHandle = {
    engine,
    requestLoad: () => {},
    load: () => engine.load().then(() => {}),
    retrieval: async () => standInRetrieval(chat, found),
  };
  new ContextProvider(provider, { context: modelContext, initialValue: handle });
  model.append(provider);
  const root = await stage(PAGE);
  root.append(model);
  await engine.load();
  chat.style.setProperty('--llm-chat-height', '24rem'); // the whole answer and its sources
  return { root, chat, page: root.querySelector<HTMLElement>('.page-area')! };
}

before(() => Promise.all([loadMarkdownRenderer(), loadMessages()]));

// Light, dark, forced colours (links in LinkText, the mark a Highlight outline) and a 390 px phone.
for (const variant of VARIANTS.filter(({ name }) => ['light', 'dark', 'forced-colors', 'phone'].includes(name))) {
  describe(`<llm-chat> with sources (${variant.name})`, () => {
    before(() => useVariant(variant));
    const name = (state: string) => `llm-chat/${state}/${variant.name}`;

    /** An answer from passages 0, 1 and 2, its citations made links. */
    async function answered() {
      const setup = await sourcesChat([0, 1, 2]);
      await setup.chat.send(QUESTION);
      await waitFor(() => parts(setup.chat, 'citation').length === 2, 5000, 'the citations [1] [2] as links');
      return setup;
    }

    it('an answer with its sources under it and its citations as links', async () => {
      const { chat } = await answered();
      const links = parts(chat, 'source-link');
      if (links.length !== 3) throw new Error(`3 sources listed, not ${links.length}`);
      // The long passage's line is cut (an ellipsis), not wrapped.
      const long = links[2]!;
      if (long.scrollWidth <= long.clientWidth) throw new Error('the long source fits its line: no ellipsis to see');
      await snap(chat, name('sources'));
    });

    it('a citation focused by keyboard (its focus ring)', async () => {
      const { chat } = await answered();
      const citation = part(chat, 'citation')!;
      citation.focus();
      await waitFor(() => citation.matches(':focus-visible'), 5000, 'the citation showing its focus');
      await chat.updateComplete;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      // Not snap(): it takes focus away.
      await visualDiff(chat, name('sources-focus'));
    });

    it('the page’s passage a source led to, marked', async () => {
      const { chat, page } = await answered();
      part(chat, 'source-link')!.click();
      const cited = await waitFor(() => page.querySelector('[data-llm-cited]'), 5000, 'the cited passage marked');
      if (!cited.textContent?.startsWith('Orders ship')) throw new Error(`marked: ${cited.textContent}`);
      await snap(page, name('source-cited'));
    });

    it('found nothing: said without asking the model', async () => {
      const { chat } = await sourcesChat([]);
      await chat.send('Do you sell bicycles?');
      await waitFor(
        () => chat.shadowRoot!.textContent?.includes('I found nothing about that'),
        5000,
        'the "found nothing" answer',
      );
      if (part(chat, 'sources')) throw new Error('no sources listed under "found nothing"');
      await snap(chat, name('sources-none'));
    });
  });
}
