// A code block in a <llm-chat> answer: its Copy button never covers the code, is reached with Tab,
// shows its focus, and a copy is announced politely.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import { loadMarkdownRenderer } from '../../src/render/streaming-markdown.js';
import type { LlmChat, LlmModel } from '../../src/index.js';
import { MODEL_URL } from '../helpers/model.js';
import { parts } from '../helpers/chat.js';

// A first line long enough to reach the right edge of the box at any width (a code block scrolls
// sideways rather than wrapping): whatever sits in the box's top right corner would cover it.
const FIRST_LINE = 'console.log("copy me"); // a first line long enough to reach past the right edge of the code box';
const ANSWER = ['Here it is:', '', '```js', FIRST_LINE, 'const two = 2;', '```'].join('\n');

async function answerWithCode() {
  const model = await fixture<LlmModel>(
    `<llm-model src="${MODEL_URL}" loading="manual"><llm-chat max-tokens="8"></llm-chat></llm-model>`,
  );
  const chat = model.querySelector('llm-chat') as LlmChat;
  chat.messages = [
    { role: 'user', content: 'Show me.' },
    { role: 'assistant', content: ANSWER },
  ];
  await chat.updateComplete;
  const answer = parts(chat, 'assistant')[0]!;
  const button = answer.querySelector<HTMLButtonElement>('[part="copy-button"]')!;
  const code = answer.querySelector('pre code')!;
  return { chat, answer, button, code };
}

/** The box of the first line of `code`'s text, as laid out (what a reader sees of it). */
function firstLineBox(code: Element): DOMRect {
  const text = [...code.childNodes].find((node): node is Text => node.nodeType === Node.TEXT_NODE)!;
  expect(text.data.startsWith(FIRST_LINE), 'the code starts with the first line').to.equal(true);
  const range = document.createRange();
  range.setStart(text, 0);
  range.setEnd(text, FIRST_LINE.length);
  return range.getBoundingClientRect();
}

const intersects = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The polite live regions under `root` (role="status" is polite unless told otherwise). */
function politeRegions(root: ParentNode): Element[] {
  return [...root.querySelectorAll('[role="status"], [aria-live]')].filter((el) => {
    const live = el.getAttribute('aria-live');
    return live === 'polite' || (live === null && el.getAttribute('role') === 'status');
  });
}

before(() => loadMarkdownRenderer()); // markdown is lazy-loaded; these tests read the rendered DOM
after(() => setViewport({ width: 800, height: 600 }));

describe('<llm-chat> code blocks', () => {
  for (const width of [1280, 390]) {
    it(`the Copy button does not cover the first line of code at ${width} px`, async () => {
      await setViewport({ width, height: 800 });
      const { button, code } = await answerWithCode();
      const line = firstLineBox(code);
      const box = button.getBoundingClientRect();
      expect(line.width, 'the line is laid out').to.be.greaterThan(0);
      expect(box.width, 'the button is laid out').to.be.greaterThan(0);
      expect(
        intersects(box, line),
        `button ${JSON.stringify(box.toJSON())} over line ${JSON.stringify(line.toJSON())}`,
      ).to.equal(false);
      // Nor is it over the code box at all, where a later, longer line would run under it.
      expect(
        intersects(box, code.closest('pre')!.getBoundingClientRect()),
        'the button is outside the code box',
      ).to.equal(false);
    });
  }

  it('Tab reaches the Copy button, its focus shows, and Enter copies and says so politely', async () => {
    await setViewport({ width: 390, height: 800 });
    const { chat, answer, button } = await answerWithCode();
    await expect(chat).to.be.accessible();

    let copied = '';
    const clipboard = navigator.clipboard;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void (copied = text) },
    });
    try {
      (document.activeElement as HTMLElement | null)?.blur();
      for (let i = 0; i < 12 && chat.shadowRoot!.activeElement !== button; i++) await sendKeys({ press: 'Tab' });
      expect(chat.shadowRoot!.activeElement, 'Tab reaches the Copy button').to.equal(button);
      expect(button.matches(':focus-visible')).to.equal(true);
      expect(getComputedStyle(button).outlineStyle, 'the focus shows').not.to.equal('none');

      expect(button.textContent).to.equal('Copy');
      expect(
        politeRegions(answer).some((region) => region.textContent?.trim()),
        'nothing is announced yet',
      ).to.equal(false);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => button.textContent === 'Copied', 'the button says the code was copied');
      expect(copied).to.equal(`${FIRST_LINE}\nconst two = 2;\n`);
      const announced = politeRegions(answer).map((region) => region.textContent?.trim());
      expect(announced, 'a polite live region says "Copied"').to.include('Copied');
      await expect(chat).to.be.accessible();
      await waitUntil(() => button.textContent === 'Copy', 'the button returns to "Copy"', { timeout: 5000 });
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
    }
  });
});
