// fitToContext: which turns of a conversation the model sees when it outgrows the context window.
import { expect } from '@open-wc/testing';
import { estimateTokens, fitToContext, keepLastOnly, tooLongError } from '../../src/engine/prompting/context-window.js';
import type { ChatMessage } from '../../src/engine/core/types.js';

/** A message that costs exactly `tokens` of the estimate, plus the template's overhead per message. */
const say = (role: ChatMessage['role'], name: string, tokens = 20): ChatMessage => {
  const content = `${name} `.padEnd(Math.floor(tokens * 2.5), '.');
  expect(estimateTokens(content)).to.equal(tokens);
  return { role, content };
};
const OVERHEAD = 8;
/** What `messages` cost, as fitToContext counts. */
const costOf = (messages: ChatMessage[]) =>
  messages.reduce((sum, message) => sum + estimateTokens(message.content) + OVERHEAD, 0);
/** The first word of each message, to compare conversations at a glance. */
const names = (messages: ChatMessage[]) => messages.map((m) => m.content.split(' ')[0]);

describe('fitToContext', () => {
  const system = say('system', 'sys');
  const [u1, a1, u2, a2, u3] = [
    say('user', 'u1'),
    say('assistant', 'a1'),
    say('user', 'u2'),
    say('assistant', 'a2'),
    say('user', 'u3'),
  ] as ChatMessage[];
  const conversation = [system, u1!, a1!, u2!, a2!, u3!];

  it('a conversation that fits is sent whole, nothing dropped', () => {
    const result = fitToContext(conversation, { contextSize: costOf(conversation) + 100, reserve: 100 });
    expect(result.messages).to.deep.equal(conversation);
    expect(result.dropped).to.equal(0);
  });

  it('drops the oldest turns first, keeps the system prompt, and counts what it dropped', () => {
    // Room for the system prompt and the last three turns, not four.
    const room = costOf([system, u2!, a2!, u3!]);
    const result = fitToContext(conversation, { contextSize: room + 64, reserve: 64 });
    expect(names(result.messages)).to.deep.equal(['sys', 'u2', 'a2', 'u3']);
    expect(result.messages[0]).to.equal(system, 'the system prompt is kept, first');
    expect(result.dropped).to.equal(2);
  });

  it('never opens on an assistant turn: it drops that answer too, whose question is gone', () => {
    // Room for a1, u2, a2, u3 after the system prompt: dropping u1 alone would fit, but the model
    // would then read an answer to a question it cannot see.
    const room = costOf([system, a1!, u2!, a2!, u3!]);
    const result = fitToContext(conversation, { contextSize: room, reserve: 0 });
    expect(names(result.messages)).to.deep.equal(['sys', 'u2', 'a2', 'u3']);
    expect(result.messages[1]?.role).to.equal('user');
    expect(result.dropped).to.equal(2, 'the answer left out with its question is counted');
  });

  it('keeps the last user message when nothing else fits, dropping every other turn', () => {
    const result = fitToContext(conversation, { contextSize: costOf([system, u3!]), reserve: 0 });
    expect(names(result.messages)).to.deep.equal(['sys', 'u3']);
    expect(result.dropped).to.equal(4);
  });

  it('keeps the last user message (and the system prompt) even when it alone does not fit', () => {
    const long = say('user', 'long', 4000);
    const result = fitToContext([system, u1!, a1!, long], { contextSize: 256, reserve: 64 });
    expect(result.messages).to.deep.equal([system, long], 'sent as it is: the model says it does not fit');
    expect(result.dropped).to.equal(2);
    const alone = fitToContext([long], { contextSize: 256, reserve: 64 });
    expect(alone).to.deep.equal({ messages: [long], dropped: 0 });
  });

  it('the reserve for the answer counts against the window', () => {
    const room = costOf(conversation);
    expect(fitToContext(conversation, { contextSize: room, reserve: 0 }).dropped).to.equal(0);
    expect(fitToContext(conversation, { contextSize: room, reserve: 1 }).dropped).to.equal(2);
  });

  it('keeps every system message, ahead of the turns, and drops none of them', () => {
    const rules = say('system', 'rules');
    const result = fitToContext([system, u1!, a1!, rules, u2!], {
      contextSize: costOf([system, rules, u2!]),
      reserve: 0,
    });
    expect(names(result.messages)).to.deep.equal(['sys', 'rules', 'u2']);
    expect(result.dropped).to.equal(2, 'system messages are not counted as dropped');
  });

  it('an empty conversation stays empty', () => {
    expect(fitToContext([], { contextSize: 16, reserve: 8 })).to.deep.equal({ messages: [], dropped: 0 });
  });
});

describe('keepLastOnly and tooLongError', () => {
  it('keepLastOnly keeps the system messages and the newest message, and counts the rest dropped', () => {
    const result = keepLastOnly([say('system', 'sys'), say('user', 'u1'), say('assistant', 'a1'), say('user', 'u2')]);
    expect(names(result.messages)).to.deep.equal(['sys', 'u2']);
    expect(result.dropped).to.equal(2);
    expect(keepLastOnly([])).to.deep.equal({ messages: [], dropped: 0 });
  });

  it('tooLongError says both numbers and what to do, with code too-long', () => {
    const error = tooLongError(1290, 1024);
    expect(error.code).to.equal('too-long');
    expect(error.message).to.equal(
      'The text is too long for this model: it is about 1,290 tokens, and the model reads at most 1,024 at once, its answer included. Shorten it.',
    );
  });
});
