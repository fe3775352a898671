// A page split into passages for retrieval (split-passages.ts): the blocks a reader sees, each with the
// headings above it; what a reader does not see is left out; long blocks cut at sentence ends; and the
// Text Fragment URLs that open a source page at a passage.
import { expect, fixture, html } from '@open-wc/testing';
import {
  passageContext,
  splitPassages,
  textFragmentUrl,
  type PagePassage,
} from '../../src/components/llm-source/split-passages.js';

/** Each passage as its context string, the way it is embedded. */
const contexts = (passages: PagePassage[]): string[] => passages.map(passageContext);
const texts = (passages: PagePassage[]): string[] => passages.map((passage) => passage.text);
const tags = (passages: PagePassage[]): string[] => passages.map((passage) => passage.element.localName);

describe('splitPassages(root): a page as passages for retrieval', () => {
  it('gives each block the headings above it, outermost first; headings are context, not passages', async () => {
    const root = await fixture(html`
      <article>
        <h1>Shop</h1>
        <p>Welcome to the shop.</p>
        <h2>Shipping</h2>
        <p>We ship worldwide.</p>
        <h3>Returns</h3>
        <p>You may return an item within 30 days.</p>
        <h2>Contact</h2>
        <h3>Nothing under this one</h3>
        <h2>Address</h2>
        <p>12 Harbour Street.</p>
        <section>
          <h2>Opening hours</h2>
          <p>Monday to Friday.</p>
        </section>
        <p>Thank you for reading.</p>
        <div role="heading" aria-level="2">Legal</div>
        <p>All rights reserved.</p>
      </article>
    `);
    const passages = splitPassages(root);
    expect(contexts(passages)).to.deep.equal([
      'Shop: Welcome to the shop.',
      'Shop › Shipping: We ship worldwide.',
      'Shop › Shipping › Returns: You may return an item within 30 days.',
      'Shop › Address: 12 Harbour Street.',
      'Shop › Opening hours: Monday to Friday.',
      // a section's headings end with it
      'Shop › Address: Thank you for reading.',
      'Shop › Legal: All rights reserved.',
    ]);
    expect(passages[2]!.headings).to.deep.equal(['Shop', 'Shipping', 'Returns']);
    expect(passages[2]!.element).to.equal(root.querySelectorAll('p')[2]);
    expect(passageContext({ text: 'No headings here.', headings: [] })).to.equal('No headings here.');
  });

  it('reads each kind of block whole, as the element it came from, its inline words joined as shown', async () => {
    const root = await fixture(html`
      <div>
        <p>Price: <b>12</b> euros<br />each, <a href="#x">see terms</a>.</p>
        <pre>
const answer =
    42;</pre>
        <blockquote>
          <p>First quoted paragraph.</p>
          <p>Second quoted paragraph.</p>
        </blockquote>
        <figure>
          <img alt="a harbour" src="data:," />
          <figcaption>The harbour at dawn.</figcaption>
        </figure>
        <address>12 Harbour Street, Portsmouth</address>
      </div>
    `);
    const passages = splitPassages(root);
    expect(texts(passages)).to.deep.equal([
      'Price: 12 euros each, see terms.',
      'const answer = 42;',
      'First quoted paragraph. Second quoted paragraph.',
      'The harbour at dawn.',
      '12 Harbour Street, Portsmouth',
    ]);
    expect(tags(passages)).to.deep.equal(['p', 'pre', 'blockquote', 'figcaption', 'address']);
  });

  it('gives each list item its own words; a nested list’s items are passages of their own, in order', async () => {
    const root = await fixture(html`
      <ul>
        <li>
          Fruit
          <ul>
            <li>Apple</li>
            <li>
              Pear, <em>ripe</em>
              <ol>
                <li>Conference</li>
              </ol>
            </li>
          </ul>
        </li>
        <li>Vegetables</li>
        <li></li>
      </ul>
    `);
    const passages = splitPassages(root);
    expect(texts(passages)).to.deep.equal(['Fruit', 'Apple', 'Pear, ripe', 'Conference', 'Vegetables']);
    expect(tags(passages)).to.deep.equal(['li', 'li', 'li', 'li', 'li']);
    expect(passages[3]!.element.textContent).to.equal('Conference');
  });

  it('reads a table by rows: "Header: value" under a header row, cells joined with " | " without one', async () => {
    const root = await fixture(html`
      <div>
        <table>
          <caption>
            Prices
          </caption>
          <thead>
            <tr>
              <th>Size</th>
              <th>Price</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Small</td>
              <td>12 €</td>
              <td></td>
            </tr>
            <tr>
              <td colspan="2">Large, on request</td>
              <td>Ask us</td>
            </tr>
          </tbody>
        </table>
        <table>
          <tr>
            <th>Weight</th>
            <th>Colour</th>
          </tr>
          <tr>
            <td>2 kg</td>
            <td>Red</td>
          </tr>
        </table>
        <table>
          <tr>
            <td>Monday</td>
            <td>9–17</td>
          </tr>
          <tr>
            <th>Sunday</th>
            <td>closed</td>
          </tr>
        </table>
      </div>
    `);
    const passages = splitPassages(root);
    expect(texts(passages)).to.deep.equal([
      'Prices',
      'Size: Small | Price: 12 €',
      'Size: Large, on request | Note: Ask us',
      'Weight: 2 kg | Colour: Red', // a first row of th cells is a header row too
      'Monday | 9–17',
      'Sunday | closed',
    ]);
    expect(tags(passages)).to.deep.equal(['caption', 'tr', 'tr', 'tr', 'tr', 'tr']);
  });

  it('reads a dt with its dd(s) as one passage', async () => {
    const root = await fixture(html`
      <dl>
        <dt>Delivery</dt>
        <dd>Two to three days.</dd>
        <dd>Free above 50 €.</dd>
        <dt>Returns</dt>
        <dt>Refunds</dt>
        <dd>Within 30 days.</dd>
        <div>
          <dt>Gift wrap</dt>
          <dd>On request.</dd>
        </div>
      </dl>
    `);
    const passages = splitPassages(root);
    expect(texts(passages)).to.deep.equal([
      'Delivery: Two to three days. Free above 50 €.',
      'Returns, Refunds: Within 30 days.',
      'Gift wrap: On request.',
    ]);
    expect(tags(passages)).to.deep.equal(['dt', 'dt', 'dt']);
    expect(passages[1]!.element.textContent).to.equal('Returns');
  });

  it('reads a leaf element (a div with its own words) as a passage, and words between blocks too', async () => {
    const root = await fixture(html`
      <main>
        <div>Plain words in a div.</div>
        <div><span>Only a span inside.</span></div>
        <div>
          Intro words
          <p>A paragraph.</p>
          closing words
        </div>
        <div>
          <div><div>Deep leaf.</div></div>
        </div>
        <custom-card>Text in a custom element.</custom-card>
        <a href="#card"
          ><div>
            <h3>Card title</h3>
            <div>Card description.</div>
          </div></a
        >
      </main>
    `);
    const passages = splitPassages(root);
    expect(contexts(passages)).to.deep.equal([
      'Plain words in a div.',
      'Only a span inside.',
      'Intro words',
      'A paragraph.',
      'closing words',
      'Deep leaf.',
      'Text in a custom element.',
      'Card title: Card description.',
    ]);
    expect(tags(passages)).to.deep.equal(['div', 'div', 'div', 'p', 'div', 'div', 'custom-card', 'div']);
  });

  it('skips code, media, navigation, controls, hidden and ignored elements, the chat itself and `exclude`', async () => {
    const root = await fixture(html`
      <div>
        <p>Kept one.</p>
        <script>
          // SECRET script
        </script>
        <style>
          .x::after {
            content: 'SECRET style';
          }
        </style>
        <template><p>SECRET template</p></template>
        <noscript><p>SECRET noscript</p></noscript>
        <svg><text>SECRET svg</text></svg>
        <canvas>SECRET canvas</canvas>
        <iframe title="frame" srcdoc="SECRET iframe"></iframe>
        <nav><a href="#a">SECRET nav</a></nav>
        <div role="navigation">SECRET role navigation</div>
        <p>Kept two, <button>SECRET button</button><input value="SECRET input" /></p>
        <select>
          <option>SECRET option</option>
        </select>
        <textarea>SECRET textarea</textarea>
        <label>Kept label</label>
        <p hidden>SECRET hidden</p>
        <p aria-hidden="true">SECRET aria-hidden</p>
        <div inert><p>SECRET inert</p></div>
        <section data-llm-ignore><p>SECRET data-llm-ignore</p></section>
        <llm-chat-stand-in><p>SECRET llm- element</p></llm-chat-stand-in>
        <aside class="ad"><p>SECRET excluded</p></aside>
        <p>Kept three.</p>
      </div>
    `);
    const passages = splitPassages(root, { exclude: '.ad, .promo' });
    expect(texts(passages)).to.deep.equal(['Kept one.', 'Kept two,', 'Kept label', 'Kept three.']);
    expect(texts(splitPassages(root)), 'without `exclude`, .ad is read').to.include('SECRET excluded');
  });

  it('in the live page, skips what CSS does not render; keeps display: contents and closed <details>', async () => {
    const root = await fixture(html`
      <div>
        <style>
          .gone {
            display: none;
          }
        </style>
        <p>Shown.</p>
        <p style="display: none">SECRET display none</p>
        <div class="gone"><p>SECRET in a display none parent</p></div>
        <p style="visibility: hidden">SECRET visibility hidden</p>
        <div style="display: contents"><p>Inside display contents.</p></div>
        <details>
          <summary>Do you ship abroad?</summary>
          <p>Yes, worldwide.</p>
        </details>
        <div hidden="until-found">Found by find-in-page.</div>
      </div>
    `);
    expect(texts(splitPassages(root))).to.deep.equal([
      'Shown.',
      'Inside display contents.',
      'Do you ship abroad?',
      'Yes, worldwide.',
      'Found by find-in-page.',
    ]);
  });

  it('splits the same HTML parsed by DOMParser (no layout) alike, its elements from that document', async () => {
    const source = `
      <article>
        <h1>Guide</h1>
        <p>Intro.</p>
        <h2>Steps</h2>
        <ol><li>One <ul><li>One a</li></ul></li><li>Two</li></ol>
        <table><thead><tr><th>Key</th><th>Value</th></tr></thead><tr><td>a</td><td>1</td></tr></table>
        <dl><dt>Term</dt><dd>Meaning.</dd></dl>
        <div>Leaf.</div>
        <script>SECRET()</script><nav>SECRET nav</nav><p hidden>SECRET hidden</p>
        <llm-chat>SECRET chat</llm-chat>
        <details><summary>Question?</summary><p>Answer.</p></details>
      </article>`;
    const live = splitPassages(await fixture(source));
    const parsed = new DOMParser().parseFromString(`<!doctype html><body>${source}`, 'text/html');
    const fetched = splitPassages(parsed.body);
    expect(contexts(fetched)).to.deep.equal(contexts(live));
    expect(contexts(fetched)).to.deep.equal([
      'Guide: Intro.',
      'Guide › Steps: One',
      'Guide › Steps: One a',
      'Guide › Steps: Two',
      'Guide › Steps: Key: a | Value: 1',
      'Guide › Steps: Term: Meaning.',
      'Guide › Steps: Leaf.',
      'Guide › Steps: Question?',
      'Guide › Steps: Answer.',
    ]);
    expect(fetched.every((passage) => passage.element.ownerDocument === parsed)).to.equal(true);

    // Without layout, an inline style is what tells a hidden element; a stylesheet's rules are not applied.
    const styled = new DOMParser().parseFromString(
      '<p>Seen.</p><p style="display:none">SECRET inline none</p><p style="visibility: hidden">SECRET inline hidden</p>',
      'text/html',
    );
    expect(texts(splitPassages(styled.body))).to.deep.equal(['Seen.']);
  });

  it('cuts a block longer than maxChars at sentence ends, never inside a word', async () => {
    const sentences = [
      'Our shop opened in 1998 in a small harbour town.',
      'It sold rope, sails and lanterns to the fishing boats!',
      'Did the town grow?',
      'It did, and the shop grew with it, adding a café, a bookshop and a small museum of old maritime instruments that visitors from all over the coast came to see on summer weekends.',
      'Today it ships worldwide.',
    ];
    const root = await fixture(
      html`<div>
        <h2>History</h2>
        <p>${sentences.join(' ')}</p>
      </div>`,
    );
    const passages = splitPassages(root, { maxChars: 120 });
    const words = sentences.join(' ').split(' ');
    for (const passage of passages) {
      expect(passage.text.length, passage.text).to.be.at.most(120);
      expect(passage.headings).to.deep.equal(['History']);
      expect(passage.element.localName).to.equal('p');
    }
    expect(texts(passages).join(' ').split(' '), 'every word whole, none lost, in order').to.deep.equal(words);
    // Whole sentences fill a passage; only the one sentence longer than 120 characters is cut at spaces.
    expect(texts(passages).slice(0, 2)).to.deep.equal([`${sentences[0]} ${sentences[1]}`, sentences[2]]);
    expect(passages.at(-1)!.text.endsWith(sentences[4]!)).to.equal(true);
    expect(passages.length).to.equal(4);
  });

  it('splits a page of 1,000 paragraphs under 100 headings, live and parsed', async () => {
    const sections = Array.from(
      { length: 100 },
      (_, s) =>
        `<section><h2>Section ${s}</h2>${Array.from(
          { length: 10 },
          (_, p) => `<p>Paragraph ${s}.${p} says <em>something</em> about item ${s * 10 + p}.</p>`,
        ).join('')}</section>`,
    ).join('');
    const root = await fixture(`<main><h1>Catalogue</h1>${sections}</main>`);
    // A page a visitor reads has been laid out; the fixture was just inserted, so lay it out first.
    let started = performance.now();
    root.getBoundingClientRect();
    const layoutMs = performance.now() - started;
    started = performance.now();
    const passages = splitPassages(root);
    const liveMs = performance.now() - started;
    const parsed = new DOMParser().parseFromString(`<main><h1>Catalogue</h1>${sections}</main>`, 'text/html');
    started = performance.now();
    const fetched = splitPassages(parsed.body);
    const parsedMs = performance.now() - started;
    console.log(
      `[split-passages] 1,000 paragraphs: ${liveMs.toFixed(1)} ms live (after ${layoutMs.toFixed(1)} ms of the ` +
        `fixture's first layout), ${parsedMs.toFixed(1)} ms parsed (DOMParser)`,
    );
    for (const result of [passages, fetched]) {
      expect(result.length).to.equal(1000);
      expect(passageContext(result[0]!)).to.equal('Catalogue › Section 0: Paragraph 0.0 says something about item 0.');
      expect(passageContext(result[999]!)).to.equal(
        'Catalogue › Section 99: Paragraph 99.9 says something about item 999.',
      );
    }
    expect(passages[537]!.element).to.equal(root.querySelectorAll('p')[537]);
  });
});

describe('textFragmentUrl(url, text): a link that opens a page at a passage', () => {
  it('quotes short text whole, percent-encoding "-", "&", "," and spaces, in place of any #hash', () => {
    expect(textFragmentUrl('https://example.com/menu.html#old', 'Fish & chips, well-done')).to.equal(
      'https://example.com/menu.html#:~:text=Fish%20%26%20chips%2C%20well%2Ddone',
    );
    expect(textFragmentUrl('/docs/page.html?q=1', '  Returns   policy ')).to.equal(
      '/docs/page.html?q=1#:~:text=Returns%20policy',
    );
    expect(textFragmentUrl('https://example.com/', '')).to.equal('https://example.com/');
  });

  it('gives long text as start,end: its first and last words', () => {
    const url = textFragmentUrl(
      'https://example.com/faq#top',
      'You may return any item within 30 days of delivery, in its original packaging - no questions asked.',
    );
    expect(url).to.equal(
      'https://example.com/faq#:~:text=You%20may%20return%20any%20item,packaging%20%2D%20no%20questions%20asked.',
    );
    const directive = new URL(url).hash.slice('#:~:text='.length);
    expect(directive.split(',').map(decodeURIComponent)).to.deep.equal([
      'You may return any item',
      'packaging - no questions asked.',
    ]);
  });
});
