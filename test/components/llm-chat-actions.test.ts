// The actions on <llm-chat>'s messages (copy, edit, regenerate, versions, delete), their events and
// how they are saved, on real llama.cpp (wllama) with the real stories260K model, greedy.
import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ChatMessage } from '../../src/engine/core/types.js';
import type { LlmChat, LlmModel } from '../../src/index.js';
import { loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import { part, parts, transcript } from '../helpers/chat.js';
import { MODEL_URL } from '../helpers/model.js';
import { nextEvent, waitFor } from '../helpers/wait.js';

async function chatFixture(attrs = '') {
  const model = await fixture<LlmModel>(
    `<llm-model src="${MODEL_URL}"><llm-chat temperature="0" max-tokens="16" ${attrs}></llm-chat></llm-model>`,
  );
  const chat = model.querySelector<LlmChat>('llm-chat')!;
  await chat.updateComplete;
  return { model, chat };
}

/** The actions under the message at `index`. */
const actionsOf = (chat: LlmChat, index: number) =>
  chat.shadowRoot!.querySelector<HTMLElement>(`[part~="actions"][data-index="${index}"]`);

/** A button of the message at `index`, once the actions (loaded with the first message) show. */
const button = (chat: LlmChat, index: number, name: string) =>
  waitFor(
    () => actionsOf(chat, index)?.querySelector<HTMLButtonElement>(`[part~="${name}"]`),
    5_000,
    `the ${name} button of message ${index}`,
  );

/** Focuses `target` and presses Enter on it, as a keyboard user would. */
async function press(target: HTMLElement, key = 'Enter') {
  target.focus();
  await sendKeys({ press: key });
}

/** The messages every engine.chat() call was sent, from now on. */
function recordRequests(model: LlmModel): ChatMessage[][] {
  const sent: ChatMessage[][] = [];
  const chat = model.engine.chat.bind(model.engine);
  model.engine.chat = (messages, options) => (sent.push(messages.map((m) => ({ ...m }))), chat(messages, options));
  return sent;
}

before(() => loadMarkdownRenderer());
afterEach(() => fixtureCleanup());

describe('<llm-chat> message actions', () => {
  it('edit: a new branch is sent and shown, the old one browsable; messages follows the branch shown', async () => {
    const { model, chat } = await chatFixture();
    const sent = recordRequests(model);
    await chat.send('Once upon a time');
    await chat.send('The dog');
    const first = chat.messages;
    expect(first).to.have.length(4);

    const edits: unknown[] = [];
    chat.addEventListener('llm-edit', (e) => edits.push(e.detail));
    await press(await button(chat, 0, 'edit-button'));
    await chat.updateComplete;
    const field = part(chat, 'edit-input') as HTMLTextAreaElement;
    expect(field, 'the editor is open').to.exist;
    expect(chat.shadowRoot!.activeElement).to.equal(field, 'the field has focus');
    expect(field.value).to.equal('Once upon a time');
    await expect(chat).to.be.accessible();
    field.select();
    const response = nextEvent(chat, 'llm-response', 30_000);
    await sendKeys({ type: 'Lily' });
    await press(part(chat, 'save-button')!);
    const { detail } = await response;
    await chat.updateComplete;

    expect(edits).to.deep.equal([{ index: 0, content: 'Lily' }]);
    expect(chat.messages).to.deep.equal([
      { role: 'user', content: 'Lily' },
      { role: 'assistant', content: detail.text },
    ]);
    expect(sent.at(-1)).to.deep.equal([{ role: 'user', content: 'Lily' }], 'the model is sent the new branch');
    expect(part(chat, 'versions')?.getAttribute('aria-label')).to.equal('Version 2 of 2');
    await expect(chat).to.be.accessible();

    // Back to the first version: the conversation that followed it comes back.
    const changes: unknown[] = [];
    chat.addEventListener('llm-version-change', (e) => changes.push(e.detail));
    await press(await button(chat, 0, 'previous-version'));
    await chat.updateComplete;
    expect(chat.messages).to.deep.equal(first);
    expect(changes).to.deep.equal([{ index: 0, version: 1, count: 2 }]);
    expect(transcript(chat)).to.have.length(4);
    expect(chat.shadowRoot!.activeElement?.getAttribute('part')).to.equal('previous-version', 'focus stays');
    expect(part(chat, 'previous-version')?.getAttribute('aria-disabled')).to.equal('true');

    // And what is sent next follows the branch shown.
    await chat.send('The end');
    expect(sent.at(-1)?.slice(0, 4)).to.deep.equal(first);
  });

  it('Escape cancels an edit and gives the focus back to Edit', async () => {
    const { chat } = await chatFixture();
    await chat.send('Once upon a time');
    await press(await button(chat, 0, 'edit-button'));
    await chat.updateComplete;
    await sendKeys({ type: ' more' });
    await sendKeys({ press: 'Escape' });
    await chat.updateComplete;
    expect(part(chat, 'editor')).to.equal(null);
    expect(chat.messages[0]).to.deep.equal({ role: 'user', content: 'Once upon a time' });
    await waitFor(
      () => chat.shadowRoot!.activeElement?.getAttribute('part') === 'edit-button',
      2_000,
      'focus back on Edit',
    );
  });

  it('regenerate twice: three versions, browsed with ◀ ▶ by keyboard; events say which', async () => {
    const { chat } = await chatFixture();
    const { text } = (await chat.send('Once upon a time'))!;
    const regenerations: unknown[] = [];
    chat.addEventListener('llm-regenerate', (e) => regenerations.push(e.detail));
    for (let i = 0; i < 2; i++) {
      const response = nextEvent(chat, 'llm-response', 30_000);
      await press(await button(chat, 1, 'regenerate-answer'));
      await response;
      await chat.updateComplete;
    }
    expect(regenerations).to.deep.equal([{ index: 1 }, { index: 1 }]);
    expect(chat.messages).to.have.length(2, 'a new version takes the place, not a new turn');
    expect(chat.messages[1]!.content).to.equal(text, 'greedy: the same answer');
    expect(part(chat, 'versions')?.getAttribute('aria-label')).to.equal('Version 3 of 3');
    expect(part(chat, 'versions')?.textContent).to.match(/3\/3/);
    await expect(chat).to.be.accessible();

    const previous = await button(chat, 1, 'previous-version');
    await press(previous);
    await press(previous);
    await chat.updateComplete;
    expect(part(chat, 'versions')?.getAttribute('aria-label')).to.equal('Version 1 of 3');
    await press(await button(chat, 1, 'next-version'));
    await chat.updateComplete;
    expect(part(chat, 'versions')?.getAttribute('aria-label')).to.equal('Version 2 of 3');
    await waitFor(
      () => chat.shadowRoot!.querySelector('[role="status"]')?.textContent?.includes('Version 2 of 3'),
      2_000,
      'the version announced',
    );
    await expect(chat).to.be.accessible();
  });

  it('a cancelled llm-regenerate or llm-delete changes nothing', async () => {
    const { chat } = await chatFixture();
    await chat.send('Once upon a time');
    const before = chat.messages;
    chat.addEventListener('llm-regenerate', (e) => e.preventDefault());
    chat.addEventListener('llm-delete', (e) => e.preventDefault());
    expect(await chat.regenerate(1)).to.equal(null);
    expect(await chat.deleteTurn(0)).to.equal(false);
    expect(chat.messages).to.deep.equal(before);
  });

  it('delete: the turn (message and answer) goes, the turns after it stay', async () => {
    const { chat } = await chatFixture();
    await chat.send('Once upon a time');
    await chat.send('The dog');
    const after = chat.messages.slice(2);
    const deletions: unknown[] = [];
    chat.addEventListener('llm-delete', (e) => deletions.push(e.detail));
    await press(await button(chat, 1, 'delete-turn'));
    await chat.updateComplete;
    expect(deletions).to.deep.equal([{ index: 0, count: 2 }]);
    expect(chat.messages).to.deep.equal(after);
    expect(transcript(chat)).to.have.length(2);
    await waitFor(
      () => chat.shadowRoot!.activeElement?.getAttribute('part') === 'log',
      2_000,
      'the focus in the conversation',
    );
    await expect(chat).to.be.accessible();
  });

  it('copy puts the message on the clipboard and says "Copied" politely', async () => {
    const { chat } = await chatFixture();
    await chat.send('Once upon a time');
    const copied: string[] = [];
    const clipboard = navigator.clipboard;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (copied.push(text), Promise.resolve()) },
    });
    try {
      await press(await button(chat, 0, 'copy-message'));
      const status = chat.shadowRoot!.querySelector('[role="status"]')!;
      await waitFor(() => status.textContent?.trim() === 'Copied', 2_000, '"Copied" announced');
      expect(status.getAttribute('aria-live')).to.equal('polite');
      expect(copied).to.deep.equal(['Once upon a time']);
      await press(await button(chat, 1, 'copy-message'));
      await waitFor(() => copied.length === 2, 2_000, 'the answer copied');
      expect(copied[1]).to.equal(chat.messages[1]!.content);
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
    }
  });

  it('actions are reachable by Tab and named', async () => {
    const { chat } = await chatFixture();
    await chat.send('Once upon a time');
    await button(chat, 1, 'delete-turn');
    const names = [...actionsOf(chat, 1)!.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(names).to.deep.equal(['Copy', 'Regenerate', 'Delete']);
    expect(part(chat, 'actions')?.getAttribute('aria-label')).to.equal('Message actions');
    part(chat, 'log')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(chat.shadowRoot!.activeElement?.getAttribute('part')).to.equal('copy-message');
    await sendKeys({ press: 'Tab' });
    expect(chat.shadowRoot!.activeElement?.getAttribute('part')).to.equal('edit-button');
  });
});

describe('<llm-chat> persist with versions', () => {
  const key = () => `actions-${Math.random().toString(36).slice(2)}`;

  it('saves every version and restores the one shown', async () => {
    const id = key();
    let { chat } = await chatFixture(`persist="${id}"`);
    await chat.send('Once upon a time');
    await chat.edit(0, 'Lily');
    await chat.regenerate(1);
    expect(await chat.selectVersion(0, 1)).to.equal(true);
    const shown = chat.messages;
    const saved = JSON.parse(localStorage.getItem(`llm-chat:${id}`)!) as { version: number; messages: unknown[] };
    expect(saved.version).to.equal(2);
    expect(saved.messages).to.have.length(5, 'two user versions, three answers');
    fixtureCleanup();

    ({ chat } = await chatFixture(`persist="${id}"`));
    await chat.updateComplete;
    expect(chat.messages).to.deep.equal(shown);
    const versions = await waitFor(() => part(chat, 'versions'), 5_000, 'the versions');
    expect(versions.getAttribute('aria-label')).to.equal('Version 1 of 2');
    expect(await chat.selectVersion(0, 2)).to.equal(true);
    expect(chat.messages[0]).to.deep.equal({ role: 'user', content: 'Lily' });
    await chat.updateComplete;
    expect(part(chat, 'versions')?.getAttribute('aria-label')).to.equal('Version 2 of 2');
    expect(parts(chat, 'versions')[1]?.getAttribute('aria-label')).to.equal('Version 2 of 2', 'the regenerated answer');
    await expect(chat).to.be.accessible();
    chat.clear();
    expect(localStorage.getItem(`llm-chat:${id}`)).to.equal(null);
  });

  it('reads a conversation saved in format 1 (the messages shown) and saves it as 2', async () => {
    const id = key();
    const messages = [
      { role: 'user', content: 'Once upon a time' },
      { role: 'assistant', content: 'there was a girl.' },
    ];
    localStorage.setItem(`llm-chat:${id}`, JSON.stringify({ version: 1, messages }));
    const { chat } = await chatFixture(`persist="${id}"`);
    expect(chat.messages).to.deep.equal(messages);
    expect(transcript(chat)).to.deep.equal(['Once upon a time', 'there was a girl.']);
    expect(part(chat, 'notice')).to.equal(null, 'no notice: it was read');
    await chat.regenerate(1);
    const saved = JSON.parse(localStorage.getItem(`llm-chat:${id}`)!) as { version: number; messages: unknown[] };
    expect(saved.version).to.equal(2);
    expect(saved.messages).to.have.length(3);
    localStorage.removeItem(`llm-chat:${id}`);
  });
});
