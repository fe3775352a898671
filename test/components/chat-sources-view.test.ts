// The view of an answer's sources (chat-sources-view.ts) on its own: citations in an answer's
// rendered markdown become links to its sources, and a link to a passage of this page scrolls to it,
// marks it and takes the focus there. (llm-chat-sources.test.ts runs the whole on the real models,
// whose random weights never write "[1]".)
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { loadMarkdownRenderer, StreamingMarkdown } from '../../src/render/streaming-markdown.js';
import { linkCitations, renderSources, showPassage } from '../../src/components/llm-chat/chat-sources-view.js';
import type { Citation, Entry } from '../../src/components/llm-chat/chat-entry.js';
import { defaultChatStrings } from '../../src/components/llm-chat/llm-chat.strings.js';
import { waitFor } from '../helpers/wait.js';

before(() => loadMarkdownRenderer());

async function answer(content: string, citations: Citation[]) {
  const view = new StreamingMarkdown();
  view.set(content);
  const entry: Entry = { id: 1, role: 'assistant', content, view, citations };
  const box = await fixture<HTMLElement>(html`<div></div>`);
  box.append(view.element);
  return { entry, view, box };
}

describe('chat-sources-view: citations and the sources list', () => {
  it('makes [n] in the text links to source n (not in code, not a number with no source), labelled by its heading', async () => {
    const page = await fixture<HTMLElement>(
      html`<section>
        <p id="ret">Returns are free.</p>
        <p>Shipping takes a week.</p>
      </section>`,
    );
    const [returns, shipping] = [...page.querySelectorAll('p')] as unknown as [HTMLElement, HTMLElement];
    const citations: Citation[] = [
      {
        n: 1,
        text: 'Returns are free.',
        headings: ['Help'],
        label: 'Shop',
        href: '#ret',
        score: 0.8,
        element: returns,
      },
      {
        n: 2,
        text: 'Shipping takes a week.',
        headings: [],
        label: 'Shop',
        href: '/x#:~:text=Shipping',
        score: 0.6,
        element: shipping,
      },
    ];
    const { entry, view } = await answer(
      'Returns are free [1], and shipping is slow [2][9].\n\n`[1]` stays code.',
      citations,
    );
    await linkCitations(entry, defaultChatStrings);
    const links = [...view.element.querySelectorAll<HTMLAnchorElement>('a.citation')];
    expect(links.map((a) => a.textContent)).to.deep.equal(['[1]', '[2]']);
    expect(links.map((a) => a.getAttribute('part'))).to.deep.equal(['citation', 'citation']);
    expect(links[0]!.getAttribute('aria-label')).to.equal('Source 1: Help');
    expect(links[1]!.getAttribute('aria-label')).to.equal('Source 2: Shop');
    expect(view.element.textContent).to.contain('[9]');
    expect(view.element.querySelector('code')!.textContent).to.equal('[1]');

    links[1]!.click();
    expect(shipping.hasAttribute('data-llm-cited')).to.equal(true);
    expect(document.activeElement).to.equal(shipping);
    links[0]!.click();
    expect(returns.hasAttribute('data-llm-cited')).to.equal(true);
    expect(shipping.hasAttribute('data-llm-cited'), 'one mark at a time').to.equal(false);
    expect(getComputedStyle(returns).outlineStyle).to.equal('solid');
  });

  it('lists the sources under the answer; another page’s opens in a new tab at the passage; a closed <details> opens', async () => {
    const page = await fixture<HTMLElement>(
      html`<details>
        <summary>Q</summary>
        <p>Hidden answer.</p>
      </details>`,
    );
    const inside = page.querySelector('p')!;
    const citations: Citation[] = [
      { n: 1, text: 'Hidden answer.', headings: ['FAQ', 'Q'], label: 'Shop', href: '#', score: 0.9, element: inside },
      {
        n: 2,
        text: 'Elsewhere.',
        headings: [],
        label: 'Docs',
        href: 'https://example.com/d#:~:text=Elsewhere.',
        score: 0.5,
      },
    ];
    const { entry, box } = await answer('Yes.', citations);
    render(renderSources(entry, defaultChatStrings), box);
    const list = box.querySelector('[part="sources"]')!;
    expect(list.getAttribute('aria-label')).to.equal('Sources');
    const links = [...list.querySelectorAll<HTMLAnchorElement>('[part="source-link"]')];
    expect(links.map((a) => a.textContent!.trim())).to.deep.equal(['[1] FAQ › Q › Hidden answer.', '[2] Elsewhere.']);
    expect(links[1]!.target).to.equal('_blank');
    expect(links[0]!.target).to.equal('');
    links[0]!.click();
    expect((page as HTMLDetailsElement).open).to.equal(true);
    expect(inside.hasAttribute('data-llm-cited')).to.equal(true);
    await expect(box).to.be.accessible();
    // A passage no longer in the page: the link is followed as it is.
    inside.remove();
    expect(showPassage(citations[0]!)).to.equal(false);
  });

  it("a restored answer's link (no element kept) finds its passage in the page again by its words", async () => {
    const page = await fixture<HTMLElement>(
      html`<section>
        <h2>Help</h2>
        <p>Gift cards never expire.</p>
      </section>`,
    );
    const restored: Citation = {
      n: 1,
      text: 'Gift cards never expire.',
      headings: ['Help'],
      label: 'Shop',
      href: `${location.pathname}#:~:text=Gift%20cards%20never%20expire.`,
      score: 0.7,
    };
    const { entry, box } = await answer('They never expire [1].', [restored]);
    render(renderSources(entry, defaultChatStrings), box);
    box.querySelector<HTMLAnchorElement>('[part="source-link"]')!.click();
    const target = page.querySelector('p')!;
    await waitFor(() => target.hasAttribute('data-llm-cited'), 5000, 'the passage marked');
    expect(document.activeElement).to.equal(target);
  });
});
