// <llm-chat>'s main states, as a visitor sees them, in every variant (see visual.ts).
import '../../src/index.js';
import type { LlmChat } from '../../src/index.js';
import { LlmError } from '../../src/engine/index.js';
import { loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import { loadMessages } from '../../src/components/llm-chat/chat-view.js';
import { part, parts } from '../helpers/chat.js';
import { nextEvent, waitFor } from '../helpers/wait.js';
import { MiB, providing, standInEngine, type StandInScript } from './stand-in-engine.js';
import { snap, stage, useVariant, VARIANTS } from './visual.js';

const ANSWER = [
  'Here is **a short answer** with a list:',
  '',
  '1. Open the *settings* page',
  '2. Choose `Theme`',
  '',
  '```js',
  'console.log("copy me");',
  '```',
  '',
  '| Size | Price |',
  '| ---- | ----: |',
  '| S    | 10 €  |',
  '| M    | 12 €  |',
].join('\n');

/** A chat on the stand-in engine, loaded unless the script holds or fails the load. */
async function chatOn(script: StandInScript = {}, { load = true } = {}) {
  const engine = standInEngine(script);
  const root = await stage(providing(engine, '<llm-chat></llm-chat>'));
  const chat = root.querySelector<LlmChat>('llm-chat')!;
  if (load) await engine.load().catch(() => {});
  return { root, chat, engine };
}

// A file whose chip reads "48 tokens" with the stand-in's tokenizer (a token per 4 characters of its block).
const NOTES = new File(
  [
    'Shopping list for Saturday: bread, eggs, two lemons, olive oil, rice, tomatoes and basil. ' +
      'Call Anna about the picnic at noon, and bring the blue blanket today.\n',
  ],
  'notes.txt',
  { type: 'text/plain' },
);
// Far more than the stand-in's 2048-token context holds.
const LONG = new File(['The sea was calm that morning. '.repeat(400)], 'long.txt', { type: 'text/plain' });

/** Picks `file` with the chat's Attach button (its file input), as a visitor would. */
async function pick(chat: LlmChat, file: File): Promise<void> {
  chat.attach = true;
  const input = await waitFor(
    () => chat.shadowRoot!.querySelector<HTMLInputElement>('[part~="attach"] input[type="file"]'),
    5000,
    'the Attach button',
  );
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

// Markdown and the messages' actions load lazily: loaded first, every screenshot has them.
before(() => Promise.all([loadMarkdownRenderer(), loadMessages()]));

for (const variant of VARIANTS) {
  describe(`<llm-chat> (${variant.name})`, () => {
    before(() => useVariant(variant));
    const name = (state: string) => `llm-chat/${state}/${variant.name}`;

    it('empty, model ready', async () => {
      const { root } = await chatOn();
      await snap(root, name('empty'));
    });

    it('model loading', async () => {
      const engine = standInEngine({ progress: { loaded: 120 * MiB, total: 270 * MiB }, load: 'hold' });
      const root = await stage(providing(engine, '<llm-chat></llm-chat>'));
      void engine.load().catch(() => {});
      await waitFor(() => engine.progress.loaded > 0, 5000, 'the stand-in load reports progress');
      await snap(root, name('loading'));
      await engine.unload();
    });

    it('answering (a partial answer)', async () => {
      const { root, chat } = await chatOn({ holdAfter: 'Once upon a time, in a small town by the sea, there' });
      void chat.send('Tell me a story.');
      await waitFor(() => part(chat, 'stop'), 5000, 'the Stop button');
      await waitFor(() => chat.messages.at(-1)?.content.endsWith('there'), 5000, 'the partial answer');
      await snap(root, name('answering'));
      chat.stop();
    });

    it('answered with markdown, code and a table', async () => {
      const { root, chat } = await chatOn();
      chat.messages = [
        { role: 'user', content: 'How do I change the theme?' },
        { role: 'assistant', content: ANSWER },
      ];
      await snap(root, name('answered'));
    });

    it('a reasoning model thinking (collapsed "Thinking…")', async () => {
      const { root, chat } = await chatOn({
        holdAfter: '<think>\nThe visitor wants a story. A short one, about the sea',
      });
      void chat.send('Tell me a story.');
      await waitFor(() => part(chat, 'reasoning-text')?.textContent?.endsWith('the sea'), 5000, 'the reasoning');
      await snap(root, name('thinking'));
      chat.stop();
    });

    it('a reasoning model\'s answer, its thinking expanded ("Thought for 1 s")', async () => {
      const { root, chat } = await chatOn({
        answer:
          '<think>\nThe visitor wants a story.\nA short one, about the sea.\n</think>\n\nOnce upon a time, by the sea, lived Anna.',
      });
      chat.reasoning = 'expanded';
      await chat.send('Tell me a story.');
      await waitFor(() => part(chat, 'reasoning-summary')?.textContent?.startsWith('Thought'), 5000, 'the reasoning');
      await snap(root, name('thought'));
    });

    it("message actions, and an answer's versions (2/2)", async () => {
      const { root, chat } = await chatOn({ answer: 'Once upon a time, by the sea, lived Anna.' });
      chat.messages = [
        { role: 'user', content: 'Tell me a story.' },
        { role: 'assistant', content: 'There was a cat who liked the rain.' },
      ];
      await chat.regenerate(1);
      await waitFor(() => part(chat, 'versions'), 5000, 'the versions');
      await snap(root, name('versions'));
    });

    it('editing a message', async () => {
      const { root, chat } = await chatOn();
      chat.messages = [
        { role: 'user', content: 'Tell me a story.' },
        { role: 'assistant', content: 'There was a cat who liked the rain.' },
      ];
      (await waitFor(() => part(chat, 'edit-button'), 5000, 'the Edit button')).click();
      await waitFor(() => part(chat, 'edit-input'), 5000, 'the editor');
      await snap(root, name('editing'));
    });

    it('an answer that failed, with Retry', async () => {
      const { root, chat } = await chatOn({
        answerError: new LlmError('inference', 'The answer could not be written. Try again.'),
      });
      await chat.send('Hello');
      await waitFor(() => part(chat, 'retry'), 5000, 'the Retry button');
      await snap(root, name('error'));
    });

    it('waiting for the first token (typing indicator)', async () => {
      const { root, chat } = await chatOn({ holdBeforeFirstToken: true });
      void chat.send('Tell me a story.');
      await waitFor(() => part(chat, 'typing'), 5000, 'the typing indicator');
      // The dots stand still for the screenshot (the animation's first frame).
      for (const animation of chat.shadowRoot!.getAnimations()) animation.pause();
      await snap(root, name('typing'));
      chat.stop();
    });

    it('an answer cut at the length limit, with Continue', async () => {
      const { root, chat } = await chatOn({
        answer: 'Once upon a time, in a small town by the sea, Anna was confu',
        finishReason: 'length',
      });
      await chat.send('Tell me a story.');
      await waitFor(() => part(chat, 'continue'), 5000, 'the Continue button');
      await snap(root, name('cut-off'));
    });

    it('scrolled up, with Jump to latest', async () => {
      const { root, chat } = await chatOn();
      chat.style.setProperty('--llm-chat-height', '10rem');
      chat.messages = [
        { role: 'user', content: 'How do I change the theme?' },
        { role: 'assistant', content: ANSWER },
      ];
      const log = await waitFor(() => part(chat, 'log'), 5000, 'the log');
      await waitFor(() => log.scrollHeight > log.clientHeight, 5000, 'the log overflowing');
      log.scrollTop = 0;
      log.dispatchEvent(new Event('scroll'));
      await waitFor(() => part(chat, 'jump'), 5000, 'the Jump to latest button');
      await snap(root, name('jump'));
    });

    it('a file attached, waiting to be sent (Attach button beside the field)', async () => {
      const { root, chat } = await chatOn();
      const attached = nextEvent(chat, 'llm-attach', 5000);
      await pick(chat, NOTES);
      await attached;
      await waitFor(() => part(chat, 'attachment'), 5000, 'the chip');
      await snap(root, name('attach-pending'));
    });

    it('a message sent with a file (its chip under the message), and the answer', async () => {
      const { root, chat } = await chatOn({ answer: 'Bread, eggs, two lemons, olive oil, rice, tomatoes and basil.' });
      const attached = nextEvent(chat, 'llm-attach', 5000);
      await pick(chat, NOTES);
      await attached;
      await chat.send('What do I need to buy?');
      await waitFor(
        () => parts(chat, 'attachment').length === 1 && part(chat, 'attachment')!.closest('.message.user'),
        5000,
        'the chip under the message',
      );
      await snap(root, name('attach-sent'));
    });

    it('a file refused, too long for the model', async () => {
      const { root, chat } = await chatOn();
      await pick(chat, LONG);
      await waitFor(() => part(chat, 'attach-notice')?.textContent?.trim(), 5000, 'the refusal');
      await snap(root, name('attach-refused'));
    });
  });
}
