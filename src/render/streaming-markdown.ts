import { Marked, type Token, type TokensList } from 'marked';
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

export interface StreamingMarkdownStrings {
  copy: string;
  copied: string;
  copyLabel: string;
}

const DEFAULT_STRINGS: StreamingMarkdownStrings = { copy: 'Copy', copied: 'Copied', copyLabel: 'Copy code' };

/**
 * Renders markdown that grows one delta at a time into a DOM element, at a cost per delta that does
 * not grow with the length of the text: finished blocks are parsed and rendered once and never
 * touched again; only the unfinished last block (the tail) is re-parsed, at most once a frame.
 * All output is sanitized. Code blocks get a copy button.
 */
export class StreamingMarkdown {
  /** The element holding the rendered text; put it anywhere in the DOM. */
  readonly element: HTMLElement;
  private readonly tail: HTMLElement;
  private source = '';
  /** Characters of `source` already rendered as finished blocks. */
  private committed = 0;
  private frame = 0;
  strings: StreamingMarkdownStrings;

  constructor(strings: Partial<StreamingMarkdownStrings> = {}) {
    this.strings = { ...DEFAULT_STRINGS, ...strings };
    this.element = document.createElement('div');
    this.element.className = 'markdown';
    this.tail = document.createElement('div');
    this.tail.className = 'tail';
    this.tail.style.display = 'contents';
    this.element.append(this.tail);
    this.element.addEventListener('click', (event) => this.onClick(event));
  }

  /** The markdown source so far. */
  get text(): string {
    return this.source;
  }

  /** Adds streamed text; the DOM catches up on the next animation frame. */
  append(delta: string): void {
    if (!delta) return;
    this.source += delta;
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.render(false);
    });
  }

  /** Replaces the whole text and renders it at once (restored or finished messages). */
  set(text: string): void {
    this.source = text;
    this.committed = 0;
    this.element.replaceChildren(this.tail);
    this.finish();
  }

  /** Renders everything now, as finished. */
  finish(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.render(true);
  }

  private render(final: boolean): void {
    const pending = this.source.slice(this.committed);
    const tokens = markdown.lexer(pending);
    // The last real block may still grow; blocks before it are finished.
    let last = tokens.length - 1;
    while (last > 0 && tokens[last]?.type === 'space') last--;
    const done = final ? tokens.length : Math.max(last, 0);
    if (done > 0) {
      const finished = tokens.slice(0, done);
      this.element.insertBefore(this.toFragment(finished, tokens.links), this.tail);
      this.committed += finished.reduce((sum, token) => sum + token.raw.length, 0);
    }
    const open = final ? [] : tokens.slice(done);
    this.tail.replaceChildren(open.length ? this.toFragment(open, tokens.links) : '');
  }

  private toFragment(tokens: Token[], links: TokensList['links']): DocumentFragment {
    const list = Object.assign(tokens, { links }) as TokensList;
    const fragment = sanitizeToFragment(markdown.parser(list) as string);
    for (const pre of fragment.querySelectorAll('pre')) {
      const wrapper = document.createElement('div');
      wrapper.className = 'code-block';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.setAttribute('part', 'copy-button');
      button.setAttribute('aria-label', this.strings.copyLabel);
      button.textContent = this.strings.copy;
      pre.replaceWith(wrapper);
      wrapper.append(button, pre);
    }
    return fragment;
  }

  private onClick(event: Event): void {
    const button = (event.target as Element | null)?.closest?.('button.copy');
    const code = button?.parentElement?.querySelector('pre')?.textContent;
    if (!button || code == null) return;
    void navigator.clipboard?.writeText(code).then(
      () => {
        button.textContent = this.strings.copied;
        setTimeout(() => (button.textContent = this.strings.copy), 1500);
      },
      () => {},
    );
  }
}
