// markdown → sanitized DOM. Loaded with import() by StreamingMarkdown the first time a message
// renders, so a page pays for marked and DOMPurify only once there is something to show.
import { Lexer, Marked } from 'marked';
import type { Token, Tokens, TokensList } from 'marked';
import { sanitizeToFragment } from './sanitize.js';

export { copyCode, decorateCodeBlocks } from './code-block.js';

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

/**
 * Nesting (block quotes, lists, emphasis, links) stops this deep: what is inside shows as text.
 * marked recurses once a level, so model output nested 3,000 deep overflowed the stack. No real answer
 * nests this deep, and after 16 levels of indentation there is no room left for the text anyway.
 */
const MAX_DEPTH = 16;
/**
 * Longer inline text (a paragraph, a cell) is lexed in pieces, cut at line breaks or spaces: marked's
 * emphasis matching is quadratic in a run's length (16 KB of `*a` took 75 ms, of `_a` 270 ms).
 */
const INLINE_RUN = 4096;
/** An unfinished table, list or fenced code block this long grows in place, row by row. */
const GROW_AT = 4096;
/** An unfinished block longer than this (that cannot grow in place) is cut, its first part finished. */
const MAX_OPEN = 16384;
/** Finished blocks are kept in boxes of about this much source each. */
const BOX = 16384;

const asText = (text: string): Tokens.Text => ({ type: 'text', raw: text, text, escaped: false });

/**
 * Where to cut `text` at most at `end` and past the middle of `start`…`end`: after a line break,
 * else after a space, else anywhere outside a surrogate pair.
 */
function cutAt(text: string, start: number, end: number): number {
  const middle = start + (end - start) / 2;
  const line = text.lastIndexOf('\n', end - 1);
  if (line >= middle) return line + 1;
  const space = text.lastIndexOf(' ', end - 1);
  if (space >= middle) return space + 1;
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code < 0xdc00 && end - 1 > start ? end - 1 : end;
}

/** marked's lexer, with nesting capped at MAX_DEPTH and inline text lexed INLINE_RUN at a time. */
class CappedLexer extends Lexer {
  private blockDepth = 0;
  private inlineDepth = 0;

  override blockTokens(src: string, tokens?: Token[], lastParagraphClipped?: boolean): Token[];
  override blockTokens(src: string, tokens?: TokensList, lastParagraphClipped?: boolean): TokensList;
  override blockTokens(src: string, tokens: Token[] = [], lastParagraphClipped = false): Token[] {
    if (this.blockDepth >= MAX_DEPTH) {
      tokens.push({ type: 'paragraph', raw: src, text: src, tokens: [asText(src)] } satisfies Tokens.Paragraph);
      return tokens;
    }
    this.blockDepth++;
    try {
      return super.blockTokens(src, tokens, lastParagraphClipped);
    } finally {
      this.blockDepth--;
    }
  }

  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    if (this.inlineDepth >= MAX_DEPTH) {
      tokens.push(asText(src));
      return tokens;
    }
    this.inlineDepth++;
    try {
      if (this.inlineDepth > 1) return super.inlineTokens(src, tokens);
      let start = 0;
      while (src.length - start > INLINE_RUN) {
        const end = cutAt(src, start, start + INLINE_RUN);
        super.inlineTokens(src.slice(start, end), tokens);
        start = end;
      }
      return super.inlineTokens(src.slice(start), tokens);
    } finally {
      this.inlineDepth--;
    }
  }
}

/** Splits markdown into top-level blocks, each with the source text (`raw`) it came from. */
export function lex(source: string): TokensList {
  return new CappedLexer(markdown.defaults).lex(source);
}

/** Renders blocks from `lex()` to a sanitized fragment. */
export function renderBlocks(tokens: Token[], links: TokensList['links']): DocumentFragment {
  const list = Object.assign(tokens, { links }) as TokensList;
  return sanitizeToFragment(markdown.parser(list) as string);
}

/** Text shown as it is, for what could not be rendered as markdown. */
function plain(text: string): HTMLElement {
  const paragraph = document.createElement('p');
  paragraph.className = 'plain';
  paragraph.textContent = text;
  return paragraph;
}

const isSpace = (token: Token) => token.type === 'space';

/** Where a writer puts what it renders. */
export interface Page {
  /** Finished blocks go before this element; the unfinished last block is rendered into it. */
  readonly tail: HTMLElement;
  /** Adds what rendered blocks need around them (copy buttons). */
  decorate(fragment: DocumentFragment): DocumentFragment;
}

/** What a growing block did with the text it was given. */
interface Growth {
  /** Characters of the text now final. */
  taken: number;
  /** Whether the block may still grow; when not, the text after `taken` is the next blocks'. */
  open: boolean;
}

/** An unfinished table, list or code block whose finished rows stay in the page as they are. */
abstract class GrowingBlock {
  private open: Node[] = [];

  constructor(private readonly container: Element) {}

  /**
   * Renders `text`, the source from the end of the block's finished part. Throws before changing
   * the page, if at all.
   */
  abstract grow(text: string, final: boolean): Growth;

  /** Adds finished rows, and shows `open` as the unfinished one in place of the last. */
  protected place(finished: Node[], open: Node[]): void {
    for (const node of this.open) node.parentNode?.removeChild(node);
    const fragment = document.createDocumentFragment();
    fragment.append(...finished, ...open);
    this.container.append(fragment);
    this.open = open;
  }

  /** Removes the unfinished row: the text after the block's finished part renders on its own. */
  close(): void {
    this.place([], []);
  }
}

/** A table: rows below the header and delimiter lines, one a line. */
class GrowingTable extends GrowingBlock {
  constructor(
    body: HTMLElement,
    /** The header and delimiter lines, which make the rows after them lex as this table's. */
    private readonly head: string,
  ) {
    super(body);
  }

  grow(text: string, final: boolean): Growth {
    const tokens = lex(this.head + text);
    const table = tokens[0] as Tokens.Table | undefined;
    if (table?.type !== 'table') return { taken: 0, open: false };
    let open = !final && tokens.slice(1).every(isSpace);
    const done = open ? Math.max(table.rows.length - 1, 0) : table.rows.length;
    // Row i is line i of the text.
    let taken = 0;
    for (let i = 0; i < done; i++) {
      const end = text.indexOf('\n', taken);
      taken = end < 0 ? text.length : end + 1;
    }
    // A giant last row is cut as text instead of being rendered again on every frame.
    if (open && text.length - taken > MAX_OPEN) open = false;
    const rows = (from: number, to: number): Node[] => {
      if (from >= to) return [];
      const fragment = renderBlocks([{ ...table, rows: table.rows.slice(from, to) }], tokens.links);
      return [...(fragment.querySelector('tbody')?.children ?? [])];
    };
    this.place(rows(0, done), open ? rows(done, table.rows.length) : []);
    return { taken, open };
  }
}

/** A list: items, each with the source it came from. */
class GrowingList extends GrowingBlock {
  constructor(
    private readonly page: Page,
    list: HTMLElement,
    /** The list's bullet (`-`, `*`, `+`) or number delimiter (`.`, `)`): another one starts another list. */
    private readonly marker: string,
    private readonly loose: boolean,
  ) {
    super(list);
  }

  static markerOf(list: Tokens.List): string | undefined {
    const match = /^ {0,3}(?:([*+-])|\d{1,9}([.)]))/.exec(list.items[0]?.raw ?? '');
    return match?.[1] ?? match?.[2];
  }

  grow(text: string, final: boolean): Growth {
    const tokens = lex(text);
    const list = tokens[0] as Tokens.List | undefined;
    if (list?.type !== 'list' || GrowingList.markerOf(list) !== this.marker) return { taken: 0, open: false };
    // The items lexed so far decided the list is loose (paragraphs in items): so are the next.
    if (this.loose && !list.loose) {
      list.loose = true;
      for (const item of list.items) {
        item.loose = true;
        for (const token of item.tokens) if (token.type === 'text') (token as { type: string }).type = 'paragraph';
      }
    }
    let open = !final && tokens.slice(1).every(isSpace);
    const done = open ? list.items.length - 1 : list.items.length;
    const taken = open ? list.items.slice(0, done).reduce((sum, item) => sum + item.raw.length, 0) : list.raw.length;
    // A giant last item is cut as text instead of being rendered again on every frame.
    if (open && (list.items[done]?.raw.length ?? 0) > MAX_OPEN) open = false;
    const items = (from: number, to: number): Node[] => {
      if (from >= to) return [];
      const fragment = this.page.decorate(renderBlocks([{ ...list, items: list.items.slice(from, to) }], tokens.links));
      return [...(fragment.firstElementChild?.children ?? [])];
    };
    this.place(items(0, done), open ? items(done, list.items.length) : []);
    return { taken, open };
  }
}

/** A fenced code block: its lines are text, added as they end. */
class GrowingCode extends GrowingBlock {
  /** Whether the text starts in the middle of a line (a giant line was added in parts). */
  private midLine = false;
  private readonly closing: RegExp;
  private readonly indent: number;

  constructor(code: HTMLElement, fenceLine: string) {
    super(code);
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(fenceLine)?.[1] ?? '```';
    this.closing = new RegExp(`^ {0,3}${fence}${fence[0]}* *$`);
    // As marked does: lines lose as much leading space as a backtick fence is indented.
    this.indent = /^(\s+)```/.exec(fenceLine)?.[1]?.length ?? 0;
  }

  private line(line: string, midLine: boolean): string {
    if (midLine || !this.indent) return line;
    const space = /^\s+/.exec(line)?.[0].length ?? 0;
    return line.slice(Math.min(space, this.indent));
  }

  grow(text: string, final: boolean): Growth {
    let content = '';
    let taken = 0;
    let midLine = this.midLine;
    let closed = false;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', taken)) {
      const line = text.slice(taken, end);
      taken = end + 1;
      if (!midLine && this.closing.test(line)) {
        closed = true;
        break;
      }
      content += this.line(line, midLine) + '\n';
      midLine = false;
    }
    let last = closed ? '' : text.slice(taken);
    const open = !closed && !final;
    if (!closed && (final || (last.length > MAX_OPEN && !/^ {0,3}(?:`+|~+) *$/.test(last)))) {
      // The last line, finished (or too long to render again on every frame, and no closing fence).
      if (!final) content += this.line(last, midLine);
      else if (last && (midLine || !this.closing.test(last))) content += this.line(last, midLine) + '\n';
      midLine = open;
      taken = text.length;
      last = '';
    }
    this.place(
      content ? [document.createTextNode(content)] : [],
      last ? [document.createTextNode(this.line(last, midLine))] : [],
    );
    this.midLine = midLine;
    return { taken, open };
  }
}

/**
 * Renders markdown that arrives in order into a page, block by block: finished blocks are rendered
 * once, and the unfinished last block on each `write()`. A long table, list or code block grows in
 * place; any other block is cut once it is too long to render again and again. Nothing it is given
 * makes it throw: what cannot be rendered is shown as text.
 */
export class MarkdownWriter {
  private block: GrowingBlock | null = null;
  /** The box finished blocks go in, and how much source it holds. */
  private box: HTMLElement | null = null;
  private boxed = 0;

  constructor(private readonly page: Page) {}

  /**
   * Renders `text`, the source after what earlier writes finished, as it stands (or as final).
   * Returns how many of its characters are finished: the next write starts after them.
   */
  write(text: string, final: boolean): number {
    let taken = 0;
    let mayGrow = true;
    if (this.block) {
      let growth: Growth;
      try {
        growth = this.block.grow(text, final);
      } catch {
        growth = { taken: 0, open: false };
      }
      taken = growth.taken;
      if (growth.open) return taken;
      this.block.close();
      this.block = null;
      // A block that took nothing ended where the text starts: not one to start again on this text.
      mayGrow = taken > 0;
    }
    return taken + this.writeBlocks(text.slice(taken), final, mayGrow);
  }

  private writeBlocks(text: string, final: boolean, mayGrow = true): number {
    const { tail } = this.page;
    let tokens: TokensList;
    try {
      tokens = lex(text);
    } catch {
      return this.writePlain(text, final);
    }
    // The last real block may still grow; blocks before it are finished.
    let last = tokens.length - 1;
    while (last > 0 && tokens[last]?.type === 'space') last--;
    const done = final ? tokens.length : Math.max(last, 0);
    let taken = 0;
    if (done > 0) {
      const finished = tokens.slice(0, done);
      taken = finished.reduce((sum, token) => sum + token.raw.length, 0);
      this.commit(this.render(finished, tokens.links), taken);
    }
    const open = final ? undefined : tokens[done];
    if (open && mayGrow && open.raw.length >= GROW_AT) {
      const grown = this.startBlock(open, tokens.links);
      if (grown >= 0) {
        tail.replaceChildren();
        taken += grown;
        return taken + this.write(text.slice(taken), final);
      }
    }
    if (open && open.raw.length > MAX_OPEN) {
      const cut = cutAt(open.raw, 0, open.raw.length);
      this.commit(this.renderText(text.slice(taken, taken + cut)), cut);
      taken += cut;
      return taken + this.writeBlocks(text.slice(taken), final);
    }
    if (done < tokens.length) tail.replaceChildren(this.render(tokens.slice(done), tokens.links));
    else tail.replaceChildren();
    return taken;
  }

  /**
   * Puts an empty table, list or code block in the page for `token` to grow in, if it is one.
   * Returns how many characters of it that took (the header, the fence), or -1.
   */
  private startBlock(token: Token, links: TokensList['links']): number {
    const { page } = this;
    const first = (fragment: DocumentFragment, selector: string) => fragment.querySelector<HTMLElement>(selector);
    if (token.type === 'table') {
      const table = token as Tokens.Table;
      const headEnd = table.raw.indexOf('\n', table.raw.indexOf('\n') + 1) + 1;
      const fragment = renderBlocks([{ ...table, rows: [] }], links);
      const element = first(fragment, 'table');
      if (table.rows.length < 2 || headEnd <= 0 || !element) return -1;
      const body = document.createElement('tbody');
      element.append(body);
      this.commit(fragment, 0, true);
      this.block = new GrowingTable(body, table.raw.slice(0, headEnd));
      return headEnd;
    }
    if (token.type === 'list') {
      const list = token as Tokens.List;
      const marker = GrowingList.markerOf(list);
      const fragment = renderBlocks([{ ...list, items: [] }], links);
      const element = first(fragment, 'ul, ol');
      if (list.items.length < 2 || !marker || !element) return -1;
      this.commit(fragment, 0, true);
      this.block = new GrowingList(page, element, marker, list.loose);
      return 0;
    }
    if (token.type === 'code') {
      const code = token as Tokens.Code;
      const fenceEnd = code.raw.indexOf('\n') + 1;
      if (!/^ {0,3}(`{3,}|~{3,})/.test(code.raw) || fenceEnd <= 0) return -1;
      const fragment = page.decorate(renderBlocks([{ ...code, text: '' }], links));
      const element = first(fragment, 'code');
      if (!element) return -1;
      this.commit(fragment, 0, true);
      this.block = new GrowingCode(element, code.raw.slice(0, fenceEnd));
      return fenceEnd;
    }
    return -1;
  }

  /**
   * Puts finished blocks in the page, in a box with the blocks before them (a growing block gets a box
   * of its own). Each box is a stacking context: Chrome then skips the boxes that did not change when
   * it prepares a frame. Without them, any change at the end made it walk the whole answer again:
   * 100 ms and more a frame for a long answer.
   */
  private commit(node: Node, size: number, alone = false): void {
    if (alone || !this.box || this.boxed >= BOX) {
      this.box = document.createElement('div');
      this.box.className = 'blocks';
      this.box.style.isolation = 'isolate';
      this.boxed = 0;
      this.page.tail.before(this.box);
    }
    this.box.append(node);
    this.boxed += size;
    if (alone) this.box = null;
  }

  /** Renders finished blocks; a block that fails to render shows as text, the others as usual. */
  private render(tokens: Token[], links: TokensList['links']): DocumentFragment {
    try {
      return this.page.decorate(renderBlocks(tokens, links));
    } catch {
      const fragment = document.createDocumentFragment();
      for (const token of tokens) {
        try {
          fragment.append(this.page.decorate(renderBlocks([token], links)));
        } catch {
          fragment.append(plain(token.raw));
        }
      }
      return fragment;
    }
  }

  /** Renders text on its own, as finished. */
  private renderText(text: string): DocumentFragment | HTMLElement {
    try {
      const tokens = lex(text);
      return this.render(tokens, tokens.links);
    } catch {
      return plain(text);
    }
  }

  /** Shows text that could not be lexed as it is, finishing it in parts when it grows too long. */
  private writePlain(text: string, final: boolean): number {
    const { tail } = this.page;
    const cut = final ? text.length : text.length > MAX_OPEN ? cutAt(text, 0, text.length) : 0;
    if (cut) this.commit(plain(text.slice(0, cut)), cut);
    if (cut < text.length) tail.replaceChildren(plain(text.slice(cut)));
    else tail.replaceChildren();
    return cut;
  }
}
