// Splits a page (or a fetched HTML document) into passages along its structure, for retrieval:
// the blocks a reader sees, each with the headings above it. Pure DOM: one recursive walk, no Lit,
// no engine, no per-node getComputedStyle.

export interface PagePassage {
  /** The passage's own words, whitespace collapsed. */
  text: string;
  /** The headings above it (h1–h6 of its section, outermost first), as context for retrieval and for the reader. */
  headings: string[];
  /** The element it was read from, for scrolling to and highlighting it. */
  element: Element;
}

export interface SplitOptions {
  /** The longest passage, in characters; a longer block is cut at sentence ends. Default 1000. */
  maxChars?: number;
  /** An extra CSS selector of elements to skip, with all they hold. */
  exclude?: string;
}

/** Never read: code, media, controls, navigation, the document's head. */
const SKIPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'audio',
  'video',
  'map',
  'nav',
  'input',
  'textarea',
  'select',
  'button',
  'option',
  'optgroup',
  'datalist',
  'output',
  'meter',
  'progress',
  'head',
  'title',
  'meta',
  'link',
  'base',
]);

/** Blocks read whole, as one passage (li and tables have their own rules). */
const BLOCKS = new Set(['p', 'pre', 'blockquote', 'figcaption', 'address']);

/** Lists whose items are their own passages, also inside another list's item. */
const LISTS = new Set(['ul', 'ol', 'menu', 'dl']);

/** Sectioning content: the headings inside one do not reach past its end. */
const SECTIONS = new Set(['section', 'article', 'aside']);

/** Phrasing elements: their words belong to the enclosing block, not to a passage of their own. */
const INLINE = new Set(
  (
    'a abbr b bdi bdo big br cite code data del dfn em font i img ins kbd label mark nobr q rp rt ruby s ' +
    'samp small span strike strong sub sup time tt u var wbr acronym'
  ).split(' '),
);

const HEADING = /^h([1-6])$/;

interface Walk {
  out: PagePassage[];
  maxChars: number;
  exclude: string | undefined;
  /** A live, rendered document: what is not rendered is skipped. */
  live: boolean;
  /** Inside a closed <details> or hidden="until-found": hidden from layout, yet found by find-in-page. */
  unrendered: number;
  headings: { level: number; text: string }[];
  /** The headings' texts, made once per change and shared by the passages under them. */
  snapshot: string[] | null;
  /** Inline words read so far in each enclosing container, outermost first, not yet a passage. */
  runs: { element: Element; text: string }[];
}

/** Splits `root` into passages along its structure. */
export function splitPassages(root: Element, options: SplitOptions = {}): PagePassage[] {
  const view = root.ownerDocument.defaultView;
  const walk: Walk = {
    out: [],
    maxChars: Math.max(1, options.maxChars ?? 1000),
    exclude: options.exclude || undefined,
    // A DOMParser document has no view and no layout: every element would read as not rendered.
    live: root.isConnected && view !== null && typeof root.checkVisibility === 'function',
    unrendered: root.closest('details:not([open]), [hidden="until-found"]') ? 1 : 0,
    headings: [],
    snapshot: null,
    runs: [],
  };
  visit(root, walk);
  return walk.out;
}

/** The text a passage is embedded as: its headings, then its words ("Shipping › Returns: You may return…"). */
export function passageContext(passage: Pick<PagePassage, 'text' | 'headings'>): string {
  return passage.headings.length ? `${passage.headings.join(' › ')}: ${passage.text}` : passage.text;
}

/** Words of a text fragment's start and end when the text is too long to quote whole. */
const FRAGMENT_WORDS = 5;

/**
 * A URL that opens `url` at `text` (a Text Fragment, `#:~:text=start,end` for long text, percent-encoded
 * per the spec, replacing any fragment).
 */
export function textFragmentUrl(url: string, text: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return base;
  const directive =
    words.length <= FRAGMENT_WORDS * 2
      ? encodeFragmentText(words.join(' '))
      : `${encodeFragmentText(words.slice(0, FRAGMENT_WORDS).join(' '))},` +
        encodeFragmentText(words.slice(-FRAGMENT_WORDS).join(' '));
  return `${base}#:~:text=${directive}`;
}

/**
 * encodeURIComponent leaves only characters the spec allows unencoded, but for '-', which marks a
 * prefix or suffix in a text directive; ',' and '&' it already encodes.
 */
function encodeFragmentText(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}

function visit(element: Element, walk: Walk): void {
  if (skipped(element, walk)) return;
  const name = element.localName;
  const entersUnrendered = foundUnrendered(element, name);
  if (entersUnrendered) walk.unrendered++;
  try {
    const level = headingLevel(element, name);
    if (level) heading(element, level, walk);
    else if (BLOCKS.has(name)) emit(element, readText(element, walk), walk);
    else if (name === 'li') listItem(element, walk);
    else if (name === 'dl') definitions(element, walk);
    else if (name === 'table') table(element as HTMLTableElement, walk);
    else if (SECTIONS.has(name)) {
      const outer = walk.headings.slice();
      container(element, walk);
      walk.headings = outer;
      walk.snapshot = null;
    } else container(element, walk);
  } finally {
    if (entersUnrendered) walk.unrendered--;
  }
}

/**
 * Any other element: its inline words become a passage of their own (a leaf such as a div), read
 * between the blocks inside it; a phrasing element's words join the enclosing container's.
 */
function container(element: Element, walk: Walk): void {
  // A phrasing root has no container around it to give its words to.
  const own = !INLINE.has(element.localName) || !walk.runs.length;
  const run = own ? { element, text: '' } : walk.runs[walk.runs.length - 1];
  if (!run) return;
  if (own) walk.runs.push(run);
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === Node.TEXT_NODE) run.text += (node as Text).data;
    else if (node.nodeType === Node.ELEMENT_NODE) {
      if ((node as Element).localName === 'br') run.text += ' ';
      else visit(node as Element, walk);
    }
  }
  if (own) {
    walk.runs.pop();
    emit(run.element, run.text, walk);
  }
}

function listItem(item: Element, walk: Walk): void {
  const nested: Element[] = [];
  emit(item, readText(item, walk, nested), walk);
  for (const list of nested) visit(list, walk);
}

/** Each dt with its dd(s) (and a dd without a dt on its own), as "term: definition". */
function definitions(list: Element, walk: Walk): void {
  let terms: string[] = [];
  let details: string[] = [];
  let first: Element | null = null;
  const flush = (): void => {
    if (first) {
      const term = terms.filter(Boolean).join(', ');
      const detail = details.filter(Boolean).join(' ');
      emit(first, term && detail ? `${term}: ${detail}` : term || detail, walk);
    }
    terms = [];
    details = [];
    first = null;
  };
  const read = (parent: Element): void => {
    for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
      if (skipped(child, walk)) continue;
      const name = child.localName;
      if (name === 'dt') {
        if (details.length) flush();
        terms.push(collapse(readText(child, walk)));
        first ??= child;
      } else if (name === 'dd') {
        details.push(collapse(readText(child, walk)));
        first ??= child;
      } else if (name === 'div')
        read(child); // HTML allows dt/dd groups wrapped in a div
      else {
        flush();
        visit(child, walk);
      }
    }
  };
  read(list);
  flush();
}

/** One passage per row: cells joined with " | ", as "Header: value" under a header row. */
function table(element: HTMLTableElement, walk: Walk): void {
  for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
    if (child.localName === 'caption') visit(child, walk);
  }
  const rows = Array.from(element.rows);
  const headerRows = rows.filter((row) => row.parentElement?.localName === 'thead');
  const first = rows[0];
  if (!headerRows.length && first && rows.length > 1 && first.cells.length > 0) {
    if (Array.from(first.cells).every((cell) => cell.localName === 'th')) headerRows.push(first);
  }
  const last = headerRows.at(-1);
  const header = last ? columns(last, walk) : [];
  for (const row of rows) {
    if (headerRows.includes(row) || skipped(row, walk)) continue;
    const section = row.parentElement;
    if (section && section !== element && skipped(section, walk)) continue;
    const cells = columns(row, walk).map((value, column) => {
      const name = header[column];
      return name && value && name !== value ? `${name}: ${value}` : value;
    });
    emit(row, cells.filter(Boolean).join(' | '), walk);
  }
}

/** A row's cell texts by column (a cell spanning columns stands at the first of them). */
function columns(row: HTMLTableRowElement, walk: Walk): string[] {
  const texts: string[] = [];
  let column = 0;
  for (const cell of Array.from(row.cells)) {
    if (!skipped(cell, walk)) texts[column] = collapse(readText(cell, walk));
    column += Math.max(1, cell.colSpan);
  }
  return Array.from(texts, (text) => text ?? '');
}

function heading(element: Element, level: number, walk: Walk): void {
  flushRuns(walk);
  const text = collapse(readText(element, walk));
  if (!text) return;
  while ((walk.headings.at(-1)?.level ?? 0) >= level) walk.headings.pop();
  walk.headings.push({ level, text });
  walk.snapshot = null;
}

function headingLevel(element: Element, name: string): number {
  const match = HEADING.exec(name);
  if (match) return Number(match[1]);
  if (element.getAttribute('role') !== 'heading') return 0;
  const level = Number(element.getAttribute('aria-level'));
  return Number.isInteger(level) && level >= 1 ? Math.min(level, 6) : 2;
}

/**
 * The words of a block, skipping what the walk skips. Block children are set apart by a space;
 * with `nested`, lists inside are left out and collected there, to be read as passages of their own.
 */
function readText(element: Element, walk: Walk, nested?: Element[]): string {
  let text = '';
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === Node.TEXT_NODE) text += (node as Text).data;
    else if (node.nodeType === Node.ELEMENT_NODE) {
      const child = node as Element;
      const name = child.localName;
      if (name === 'br') text += ' ';
      else if (skipped(child, walk)) continue;
      else if (nested && LISTS.has(name)) nested.push(child);
      else if (INLINE.has(name)) text += readText(child, walk, nested);
      else {
        const entersUnrendered = foundUnrendered(child, name);
        if (entersUnrendered) walk.unrendered++;
        text += ` ${readText(child, walk, nested)} `;
        if (entersUnrendered) walk.unrendered--;
      }
    }
  }
  return text;
}

function skipped(element: Element, walk: Walk): boolean {
  const name = element.localName;
  // A chat and its kin are not the page's content; an inline <llm-source>'s content is.
  if (SKIPPED.has(name) || (name.startsWith('llm-') && name !== 'llm-source')) return true;
  if (element.hasAttributes()) {
    const hidden = element.getAttribute('hidden');
    if (hidden !== null && hidden !== 'until-found') return true;
    if (element.getAttribute('aria-hidden') === 'true') return true;
    if (element.hasAttribute('inert') || element.hasAttribute('data-llm-ignore')) return true;
    if (element.getAttribute('role') === 'navigation') return true;
    if (name === 'dialog' && !element.hasAttribute('open')) return true;
    // Without layout, an inline style is the one sign of what a page hides.
    if (!walk.live && element.hasAttribute('style')) {
      const style = (element as HTMLElement).style as CSSStyleDeclaration | undefined;
      if (style && (style.display === 'none' || style.visibility === 'hidden')) return true;
    }
  }
  if (walk.exclude && element.matches(walk.exclude)) return true;
  return walk.live && walk.unrendered === 0 && !rendered(element);
}

/**
 * A closed <details> or hidden="until-found": not rendered, yet what find-in-page and a text fragment
 * open (an FAQ's answers), so what it holds is read.
 */
function foundUnrendered(element: Element, name: string): boolean {
  return (name === 'details' && !element.hasAttribute('open')) || element.getAttribute('hidden') === 'until-found';
}

function rendered(element: Element): boolean {
  if (element.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })) return true;
  // display: contents has no box of its own, yet its children are rendered (rare: one style read).
  return getComputedStyle(element).display === 'contents';
}

/** Adds the words read so far in the enclosing containers as passages, before a block that follows them. */
function flushRuns(walk: Walk): void {
  for (const run of walk.runs) {
    if (run.text) add(run.element, run.text, walk);
    run.text = '';
  }
}

/** Adds a block's passages, after the words of the enclosing containers read before it. */
function emit(element: Element, raw: string, walk: Walk): void {
  flushRuns(walk);
  add(element, raw, walk);
}

function add(element: Element, raw: string, walk: Walk): void {
  const text = collapse(raw);
  if (!text) return;
  walk.snapshot ??= walk.headings.map((heading) => heading.text);
  for (const piece of cut(text, walk.maxChars)) walk.out.push({ text: piece, headings: walk.snapshot, element });
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

let sentences: Intl.Segmenter | null | undefined;

/** Sentences of `text`, each with its trailing space. */
function sentencesOf(text: string): string[] {
  if (sentences === undefined) {
    sentences =
      typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'sentence' }) : null;
  }
  if (sentences) return Array.from(sentences.segment(text), (part) => part.segment);
  return text.match(/[^.!?…]+(?:[.!?…]+["'”’)\]]*\s*|$)|[.!?…]+\s*/g) ?? [text];
}

/**
 * Pieces of at most `max` characters: whole sentences where they fit, a longer sentence at spaces.
 * A single word longer than `max` stays whole rather than being cut inside.
 */
function cut(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let piece = '';
  const add = (part: string): void => {
    if (piece && (piece + part).trimEnd().length > max) {
      pieces.push(piece.trim());
      piece = '';
    }
    piece += part;
  };
  for (const sentence of sentencesOf(text)) {
    if (sentence.trimEnd().length <= max) add(sentence);
    else {
      // A sentence too long for a passage starts its own, so a cut falls inside it only.
      if (piece.trim()) pieces.push(piece.trim());
      piece = '';
      for (const word of sentence.match(/\S+\s*/g) ?? []) add(word);
    }
  }
  if (piece.trim()) pieces.push(piece.trim());
  return pieces;
}
