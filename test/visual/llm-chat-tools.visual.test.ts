// <llm-chat>'s calls of tools, as a visitor sees them: a step running, a step done (expanded: its
// arguments and result), steps that failed and were denied, an invalid call, and the question before a tool with
// `confirm` (Allow / Deny, and Allow focused by keyboard). The stand-in engine's model calls the
// tools; the real engine checks, asks about and runs them.
import { visualDiff } from '@web/test-runner-visual-regression';
import '../../src/index.js';
import type { LlmChat, Tool, ToolCall } from '../../src/index.js';
import { loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import { loadMessages } from '../../src/components/llm-chat/chat-view.js';
import { part, parts } from '../helpers/chat.js';
import { waitFor } from '../helpers/wait.js';
import { providing, standInEngine, type StandInScript } from './stand-in-engine.js';
import { snap, stage, useVariant, VARIANTS } from './visual.js';

const QUESTION = 'Do you have a rain jacket in size M?';
const SEARCH: ToolCall = { id: 'call_1', name: 'search_catalogue', arguments: { query: 'rain jacket' } };
const ADD: ToolCall = { id: 'call_2', name: 'add_to_cart', arguments: { sku: 'RJ-204-M', quantity: 1 } };
const FOUND = [
  { sku: 'RJ-204-M', name: 'Rain jacket, navy, M', price: 59 },
  { sku: 'RJ-310-M', name: 'Light rain shell, yellow, M', price: 42 },
];
const ANSWER = 'Yes: the navy rain jacket (59 €) and a lighter yellow shell (42 €), both in M.';

/** The shop's two tools; `search` answers the search (by default, with FOUND). */
function shopTools(search: Tool['run'] = () => FOUND): Tool[] {
  return [
    {
      name: 'search_catalogue',
      description: 'Finds products',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
      run: search,
    },
    {
      name: 'add_to_cart',
      description: 'Adds a product to the cart',
      parameters: {
        type: 'object',
        properties: { sku: { type: 'string' }, quantity: { type: 'integer' } },
        required: ['sku', 'quantity'],
      },
      confirm: true,
      run: () => ({ added: true }),
    },
  ];
}

/** A chat on the stand-in engine whose model calls `calls` (then answers), with the shop's tools. */
async function toolChat(calls: ToolCall[], tools: Tool[], script: StandInScript = {}) {
  const engine = standInEngine({ toolCalls: calls, answer: ANSWER, ...script });
  const root = await stage(providing(engine, '<llm-chat></llm-chat>'));
  const chat = root.querySelector<LlmChat>('llm-chat')!;
  await engine.load();
  chat.tools = tools;
  return { root, chat };
}

const summaries = (chat: LlmChat) => parts(chat, 'tool-summary').map((summary) => summary.textContent?.trim());

/** Waits until the steps' summaries read `expected`. */
const stepsRead = (chat: LlmChat, expected: string[]) =>
  waitFor(() => JSON.stringify(summaries(chat)) === JSON.stringify(expected), 5000, `the steps ${expected.join(', ')}`);

before(() => Promise.all([loadMarkdownRenderer(), loadMessages()]));

// Light, dark, forced colours (Allow keeps a border) and a 390 px phone; the steps hold no colour
// of their own beyond the chat's.
for (const variant of VARIANTS.filter(({ name }) => ['light', 'dark', 'forced-colors', 'phone'].includes(name))) {
  describe(`<llm-chat> with tools (${variant.name})`, () => {
    before(() => useVariant(variant));
    const name = (state: string) => `llm-chat/${state}/${variant.name}`;

    it('a step running', async () => {
      // A search that takes until the visitor stops it.
      const slow: Tool['run'] = (_, { signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
      const { root, chat } = await toolChat([SEARCH], shopTools(slow));
      void chat.send(QUESTION);
      await stepsRead(chat, ['Tool search_catalogue: running']);
      for (const animation of chat.shadowRoot!.getAnimations()) animation.pause();
      await snap(root, name('tool-running'));
      chat.stop();
    });

    it('a step done, expanded: its arguments and result', async () => {
      const { root, chat } = await toolChat([SEARCH], shopTools());
      chat.style.setProperty('--llm-chat-height', '30rem'); // the whole answer, its step's summary too
      await chat.send(QUESTION);
      await stepsRead(chat, ['Tool search_catalogue: done']);
      (part(chat, 'tool-step') as HTMLDetailsElement).open = true;
      await snap(root, name('tool-done'));
    });

    it('a step failed (expanded: its error) and a step denied', async () => {
      const offline: Tool['run'] = () => {
        throw new Error('The catalogue is offline.');
      };
      const { root, chat } = await toolChat([SEARCH, ADD], shopTools(offline), {
        answer: 'Sorry, I cannot reach the catalogue right now.',
      });
      const answered = chat.send(QUESTION);
      (await waitFor(() => part(chat, 'tool-deny'), 5000, 'the Deny button')).click();
      await answered;
      await stepsRead(chat, ['Tool search_catalogue: failed', 'Tool add_to_cart: denied']);
      (part(chat, 'tool-step') as HTMLDetailsElement).open = true;
      await snap(root, name('tool-failed-denied'));
    });

    it('an invalid call (expanded: why it was refused)', async () => {
      const wrong: ToolCall = { ...ADD, arguments: { sku: 'RJ-204-M', quantity: 'two' } };
      const { root, chat } = await toolChat([wrong], shopTools(), { answer: 'How many would you like?' });
      await chat.send('Add two navy jackets to my cart.');
      await stepsRead(chat, ['Tool add_to_cart: invalid call']);
      (part(chat, 'tool-step') as HTMLDetailsElement).open = true;
      await snap(root, name('tool-invalid'));
    });

    it('asking before a tool runs (Allow / Deny)', async () => {
      const { root, chat } = await toolChat([ADD], shopTools());
      void chat.send('Add the navy one to my cart.');
      await waitFor(() => part(chat, 'tool-ask'), 5000, 'the question');
      await snap(root, name('tool-asking'));
      chat.stop();
    });

    it('asking, Allow focused by keyboard (its focus ring)', async () => {
      const { root, chat } = await toolChat([ADD], shopTools());
      void chat.send('Add the navy one to my cart.');
      const allow = await waitFor(() => part(chat, 'tool-allow'), 5000, 'the Allow button');
      allow.focus();
      await waitFor(() => allow.matches(':focus-visible'), 5000, 'Allow showing its focus');
      await chat.updateComplete;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      // Not snap(): it takes focus away.
      await visualDiff(root, name('tool-asking-focus'));
      chat.stop();
    });
  });
}
