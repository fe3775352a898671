import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emit } from '../../base/llm-element.js';
import type { GenerationController } from '../../controllers/generation-controller.js';
import type { ModelController } from '../../controllers/model-controller.js';
import type { GenerationOptions } from '../../engine/core/types.js';
import { GhostText, type TextField } from '../../render/ghost-text.js';

const SENTENCE_END = /[.!?…](?=\s|$)/;
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock']);
let nextId = 1;

/** What the controller reads from its element, each time it needs it. */
export interface FieldCompletionSettings {
  disabled: boolean;
  /** Milliseconds of pause before asking. */
  delay: number;
  /** Where a suggestion ends: `sentence`, `line`, or a literal string. */
  stopAt?: string;
  options: Omit<GenerationOptions, 'signal' | 'stop'>;
  /** The description read while a suggestion shows. */
  describe(suggestion: string): string;
}

type Host = ReactiveControllerHost & HTMLElement;

/** Reads `\n` and `\t` in attribute values as the characters. */
const unescape = (text: string) => text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');

/**
 * Inline completion on a field the page owns: when typing pauses with the caret at the end, asks
 * the model to continue, shows the continuation as ghost text, and lets Tab accept it and Escape
 * dismiss it. Typing, moving the caret or leaving the field cancels a pending request at once.
 * The generation itself (events, status, abort) is the element's GenerationController.
 *
 * `<llm-complete>` loads this file (and the ghost text with it) only once a field is slotted, so a
 * page without one never downloads it.
 */
export class FieldCompletionController implements ReactiveController {
  /** The field being completed, or null. */
  field: TextField | null = null;
  /** The suggestion showing now ('' when none). */
  suggestion = '';
  /** The suggestion overlay, to render in the element's shadow root. */
  readonly ghost = new GhostText();

  private readonly host: Host;
  private readonly generation: GenerationController;
  private readonly model: ModelController;
  private readonly settings: () => FieldCompletionSettings;
  private description: HTMLElement | null = null;
  private readonly descriptionId = `llm-complete-description-${nextId++}`;
  private timer = 0;

  constructor(
    host: Host,
    generation: GenerationController,
    model: ModelController,
    settings: () => FieldCompletionSettings,
  ) {
    this.host = host;
    this.generation = generation;
    this.model = model;
    this.settings = settings;
    host.addController(this);
  }

  /** Starts serving `field` (null: none), leaving the previous one as it was. */
  attach(field: TextField | null): void {
    if (field === this.field) return;
    this.detach();
    this.field = field;
    if (!field) return;
    this.generation.abort();
    for (const [type, listener] of this.listeners()) field.addEventListener(type, listener);
    // The description must sit in the field's own tree for aria-describedby to reach it.
    this.description = document.createElement('span');
    this.description.id = this.descriptionId;
    this.description.hidden = true;
    this.description.dataset.llmComplete = 'description';
    field.after(this.description);
    const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    field.setAttribute('aria-describedby', [...ids, this.descriptionId].join(' '));
    // Focused before this code loaded: the model loads now, as on focus.
    if (field.matches(':focus')) this.model.handle?.requestLoad();
    this.host.requestUpdate();
  }

  /**
   * The field was typed in: cancels what shows and starts a pause (also for typing seen before this
   * code loaded).
   */
  typed(): void {
    this.model.handle?.requestLoad();
    this.cancel();
    const { disabled, delay } = this.settings();
    if (disabled) return;
    this.timer = window.setTimeout(() => void this.suggest(), delay);
  }

  /** Cancels the pending request and hides the suggestion, at once. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = 0;
    this.generation.abort();
    this.show('');
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  private detach(): void {
    const field = this.field;
    if (!field) return;
    this.cancel();
    for (const [type, listener] of this.listeners()) field.removeEventListener(type, listener);
    const ids = (field.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((id) => id && id !== this.descriptionId);
    if (ids.length) field.setAttribute('aria-describedby', ids.join(' '));
    else field.removeAttribute('aria-describedby');
    this.description?.remove();
    this.description = null;
    this.field = null;
  }

  /** What the controller listens to on its field: typing, keys, the pointer, focus and scrolling. */
  private listeners(): Array<[string, EventListener]> {
    return [
      ['input', this.onInput],
      ['keydown', this.onKeyDown as EventListener],
      ['pointerdown', this.onCancel],
      ['blur', this.onCancel],
      ['focus', this.onFocus],
      ['scroll', this.onScroll],
    ];
  }

  private readonly onCancel = () => this.cancel();

  private readonly onFocus = () => this.model.handle?.requestLoad();

  private readonly onScroll = () => {
    if (this.field) this.ghost.scroll(this.field);
  };

  private readonly onInput = (event: Event) => {
    // Our own insert (accept) counts as typing too: it ends the old suggestion and starts a pause.
    if (!(event as InputEvent).isComposing) this.typed();
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (MODIFIER_KEYS.has(event.key)) return;
    const plain = !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey;
    if (this.suggestion && plain && event.key === 'Tab') {
      event.preventDefault();
      this.accept();
    } else if (this.suggestion && event.key === 'Escape') {
      event.preventDefault();
      const suggestion = this.suggestion;
      this.cancel();
      emit(this.host, 'llm-dismiss', { suggestion });
    } else {
      this.cancel(); // typing or moving the caret: no stale suggestion may appear
    }
  };

  private async suggest(): Promise<void> {
    const field = this.field;
    const settings = this.settings();
    if (!field || settings.disabled || !field.value.trim()) return;
    if (field.getRootNode() instanceof Document && document.activeElement !== field) return;
    if (!caretAtEnd(field)) return;
    const prompt = field.value;
    const sentence = settings.stopAt === 'sentence';
    let shown = '';
    await this.generation.run({
      start: (engine, signal) =>
        engine.complete(prompt, { ...settings.options, stop: stopStrings(settings.stopAt), signal }),
      onDelta: (delta) => {
        if (field.value !== prompt || !caretAtEnd(field)) {
          this.generation.abort(); // the field moved on: this suggestion is stale
          return;
        }
        shown += delta;
        const end = sentence ? SENTENCE_END.exec(shown) : null;
        if (end) shown = shown.slice(0, end.index + end[0].length);
        this.show(shown);
        return end ? 'stop' : undefined;
      },
    });
  }

  private show(text: string): void {
    this.suggestion = text;
    if (this.description) this.description.textContent = text ? this.settings().describe(text.trim()) : '';
    if (this.field && text) this.ghost.show(this.field, this.host, text);
    else this.ghost.hide();
    this.host.requestUpdate();
  }

  private accept(): void {
    const field = this.field;
    const suggestion = this.suggestion;
    if (!field || !suggestion) return;
    this.cancel();
    const end = field.value.length;
    field.focus();
    field.setSelectionRange(end, end);
    // execCommand keeps the browser's undo history and fires a trusted input event; where it is
    // unavailable, insert directly and fire the event ourselves so frameworks see the change.
    const inserted = document.execCommand?.('insertText', false, suggestion) && field.value.endsWith(suggestion);
    if (!inserted) {
      field.setRangeText(suggestion, end, end, 'end');
      field.dispatchEvent(
        new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: suggestion }),
      );
    }
    emit(this.host, 'llm-accept', { suggestion, value: field.value });
  }
}

function caretAtEnd(field: TextField): boolean {
  const end = field.value.length;
  return field.selectionStart === end && field.selectionEnd === end;
}

/** `sentence` and `line` end at a newline (a sentence also at its final stop, checked as it streams). */
function stopStrings(stopAt?: string): string[] {
  if (!stopAt || stopAt === 'sentence' || stopAt === 'line') return ['\n'];
  return [unescape(stopAt)];
}
