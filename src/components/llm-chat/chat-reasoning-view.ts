import { css } from 'lit';
import { format } from '../../base/format.js';
import type { Entry, ReasoningDisplay } from './chat-entry.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// A reasoning model's thinking above its answer (Qwen3, DeepSeek-R1 distills, SmolLM3): a disclosure,
// "Thinking…" while it streams, then "Thought for 4 s" (announced once), with the thinking as plain
// text (never markdown: none of it becomes markup). Updated in place as it streams, like the answer's
// markdown view; loaded with the messages' view (chat-messages.ts), never with the script-tag entry.

/** Adopted with the messages' styles; `:host([reasoning='hidden'])` hides every section. */
export const reasoningStyles = css`
  .reasoning {
    color: var(--_muted);
    font-size: 0.875rem;
    margin-block-end: var(--_space);
  }
  :host([reasoning='hidden']) .reasoning {
    display: none;
  }
  .reasoning summary {
    cursor: pointer;
    width: fit-content;
    border-radius: var(--_radius-inner);
  }
  .reasoning summary:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .reasoning-text {
    white-space: pre-wrap;
    margin-block-start: var(--_space);
    padding-inline-start: calc(2 * var(--_space));
    border-inline-start: 2px solid var(--_border);
  }
  @media (forced-colors: active) {
    .reasoning summary:focus-visible {
      outline-color: Highlight;
    }
  }
`;

/** What a section needs of the chat. */
export interface ReasoningHost {
  chat: HTMLElement & { reasoning?: ReasoningDisplay };
  /** Says `text` politely to screen readers. */
  announce(text: string): void;
}

/** "Thought for 4 s": the seconds an answer thought, at least 1. */
export function thoughtFor(ms: number, t: LlmChatStrings): string {
  return format(t.thought ?? 'Thought for {seconds} s', { seconds: Math.max(1, Math.round(ms / 1000)) });
}

/** One answer's reasoning section (`entry.thinking`). */
export class ReasoningSection {
  /** `<details class="reasoning" part="reasoning">`, placed above the answer's content. */
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly text: Text;
  /** When it began to show: its duration until the engine's figure comes, at the end. */
  private readonly started = performance.now();
  private display?: ReasoningDisplay;
  /** The duration the summary says, once it has ended. */
  private shown?: number;

  constructor(
    private readonly entry: Entry,
    private readonly t: LlmChatStrings,
    private readonly host: ReasoningHost,
  ) {
    this.element = document.createElement('details');
    this.element.className = 'reasoning';
    this.element.setAttribute('part', 'reasoning');
    this.summary = document.createElement('summary');
    this.summary.setAttribute('part', 'reasoning-summary');
    const body = document.createElement('div');
    body.className = 'reasoning-text';
    body.setAttribute('part', 'reasoning-text');
    this.text = document.createTextNode(entry.reasoning ?? '');
    body.append(this.text);
    this.element.append(this.summary, body);
    this.label();
  }

  /** Opens or closes it as the chat's `reasoning` says, when that changes (the visitor's toggles stay otherwise). */
  sync(): void {
    const display = this.host.chat.reasoning ?? 'collapsed';
    if (display !== this.display) this.element.open = display === 'expanded';
    this.display = display;
  }

  /** A piece of reasoning as it streams. */
  append(delta: string): void {
    this.text.appendData(delta);
  }

  /**
   * The thinking has ended (the answer's text began, or the answer ended): "Thought for 4 s", announced
   * the first time. The entry's `reasoningMs` is the engine's figure once set; until then, measured here.
   */
  end(): void {
    const first = this.shown === undefined;
    this.entry.reasoningMs ??= Math.round(performance.now() - this.started);
    if (this.shown === this.entry.reasoningMs) return; // each token of the answer ends it again
    this.label();
    if (first && this.host.chat.reasoning !== 'hidden') this.host.announce(this.summary.textContent ?? '');
  }

  private get thinking(): string {
    return this.t.thinking ?? 'Thinking…';
  }

  private label(): void {
    const ms = (this.shown = this.entry.reasoningMs);
    this.summary.textContent = ms === undefined ? this.thinking : thoughtFor(ms, this.t);
  }
}

/** The reasoning section of `entry`, made the first time it shows; nothing when it has no reasoning. */
export function renderReasoning(entry: Entry, t: LlmChatStrings, host: ReasoningHost): HTMLElement | undefined {
  if (entry.reasoning === undefined) return undefined;
  if (!entry.thinking) {
    entry.thinking = new ReasoningSection(entry, t, host);
    if (entry.content && entry.reasoningMs === undefined) entry.thinking.end(); // the answer began before it showed
  }
  entry.thinking.sync();
  return entry.thinking.element;
}
