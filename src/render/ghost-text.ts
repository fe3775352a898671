/** A text field that ghost text can be laid over. */
export type TextField = HTMLTextAreaElement | HTMLInputElement;

/** Styles the ghost copy takes from its field so the suggestion lines up with the typed text. */
const MIRRORED = [
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'font-stretch',
  'letter-spacing',
  'word-spacing',
  'line-height',
  'text-transform',
  'text-indent',
  'text-align',
  'tab-size',
  'direction',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border-top-width',
  'border-right-width',
  'border-bottom-width',
  'border-left-width',
  'border-radius',
] as const;

/**
 * Ghost text: a suggestion drawn after a field's text, in the field's own font, padding and
 * wrapping, without touching its value. An overlay (`part="ghost"`) holds an invisible copy of the
 * typed text, which pushes the suggestion (`part="suggestion"`) to where the caret is.
 *
 * Written as DOM, not template: under `white-space: pre-wrap` every character counts, and styles
 * set through the CSSOM are not inline `style` attributes, so a strict CSP (no
 * `style-src-attr 'unsafe-inline'`) allows them.
 */
export class GhostText {
  /** The overlay; place it in the shadow root, positioned relative to the host. */
  readonly element: HTMLDivElement;
  private readonly typed: HTMLSpanElement;
  private readonly suggestion: HTMLSpanElement;

  constructor(ownerDocument: Document = document) {
    this.element = ownerDocument.createElement('div');
    this.element.className = 'ghost';
    this.element.setAttribute('part', 'ghost');
    this.element.setAttribute('aria-hidden', 'true');
    this.element.hidden = true;
    this.typed = ownerDocument.createElement('span');
    this.typed.className = 'typed';
    this.suggestion = ownerDocument.createElement('span');
    this.suggestion.className = 'suggestion';
    this.suggestion.setAttribute('part', 'suggestion');
    this.element.append(this.typed, this.suggestion);
  }

  /** Shows `text` after the field's text, laid exactly over the field; an empty text hides it. */
  show(field: TextField, host: Element, text: string): void {
    this.element.hidden = !text;
    if (!text) return;
    const computed = getComputedStyle(field);
    const fieldBox = field.getBoundingClientRect();
    const hostBox = host.getBoundingClientRect();
    const style = this.element.style;
    for (const name of MIRRORED) style.setProperty(name, computed.getPropertyValue(name));
    const isTextarea = field instanceof HTMLTextAreaElement;
    style.setProperty('left', `${fieldBox.left - hostBox.left}px`);
    style.setProperty('top', `${fieldBox.top - hostBox.top}px`);
    style.setProperty('width', `${fieldBox.width}px`);
    style.setProperty('height', `${fieldBox.height}px`);
    style.setProperty('white-space', isTextarea ? 'pre-wrap' : 'pre');
    style.setProperty('overflow-wrap', isTextarea ? 'break-word' : 'normal');
    this.typed.textContent = field.value;
    this.suggestion.textContent = text;
    this.scroll(field);
  }

  /** Follows the field's scroll position. */
  scroll(field: TextField): void {
    this.element.scrollTop = field.scrollTop;
    this.element.scrollLeft = field.scrollLeft;
  }

  hide(): void {
    this.element.hidden = true;
    this.suggestion.textContent = '';
  }
}
