// Attaching text files to a chat message, on real llama.cpp (wllama) and stories260K with a small
// context: counted by the model's tokenizer, refused in plain words when they cannot fit, never cut.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { Engine } from '../../src/engine/index.js';
import {
  ChatAttachments,
  MAX_FILE_BYTES,
  attachmentBlock,
  contentWithAttachments,
  readAttachments,
} from '../../src/components/llm-chat/chat-attachments-view.js';
import { MODEL_URL } from '../helpers/model.js';
import { nextEvent, waitFor, within } from '../helpers/wait.js';

const CONTEXT = 256;
const RESERVE = 40;
const SHORT = 'Lily had a red ball. She liked to play with it in the park.\n';

const textFile = (name: string, text: string, type = 'text/plain') => new File([text], name, { type });

describe('chat attachments: reading and fitting (wllama + stories260K, context 256)', () => {
  let engine: Engine;

  before(async () => {
    engine = new Engine();
    await engine.load(MODEL_URL, { contextSize: CONTEXT });
  });

  after(() => engine.unload());

  it('accepts a text file, counted by the model as the block it is sent in', async () => {
    const { accepted, refused } = await readAttachments([textFile('notes.txt', SHORT)], { engine, reserve: RESERVE });
    expect(refused).to.deep.equal([]);
    expect(accepted).to.have.length(1);
    const [notes] = accepted;
    expect(notes).to.include({ name: 'notes.txt', text: SHORT });
    const counted = await engine.countTokens(attachmentBlock('notes.txt', SHORT));
    expect(counted.exact).to.equal(true);
    expect(notes!.tokens).to.equal(counted.tokens);
  });

  it('refuses a file too long for the context in plain words, with both numbers, and keeps none of it', async () => {
    const long = SHORT.repeat(20);
    const { accepted, refused } = await within(
      readAttachments([textFile('notes.txt', long)], { engine, reserve: RESERVE }),
      30_000,
      'the refusal',
    );
    expect(accepted).to.deep.equal([]);
    const tokens = (await engine.countTokens(attachmentBlock('notes.txt', long))).tokens;
    expect(refused).to.deep.equal([
      `notes.txt is too long for this model: ${tokens.toLocaleString('en')} tokens, room for ${CONTEXT - RESERVE}.`,
    ]);
  });

  it('counts the typed message and files already attached against the room', async () => {
    const text = SHORT.repeat(3);
    const first = await readAttachments([textFile('a.txt', text)], { engine, reserve: RESERVE });
    expect(first.accepted).to.have.length(1);
    const second = await readAttachments([textFile('b.txt', text)], {
      engine,
      reserve: RESERVE,
      pending: first.accepted,
      fixed: ['You are a helpful assistant.', 'What happens in these stories?'],
    });
    expect(second.accepted).to.deep.equal([]);
    expect(second.refused[0]).to.match(/^b\.txt is too long for this model: [\d,]+ tokens, room for \d+\.$/);
  });

  it('refuses binaries (by type, or a NUL in the first bytes) and files over 2 MB without reading them', async () => {
    const png = new File([new Uint8Array([137, 80, 78, 71, 0, 0])], 'photo.png', { type: 'image/png' });
    const disguised = new File([new Uint8Array([72, 105, 0, 1])], 'data.txt', { type: 'text/plain' });
    const big = textFile('big.log', 'a'.repeat(MAX_FILE_BYTES + 1024 * 1024));
    let read = false;
    big.text = () => ((read = true), Promise.resolve(''));
    const { accepted, refused } = await readAttachments([png, disguised, big], { engine, reserve: RESERVE });
    expect(accepted).to.deep.equal([]);
    expect(refused).to.deep.equal([
      'photo.png is not a text file: attach text, Markdown, CSV, JSON or source code.',
      'data.txt is not a text file: attach text, Markdown, CSV, JSON or source code.',
      'big.log is too large to attach: 3 MB (at most 2 MB).',
    ]);
    expect(read, 'the big file was not read').to.equal(false);
  });

  it('accepts source code and JSON by extension when the browser gives no type', async () => {
    const files = [
      textFile('app.ts', 'const a = 1;\n', ''),
      textFile('data.json', '{"a":1}', ''),
      textFile('README', 'Hi', ''),
    ];
    const { accepted } = await readAttachments(files, { engine, reserve: RESERVE });
    expect(accepted.map((a) => a.name)).to.deep.equal(['app.ts', 'data.json', 'README']);
  });

  it('loads a model that is not loaded yet, to count with it', async () => {
    const lazy = new Engine({ source: MODEL_URL, loadOptions: { contextSize: CONTEXT } });
    try {
      const { accepted } = await within(
        readAttachments([textFile('n.md', SHORT)], { engine: lazy, reserve: RESERVE }),
        30_000,
        'count',
      );
      expect(accepted[0]!.tokens).to.equal((await engine.countTokens(attachmentBlock('n.md', SHORT))).tokens);
    } finally {
      await lazy.unload();
    }
  });

  it('puts files before the question, each in a tag that names it', () => {
    const content = contentWithAttachments('Summarise it.', [{ name: 'a "b".txt', tokens: 3, text: 'hello\n' }]);
    expect(content).to.equal('<file name="a _b_.txt">\nhello\n</file>\n\nSummarise it.');
    expect(contentWithAttachments('Hi', [])).to.equal('Hi');
  });
});

class AttachHost extends LitElement {
  engine: Engine | null = null;
  maxTokens = RESERVE;
  system = '';
  attachments = new ChatAttachments(this, () => this.engine);
  override render() {
    return litHtml`<form>${this.attachments.renderButton()}<textarea aria-label="Message"></textarea></form>${this.attachments.renderPending()}`;
  }
}
customElements.define('attach-test-host', AttachHost);

describe('chat attachments: the view', () => {
  let engine: Engine;

  before(async () => {
    engine = new Engine();
    await engine.load(MODEL_URL, { contextSize: CONTEXT });
  });

  after(() => engine.unload());

  async function hostFixture() {
    const host = await fixture<AttachHost>(html`<attach-test-host></attach-test-host>`);
    host.engine = engine;
    return host;
  }

  function pick(host: AttachHost, files: File[]) {
    const input = host.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  it('a picked file shows as a chip with its name and tokens, fires llm-attach, and Remove takes it off', async () => {
    const host = await hostFixture();
    const input = host.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
    expect(input.multiple).to.equal(true);
    expect(input.accept).to.include('.md');
    expect(input.getAttribute('aria-label')).to.equal('Attach text files');
    const attached = nextEvent(host, 'llm-attach', 30_000);
    pick(host, [textFile('notes.txt', SHORT)]);
    const event = await attached;
    expect(event.cancelable && event.composed && event.bubbles).to.equal(true);
    expect(event.detail.files.map((f) => f.name)).to.deep.equal(['notes.txt']);
    const chip = await waitFor(() => host.shadowRoot!.querySelector('[part="attachment"]'), 30_000, 'the chip');
    const tokens = event.detail.attachments[0]!.tokens;
    expect(chip.textContent!.replace(/\s+/g, ' ')).to.include(`notes.txt ${tokens} tokens`);
    await expect(host).to.be.accessible();
    chip.querySelector<HTMLButtonElement>('button[aria-label="Remove notes.txt"]')!.click();
    await host.updateComplete;
    expect(host.shadowRoot!.querySelector('[part="attachment"]')).to.equal(null);
    expect(host.attachments.pending).to.deep.equal([]);
    expect(host.attachments.take(), 'nothing to send with the message').to.equal(undefined);
  });

  it('what the visitor typed and the system prompt count against the room', async () => {
    const host = await hostFixture();
    const file = textFile('a.txt', SHORT.repeat(7));
    const alone = await within(host.attachments.add([file]), 30_000, 'alone');
    expect(alone).to.have.length(1);
    host.attachments.take();
    host.shadowRoot!.querySelector('textarea')!.value = SHORT.repeat(4);
    host.system = 'You are a helpful assistant who answers about the files.';
    expect(await within(host.attachments.add([file]), 30_000, 'with the message')).to.deep.equal([]);
    expect(host.attachments.notice).to.match(/^a\.txt is too long for this model/);
  });

  it('a refusal is said in a polite live region; a cancelled llm-attach attaches nothing', async () => {
    const host = await hostFixture();
    host.addEventListener('llm-attach', (e) => e.preventDefault());
    await within(
      host.attachments.add([textFile('a.txt', SHORT), textFile('long.txt', SHORT.repeat(20))]),
      30_000,
      'add',
    );
    await host.updateComplete;
    const notice = host.shadowRoot!.querySelector('[part="attach-notice"]')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent).to.match(/long\.txt is too long for this model: [\d,]+ tokens, room for \d+\./);
    expect(host.shadowRoot!.querySelector('[part="attachment"]')).to.equal(null);
    await expect(host).to.be.accessible();
  });

  it('dragging files over shows the drop hint; dropping attaches them', async () => {
    const host = await hostFixture();
    const transfer = new DataTransfer();
    transfer.items.add(textFile('dropped.md', SHORT, 'text/markdown'));
    host.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await host.updateComplete;
    expect(host.shadowRoot!.querySelector('[part="drop-hint"]')?.textContent).to.equal(
      'Drop text files to attach them',
    );
    const attached = nextEvent(host, 'llm-attach', 30_000);
    host.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await attached;
    await host.updateComplete;
    expect(host.shadowRoot!.querySelector('[part="drop-hint"]')).to.equal(null);
    expect(host.attachments.pending.map((a) => a.name)).to.deep.equal(['dropped.md']);
  });
});
