// The sanitizer on its own, with raw HTML: the markdown renderer escapes raw HTML before it gets
// there, so the element tests (test/components/sanitize-and-persist.test.ts) would stay green with a
// sanitizer that lets anything through. Here nothing stands in front of it.
import { expect } from '@open-wc/testing';
import type { Tokens } from 'marked';
import { renderBlocks } from '../../src/render/markdown-renderer.js';
import { sanitizeToFragment } from '../../src/render/sanitize.js';

/** What may survive: text formatting, lists, tables, code and links (see sanitize.ts). */
const ALLOWED_TAGS = new Set(
  'a blockquote br code del div em h1 h2 h3 h4 h5 h6 hr li ol p pre s span strong sub sup table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);
const ALLOWED_ATTRIBUTES = new Set('href title align start colspan rowspan class lang target rel'.split(' '));

const ATTACKS: Array<[string, string]> = [
  ['an image with onerror', '<img src=x onerror="window.__pwned=1">'],
  ['an image inside allowed markup', '<p>look <strong><img src="https://example.com/leak.png?q=secret"></strong></p>'],
  ['an svg with onload', '<svg onload="window.__pwned=2"><circle r="4"></circle></svg>'],
  ['a script', '<script>window.__pwned=3</script>'],
  ['an iframe', '<iframe src="javascript:window.__pwned=4" srcdoc="<script>window.__pwned=5</script>"></iframe>'],
  ['object and embed', '<object data="x.swf"></object><embed src="x.swf">'],
  ['a style element and attribute', '<style>body{display:none}</style><p style="position:fixed;inset:0">cover</p>'],
  ['a form', '<form action="https://example.com"><input name="q"><button formaction="javascript:x">go</button></form>'],
  [
    'event handlers on allowed tags',
    '<p onclick="window.__pwned=6">p</p><a href="/" onmouseover="window.__pwned=7">a</a>',
  ],
  ['a javascript: link', '<a href="javascript:window.__pwned=8">x</a><a href=" JaVaScRiPt:window.__pwned=9">y</a>'],
  [
    'data: and vbscript: links',
    '<a href="data:text/html,<script>window.__pwned=10</script>">d</a><a href="vbscript:x">v</a>',
  ],
  ['media', '<video poster="https://example.com/p.png" src="v.mp4"></video><audio src="a.mp3"></audio>'],
  [
    'meta, base and link',
    '<meta http-equiv="refresh" content="0;url=https://example.com"><base href="https://example.com/"><link rel="stylesheet" href="https://example.com/x.css">',
  ],
  [
    'a template and noscript',
    '<template><img src=x onerror="window.__pwned=11"></template><noscript><p title="</noscript><img src=x onerror=window.__pwned=12>"></p></noscript>',
  ],
  [
    'mathml',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=13"></style></mglyph></table></mtext></math>',
  ],
];

/** Every element of `root` is one the allow-list names, with only allowed attributes and safe links. */
function expectOnlyAllowed(root: ParentNode, what: string) {
  for (const element of root.querySelectorAll('*')) {
    const tag = element.localName;
    expect(ALLOWED_TAGS.has(tag), `${what}: <${tag}> survived`).to.equal(true);
    for (const attribute of element.getAttributeNames()) {
      expect(ALLOWED_ATTRIBUTES.has(attribute), `${what}: <${tag} ${attribute}> survived`).to.equal(true);
    }
    const href = element.getAttribute('href');
    if (href !== null) {
      expect(href, `${what}: <${tag} href>`).not.to.match(/^\s*(javascript|data|vbscript):/i);
      expect(element.getAttribute('rel'), `${what}: a link opens without its opener`).to.equal('noopener noreferrer');
    }
  }
}

/** `fragment` in a (detached) box, for querying. */
function boxed(fragment: DocumentFragment): HTMLElement {
  const box = document.createElement('div');
  box.append(fragment);
  return box;
}

describe('sanitizeToFragment, raw HTML', () => {
  for (const [what, html] of ATTACKS) {
    it(`removes ${what}`, () => {
      const box = boxed(sanitizeToFragment(html));
      expectOnlyAllowed(box, what);
    });
  }

  it('keeps the harmless text of what it removes, and the markup it allows', () => {
    const box = boxed(
      sanitizeToFragment(
        '<p onclick="x()">Hello <strong>bold</strong> <a href="https://example.com/docs" title="Docs">docs</a></p>' +
          '<table><tbody><tr><td align="right" colspan="2">1</td></tr></tbody></table>' +
          '<pre><code class="language-js">let a = 1;</code></pre><ol start="3"><li>three</li></ol>',
      ),
    );
    expect(box.querySelector('p')?.hasAttribute('onclick')).to.equal(false);
    expect(box.querySelector('p')?.textContent).to.equal('Hello bold docs');
    const link = box.querySelector('a')!;
    expect([link.getAttribute('href'), link.getAttribute('title')]).to.deep.equal(['https://example.com/docs', 'Docs']);
    expect([link.getAttribute('target'), link.getAttribute('rel')]).to.deep.equal(['_blank', 'noopener noreferrer']);
    expect(box.querySelector('td')?.getAttribute('align')).to.equal('right');
    expect(box.querySelector('td')?.getAttribute('colspan')).to.equal('2');
    expect(box.querySelector('code')?.className).to.equal('language-js');
    expect(box.querySelector('ol')?.getAttribute('start')).to.equal('3');
  });

  it('keeps relative, http(s) and mailto links', () => {
    const box = boxed(
      sanitizeToFragment(
        ['/a', '#b', 'c/d?e=f', 'https://example.com/', 'http://example.com/', 'mailto:a@example.com']
          .map((href) => `<a href="${href}">x</a>`)
          .join(''),
      ),
    );
    expect([...box.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      '/a',
      '#b',
      'c/d?e=f',
      'https://example.com/',
      'http://example.com/',
      'mailto:a@example.com',
    ]);
  });
});

describe('renderBlocks (the path every element renders through), with raw HTML past the markdown step', () => {
  // marked passes a text token marked `escaped` through as it is: these blocks carry raw HTML to the
  // sanitizer as a markdown step that failed to escape it would.
  const rawBlock = (html: string): Tokens.Paragraph => ({
    type: 'paragraph',
    raw: html,
    text: html,
    tokens: [{ type: 'text', raw: html, text: html, escaped: true }],
  });

  it('the raw HTML does reach the sanitizer this way', () => {
    const box = boxed(renderBlocks([rawBlock('<em>raw</em>')], {}));
    expect(box.querySelector('p em')?.textContent).to.equal('raw');
  });

  for (const [what, html] of ATTACKS) {
    it(`removes ${what}`, () => {
      const box = boxed(renderBlocks([rawBlock(html)], {}));
      expectOnlyAllowed(box, what);
    });
  }
});
