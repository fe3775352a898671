// Pieces of GBNF text the grammars are written with: a code point or a text as GBNF, a repetition,
// and a JSON string other than some given ones.

/** A code point as a GBNF escape (safe inside a literal and a class alike). */
export function gbnfChar(code: number): string {
  if (/[a-zA-Z0-9 ]/.test(String.fromCodePoint(code))) return String.fromCodePoint(code);
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
}

/** A text as a GBNF literal. */
export function gbnfLiteral(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    out += c === '"' ? '\\"' : c === '\\' ? '\\\\' : code < 0x20 || code === 0x7f ? gbnfChar(code) : c;
  }
  return `"${out}"`;
}

/** `item` from `min` to `max` times (null: no limit). */
export function repeat(item: string, min: number, max: number | null): string {
  if (max === 0) return '';
  if (min === 0 && max === 1) return `(${item})?`;
  if (max === null) return min === 0 ? `(${item})*` : min === 1 ? `(${item})+` : `(${item}){${min},}`;
  return min === max ? `(${item}){${min}}` : `(${item}){${min},${max}}`;
}

/** A JSON string other than the given ones (a property name not already declared). */
export function notStrings(words: string[]): string {
  type Node = Map<string, Node> & { end?: boolean };
  const trie: Node = new Map();
  for (const word of words) {
    let node = trie;
    for (const c of JSON.stringify(word).slice(1, -1)) {
      let child = node.get(c);
      if (!child) node.set(c, (child = new Map()));
      node = child;
    }
    node.end = true;
  }
  // Plain characters only (no escapes, which could spell a declared name another way). At each node:
  // a character that leaves the trie, then any; or one that follows it further; the end only where
  // no name ends.
  const plain = (taken: string) => `[^"\\\\\\x7F\\x00-\\x1F${taken}]`;
  const visit = (node: Node): string => {
    const taken = [...node.keys()].filter((c) => c !== '\\');
    const options = [`${plain(taken.map((c) => gbnfChar(c.codePointAt(0) as number)).join(''))} ${plain('')}*`];
    for (const c of taken) {
      const child = node.get(c) as Node;
      options.push(`${gbnfLiteral(c)} (${visit(child)})${child.end ? '' : '?'}`);
    }
    return options.join(' | ');
  };
  return `"\\"" (${visit(trie)})${trie.end ? '' : '?'} "\\"" space`;
}
