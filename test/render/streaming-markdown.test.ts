// StreamingMarkdown renders a growing answer at a cost that does not grow with its length.
import { expect, waitUntil } from '@open-wc/testing';
import { StreamingMarkdown, loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('StreamingMarkdown', () => {
  it('shows plain text until the markdown renderer has loaded, then markdown', async () => {
    const view = new StreamingMarkdown();
    view.set('**bold**');
    expect(view.element.textContent).to.equal('**bold**');
    await view.rendered;
    expect(view.element.querySelector('strong')?.textContent).to.equal('bold');
  });

  it('renders finished blocks once and never touches them again', async () => {
    await loadMarkdownRenderer();
    const view = new StreamingMarkdown();
    document.body.append(view.element);
    view.append('First paragraph.\n\nSecond');
    await nextFrame();
    const first = view.element.querySelector('p');
    expect(first?.textContent).to.equal('First paragraph.');
    for (let i = 0; i < 200; i++) {
      view.append(` word${i}`);
      if (i % 20 === 0) view.append('\n\n- item\n- item\n\n```js\nlet x = 1;\n```\n\nMore');
      if (i % 7 === 0) await nextFrame();
    }
    view.finish(); // renders everything now, finished blocks included
    expect(view.element.querySelectorAll('p').length).to.be.greaterThan(10, 'every paragraph is rendered');
    expect(view.element.querySelector('p'), 'the first block is the same DOM node').to.equal(first);
    view.element.remove();
  });

  it('parses only the unfinished tail on each frame, however long the answer', async () => {
    const view = new StreamingMarkdown();
    document.body.append(view.element);
    const parsed: number[] = [];
    await loadMarkdownRenderer();
    type Probe = { render(renderer: unknown, final: boolean): void; source: string; committed: number };
    const probe = view as unknown as Probe;
    const render = probe.render.bind(view);
    probe.render = (renderer, final) => {
      parsed.push(probe.source.length - probe.committed);
      render(renderer, final);
    };
    for (let i = 0; i < 300; i++) {
      view.append(`Sentence ${i} of a paragraph.`);
      view.append(i % 3 === 2 ? '\n\n' : ' ');
      await nextFrame();
    }
    const early = Math.max(...parsed.slice(0, 30));
    const late = Math.max(...parsed.slice(-30));
    expect(probe.source.length).to.be.greaterThan(8000);
    // A tail is at most the open paragraph (~100 chars here) plus what arrived since the last render
    // (renders are throttled), far below the 8,000+ chars a re-parse of everything would cost.
    expect(late).to.be.lessThan(400, 'the tail stays short');
    expect(late).to.be.at.most(early * 1.5);
    view.finish();
    expect(view.element.querySelectorAll('p').length).to.equal(100);
    view.element.remove();
  });

  it('gives code blocks a labelled copy button that copies the code', async () => {
    const view = new StreamingMarkdown({ copy: 'Copier', copied: 'Copié', copyLabel: 'Copier le code' });
    document.body.append(view.element);
    view.set('```\nconst a = 1;\n```');
    await view.rendered;
    const button = view.element.querySelector<HTMLButtonElement>('button.copy')!;
    expect(button.getAttribute('aria-label')).to.equal('Copier le code');
    let copied = '';
    const clipboard = navigator.clipboard;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void (copied = text) },
    });
    try {
      expect(button.textContent).to.equal('Copier');
      button.click();
      await waitUntil(() => button.textContent === 'Copié', 'the button says the code was copied');
      expect(copied).to.equal('const a = 1;\n');
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
      view.element.remove();
    }
  });
});
