// markdown → sanitized DOM. Loaded with import() by StreamingMarkdown the first time a message
// renders, so a page pays for marked and DOMPurify only once there is something to show.
import { Marked } from 'marked';
import type { Token, TokensList } from 'marked';
import { sanitizeToFragment } from './sanitize.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// Raw HTML in markdown is shown as text, and images as their alt text: model output is untrusted,
// and an image would fetch a URL the model chose. The sanitizer checks again after rendering.
const markdown = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
  },
});

/** Splits markdown into top-level blocks, each with the source text (`raw`) it came from. */
export function lex(source: string): TokensList {
  return markdown.lexer(source);
}

/** Renders blocks from `lex()` to a sanitized fragment. */
export function renderBlocks(tokens: Token[], links: TokensList['links']): DocumentFragment {
  const list = Object.assign(tokens, { links }) as TokensList;
  return sanitizeToFragment(markdown.parser(list) as string);
}
