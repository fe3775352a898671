// Hostile model output (issue 12): nesting thousands deep, huge tables and lists, a 1 MB answer.
// Rendering must not throw, must show the text, and must not block the main thread. Long tasks are
// logged per case (`hostile-markdown: <case>: worst long task N ms`), not asserted: absolute times
// are too noisy on small CI machines.
import { expect } from '@open-wc/testing';
import { StreamingMarkdown, loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import { nextFrame, pieces, reference, shape, stream, type Shape } from './markdown-shape.js';

/** Runs one case and logs the longest main-thread task (over 50 ms) that ran during it. */
async function measured(name: string, run: () => Promise<void>): Promise<void> {
  // The browser tears down the previous case's DOM lazily: let it do that before measuring.
  await nextFrame();
  await nextFrame();
  const start = performance.now();
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.startTime + entry.duration >= start) durations.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: true });
  try {
    await run();
  } finally {
    // Long-task entries arrive after their task: give them a few frames, then take what is queued.
    await nextFrame();
    await nextFrame();
    for (const entry of observer.takeRecords())
      if (entry.startTime + entry.duration >= start) durations.push(entry.duration);
    observer.disconnect();
    console.log(`hostile-markdown: ${name}: worst long task ${Math.round(Math.max(0, ...durations))} ms`);
  }
}

function table(rows: number): string {
  let text = '| # | name | value |\n| ---: | :--- | --- |\n';
  for (let i = 0; i < rows; i++) text += `| ${i} | row ${i} | **${i * 7}** and \`x${i}\` |\n`;
  return text;
}

const nestedList = (levels: number) =>
  Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');

/** A long but well-formed answer: sections, paragraphs, lists, code, tables, quotes, and a few huge blocks. */
function megabyteAnswer(): string {
  const words = 'the model runs on this device and every answer streams into the page as it is written'.split(' ');
  const sentence = (n: number) =>
    Array.from({ length: 14 }, (_, i) => {
      const word = words[(n + i) % words.length]!;
      return i === 3
        ? `**${word}**`
        : i === 7
          ? `\`${word}\``
          : i === 10
            ? `[${word}](https://example.com/${n})`
            : word;
    }).join(' ') + '.';
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < 1_000_000; n++) {
    let block: string;
    switch (n % 7) {
      case 0:
        block = `## Section ${n}`;
        break;
      case 1:
        block = Array.from({ length: 6 }, (_, i) => sentence(n + i)).join(' ');
        break;
      case 2:
        block = Array.from(
          { length: 8 },
          (_, i) => `- item ${i}: ${sentence(n + i)}${i === 3 ? '\n  - nested *detail*' : ''}`,
        ).join('\n');
        break;
      case 3:
        block =
          '```js\n' +
          Array.from({ length: 30 }, (_, i) => `const value${i} = compute(${i}, "${n}");`).join('\n') +
          '\n```';
        break;
      case 4:
        block = table(20).trimEnd();
        break;
      case 5:
        block = `> ${sentence(n)}\n> ${sentence(n + 1)}\n>\n> ${sentence(n + 2)}`;
        break;
      default:
        // Every so often a huge block: a long list, a long code block, a long table.
        block =
          n % 5 === 1
            ? Array.from({ length: 3000 }, (_, i) => `${i + 1}. step ${i}: ${words[i % words.length]}`).join('\n')
            : n % 5 === 3
              ? '```python\n' +
                Array.from({ length: 2000 }, (_, i) => `    print("line ${i}")  # ${'~'.repeat(i % 9)}`).join('\n') +
                '\n```'
              : n % 5 === 0
                ? table(2000).trimEnd()
                : sentence(n);
    }
    parts.push(block);
    size += block.length + 2;
  }
  return parts.join('\n\n');
}

/** How deep elements matching `selector` nest in `root`. */
function nesting(root: Element, selector: string): number {
  let deepest = 0;
  for (const el of root.querySelectorAll(selector)) {
    let depth = 0;
    for (let at: Element | null = el; at && at !== root; at = at.parentElement) if (at.matches(selector)) depth++;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** The text a view shows, its white space collapsed (a very long paragraph may be cut in two). */
const shown = (markdown: StreamingMarkdown) => (markdown.element.textContent ?? '').replace(/\s+/g, ' ');

function view(): StreamingMarkdown {
  const markdown = new StreamingMarkdown();
  markdown.element.style.width = '40rem';
  document.body.append(markdown.element);
  return markdown;
}

const DEEP = [
  { name: '>×3000', text: `${'>'.repeat(3000)} deep quote`, shows: ['deep quote', '>'.repeat(500)] },
  {
    name: '**×3000',
    text: `${'**'.repeat(3000)}deep strong${'**'.repeat(3000)}`,
    shows: ['deep strong', '*'.repeat(500)],
  },
  {
    name: '*×10000',
    text: `${'*'.repeat(10000)}deep emphasis${'*'.repeat(10000)}`,
    shows: ['deep emphasis', '*'.repeat(500)],
  },
  { name: '- ×3000', text: `${'- '.repeat(3000)}deep list`, shows: ['deep list'] },
];

before(() => loadMarkdownRenderer());

describe('hostile markdown', () => {
  let views: StreamingMarkdown[] = [];
  const open = () => {
    const markdown = view();
    views.push(markdown);
    return markdown;
  };
  afterEach(() => {
    views.forEach((markdown) => markdown.element.remove());
    views = [];
  });

  for (const { name, text, shows } of DEEP) {
    it(`nesting ${name}: set() shows the text, plain where it is too deep`, async () => {
      const markdown = open();
      await measured(`${name} set()`, async () => {
        expect(() => markdown.set(text)).not.to.throw();
        await markdown.rendered;
      });
      for (const part of shows) expect(shown(markdown)).to.include(part);
      expect(nesting(markdown.element, 'blockquote, ul, ol, em, strong')).to.be.at.most(32, 'nesting is capped');
    });

    it(`nesting ${name}: streamed in token-sized pieces, shows the text`, async () => {
      const markdown = open();
      await measured(`${name} streamed`, () => stream(markdown, pieces(text), 64));
      for (const part of shows) expect(shown(markdown)).to.include(part);
      expect(nesting(markdown.element, 'blockquote, ul, ol, em, strong')).to.be.at.most(32, 'nesting is capped');
    });
  }

  it('a block that fails to render shows as plain text, and the rest renders', async () => {
    const markdown = open();
    type Decorate = { decorate(fragment: DocumentFragment): DocumentFragment };
    const probe = markdown as unknown as Decorate;
    const decorate = probe.decorate.bind(markdown);
    probe.decorate = (fragment) => {
      if (fragment.textContent?.includes('boom')) throw new Error('render failed');
      return decorate(fragment);
    };
    expect(() => markdown.set('First **block**.\n\nThe *boom* block.\n\nLast **block**.')).not.to.throw();
    await markdown.rendered;
    expect(markdown.element.textContent).to.include('The *boom* block.');
    expect(markdown.element.querySelectorAll('strong')).to.have.length(2);
  });

  it('a 1,000-row table streamed', async () => {
    const markdown = open();
    const text = table(1000);
    await measured('1,000-row table streamed', () => stream(markdown, pieces(text), 512));
    expect(markdown.element.querySelectorAll('table')).to.have.length(1);
    expect(markdown.element.querySelectorAll('tbody tr')).to.have.length(1000);
    expect(shape(markdown.element)).to.deep.equal(reference(text));
  });

  it('a 10,000-row table streamed', async () => {
    const markdown = open();
    const text = table(10_000);
    await measured('10,000-row table streamed', () => stream(markdown, pieces(text), 2048));
    expect(markdown.element.querySelectorAll('table')).to.have.length(1);
    expect(markdown.element.querySelectorAll('tbody tr')).to.have.length(10_000);
    expect(markdown.element.textContent).to.include('row 9999');
  });

  it('a 10,000-row table restored with set()', async () => {
    const markdown = open();
    await measured('10,000-row table set()', async () => {
      markdown.set(table(10_000));
      await markdown.rendered;
    });
    expect(markdown.element.querySelectorAll('tbody tr')).to.have.length(10_000);
  });

  it('a 1,000-level nested list restored with set()', async () => {
    const markdown = open();
    await measured('1,000-level nested list set()', async () => {
      expect(() => markdown.set(nestedList(1000))).not.to.throw();
      await markdown.rendered;
    });
    const text = markdown.element.textContent ?? '';
    for (let i = 0; i < 1000; i++) expect(text).to.include(`level ${i}`);
    expect(nesting(markdown.element, 'ul')).to.be.at.most(32, 'nesting is capped');
  });

  it('a 1,000-level nested list streamed', async () => {
    const markdown = open();
    await measured('1,000-level nested list streamed', () => stream(markdown, pieces(nestedList(1000)), 8192));
    const text = markdown.element.textContent ?? '';
    for (let i = 0; i < 1000; i++) expect(text).to.include(`level ${i}`);
    expect(nesting(markdown.element, 'ul')).to.be.at.most(32, 'nesting is capped');
  });

  describe('a 1 MB answer', () => {
    let answer = '';
    let expected: Shape;
    before(() => {
      answer = megabyteAnswer();
      expected = reference(answer);
    });

    it('streamed', async () => {
      const markdown = open();
      await measured('1 MB answer streamed', () => stream(markdown, pieces(answer), 4096));
      expect(shape(markdown.element)).to.deep.equal(expected);
    });

    it('restored with set()', async () => {
      const markdown = open();
      await measured('1 MB answer set()', async () => {
        markdown.set(answer);
        await markdown.rendered;
      });
      expect(shape(markdown.element)).to.deep.equal(expected);
    });
  });
});
