// StreamingMarkdown renders a growing answer at a cost that does not grow with its length.
import { expect, waitUntil } from '@open-wc/testing';
import { StreamingMarkdown, loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import { nextFrame, pieces, reference, shape, stream } from './markdown-shape.js';

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

  it('shows the first text of a new, empty answer on the next frame, without the throttle’s wait', async () => {
    await loadMarkdownRenderer();
    const view = new StreamingMarkdown();
    document.body.append(view.element);
    view.set(''); // what <llm-chat> makes for an answer before its first token
    view.append('Once');
    await nextFrame();
    expect(view.element.textContent?.trim()).to.equal('Once');
    view.append(' upon a time');
    await waitUntil(() => view.element.textContent?.trim() === 'Once upon a time', 'later text follows, throttled');
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

  describe('long texts', () => {
    const lines = (count: number, line: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => line(i)).join('\n');
    const paragraphs = (count: number, name: string) => lines(count, (i) => `${name} ${i} has **bold** text.\n`);

    /** Pieces of 1 to 12 characters, the same every run. */
    function randomPieces(text: string): string[] {
      let seed = 7;
      const parts: string[] = [];
      for (let i = 0; i < text.length;) {
        seed = (seed * 16807) % 2147483647;
        const length = 1 + (seed % 12);
        parts.push(text.slice(i, i + length));
        i += length;
      }
      return parts;
    }

    let view: StreamingMarkdown;
    beforeEach(async () => {
      await loadMarkdownRenderer();
      view = new StreamingMarkdown();
      document.body.append(view.element);
    });
    afterEach(() => view.element.remove());

    it('set() shows the start of a long text at once and the rest in the next frames', async () => {
      const text = paragraphs(3000, 'Paragraph');
      view.set(text);
      const first = view.element.querySelectorAll('p').length;
      expect(first).to.be.greaterThan(0, 'the start shows at once');
      expect(first).to.be.lessThan(3000, 'not all in one task');
      await view.rendered;
      expect(view.element.querySelectorAll('p')).to.have.length(3000);
      expect(shape(view.element)).to.deep.equal(reference(text));
    });

    it('a set() during a progressive restore replaces it: nothing of the first text stays', async () => {
      view.set(paragraphs(3000, 'First'));
      await nextFrame();
      const second = paragraphs(2000, 'Second');
      view.set(second);
      await view.rendered;
      expect(view.element.textContent).not.to.include('First');
      expect(shape(view.element)).to.deep.equal(reference(second));
    });

    it('an append() during a progressive restore adds to the end, once', async () => {
      const text = paragraphs(3000, 'Paragraph');
      view.set(text);
      view.append('\n\nThe **end**.');
      await view.rendered;
      view.finish();
      await view.rendered;
      expect(shape(view.element)).to.deep.equal(reference(`${text}\n\nThe **end**.`));
    });

    it('long tables, lists and code blocks grow in place, as they render in one piece', async () => {
      const text = [
        '## Code',
        // A closing fence is as long as the opening one or longer; ``` does not close ~~~~.
        '~~~~python\n' +
          lines(600, (i) => `    value_${i} = "${'`'.repeat(i % 4)}" # ${'~'.repeat(i % 5)}`) +
          '\n~~~\n~~~~~  ',
        // An indented fence takes as much indentation off every line.
        '  ```js\n' + lines(600, (i) => `${' '.repeat(i % 5)}call(${i});`) + '\n\n  ```',
        'Between.',
        lines(600, (i) => `${i + 1}) step ${i} *done*`),
        lines(3, (i) => `${i + 1}. another list`),
        lines(600, (i) => `* item ${i}${i % 100 === 0 ? '\n  - nested\n\n    more' : ''}`),
        lines(600, (i) => `- loose item ${i}\n`),
        '| left | center | right |\n| :--- | :---: | ---: |\n' +
          lines(600, (i) => (i % 200 === 99 ? `a line without pipes ${i}` : `| ${i} | a \\| b | **${i}** |`)) +
          '\nA paragraph line right after the table is a row too.\n# A heading ends the table',
        '```\n' + lines(600, (i) => `unclosed ${i}`),
      ].join('\n\n');
      await stream(view, randomPieces(text), 400);
      expect(shape(view.element)).to.deep.equal(reference(text));
      view.set(text);
      await view.rendered;
      expect(shape(view.element)).to.deep.equal(reference(text));
    });

    it('line breaks written \\r\\n, even split between deltas, are line breaks', async () => {
      const text = lines(200, (i) => `| ${i} | cell |`)
        .replace(/^/, '| a | b |\n| - | - |\n')
        .replace(/\n/g, '\r\n');
      const parts = pieces(text).flatMap((part) => (part.endsWith('\r\n') ? [part.slice(0, -1), '\n'] : [part]));
      await stream(view, parts, 200);
      expect(view.element.querySelectorAll('tbody tr')).to.have.length(200);
      expect(shape(view.element)).to.deep.equal(reference(text));
    });

    it('a very long paragraph is cut in two paragraphs, and shows all its text', async () => {
      const text = lines(1000, (i) => `sentence ${i} of one very long paragraph`);
      await stream(view, pieces(text), 2048);
      expect(view.element.querySelectorAll('p').length).to.be.greaterThan(1);
      expect(shape(view.element).text).to.equal(reference(text).text);
    });
  });
});
