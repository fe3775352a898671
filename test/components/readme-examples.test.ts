// Every HTML example in README.md, rendered as written (the model URL pointed at the test model and
// nothing loaded), is accessible: a page that copies one starts accessible.
import { expect, fixture } from '@open-wc/testing';
import '../../src/index.js';
import { MODEL_URL } from '../helpers/model.js';

const readme = await (await fetch('/README.md')).text();

interface Example {
  line: number;
  html: string;
}

/** The ```html blocks of the README, with the line each starts on. */
function htmlExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const match of markdown.matchAll(/^```html\n([\s\S]*?)^```/gm))
    examples.push({ line: markdown.slice(0, match.index).split('\n').length, html: match[1]! });
  return examples;
}

/**
 * The example as a test renders it: scripts out (the elements are already defined here), every
 * `<llm-model>` on the test model and loading nothing by itself, whatever model it names.
 */
function forTest(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<llm-model\b([^>]*)>/g, (_, attributes: string) => {
    const rest = attributes.replace(/\s(?:src|catalog|loading)="[^"]*"/g, '');
    return `<llm-model src="${MODEL_URL}" loading="manual"${rest}>`;
  });
}

const examples = htmlExamples(readme);

describe('README examples', () => {
  it('the README has its HTML examples', () => {
    expect(examples.length).to.be.at.least(6);
  });

  for (const { line, html } of examples) {
    it(`the example at README.md line ${line} is accessible as written`, async () => {
      const page = await fixture<HTMLDivElement>(`<div>${forTest(html)}</div>`);
      const elements = [...page.querySelectorAll('*')].filter((el) => el.localName.startsWith('llm-'));
      await Promise.all(elements.map((el) => (el as Element & { updateComplete?: Promise<unknown> }).updateComplete));
      await expect(page).to.be.accessible();
    });
  }
});
