// One contract, the same for every element that generates: the order of its events, stop, errors,
// removal, status and Retry. Real llama.cpp (wllama) on stories260K in Chromium.
import { expect, fixture, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { ElementStatus, LlmChat, LlmForm, LlmModel, LlmResponseDetail, LlmText } from '../../src/index.js';
import { MODEL_URL, uniqueModelUrl } from '../helpers/model.js';
import { part, parts } from '../helpers/chat.js';

type Generating = HTMLElement & { status: ElementStatus; stop(): void; updateComplete: Promise<boolean> };

interface Subject {
  name: string;
  /** Whether `start()` resolves on its own after a failed load (inline mode has no promise and no event then). */
  settlesOnLoadFailure: boolean;
  /** The element's markup; `ATTRS` takes the sampling attributes. */
  markup: string;
  /** Whether a request starts with a cancelable `llm-send`. */
  sends: boolean;
  /** Whether moving it keeps its answer going (inline completion ends with the field's focus, as it should). */
  movable?: boolean;
  /** The sampling attributes as this element needs them, when they differ from the others'. */
  attrs?(attrs: string): string;
  /** Starts one generation of `text` the way a page or a user would; resolves when it ends. */
  start(el: Generating, text: string): Promise<LlmResponseDetail | null>;
  /** The generated text the element shows now (none for `<llm-form>`: it writes values into the form after `llm-response`). */
  shown?(el: Generating): string;
}

/** Types into a slotted field as a user would (the value changes, an input event fires) and waits. */
async function suggestFor(el: Generating, text: string): Promise<LlmResponseDetail | null> {
  const field = el.querySelector('textarea')!;
  field.focus();
  field.value = text;
  field.setSelectionRange(text.length, text.length);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  // Inline mode has no promise of its own: it ends with the element's event, or <llm-model>'s
  // llm-error for a failed load (which the element does not repeat).
  const model = el.closest('llm-model')!;
  const ended = await Promise.race([
    oneEvent(el, 'llm-response'),
    oneEvent(el, 'llm-error'),
    oneEvent(model, 'llm-error'),
  ]);
  return ended.type === 'llm-response' ? (ended as CustomEvent<LlmResponseDetail>).detail : null;
}

const SUBJECTS: Subject[] = [
  {
    name: '<llm-chat> send()',
    movable: true,
    settlesOnLoadFailure: true,
    markup: '<llm-chat ATTRS></llm-chat>',
    sends: true,
    start: (el, text) => (el as unknown as LlmChat).send(text),
    shown: (el) => parts(el, 'assistant').at(-1)?.querySelector('[part~="content"]')?.textContent?.trim() ?? '',
  },
  {
    name: '<llm-text> run()',
    movable: true,
    settlesOnLoadFailure: true,
    markup: '<llm-text manual prompt="{text}" for="contract-source" ATTRS></llm-text><p id="contract-source"></p>',
    sends: false,
    start: (el, text) => {
      el.parentElement!.querySelector('#contract-source')!.textContent = text;
      return (el as unknown as LlmText).run();
    },
    shown: (el) => part(el, 'output')?.textContent?.trim() ?? '',
  },
  {
    name: '<llm-complete> inline',
    settlesOnLoadFailure: false,
    markup: '<llm-complete delay="0" ATTRS><textarea aria-label="Story"></textarea></llm-complete>',
    sends: false,
    start: suggestFor,
    shown: (el) => part(el, 'suggestion')?.textContent?.trim() ?? '',
  },
  {
    name: '<llm-form> fill()',
    movable: true,
    settlesOnLoadFailure: true,
    markup:
      '<llm-form ATTRS><textarea slot="source" aria-label="Text"></textarea><form><input name="a" maxlength="2" aria-label="A"></form></llm-form>',
    sends: false,
    // A JSON answer takes more tokens than the others' 24 (the grammar allows whitespace, which the toy model likes).
    attrs: (attrs) => attrs.replace('max-tokens="24"', 'max-tokens="256"'),
    start: (el, text) => {
      el.querySelector('textarea')!.value = text;
      return (el as unknown as LlmForm).fill();
    },
  },
];

const EVENTS = ['llm-send', 'llm-token', 'llm-response', 'llm-error'] as const;

/** Records the element's generation events in order (consecutive tokens as one entry). */
function record(el: HTMLElement): string[] {
  const seen: string[] = [];
  for (const type of EVENTS) {
    el.addEventListener(type, () => {
      if (type !== 'llm-token' || seen.at(-1) !== type) seen.push(type);
    });
  }
  return seen;
}

async function setup(subject: Subject, attrs: string, modelAttrs = '', src = MODEL_URL) {
  const markup = subject.markup.replace('ATTRS', subject.attrs?.(attrs) ?? attrs);
  const model = await fixture<LlmModel>(`<llm-model src="${src}" ${modelAttrs}>${markup}</llm-model>`);
  const el = model.querySelector<Generating>('llm-chat, llm-text, llm-complete, llm-form')!;
  await el.updateComplete;
  return { model, el };
}

for (const subject of SUBJECTS) {
  describe(`generation contract: ${subject.name}`, () => {
    afterEach(() => fixtureCleanup());

    it('fires [llm-send] → llm-token… → one llm-response, whose detail is what the API resolves with', async () => {
      const { el } = await setup(subject, 'temperature="0" max-tokens="24"');
      const seen = record(el);
      let shownOnResponse = '';
      el.addEventListener('llm-response', () => (shownOnResponse = subject.shown?.(el) ?? ''));
      const response = oneEvent(el, 'llm-response');
      const detail = await subject.start(el, 'Once upon a time');
      const event = await response;
      if (subject.shown)
        expect(shownOnResponse).to.equal(event.detail.text.trim(), 'the whole answer shows when llm-response fires');
      expect(seen).to.deep.equal([...(subject.sends ? ['llm-send'] : []), 'llm-token', 'llm-response']);
      expect(detail).to.deep.equal(event.detail);
      expect(event.detail.finishReason).to.be.oneOf(['stop', 'length']);
      expect(event.detail.text.length).to.be.greaterThan(0);
      expect(event.bubbles && event.composed, 'bubbles out of shadow roots').to.equal(true);
    });

    it('stop() after the first token ends with llm-response (finishReason abort) and keeps the text so far', async () => {
      const { el } = await setup(subject, 'temperature="0" max-tokens="400"');
      const seen = record(el);
      const tokens: string[] = [];
      el.addEventListener('llm-token', (e) => tokens.push(e.detail.delta));
      const response = oneEvent(el, 'llm-response');
      void subject.start(el, 'Once upon a time');
      await oneEvent(el, 'llm-token');
      el.stop();
      const { detail } = await response;
      expect(detail.finishReason).to.equal('abort');
      expect(detail.text).to.equal(tokens.join(''));
      expect(detail.stats.completionTokens).to.be.lessThan(400);
      expect(seen.filter((type) => type === 'llm-error')).to.have.length(0);
      await el.updateComplete;
      expect(el.status).to.equal('ready');
    });

    it('a refused request fires one llm-error from the element, shows it without a Retry that would fail the same way, and reflects status="error"', async () => {
      // A template author's typo: max-tokens is read as NaN, and the request is refused with a reason.
      const { el } = await setup(subject, 'temperature="0" max-tokens="lots"');
      const errors: string[] = [];
      el.addEventListener('llm-error', (e) => errors.push(e.detail.code));
      const detail = await subject.start(el, 'Once upon a time');
      await el.updateComplete;
      expect(errors).to.deep.equal(['invalid-request']);
      expect(part(el, 'error')?.textContent).to.include('max_tokens must be a whole number above 0');
      if (detail) expect(detail.finishReason).to.equal('error');
      expect(el.getAttribute('status')).to.equal('error');
      expect(part(el, 'error')?.getAttribute('role')).to.equal('alert');
      expect(part(el, 'retry'), 'no Retry: the same settings are refused the same way').to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('a failed load is reported once, by <llm-model>; the element shows it, and only Retry recovers', async () => {
      const { model, el } = await setup(subject, 'temperature="0" max-tokens="8"', '', uniqueModelUrl('fail-once'));
      const fromModel: string[] = [];
      const fromElement: string[] = [];
      model.addEventListener('llm-error', (e) => (e.target === model ? fromModel : fromElement).push(e.detail.code));
      const failed = await subject.start(el, 'Once upon a time');
      if (failed) expect(failed.finishReason).to.equal('error');
      await el.updateComplete;
      expect(fromModel).to.have.length(1);
      expect(fromElement).to.deep.equal([], 'the element does not report the load again');
      expect(el.getAttribute('status')).to.equal('error');
      if (subject.settlesOnLoadFailure) {
        const again = await subject.start(el, 'Once upon a time');
        expect(again?.finishReason).to.equal('error', 'asking again does not recover by itself');
        await el.updateComplete;
        expect(el.getAttribute('status')).to.equal('error');
        expect(fromModel).to.have.length(1, 'the load is not retried, so not reported again');
      }
      const retry = part(el, 'retry');
      expect(retry, 'a Retry button').to.exist;
      const ready = oneEvent(model, 'llm-ready');
      retry!.click();
      await ready;
      await waitUntil(() => el.getAttribute('status') !== 'error', 'the error clears after Retry');
      expect(part(el, 'error')).to.equal(null);
    });

    it('removing the element mid-answer aborts only its request; the shared engine serves the next one', async () => {
      const { model, el } = await setup(subject, 'temperature="0" max-tokens="400"');
      const response = oneEvent(el, 'llm-response');
      void subject.start(el, 'Once upon a time');
      await oneEvent(el, 'llm-token');
      el.remove();
      expect((await response).detail.finishReason).to.equal('abort');
      const next = await model.engine.complete('Once upon a time', { max_tokens: 8, temperature: 0 }).result;
      expect(next.finishReason).to.be.oneOf(['stop', 'length']);
      expect(next.text.length).to.be.greaterThan(0);
    });

    if (subject.movable) {
      it('moving the element mid-answer (out and back into the page in one task) keeps its answer going', async () => {
        const { model, el } = await setup(subject, 'temperature="0" max-tokens="60"');
        const response = oneEvent(el, 'llm-response');
        void subject.start(el, 'Once upon a time');
        await oneEvent(el, 'llm-token');
        const box = document.createElement('div');
        model.append(box);
        box.append(el); // a move: disconnected and connected again at once
        const { detail } = await response;
        expect(detail.finishReason).to.be.oneOf(['stop', 'length'], 'not aborted by the move');
        expect(detail.text.length).to.be.greaterThan(0);
      });
    }

    it('shows its status as a custom state (:state(…)) and a read-only status, the same as the attribute', async () => {
      const { el } = await setup(subject, 'temperature="0" max-tokens="400"');
      const response = oneEvent(el, 'llm-response');
      void subject.start(el, 'Once upon a time');
      await oneEvent(el, 'llm-token');
      await el.updateComplete;
      const during = [el.status, el.matches(':state(generating)'), el.getAttribute('status')];
      el.stop();
      await response;
      await el.updateComplete;
      expect(during).to.deep.equal(['generating', true, 'generating']);
      expect([el.status, el.matches(':state(ready)'), el.matches(':state(generating)')]).to.deep.equal([
        'ready',
        true,
        false,
      ]);
      expect(el.getAttribute('status')).to.equal('ready');
      expect(() => ((el as { status: string }).status = 'error'), 'status is read-only').to.throw(TypeError);
    });

    it('llm-ready comes before the first llm-token of a request made while the model loads', async () => {
      const { model, el } = await setup(subject, 'temperature="0" max-tokens="8"', '', uniqueModelUrl('slow'));
      const order: string[] = [];
      model.addEventListener('llm-ready', () => order.push('ready'));
      el.addEventListener('llm-token', () => order.push('token'), { once: true });
      const statuses = new Set<string>();
      const observer = new MutationObserver(() => statuses.add(el.getAttribute('status') ?? ''));
      observer.observe(el, { attributeFilter: ['status'] });
      await subject.start(el, 'Once upon a time');
      observer.disconnect();
      expect(order).to.deep.equal(['ready', 'token']);
      expect([...statuses]).to.include.members(['loading', 'generating']);
    });
  });
}
