import type { Token } from 'marked';
import type * as Renderer from './markdown-renderer.js';

type Renderer = typeof Renderer;

let renderer: Renderer | null = null;
let loading: Promise<Renderer> | null = null;

/** Loads the markdown renderer (marked + DOMPurify) once, on first use. */
export function loadMarkdownRenderer(): Promise<Renderer> {
  loading ??= import('./markdown-renderer.js').then((module) => (renderer = module));
  return loading;
}

export interface StreamingMarkdownStrings {
  copy: string;
  copied: string;
  copyLabel: string;
}

/** Streaming updates show at most this often (20 a second still reads as live). */
export const MIN_RENDER_INTERVAL_MS = 50;

const DEFAULT_STRINGS: StreamingMarkdownStrings = { copy: 'Copy', copied: 'Copied', copyLabel: 'Copy code' };

/**
 * Renders markdown that grows one delta at a time into a DOM element, at a cost per delta that does
 * not grow with the length of the text: finished blocks are parsed and rendered once and never
 * touched again; only the unfinished last block (the tail) is re-parsed, at most once a frame.
 * All output is sanitized. Code blocks get a copy button. Until the renderer has loaded (the first
 * time on a page), the text shows as plain text.
 */
export class StreamingMarkdown {
  /** The element holding the rendered text; put it anywhere in the DOM. */
  readonly element: HTMLElement;
  private readonly tail: HTMLElement;
  private source = '';
  /** Characters of `source` already rendered as finished blocks. */
  private committed = 0;
  private frame = 0;
  private timer = 0;
  private lastRender = 0;
  private finished = false;
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

  /** Resolves once the text so far is rendered as markdown (after the renderer has loaded). */
  get rendered(): Promise<void> {
    return loadMarkdownRenderer().then(() => {
      if (this.frame || this.timer) this.flush();
    });
  }

  /**
   * Adds streamed text; the DOM catches up on an animation frame, at most every
   * `MIN_RENDER_INTERVAL_MS`: on small devices rendering shares the cores with the model's threads.
   */
  append(delta: string): void {
    if (!delta) return;
    this.source += delta;
    this.finished = false;
    if (this.frame || this.timer) return;
    const wait = MIN_RENDER_INTERVAL_MS - (performance.now() - this.lastRender);
    if (wait <= 0) this.frame = requestAnimationFrame(() => this.flush());
    else
      this.timer = window.setTimeout(() => {
        this.timer = 0;
        this.frame = requestAnimationFrame(() => this.flush());
      }, wait);
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
    this.finished = true;
    this.flush();
  }

  private flush(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = 0;
    this.timer = 0;
    this.lastRender = performance.now();
    if (renderer) {
      this.render(renderer, this.finished);
      return;
    }
    this.tail.textContent = this.source.slice(this.committed);
    void loadMarkdownRenderer().then(() => this.flush());
  }

  private render({ lex, renderBlocks }: Renderer, final: boolean): void {
    const tokens = lex(this.source.slice(this.committed));
    // The last real block may still grow; blocks before it are finished.
    let last = tokens.length - 1;
    while (last > 0 && tokens[last]?.type === 'space') last--;
    const done = final ? tokens.length : Math.max(last, 0);
    if (done > 0) {
      const finished = tokens.slice(0, done);
      this.element.insertBefore(this.decorate(renderBlocks(finished, tokens.links)), this.tail);
      this.committed += finished.reduce((sum: number, token: Token) => sum + token.raw.length, 0);
    }
    const open = final ? [] : tokens.slice(done);
    this.tail.replaceChildren(open.length ? this.decorate(renderBlocks(open, tokens.links)) : '');
  }

  /** Wraps each code block with a copy button. */
  private decorate(fragment: DocumentFragment): DocumentFragment {
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
