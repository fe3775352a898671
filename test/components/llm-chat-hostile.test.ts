// <llm-chat> restoring hostile history (issue 12): nesting 3,000 deep and a 10,000-row table must
// neither throw out of the `messages` setter nor freeze the page, and their text must show.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat } from '../../src/index.js';
import { loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import { parts } from '../helpers/chat.js';

before(() => loadMarkdownRenderer()); // markdown is lazy-loaded; this test reads the rendered DOM

describe('<llm-chat> with hostile history', () => {
  it('restores a 3,000-deep quote and a 10,000-row table without throwing, and shows their text', async () => {
    // No <llm-model> is needed to restore and show a conversation.
    const chat = await fixture<LlmChat>(html`<llm-chat></llm-chat>`);
    const quote = `${'>'.repeat(3000)} deep quote`;
    let table = '| # | name |\n| --- | --- |\n';
    for (let i = 0; i < 10_000; i++) table += `| ${i} | row ${i} |\n`;
    const messages = [
      { role: 'user' as const, content: 'Quote something.' },
      { role: 'assistant' as const, content: quote },
      { role: 'user' as const, content: 'Now a table.' },
      { role: 'assistant' as const, content: table },
    ];

    expect(() => (chat.messages = messages)).not.to.throw();
    await chat.updateComplete;
    expect(chat.messages).to.deep.equal(messages);

    const [first, second] = parts(chat, 'assistant');
    expect((first?.textContent ?? '').replace(/\s+/g, ' ')).to.include('deep quote');
    expect(first?.textContent).to.include('>'.repeat(500), 'what is nested too deep shows as text');
    // A long message renders a part a frame: wait for all of it.
    await waitUntil(() => second?.querySelectorAll('tbody tr').length === 10_000, 'every row shows', {
      timeout: 30_000,
    });
    expect(second?.textContent).to.include('row 9999');
  });
});
