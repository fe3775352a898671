import { thoughtFor, type ReasoningDisplay } from './chat-reasoning.js';
import type { Entry } from './chat-entry.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// A reasoning section: a disclosure ("Thinking…", then "Thought for 4 s") above the answer, with the
// reasoning as plain text (never markdown: nothing of it becomes markup), updated in place as it
// streams, like the answer's markdown view (the chat does not render again for each token).

/** Inside the chat's shadow tree; `:host([reasoning='hidden'])` hides every section. */
const STYLES = `
.reasoning { margin-block-end: calc(2 * var(--_space)); color: var(--_muted); font-size: 0.875rem; }
:host([reasoning='hidden']) .reasoning { display: none; }
.reasoning summary { cursor: pointer; width: fit-content; border-radius: var(--_radius-inner); }
.reasoning summary:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
.reasoning-text { white-space: pre-wrap; margin-block-start: var(--_space); padding-inline-start: calc(3 * var(--_space)); border-inline-start: 2px solid var(--_border); }
@media (forced-colors: active) { .reasoning summary:focus-visible { outline-color: Highlight; } }
`;

export class ReasoningView {
  /** `<div class="reasoning">` with the disclosure (`part="reasoning"`). */
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly text: Text;
  private readonly strings: LlmChatStrings;

  constructor(entry: Entry, strings: LlmChatStrings, display: ReasoningDisplay) {
    this.strings = strings;
    const element = document.createElement('div');
    element.className = 'reasoning';
    const style = document.createElement('style');
    style.textContent = STYLES;
    const details = document.createElement('details');
    details.setAttribute('part', 'reasoning');
    details.open = display === 'expanded';
    this.summary = document.createElement('summary');
    this.summary.setAttribute('part', 'reasoning-summary');
    const body = document.createElement('div');
    body.className = 'reasoning-text';
    body.setAttribute('part', 'reasoning-text');
    this.text = document.createTextNode(entry.reasoning ?? '');
    body.append(this.text);
    details.append(this.summary, body);
    element.append(style, details);
    this.element = element;
    this.summary.textContent =
      entry.reasoningMs === undefined ? (strings.thinking ?? 'Thinking…') : thoughtFor(entry.reasoningMs, strings);
  }

  /** A piece of reasoning as it streams. */
  append(delta: string): void {
    this.text.appendData(delta);
  }

  /** The thinking has ended: "Thought for 4 s" (the chat announces it). */
  finish(ms: number): void {
    this.summary.textContent = thoughtFor(ms, this.strings);
  }
}
