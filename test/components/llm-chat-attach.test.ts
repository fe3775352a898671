// <llm-chat attach>: text files picked (or dropped) go with a message, on real llama.cpp (wllama) and
// stories260K: shown as chips with their size in tokens, read by the model, kept with the history.
import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat, LlmModel } from '../../src/index.js';
import { MODEL_URL } from '../helpers/model.js';
import { nextEvent, waitFor, within } from '../helpers/wait.js';

const KEY = 'llm-chat:attach-test';
const STORY = 'Lily had a red ball. She liked to play with it in the park.\n';

afterEach(() => {
  fixtureCleanup();
  localStorage.removeItem(KEY);
});

async function chatIn(markup: string): Promise<{ chat: LlmChat; model: LlmModel }> {
  const model = await fixture<LlmModel>(`<llm-model src="${MODEL_URL}" context-size="512">${markup}</llm-model>`);
  const chat = model.querySelector<LlmChat>('llm-chat')!;
  await chat.updateComplete;
  return { chat, model };
}

/** Picks `files` with the chat's Attach button, as a visitor would; resolves with the `llm-attach` event. */
async function pick(chat: LlmChat, files: File[]) {
  const input = await waitFor(
    () => chat.shadowRoot!.querySelector<HTMLInputElement>('[part~="attach"] input[type="file"]'),
    10_000,
    'the Attach button',
  );
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  const attached = nextEvent(chat, 'llm-attach', 60_000);
  input.dispatchEvent(new Event('change'));
  const event = await attached;
  await chat.updateComplete;
  return event;
}

/** The chips under sent messages (`sent`), or those of the files waiting to be sent. */
const chips = (chat: LlmChat, which: 'sent' | 'waiting') =>
  [...chat.shadowRoot!.querySelectorAll('[part~="attachment"]')]
    .filter((chip) => !!chip.closest('.message.user') === (which === 'sent'))
    .map((chip) => chip.textContent!.replace(/\s+/g, ' ').trim());

describe('<llm-chat attach>', () => {
  it('has no Attach button without the attribute', async () => {
    const { chat } = await chatIn('<llm-chat></llm-chat>');
    expect(chat.shadowRoot!.querySelector('[part~="attach"]')).to.equal(null);
    chat.attach = true;
    await chat.updateComplete;
    expect(chat.shadowRoot!.querySelector('[part~="attach"] input[type="file"]')).to.exist;
  });

  it('sends a picked file with the message: a chip with its tokens, read by the model, saved and restored', async () => {
    const { chat, model } = await chatIn(
      `<llm-chat attach persist="attach-test" max-tokens="8" temperature="0"></llm-chat>`,
    );
    const { detail } = await pick(chat, [new File([STORY], 'notes.txt', { type: 'text/plain' })]);
    const tokens = detail.attachments[0]!.tokens;
    expect(tokens).to.be.above(10);
    expect(chips(chat, 'waiting')).to.deep.equal([`notes.txt ${tokens} tokens ×`]);
    await expect(chat).to.be.accessible();

    const sent = nextEvent(chat, 'llm-send', 5_000);
    const answered = nextEvent(chat, 'llm-response', 60_000);
    chat.shadowRoot!.querySelector('textarea')!.value = 'What did Lily have?';
    chat.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send"]')!.click();
    expect((await sent).detail.attachments?.map((a) => a.name)).to.deep.equal(['notes.txt']);
    const response = await answered;
    expect(response.detail.error).to.equal(undefined);
    await chat.updateComplete;

    // The model read the file: the prompt costs the file's block on top of the question.
    const alone = await model.engine!.countTokens('What did Lily have?');
    expect(response.detail.stats.promptTokens).to.be.at.least(tokens + alone.tokens);
    expect(chips(chat, 'sent'), 'the chip under the message').to.deep.equal([`notes.txt ${tokens} tokens`]);
    expect(chips(chat, 'waiting'), 'nothing waits to be sent').to.deep.equal([]);
    expect(chat.messages[0]).to.deep.include({ role: 'user', content: 'What did Lily have?' });
    expect(chat.messages[0]!.attachments).to.deep.equal([{ name: 'notes.txt', tokens, text: STORY }]);
    await expect(chat).to.be.accessible();

    // Saved with the history; a chat without `attach` still shows the chip of a restored message.
    chat.remove();
    const again = await chatIn(`<llm-chat persist="attach-test"></llm-chat>`);
    await waitFor(() => chips(again.chat, 'sent').length > 0, 10_000, 'the restored chip');
    expect(chips(again.chat, 'sent')).to.deep.equal([`notes.txt ${tokens} tokens`]);
    expect(again.chat.shadowRoot!.querySelector('[part~="attach"]')).to.equal(null);
    expect(again.chat.messages[0]!.attachments?.[0]?.text).to.equal(STORY);
  });

  it('sends a file alone (no text), and an edit keeps the message’s files', async () => {
    const { chat } = await chatIn(`<llm-chat attach max-tokens="4" temperature="0"></llm-chat>`);
    await pick(chat, [new File(['Tom ran.\n'], 'b.md', { type: 'text/markdown' })]);
    const answered = nextEvent(chat, 'llm-response', 60_000);
    chat.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send"]')!.click();
    await answered;
    expect(chat.messages.map((m) => m.role)).to.deep.equal(['user', 'assistant']);
    expect(chat.messages[0]!.content).to.equal('');
    expect(chat.messages[0]!.attachments?.map((a) => a.name)).to.deep.equal(['b.md']);

    await within(chat.edit(0, 'Who ran?'), 60_000, 'the edit');
    expect(chat.messages[0]).to.deep.include({ content: 'Who ran?' });
    expect(
      chat.messages[0]!.attachments?.map((a) => a.name),
      'the new version keeps the file',
    ).to.deep.equal(['b.md']);
  });

  it('refuses a file too long for the context in plain words, and attaches nothing', async () => {
    const { chat } = await chatIn(`<llm-chat attach max-tokens="64"></llm-chat>`);
    const input = await waitFor(
      () => chat.shadowRoot!.querySelector<HTMLInputElement>('[part~="attach"] input[type="file"]'),
      10_000,
      'the Attach button',
    );
    const transfer = new DataTransfer();
    transfer.items.add(new File([STORY.repeat(40)], 'long.txt', { type: 'text/plain' }));
    input.files = transfer.files;
    let attached = false;
    chat.addEventListener('llm-attach', () => (attached = true));
    input.dispatchEvent(new Event('change'));
    const notice = await waitFor(
      () => chat.shadowRoot!.querySelector('[part~="attach-notice"]')?.textContent?.trim() || null,
      60_000,
      'the refusal',
    );
    expect(notice).to.match(/^long\.txt is too long for this model: [\d,]+ tokens, room for [\d,]+\.$/);
    expect(attached).to.equal(false);
    expect(chips(chat, 'waiting')).to.deep.equal([]);
    await expect(chat).to.be.accessible();
  });
});
