// <llm-chat> with a reasoning model, on the thinking stand-in (stories260K never thinks): the
// thinking streams into a collapsed "Thinking…" section above the answer, which says how long it took,
// is kept out of the answer and of what is sent back, persists with each version, and can be expanded
// or hidden. (On the real model a plain answer has no section: llm-chat-reasoning.test.ts.)
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import type { LlmChat } from '../../src/index.js';
import { part, transcript } from '../helpers/chat.js';
import { providing, thinkingEngine, type ThinkingScript } from '../helpers/thinking-model.js';
import { nextEvent, waitFor } from '../helpers/wait.js';

const OUTPUT = '<think>\nThe visitor greets me.\nI greet them back.\n</think>\n\nHello there!';
const REASONING = 'The visitor greets me.\nI greet them back.';

async function thinkingChat(script: ThinkingScript, attrs = '') {
  const standIn = thinkingEngine(script);
  const model = await fixture(providing(standIn.engine, `<llm-chat ${attrs}></llm-chat>`));
  const chat = model.querySelector('llm-chat') as LlmChat;
  await chat.updateComplete;
  return { chat, script, ...standIn };
}

const details = (chat: LlmChat) => part(chat, 'reasoning') as HTMLDetailsElement | null;
const summary = (chat: LlmChat) => part(chat, 'reasoning-summary')?.textContent ?? '';
const status = (chat: LlmChat) => chat.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '';

before(() => loadMarkdownRenderer());
// Only this file's keys: other test files of the same origin run at the same time, with their own.
afterEach(() => ['thinking', 'versions', 'old'].forEach((name) => localStorage.removeItem(`llm-chat:${name}`)));

describe('<llm-chat> with a reasoning model (thinking stand-in)', () => {
  it('streams the thinking into a collapsed "Thinking…" section above the answer', async () => {
    const { chat } = await thinkingChat({ output: OUTPUT, holdAfter: '<think>\nLet me think about it' });
    const done = chat.send('Hi');
    await waitFor(() => part(chat, 'reasoning-text')?.textContent === 'Let me think about it', 5000, 'the reasoning');
    expect(summary(chat)).to.equal('Thinking…');
    expect(details(chat)?.open, 'collapsed').to.equal(false);
    expect(chat.messages.at(-1), 'no answer text yet').to.deep.equal({ role: 'assistant', content: '' });
    await expect(chat).to.be.accessible();
    chat.stop();
    const stopped = await done;
    expect(stopped).to.include({ finishReason: 'abort', reasoning: 'Let me think about it', text: '' });
    await chat.updateComplete;
    expect(details(chat), 'a stopped thinking stays, with its section').to.exist;
  });

  it('says how long it thought, announced once when the thinking ends; the answer and messages have no reasoning', async () => {
    const { chat } = await thinkingChat({ output: OUTPUT, holdAfter: '<think>Hmm.</think>\n\nHel' });
    const done = chat.send('Hi');
    await waitFor(() => /^Thought for \d+ s$/.test(status(chat)), 5000, 'the announcement');
    expect(summary(chat)).to.match(/^Thought for \d+ s$/);
    chat.stop();
    await done;

    const { chat: whole } = await thinkingChat({ output: OUTPUT });
    const answer = await whole.send('Hi');
    await whole.updateComplete;
    expect(answer).to.include({ text: 'Hello there!', reasoning: REASONING });
    expect(answer?.message).to.deep.equal({ role: 'assistant', content: 'Hello there!' });
    expect(answer?.stats.reasoningMs).to.be.a('number');
    expect(whole.messages).to.deep.equal([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello there!' },
    ]);
    expect(transcript(whole)).to.deep.equal(['Hi', 'Hello there!']);
    expect(part(whole, 'reasoning-text')?.textContent).to.equal(REASONING);
    expect(summary(whole)).to.match(/^Thought for \d+ s$/);
    await expect(whole).to.be.accessible();
  });

  it('opens and closes from the keyboard', async () => {
    const { chat } = await thinkingChat({ output: OUTPUT });
    await chat.send('Hi');
    await chat.updateComplete;
    part(chat, 'reasoning-summary')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(details(chat)?.open).to.equal(true);
    await expect(chat).to.be.accessible();
    await sendKeys({ press: 'Space' });
    expect(details(chat)?.open).to.equal(false);
  });

  it('sends earlier answers back without their reasoning', async () => {
    const { chat, inputs } = await thinkingChat({ output: OUTPUT });
    await chat.send('Hi');
    await chat.send('And then?');
    const second = inputs[1];
    expect(second?.kind).to.equal('complete'); // the stand-in has no template: the engine writes a transcript
    const prompt = second?.kind === 'complete' ? second.prompt : '';
    expect(prompt).to.include('Assistant: Hello there!');
    expect(prompt).not.to.include('greet them back');
    expect(prompt).not.to.include('think>');
  });

  it('reasoning="expanded" shows it open; reasoning="hidden" shows none of it', async () => {
    const { chat } = await thinkingChat({ output: OUTPUT }, 'reasoning="expanded"');
    await chat.send('Hi');
    await chat.updateComplete;
    expect(details(chat)?.open).to.equal(true);
    await expect(chat).to.be.accessible();

    const { chat: hidden } = await thinkingChat({ output: OUTPUT }, 'reasoning="hidden"');
    const answer = await hidden.send('Hi');
    await hidden.updateComplete;
    expect(answer?.reasoning, 'still on the result').to.equal(REASONING);
    const section = details(hidden);
    expect(section === null || section.getClientRects().length === 0, 'nothing shows').to.equal(true);
    expect(transcript(hidden)).to.deep.equal(['Hi', 'Hello there!']);
    await expect(hidden).to.be.accessible();
  });

  it('keeps the reasoning with the answer when the conversation is saved and restored (persist)', async () => {
    const { chat } = await thinkingChat({ output: OUTPUT }, 'persist="thinking"');
    await chat.send('Hi');
    const saved = JSON.parse(localStorage.getItem('llm-chat:thinking') ?? '{}') as {
      messages?: Array<{ content: string; reasoning?: string; reasoningMs?: number }>;
    };
    expect(saved.messages?.[1]).to.include({ content: 'Hello there!', reasoning: REASONING });
    expect(saved.messages?.[1]?.reasoningMs).to.be.a('number');

    const { chat: restored } = await thinkingChat({ output: OUTPUT }, 'persist="thinking"');
    await waitFor(() => part(restored, 'reasoning'), 5000, 'the restored reasoning section');
    expect(part(restored, 'reasoning-text')?.textContent).to.equal(REASONING);
    expect(summary(restored)).to.match(/^Thought for \d+ s$/);
    expect(restored.messages.at(-1)).to.deep.equal({ role: 'assistant', content: 'Hello there!' });
    await expect(restored).to.be.accessible();
  });

  it('keeps its own reasoning with each version of a regenerated answer', async () => {
    const { chat, script } = await thinkingChat({ output: OUTPUT }, 'persist="versions"');
    await chat.send('Hi');
    script.output = '<think>Try another way.</think>Hi again!';
    await chat.regenerate(1);
    await chat.updateComplete;
    expect(part(chat, 'reasoning-text')?.textContent).to.equal('Try another way.');
    expect(await chat.selectVersion(1, 1)).to.equal(true);
    await chat.updateComplete;
    expect(transcript(chat)).to.deep.equal(['Hi', 'Hello there!']);
    expect(part(chat, 'reasoning-text')?.textContent, 'version 1 keeps its own').to.equal(REASONING);
    const saved = JSON.parse(localStorage.getItem('llm-chat:versions') ?? '{}') as {
      messages?: Array<{ reasoning?: string }>;
    };
    expect(saved.messages?.map((m) => m.reasoning)).to.deep.equal([undefined, REASONING, 'Try another way.']);
  });

  it('reads a conversation saved before reasoning was kept', async () => {
    const messages = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello.' },
    ];
    localStorage.setItem('llm-chat:old', JSON.stringify({ version: 2, messages }));
    const { chat } = await thinkingChat({ output: OUTPUT }, 'persist="old"');
    await waitFor(() => transcript(chat).length === 2, 5000, 'the restored conversation');
    expect(chat.messages).to.deep.equal(messages);
    expect(part(chat, 'reasoning')).to.equal(null);
  });

  it('keeps an answer that only thought (its thinking never closed)', async () => {
    const { chat } = await thinkingChat({ output: '<think>\nA long thought that never' });
    const response = nextEvent(chat, 'llm-response', 5000);
    await chat.send('Hi');
    expect((await response).detail.reasoning).to.equal('A long thought that never');
    await chat.updateComplete;
    expect(part(chat, 'reasoning-text')?.textContent).to.equal('A long thought that never');
  });
});
