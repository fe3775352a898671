// <llm-complete> on real llama.cpp (wllama) with stories260K: inline ghost text (and the deprecated prompt mode).
import { expect, fixture, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { LlmComplete, LlmModel } from '../../src/index.js';
import { MODEL_URL, STORY_WORDS } from '../helpers/model.js';
import { part } from '../helpers/chat.js';
import { nextEvent, within } from '../helpers/wait.js';

type Field = HTMLTextAreaElement | HTMLInputElement;

async function inlineFixture(field = '<textarea name="body" aria-label="Story"></textarea>', attrs = '') {
  const model = await fixture<LlmModel>(
    `<llm-model src="${MODEL_URL}"><form><llm-complete temperature="0" delay="150" ${attrs}>${field}</llm-complete></form></llm-model>`,
  );
  await model.load();
  const complete = model.querySelector<LlmComplete>('llm-complete')!;
  const input = complete.querySelector<Field>('textarea, input')!;
  await complete.updateComplete;
  return { model, complete, input, form: model.querySelector('form')! };
}

const suggestionOf = (el: LlmComplete) => part(el, 'suggestion')?.textContent ?? '';
/** Whether ghost text shows (the overlay stays in the shadow root, hidden when there is none). */
const ghostShown = (el: LlmComplete) => part(el, 'ghost')?.hidden === false;

async function typeAndWaitForSuggestion(complete: LlmComplete, input: Field, text: string) {
  input.focus();
  await sendKeys({ type: text });
  await nextEvent(complete, 'llm-response', 30_000);
  await complete.updateComplete;
}

// First in this file, so the page has not loaded the completion's code yet (it loads with a field).
describe('<llm-complete> loads its inline code with the first field', () => {
  afterEach(() => fixtureCleanup());

  it('a field slotted after connecting, then swapped while that code loads: the new field gets suggestions', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-complete temperature="0" delay="150"></llm-complete></llm-model>`,
    );
    await model.load();
    const complete = model.querySelector<LlmComplete>('llm-complete')!;
    await complete.updateComplete;
    const slotChanged = () =>
      within(
        new Promise((resolve) => complete.shadowRoot!.addEventListener('slotchange', resolve, { once: true })),
        5_000,
        'slotchange',
      );

    const first = Object.assign(document.createElement('textarea'), { ariaLabel: 'First' });
    let changed = slotChanged();
    complete.append(first);
    await changed;
    // Inline at once, before the code is there: run() does not generate, there is no text.
    expect(first.hasAttribute('aria-describedby')).to.equal(false, 'the code has not loaded yet');
    expect(await complete.run()).to.equal(null);
    expect(complete.text).to.equal('');

    const second = Object.assign(document.createElement('input'), { type: 'text', ariaLabel: 'Second' });
    changed = slotChanged();
    first.replaceWith(second);
    await changed;
    await complete.updateComplete; // waits for the code too
    expect(part(complete, 'ghost'), 'the overlay is rendered').to.exist;
    expect(first.hasAttribute('aria-describedby')).to.equal(false, 'the swapped-out field is left alone');
    const descriptions = model.querySelectorAll('[data-llm-complete="description"]');
    expect(descriptions).to.have.length(1);
    expect(second.getAttribute('aria-describedby')).to.equal(descriptions[0]!.id);

    await typeAndWaitForSuggestion(complete, second, 'Once upon a time');
    expect(suggestionOf(complete)).to.match(STORY_WORDS);
    expect(ghostShown(complete)).to.equal(true);
    expect(complete.text).to.equal(suggestionOf(complete));
  });
});

describe('<llm-complete> inline', () => {
  afterEach(() => fixtureCleanup());

  for (const [kind, markup] of [
    ['textarea', '<textarea name="body" aria-label="Story"></textarea>'],
    ['input', '<input type="text" name="body" aria-label="Story" />'],
  ] as const) {
    it(`on a ${kind}: a pause shows ghost text after the caret; Tab inserts it and fires input`, async () => {
      const { complete, input, form } = await inlineFixture(markup);
      await typeAndWaitForSuggestion(complete, input, 'Once upon a time');
      const suggestion = suggestionOf(complete);
      expect(suggestion).to.match(STORY_WORDS);
      expect(input.value).to.equal('Once upon a time', 'the value is untouched while suggesting');
      expect(complete.text).to.equal(suggestion);
      const ghost = part(complete, 'ghost')!;
      expect(ghost.getAttribute('aria-hidden')).to.equal('true');
      // The ghost lies exactly over the field, holding (invisibly) the typed text and then the suggestion.
      expect(getComputedStyle(ghost).fontFamily).to.equal(getComputedStyle(input).fontFamily);
      expect(getComputedStyle(ghost).paddingLeft).to.equal(getComputedStyle(input).paddingLeft);
      const [g, f] = [ghost.getBoundingClientRect(), input.getBoundingClientRect()];
      for (const side of ['left', 'top', 'width', 'height'] as const) expect(g[side]).to.be.closeTo(f[side], 0.5);
      expect([...ghost.childNodes].map((n) => n.textContent)).to.deep.equal([input.value, suggestion]);
      const description = document.getElementById(input.getAttribute('aria-describedby')!.split(' ').at(-1)!);
      expect(description?.textContent).to.include(suggestion.trim());

      const inputEvents: InputEvent[] = [];
      input.addEventListener('input', (e) => inputEvents.push(e as InputEvent));
      const accepted = nextEvent(complete, 'llm-accept', 30_000);
      await sendKeys({ press: 'Tab' });
      const { detail } = await accepted;
      expect(input.value).to.equal(`Once upon a time${suggestion}`);
      expect(detail).to.deep.equal({ suggestion, value: input.value });
      expect(inputEvents).to.have.length(1);
      expect(inputEvents[0]!.isTrusted, 'a real input event').to.equal(true);
      expect(document.activeElement).to.equal(input, 'Tab did not move focus');
      expect(suggestionOf(complete)).to.equal('');
      expect(new FormData(form).get('body')).to.equal(input.value, 'the form submits the accepted text');
    });
  }

  it('Escape dismisses the suggestion and leaves the value alone', async () => {
    const { complete, input } = await inlineFixture();
    await typeAndWaitForSuggestion(complete, input, 'Once upon a time');
    const suggestion = suggestionOf(complete);
    expect(suggestion).not.to.equal('');
    const dismissed = nextEvent(complete, 'llm-dismiss', 30_000);
    await sendKeys({ press: 'Escape' });
    expect((await dismissed).detail.suggestion).to.equal(suggestion);
    await complete.updateComplete;
    expect(ghostShown(complete)).to.equal(false);
    expect(input.value).to.equal('Once upon a time');
    await sendKeys({ press: 'Tab' });
    expect(input.value).to.equal('Once upon a time', 'Tab no longer inserts anything');
  });

  it('typing while a request is pending cancels it at once: no stale suggestion ever appears', async () => {
    const { model, complete, input } = await inlineFixture('<textarea aria-label="Story"></textarea>');
    // The engine busy with an answer that cannot end by itself (its grammar never lets it): the
    // suggestion's request waits behind it however slowly the keys arrive, and cannot end first.
    const blocker = new AbortController();
    const busy = model.engine.complete('a', {
      grammar: 'root ::= "a" root',
      max_tokens: 100_000,
      signal: blocker.signal,
    });
    try {
      input.focus();
      await sendKeys({ type: 'Once upon a time' });
      await waitUntil(() => complete.status === 'waiting', 'the request is pending');
      complete.delay = 60_000; // no new pause will ask again
      const ended = nextEvent(complete, 'llm-response', 30_000);
      let tokensAfter = 0;
      await sendKeys({ type: ',' });
      complete.addEventListener('llm-token', () => tokensAfter++);
      expect(suggestionOf(complete)).to.equal('');
      expect((await ended).detail.finishReason).to.equal('abort', 'the keystroke aborted the request');
      await complete.updateComplete;
      expect(ghostShown(complete)).to.equal(false, 'the cancelled answer never shows');
      expect(tokensAfter).to.equal(0, 'no token after the keystroke');
      expect(input.value).to.equal('Once upon a time,');
    } finally {
      blocker.abort();
    }
    expect((await busy.result).finishReason).to.equal('abort');
    await waitUntil(() => complete.status === 'ready', 'the field is ready again');
  });

  it('asks nothing while the caret is not at the end of the text', async () => {
    // delay 0: a pause is over before the next key arrives, so a wrong request would start (and
    // then be aborted by that key, ending with an llm-response 'abort').
    const { complete, input } = await inlineFixture(undefined, 'delay="0"');
    complete.delay = 60_000;
    input.focus();
    await sendKeys({ type: 'Once upon a time' });
    const finishes: string[] = [];
    complete.addEventListener('llm-response', (e) => finishes.push(e.detail.finishReason));
    complete.delay = 0;
    await sendKeys({ press: 'Home' });
    await sendKeys({ type: 'X' }); // typed with the caret at the start
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' ' }); // typed at the end: this one asks
    await waitUntil(() => finishes.length > 0, 'the request typed at the end finishes');
    expect(finishes).to.have.length(1, 'one request in all');
    expect(finishes[0]).to.be.oneOf(['stop', 'length'], 'the only request was the one typed at the end');
  });

  it('stop-at="sentence" ends the suggestion at the end of a sentence', async () => {
    const { complete, input } = await inlineFixture(undefined, 'stop-at="sentence" max-tokens="40"');
    await typeAndWaitForSuggestion(complete, input, 'Once upon a time');
    expect(suggestionOf(complete)).to.match(/^[^.!?]*[.!?]$/);
  });

  it('is accessible with and without a suggestion', async () => {
    const { model, complete, input } = await inlineFixture();
    await expect(model).to.be.accessible();
    await typeAndWaitForSuggestion(complete, input, 'Once upon a time');
    await expect(model).to.be.accessible();
    const live = complete.shadowRoot!.querySelector('[role="status"][aria-live="polite"]');
    expect(live?.textContent).to.match(/Suggestion: .*Press Tab to accept/);
  });
});

describe('<llm-complete prompt>, the deprecated alias of <llm-text>', () => {
  afterEach(() => fixtureCleanup());

  it('generates on connect and streams into its output part, as <llm-text> does, and warns once', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const model = await fixture<LlmModel>(
        `<llm-model src="${MODEL_URL}"><llm-complete prompt="Once upon a time" max-tokens="40" temperature="0"></llm-complete><llm-complete prompt="Hello" max-tokens="8"></llm-complete></llm-model>`,
      );
      const [complete, other] = [...model.querySelectorAll<LlmComplete>('llm-complete')];
      const [{ detail }] = await Promise.all([
        nextEvent(complete!, 'llm-response', 30_000),
        nextEvent(other!, 'llm-response', 30_000),
      ]);
      await complete!.updateComplete;
      expect(detail.text).to.match(STORY_WORDS);
      expect(part(complete!, 'output')?.textContent?.trim()).to.equal(detail.text.trim());
      expect(complete!.text).to.equal(detail.text);
      expect(complete!.status).to.equal('ready');
      const direct = await model.engine.complete('Once upon a time', { max_tokens: 40, temperature: 0 }).result;
      expect(detail.text).to.equal(direct.text, 'the same text <llm-text> writes');
      expect(warnings.filter((w) => w.includes('<llm-complete prompt> is deprecated'))).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });
});
