// <llm-text> on real llama.cpp (wllama) with stories260K: prompt → text, streamed into itself.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmModel, LlmText } from '../../src/index.js';
import { MODEL_URL, STORY_WORDS } from '../helpers/model.js';
import { part } from '../helpers/chat.js';
import { SCRIPTED_FAILURE, engineWhoseAnswersFail, providing } from '../helpers/failing-answers.js';
import { nextEvent, within } from '../helpers/wait.js';

describe('<llm-text>', () => {
  afterEach(() => fixtureCleanup());

  it('generates on connect and streams a story into itself', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-text prompt="Once upon a time" max-tokens="40" temperature="0"></llm-text></llm-model>`,
    );
    const element = model.querySelector<LlmText>('llm-text')!;
    const tokens: string[] = [];
    element.addEventListener('llm-token', (e) => tokens.push(e.detail.delta));
    const { detail } = await nextEvent(element, 'llm-response', 30_000);
    // What the page reads when it hears llm-response is the whole text, already shown.
    expect(part(element, 'output')?.textContent?.trim()).to.equal(detail.text.trim());
    await element.updateComplete;
    expect(detail.text).to.match(STORY_WORDS);
    expect(tokens.join('')).to.equal(detail.text);
    expect(element.text).to.equal(detail.text);
    expect(element.status).to.equal('ready');
    await expect(element).to.be.accessible();
  });

  it('three on a page share one engine and all finish; removing one leaves the others to finish', async () => {
    const model = await fixture<LlmModel>(`
      <llm-model src="${MODEL_URL}">
        <llm-text id="a" prompt="Once upon a time" max-tokens="40" temperature="0"></llm-text>
        <llm-text id="b" prompt="Hello" max-tokens="40" temperature="0"></llm-text>
        <llm-text id="c" prompt="The little dog" max-tokens="40" temperature="0"></llm-text>
      </llm-model>`);
    const [a, b, c] = [...model.querySelectorAll<LlmText>('llm-text')];
    const done = [nextEvent(a!, 'llm-response', 30_000), nextEvent(c!, 'llm-response', 30_000)];
    const bEnded = nextEvent(b!, 'llm-response', 30_000);
    await nextEvent(a!, 'llm-token', 30_000);
    b!.remove(); // queued behind a (or running): only its own request ends
    const [ra, rc] = await Promise.all(done);
    expect(ra!.detail.text.length).to.be.greaterThan(0);
    expect(rc!.detail.text.length).to.be.greaterThan(0);
    expect((await bEnded).detail.finishReason).to.equal('abort', 'only the removed one was stopped');
    await Promise.all([a!.updateComplete, c!.updateComplete]);
    expect(a!.status).to.equal('ready');
    expect(c!.status).to.equal('ready');
  });

  it('for="id" feeds that element’s text into the prompt', async () => {
    const model = await fixture<LlmModel>(`
      <llm-model src="${MODEL_URL}">
        <p id="story-start">Once upon a time</p>
        <llm-text for="story-start" prompt="{text}" max-tokens="20" temperature="0" manual></llm-text>
      </llm-model>`);
    const element = model.querySelector<LlmText>('llm-text')!;
    const viaFor = await element.run();
    const direct = await model.engine.complete('Once upon a time', { max_tokens: 20, temperature: 0 }).result;
    expect(viaFor?.text).to.equal(direct.text);
  });

  it('manual waits for run(); stop() ends it', async () => {
    // The witness, a non-manual element after it with no <llm-model> (so it fails at once, fetching
    // nothing), starts in the task after its first update: once its llm-error fired, a manual element
    // that wrongly started on its own (its first update came first) would have started too.
    const witnessStarted = nextEvent(document, 'llm-error', 5_000, 'the non-manual witness starting');
    const root = await fixture<HTMLElement>(
      `<div><llm-model src="${MODEL_URL}"><llm-text manual prompt="Once upon a time" max-tokens="300" temperature="0"></llm-text></llm-model>` +
        `<llm-text id="witness" prompt="Once upon a time"></llm-text></div>`,
    );
    const element = root.querySelector<LlmText>('llm-model llm-text')!;
    const heard: string[] = [];
    for (const type of ['llm-token', 'llm-response', 'llm-error'] as const) {
      element.addEventListener(type, () => heard.push(type));
    }
    expect((await witnessStarted).target).to.equal(root.querySelector('#witness'));
    await element.updateComplete;
    expect(element.status).to.equal('idle', 'nothing was asked, so nothing loaded');
    expect(heard).to.deep.equal([]);
    expect(element.text).to.equal('');
    const running = element.run();
    await nextEvent(element, 'llm-token', 30_000, 'the first token after run()');
    element.stop();
    const detail = await within(running, 10_000, 'the text ending after stop()');
    expect(detail?.finishReason).to.equal('abort');
    expect(element.text.length).to.be.greaterThan(0);
  });

  it('Retry after a failed text generates again, and the text shows (stand-in backend: llama.cpp whose first answer fails)', async () => {
    const { engine, script } = engineWhoseAnswersFail(MODEL_URL, 1);
    const model = providing(engine, '<llm-text prompt="Once upon a time" max-tokens="20" temperature="0"></llm-text>');
    const element = model.querySelector<LlmText>('llm-text')!;
    const failed = nextEvent(element, 'llm-error', 30_000, 'llm-error for the text generated on connect');
    await fixture(html`${model}`);
    expect((await failed).detail.code).to.equal('inference');
    expect(script.failed).to.equal(1);
    await element.updateComplete;
    expect(part(element, 'error')?.textContent).to.include(SCRIPTED_FAILURE);
    expect(element.status).to.equal('error');

    const answered = nextEvent(element, 'llm-response', 10_000, 'a text after Retry');
    part(element, 'retry')!.click();
    const { detail } = await answered;
    expect(detail.text).to.match(STORY_WORDS);
    await element.updateComplete;
    expect(part(element, 'error'), 'the error is gone').to.equal(null);
    expect(element.status).to.equal('ready');
    expect(part(element, 'output')?.textContent?.trim()).to.equal(detail.text.trim());
    await engine.unload();
  });

  it('renders generated text sanitized (raw HTML shows as element)', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}"><llm-text manual prompt="x"></llm-text></llm-model>`,
    );
    const element = model.querySelector<LlmText>('llm-text')!;
    await element.updateComplete;
    // The real model will not write HTML on demand; feed the same view the stream goes through.
    const { promptText } = element as unknown as {
      promptText: { loadView(): Promise<void>; view: { set(t: string): void; rendered: Promise<void> } };
    };
    await promptText.loadView();
    const { view } = promptText;
    view.set('<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [x](javascript:alert(1))');
    await view.rendered;
    expect(element.shadowRoot!.querySelectorAll('img, script')).to.have.length(0);
    expect(element.shadowRoot!.querySelector('a')?.hasAttribute('href')).to.equal(false);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
