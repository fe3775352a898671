// <llm-complete> on real llama.cpp (wllama) with stories260K: inline ghost text and prompt → text.
import { aTimeout, expect, fixture, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { LlmComplete, LlmModel } from '../../src/index.js';
import { MODEL_URL, STORY_WORDS } from '../helpers/model.js';
import { next, part } from '../helpers/chat.js';

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

async function typeAndWaitForSuggestion(complete: LlmComplete, input: Field, text: string) {
  input.focus();
  await sendKeys({ type: text });
  await next(complete, 'llm-response');
  await complete.updateComplete;
}

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
      expect(complete.value).to.equal(suggestion);
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
      const accepted = next(complete, 'llm-accept');
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
    const dismissed = next(complete, 'llm-dismiss');
    await sendKeys({ press: 'Escape' });
    expect((await dismissed).detail.suggestion).to.equal(suggestion);
    await complete.updateComplete;
    expect(part(complete, 'ghost')).to.equal(null);
    expect(input.value).to.equal('Once upon a time');
    await sendKeys({ press: 'Tab' });
    expect(input.value).to.equal('Once upon a time', 'Tab no longer inserts anything');
  });

  it('typing while a request is pending cancels it at once: no stale suggestion ever appears', async () => {
    const { complete, input } = await inlineFixture('<textarea aria-label="Story"></textarea>', 'max-tokens="200"');
    input.focus();
    await sendKeys({ type: 'Once upon a time' });
    await waitUntil(() => complete.status === 'generating', 'the request is running');
    complete.delay = 60_000; // no new pause will ask again
    await sendKeys({ type: ',' });
    await complete.updateComplete;
    expect(suggestionOf(complete)).to.equal('');
    await aTimeout(800);
    await complete.updateComplete;
    expect(part(complete, 'ghost')).to.equal(null, 'the cancelled answer never shows');
    expect(complete.status).to.not.equal('generating');
    expect(input.value).to.equal('Once upon a time,');
  });

  it('asks nothing while the caret is not at the end of the text', async () => {
    const { complete, input } = await inlineFixture();
    let asked = false;
    complete.addEventListener('llm-token', () => (asked = true));
    input.focus();
    await sendKeys({ type: 'Once upon a time' });
    await sendKeys({ press: 'ArrowLeft' });
    await aTimeout(500);
    expect(asked).to.equal(false);
    expect(part(complete, 'ghost')).to.equal(null);
  });

  it('stop="sentence" ends the suggestion at the end of a sentence', async () => {
    const { complete, input } = await inlineFixture(undefined, 'stop="sentence" max-tokens="40"');
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

describe('<llm-complete> prompt → text', () => {
  afterEach(() => fixtureCleanup());

  it('generates on connect and streams a story into itself', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-complete prompt="Once upon a time" max-tokens="40" temperature="0"></llm-complete></llm-model>`,
    );
    const complete = model.querySelector<LlmComplete>('llm-complete')!;
    const tokens: string[] = [];
    complete.addEventListener('llm-token', (e) => tokens.push(e.detail.delta));
    const { detail } = await next(complete, 'llm-response');
    await complete.updateComplete;
    expect(detail.text).to.match(STORY_WORDS);
    expect(tokens.join('')).to.equal(detail.text);
    expect(complete.value).to.equal(detail.text);
    expect(complete.status).to.equal('complete');
    expect(part(complete, 'output')?.textContent?.trim()).to.equal(detail.text.trim());
    await expect(complete).to.be.accessible();
  });

  it('three on a page share one engine and all finish; removing one leaves the others to finish', async () => {
    const model = await fixture<LlmModel>(`
      <llm-model src="${MODEL_URL}">
        <llm-complete id="a" prompt="Once upon a time" max-tokens="40" temperature="0"></llm-complete>
        <llm-complete id="b" prompt="Hello" max-tokens="40" temperature="0"></llm-complete>
        <llm-complete id="c" prompt="The little dog" max-tokens="40" temperature="0"></llm-complete>
      </llm-model>`);
    const [a, b, c] = [...model.querySelectorAll<LlmComplete>('llm-complete')];
    const done = [next(a!, 'llm-response'), next(c!, 'llm-response')];
    await next(a!, 'llm-token');
    b!.remove(); // queued behind a (or running): only its own request ends
    const [ra, rc] = await Promise.all(done);
    expect(ra!.detail.text.length).to.be.greaterThan(0);
    expect(rc!.detail.text.length).to.be.greaterThan(0);
    expect(b!.status).to.not.equal('complete');
    expect(a!.status).to.equal('complete');
    expect(c!.status).to.equal('complete');
  });

  it('for="id" feeds that element’s text into the prompt', async () => {
    const model = await fixture<LlmModel>(`
      <llm-model src="${MODEL_URL}">
        <p id="story-start">Once upon a time</p>
        <llm-complete for="story-start" prompt="{text}" max-tokens="20" temperature="0" manual></llm-complete>
      </llm-model>`);
    const complete = model.querySelector<LlmComplete>('llm-complete')!;
    const viaFor = await complete.run();
    const direct = await model.engine.complete('Once upon a time', { max_tokens: 20, temperature: 0 }).result;
    expect(viaFor?.text).to.equal(direct.text);
  });

  it('manual waits for run(); stop() ends it', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-complete manual prompt="Once upon a time" max-tokens="300" temperature="0"></llm-complete></llm-model>`,
    );
    const complete = model.querySelector<LlmComplete>('llm-complete')!;
    await aTimeout(200);
    expect(complete.status).to.equal('idle');
    expect(complete.value).to.equal('');
    const running = complete.run();
    await next(complete, 'llm-token');
    complete.stop();
    const detail = await running;
    expect(detail?.finishReason).to.equal('abort');
    expect(complete.value.length).to.be.greaterThan(0);
  });

  it('renders generated text sanitized (raw HTML shows as text)', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-complete manual prompt="x"></llm-complete></llm-model>`,
    );
    const complete = model.querySelector<LlmComplete>('llm-complete')!;
    await complete.updateComplete;
    // The real model will not write HTML on demand; feed the same view the stream goes through.
    const view = (complete as unknown as { view: { set(t: string): void; rendered: Promise<void> } }).view;
    view.set('<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [x](javascript:alert(1))');
    await view.rendered;
    expect(complete.shadowRoot!.querySelectorAll('img, script')).to.have.length(0);
    expect(complete.shadowRoot!.querySelector('a')?.hasAttribute('href')).to.equal(false);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
