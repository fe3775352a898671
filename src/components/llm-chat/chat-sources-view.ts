import { css, html, nothing } from 'lit';
import { format } from '../../base/format.js';
import type { Citation, Entry } from './chat-entry.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// An answer's sources (`<llm-source>`): the passages it was given, numbered, as links under it; and
// its citations ("[1]") made links to them once it has ended. A link to a passage of this page
// scrolls to it and highlights it (the page's element, marked until the next citation is followed);
// one to another page opens it at the passage (a text fragment). Loaded with the messages' view.

/** Adopted with the messages' styles. */
export const sourcesStyles = css`
  .sources {
    margin: var(--_space) 0 0;
    padding: 0;
    list-style: none;
    font-size: 0.875rem;
    color: var(--_muted);
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(0.5 * var(--_space));
  }
  .sources a,
  a.citation {
    color: var(--_link);
    border-radius: var(--_radius-inner);
  }
  .sources a {
    display: block;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  a.citation {
    text-decoration: none;
    font-variant-numeric: tabular-nums;
    padding-inline: 1px;
  }
  a.citation:focus-visible {
    outline-offset: 0;
  }
  .sources a:focus-visible,
  a.citation:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
`;

/** The attribute that marks the page's passage a citation led to (styled by `PAGE_STYLE`). */
const CITED = 'data-llm-cited';

/** In the page's own styles (the passages are the page's): the cited passage, marked like a find-in-page match. */
const PAGE_STYLE = `[${CITED}] { outline: 3px solid light-dark(Highlight, Mark); outline-offset: 4px; border-radius: 2px; scroll-margin-block: 4rem; }
@media (forced-colors: none) { [${CITED}] { background: color-mix(in srgb, Mark 30%, transparent); } }`;

let styled = false;

/** Scrolls to the passage of `citation` in this page and marks it (then follows a link's own default otherwise). */
export function showPassage(citation: Citation): boolean {
  const element = citation.element;
  if (!element?.isConnected) return false;
  if (!styled) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PAGE_STYLE);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    styled = true;
  }
  for (const marked of document.querySelectorAll(`[${CITED}]`)) marked.removeAttribute(CITED);
  // A passage inside a closed <details> (an FAQ's answer) opens first.
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (parent instanceof HTMLDetailsElement) parent.open = true;
  }
  element.setAttribute(CITED, '');
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  element.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  // The keyboard follows the reader there, as an in-page link would take it.
  if (element instanceof HTMLElement) {
    if (!element.hasAttribute('tabindex')) element.tabIndex = -1;
    element.focus({ preventScroll: true });
  }
  return true;
}

/** A click on a link to a passage of this page shows it in place of following the link (a new tab: the link). */
function follow(event: MouseEvent, citation: Citation): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (showPassage(citation)) return event.preventDefault();
  // A restored answer's passage of this page: found again by its words, if the page still has it.
  const url = new URL(citation.href, location.href);
  if (url.origin !== location.origin || url.pathname !== location.pathname) return;
  event.preventDefault();
  void findPassage(citation).then((found) => {
    if (!found) location.hash = url.hash; // as the link would have: the browser finds what it can
  });
}

/** Finds the element of `citation`'s passage in this page again (a restored answer's), and shows it. */
async function findPassage(citation: Citation): Promise<boolean> {
  const { splitPassages } = await import('../llm-source/split-passages.js');
  citation.element = splitPassages(document.body).find((passage) => passage.text === citation.text)?.element;
  return showPassage(citation);
}

/** The sources an answer was given, under it: `[n] Heading › words…`, each a link to the passage. */
export function renderSources(entry: Entry, t: LlmChatStrings) {
  const citations = entry.citations;
  if (!citations?.length || !entry.content) return nothing;
  const label = t.sources ?? 'Sources';
  return html`<ol class="sources" part="sources" aria-label=${label}>
    ${citations.map(
      (citation) =>
        html`<li>
          <a
            part="source-link"
            href=${citation.href}
            target=${citation.element ? nothing : '_blank'}
            rel=${citation.element ? nothing : 'noopener'}
            title=${citation.text}
            @click=${(event: MouseEvent) => follow(event, citation)}
            >[${citation.n}] ${[...citation.headings, citation.text].join(' › ')}</a
          >
        </li>`,
    )}
  </ol>`;
}

/**
 * Makes the answer's citations (`[1]`, `[2]` in its text, outside code and links) links to its
 * sources, once its text is rendered. Markers of no source stay text.
 */
export async function linkCitations(entry: Entry, t: LlmChatStrings): Promise<void> {
  const citations = entry.citations;
  const view = entry.view;
  if (!citations?.length || !view) return;
  await view.rendered;
  const walker = document.createTreeWalker(view.element, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('a, code, pre') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const texts: Text[] = [];
  while (walker.nextNode())
    if (/\[\d{1,2}\]/.test(walker.currentNode.nodeValue ?? '')) texts.push(walker.currentNode as Text);
  for (const text of texts) {
    const pieces = (text.nodeValue ?? '').split(/(\[\d{1,2}\])/);
    const nodes = pieces.map((piece) => {
      const citation = /^\[(\d{1,2})\]$/.exec(piece) && citations[Number(piece.slice(1, -1)) - 1];
      if (!citation) return document.createTextNode(piece);
      const link = document.createElement('a');
      link.className = 'citation';
      link.setAttribute('part', 'citation');
      link.href = citation.href;
      link.textContent = piece;
      link.setAttribute(
        'aria-label',
        format(t.citation ?? 'Source {n}: {label}', {
          n: citation.n,
          label: citation.headings.at(-1) ?? citation.label,
        }),
      );
      if (!citation.element) {
        link.target = '_blank';
        link.rel = 'noopener';
      }
      link.addEventListener('click', (event) => follow(event, citation));
      return link;
    });
    text.replaceWith(...nodes);
  }
}
