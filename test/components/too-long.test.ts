// A visitor's text longer than the model's context window (<llm-model context-size="256">, real
// llama.cpp and stories260K): a plain error and `llm-error` (too-long), Retry only where shortening
// can make it succeed, nothing the visitor wrote is lost, and the next short request answers.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { LlmChat, LlmComplete, LlmModel } from '../../src/index.js';
import { MODEL_URL } from '../helpers/model.js';
import { part, transcript, typeAndSend } from '../helpers/chat.js';
import { nextEvent, within } from '../helpers/wait.js';

/** About 320 of stories260K's tokens: past a 256-token context on its own. */
const LONG = 'Once upon a time there was a little girl named Lily who liked to play in the park. '.repeat(12).trim();

function expectPlainTooLong(message: string | undefined): void {
  expect(message).to.match(/^The text is too long for this model: it is about \d+ tokens/);
  expect(message).to.include('reads at most 256 at once');
  expect(message).to.include('Shorten it.');
  expect(message).not.to.match(/Generation failed|exceeds|available context|try increasing/);
}

describe('input too long for the model (context-size 256)', () => {
  afterEach(() => fixtureCleanup());

  it('<llm-chat>: a message too long says so in plain words, comes back to the field, offers no Retry; a short one then answers', async () => {
    const model = await fixture<LlmModel>(
      `<llm-model src="${MODEL_URL}" context-size="256"><llm-chat temperature="0" max-tokens="20"></llm-chat></llm-model>`,
    );
    const chat = model.querySelector<LlmChat>('llm-chat')!;
    const first = await typeAndSend(chat, 'Once upon a time');
    const history = [
      { role: 'user', content: 'Once upon a time' },
      { role: 'assistant', content: first.detail.text },
    ];

    const field = part(chat, 'input') as HTMLTextAreaElement;
    field.focus();
    field.value = LONG; // as pasted
    const failed = nextEvent(chat, 'llm-error', 30_000, 'llm-error for the message too long');
    await sendKeys({ press: 'Enter' });
    const { detail } = await failed;
    expect(detail.code).to.equal('too-long');
    expectPlainTooLong(detail.message);

    await chat.updateComplete;
    expect(part(chat, 'error')?.textContent).to.include(detail.message);
    expect(part(chat, 'retry'), 'no Retry: the same message would fail again').to.equal(null);
    expect(chat.getAttribute('status')).to.equal('error');
    expect(field.value).to.equal(LONG, 'the message is back in the field, to be shortened');
    expect(chat.messages).to.deep.equal(history, 'the conversation before it is kept, without it');
    expect(transcript(chat)).to.deep.equal([history[0]!.content, history[1]!.content.trim()]);

    field.value = '';
    const next = await typeAndSend(chat, 'And then?');
    expect(next.detail.finishReason).to.be.oneOf(['stop', 'length']);
    expect(next.detail.text.trim()).not.to.equal('');
    await chat.updateComplete;
    expect(part(chat, 'error'), 'the error is gone').to.equal(null);
    expect(chat.messages).to.deep.equal([
      ...history,
      { role: 'user', content: 'And then?' },
      { role: 'assistant', content: next.detail.text },
    ]);
  });

  it('<llm-complete> with a prompt too long: the plain error and llm-error, no Retry', async () => {
    const model = await fixture<LlmModel>(
      html`<llm-model src=${MODEL_URL} context-size="256"
        ><llm-complete manual prompt=${LONG} temperature="0" max-tokens="20"></llm-complete
      ></llm-model>`,
    );
    const complete = model.querySelector<LlmComplete>('llm-complete')!;
    const failed = nextEvent(complete, 'llm-error', 30_000, 'llm-error for the prompt too long');
    const result = await within(complete.run(), 30_000, 'the run ending');
    expect(result?.finishReason).to.equal('error');
    expect((await failed).detail.code).to.equal('too-long');
    await complete.updateComplete;
    expectPlainTooLong(part(complete, 'error')?.textContent?.trim());
    expect(part(complete, 'retry'), 'no Retry: the page’s prompt would fail again').to.equal(null);
  });

  it('<llm-complete for="…"> an editable field: Retry shows, and after shortening the field it answers', async () => {
    const model = await fixture<LlmModel>(
      html`<div>
        <textarea id="article" aria-label="Article" .value=${LONG}></textarea>
        <llm-model src=${MODEL_URL} context-size="256"
          ><llm-complete manual for="article" prompt="{text}" temperature="0" max-tokens="20"></llm-complete
        ></llm-model>
      </div>`,
    );
    const complete = model.querySelector<LlmComplete>('llm-complete')!;
    const failed = nextEvent(complete, 'llm-error', 30_000, 'llm-error for the article too long');
    void complete.run();
    expect((await failed).detail.code).to.equal('too-long');
    await complete.updateComplete;
    const retry = part(complete, 'retry');
    expect(retry, 'Retry: the visitor can shorten the field it reads').to.exist;

    model.querySelector('textarea')!.value = 'Once upon a time';
    const answered = nextEvent(complete, 'llm-response', 30_000, 'an answer after Retry');
    retry!.click();
    const { detail } = await answered;
    expect(detail.finishReason).to.be.oneOf(['stop', 'length']);
    await complete.updateComplete;
    expect(part(complete, 'error')).to.equal(null);
  });
});
