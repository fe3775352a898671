import type * as Renderer from './markdown-renderer.js';
import type { MarkdownWriter } from './markdown-renderer.js';
import type { CodeBlockStrings } from './code-block.js';

type Renderer = typeof Renderer;

let renderer: Renderer | null = null;
let loading: Promise<Renderer> | null = null;

/** Loads the markdown renderer (marked + DOMPurify) once, on first use. */
export function loadMarkdownRenderer(): Promise<Renderer> {
  loading ??= import('./markdown-renderer.js').then((module) => (renderer = module));
  return loading;
}

export type StreamingMarkdownStrings = CodeBlockStrings;

/** Streaming updates show at most this often (20 a second still reads as live). */
export const MIN_RENDER_INTERVAL_MS = 50;

/** New source rendered in one step: bounds the cost of a step, whatever arrived or was set at once. */
const SLICE = 4096;
/**
 * Rendering stops after this long in a task and goes on in the next frame, so that the page stays
 * responsive: the browser still has to lay out what was rendered (here about as long again).
 */
const TASK_BUDGET_MS = 8;
/** Before the renderer has loaded, this much of the text shows as plain text. */
const PLAIN_PREVIEW = 65536;

/** Time spent rendering in the current task by every view: many messages restored at once share a budget. */
let spent = 0;
function charge(ms: number): void {
  if (!spent) setTimeout(() => (spent = 0));
  spent += ms;
}

const DEFAULT_STRINGS: StreamingMarkdownStrings = { copy: 'Copy', copied: 'Copied', copyLabel: 'Copy code' };

/**
 * Renders markdown that grows one delta at a time into a DOM element, at a cost per delta that does
 * not grow with the length of the text: finished blocks are parsed and rendered once and never
 * touched again; only the unfinished last block (the tail) is re-parsed, at most once a frame. A long
 * table, list or code block grows in place row by row. A long text (a restored message) renders a
 * slice at a time, a few slices a frame. All output is sanitized, and nesting is capped: hostile text
 * renders (partly as plain text) instead of throwing. Code blocks get a copy button. Until the
 * renderer has loaded (the first time on a page), the text shows as plain text.
 */
export class StreamingMarkdown {
  /** The element holding the rendered text; put it anywhere in the DOM. */
  readonly element: HTMLElement;
  private readonly tail: HTMLElement;
  private source = '';
  /** Characters of `source` already rendered as finished blocks. */
  private committed = 0;
  /** Characters of `source` rendered so far (finished or not). */
  private shown = 0;
  private writer: MarkdownWriter | null = null;
  /** Whether the last delta ended with a carriage return (a `\r\n` may be split across deltas). */
  private carriageReturn = false;
  private frame = 0;
  private timer = 0;
  private lastRender = 0;
  private finished = false;
  /** Whether the text (or its being finished) changed since it was last rendered to its end. */
  private pending = false;
  private waiting: Array<() => void> = [];
  strings: StreamingMarkdownStrings;

  constructor(strings: Partial<StreamingMarkdownStrings> = {}) {
    this.strings = { ...DEFAULT_STRINGS, ...strings };
    this.element = document.createElement('div');
    this.element.className = 'markdown';
    this.tail = document.createElement('div');
    this.tail.className = 'tail';
    this.tail.style.display = 'contents';
    this.element.append(this.tail);
    // Code blocks (and their Copy buttons) exist only once the renderer has loaded.
    this.element.addEventListener('click', (event) => renderer?.copyCode(event, this.strings));
  }

  /** The markdown source so far (line breaks as `\n`). */
  get text(): string {
    return this.source;
  }

  /** Resolves once all the text so far is rendered as markdown (after the renderer has loaded). */
  get rendered(): Promise<void> {
    return loadMarkdownRenderer().then(() => {
      if (this.frame || this.timer || this.pending) this.flush();
      if (!this.pending) return;
      return new Promise<void>((resolve) => this.waiting.push(resolve));
    });
  }

  /**
   * Adds streamed text; the DOM catches up on an animation frame, at most every
   * `MIN_RENDER_INTERVAL_MS`: on small devices rendering shares the cores with the model's threads.
   */
  append(delta: string): void {
    if (!delta) return;
    this.source += this.normalize(delta);
    this.finished = false;
    this.pending = true;
    if (this.frame || this.timer) return;
    // The first text shows on the next frame: rendering an empty view (a new answer) is no reason to wait.
    const wait = this.shown ? MIN_RENDER_INTERVAL_MS - (performance.now() - this.lastRender) : 0;
    if (wait <= 0) this.frame = requestAnimationFrame(() => this.flush());
    else
      this.timer = window.setTimeout(() => {
        this.timer = 0;
        this.frame = requestAnimationFrame(() => this.flush());
      }, wait);
  }

  /**
   * Replaces the whole text (restored or finished messages) and renders it: at once up to a time
   * budget, the rest of a long text in the next frames (`rendered` resolves when it all shows).
   */
  set(text: string): void {
    this.carriageReturn = false;
    this.source = this.normalize(text);
    this.committed = 0;
    this.shown = 0;
    this.writer = null;
    this.tail.replaceChildren();
    this.element.replaceChildren(this.tail);
    this.finish();
  }

  /** Renders everything as finished: now, or for a long text, starting now. */
  finish(): void {
    this.finished = true;
    this.pending = true;
    this.flush();
  }

  /** Line breaks as marked reads them (`\r\n` and `\r` are `\n`), so its offsets are offsets in `source`. */
  private normalize(text: string): string {
    const skip = this.carriageReturn && text.startsWith('\n') ? 1 : 0;
    this.carriageReturn = text.endsWith('\r');
    return (skip ? text.slice(skip) : text).replace(/\r\n?/g, '\n');
  }

  /** Views whose text is left to render after their budget ran out, in the order they were set. */
  private static readonly behind = new Set<StreamingMarkdown>();
  private static next = 0;

  /**
   * Renders `view`'s rest in the next frame, after the browser has laid out this part (in a hidden
   * page, where frames do not come, in the next task). Waiting views share a frame's budget, the
   * newest first: of 1,000 messages restored at once, the last (in view at the conversation's end)
   * show first.
   */
  private static later(view: StreamingMarkdown): void {
    StreamingMarkdown.behind.add(view);
    if (StreamingMarkdown.next) return;
    const run = () => {
      StreamingMarkdown.next = 0;
      for (const waiting of [...StreamingMarkdown.behind].reverse()) {
        if (spent >= TASK_BUDGET_MS) break;
        waiting.flush(); // comes back (at the end) if it still has text left
      }
      const first = StreamingMarkdown.behind.values().next();
      if (!first.done) StreamingMarkdown.later(first.value);
    };
    StreamingMarkdown.next = document.hidden ? window.setTimeout(run) : requestAnimationFrame(run);
  }

  private flush(): void {
    StreamingMarkdown.behind.delete(this);
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = 0;
    this.timer = 0;
    const start = performance.now();
    this.lastRender = start;
    if (!renderer) {
      this.tail.textContent = this.source.slice(this.committed, this.committed + PLAIN_PREVIEW);
      void loadMarkdownRenderer().then(() => this.flush());
      return;
    }
    // The budget is shared: other views may have used some of this task's (many messages restored at once).
    while (this.pending && spent + performance.now() - start < TASK_BUDGET_MS) this.render(renderer, this.finished);
    charge(performance.now() - start);
    if (this.pending) {
      StreamingMarkdown.later(this);
      return;
    }
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((resolve) => resolve());
  }

  /** Renders the next slice of the text after what is finished (all of it, unless it is long). */
  private render({ MarkdownWriter }: Renderer, final: boolean): void {
    let end = Math.min(this.source.length, this.shown + SLICE);
    if (end < this.source.length) {
      // Prefer to end a slice at a line break.
      const line = this.source.lastIndexOf('\n', end - 1);
      if (line >= this.shown + SLICE / 2) end = line + 1;
    }
    this.writer ??= new MarkdownWriter({ tail: this.tail, decorate: (fragment) => this.decorate(fragment) });
    this.committed += this.writer.write(this.source.slice(this.committed, end), final && end === this.source.length);
    this.shown = end;
    if (end === this.source.length) this.pending = false;
  }

  /** Gives each code block its header and Copy button (code-block.ts, loaded with the renderer). */
  private decorate(fragment: DocumentFragment): DocumentFragment {
    return renderer ? renderer.decorateCodeBlocks(fragment, this.strings) : fragment;
  }
}
