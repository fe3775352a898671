// A JSON Schema `pattern` (a JavaScript regular expression in `u` mode, anchored at both ends) read
// into a tree of character sets, sequences, alternatives and repetitions: what regex-grammar.ts
// writes as GBNF. What a grammar cannot express (lookaround, backreferences, word boundaries,
// Unicode properties) is named in an `UnsupportedPattern`, so the request is refused before the
// model runs.

/** Code points from the first to the last, both included. */
export type Range = [number, number];
/** A parsed pattern. */
export type RegexNode =
  | { kind: 'alt'; items: RegexNode[] }
  | { kind: 'seq'; items: RegexNode[] }
  | { kind: 'set'; ranges: Range[] }
  | { kind: 'repeat'; item: RegexNode; min: number; max: number | null };

/** A pattern feature no grammar can enforce: what it is, in the words a developer searches for. */
export class UnsupportedPattern extends Error {}

const MAX_CODE_POINT = 0x10ffff;

/** Sorted ranges, overlapping and adjacent ones merged. */
export function normalize(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const [from, to] of sorted) {
    const last = out.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** Every code point the ranges leave out. */
export function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [from, to] of normalize(ranges)) {
    if (from > next) out.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** The code points of `ranges` that are not in `removed`. */
export function subtract(ranges: Range[], removed: Range[]): Range[] {
  const keep = complement(removed);
  const out: Range[] = [];
  for (const [a, b] of normalize(ranges)) {
    for (const [c, d] of keep) {
      const from = Math.max(a, c);
      const to = Math.min(b, d);
      if (from <= to) out.push([from, to]);
    }
  }
  return out;
}

const char = (c: string): Range[] => [[c.codePointAt(0) as number, c.codePointAt(0) as number]];
const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const SPACE: Range[] = normalize([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
const LINE_BREAKS: Range[] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];

/** Parses the part of a `u`-mode regular expression between `^` and `$`. */
function parse(source: string): RegexNode {
  let pos = 0;
  const peek = () => source[pos];
  const unsupported = (what: string): never => {
    throw new UnsupportedPattern(what);
  };

  const hex = (digits: number) => {
    const text = source.slice(pos, pos + digits);
    pos += digits;
    return parseInt(text, 16);
  };

  /** An escape after the backslash: a set of characters. `inClass`: \b is a backspace there. */
  const escape = (inClass: boolean): Range[] => {
    const c = source[pos++] ?? '';
    switch (c) {
      case 'd':
        return DIGIT;
      case 'D':
        return complement(DIGIT);
      case 'w':
        return WORD;
      case 'W':
        return complement(WORD);
      case 's':
        return SPACE;
      case 'S':
        return complement(SPACE);
      case 't':
        return char('\t');
      case 'n':
        return char('\n');
      case 'r':
        return char('\r');
      case 'f':
        return char('\f');
      case 'v':
        return char('\v');
      case '0':
        return char('\0');
      case 'x': {
        const code = hex(2);
        return [[code, code]];
      }
      case 'u': {
        if (peek() === '{') {
          const end = source.indexOf('}', pos);
          const code = parseInt(source.slice(pos + 1, end), 16);
          pos = end + 1;
          return [[code, code]];
        }
        let code = hex(4);
        // A surrogate pair written as two escapes is one character.
        if (code >= 0xd800 && code <= 0xdbff && source.slice(pos, pos + 2) === '\\u') {
          const low = parseInt(source.slice(pos + 2, pos + 6), 16);
          if (low >= 0xdc00 && low <= 0xdfff) {
            pos += 6;
            code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          }
        }
        return [[code, code]];
      }
      case 'c': {
        const letter = (source[pos++] ?? 'A').toUpperCase().charCodeAt(0);
        return [[letter % 32, letter % 32]];
      }
      case 'b':
        return inClass ? char('\b') : unsupported('a word boundary (\\b)');
      case 'B':
        return unsupported('a word boundary (\\B)');
      case 'k':
        return unsupported('a backreference (\\k<…>)');
      case 'p':
      case 'P':
        return unsupported(`a Unicode property (\\${c}{…})`);
      default:
        if (/[1-9]/.test(c)) return unsupported(`a backreference (\\${c})`);
        return char(c);
    }
  };

  const charClass = (): Range[] => {
    const negated = peek() === '^';
    if (negated) pos++;
    const ranges: Range[] = [];
    const one = (): Range[] => {
      const c = source.codePointAt(pos) as number;
      if (c === 0x5c) {
        pos++;
        return escape(true);
      }
      pos += c > 0xffff ? 2 : 1;
      return [[c, c]];
    };
    while (pos < source.length && peek() !== ']') {
      const from = one();
      if (peek() === '-' && source[pos + 1] !== ']' && pos + 1 < source.length && from.length === 1) {
        pos++;
        const to = one();
        const [start] = from[0] as Range;
        const [end] = to[0] as Range;
        ranges.push([start, end]);
      } else {
        ranges.push(...from);
      }
    }
    pos++; // ]
    return negated ? complement(ranges) : normalize(ranges);
  };

  const atom = (): RegexNode => {
    const c = peek() as string;
    if (c === '(') {
      pos++;
      if (peek() === '?') {
        const kind = source.slice(pos, pos + 3);
        if (kind.startsWith('?:')) pos += 2;
        else if (kind === '?<=' || kind === '?<!') unsupported(`a lookbehind (${kind.slice(1)}…)`);
        else if (kind.startsWith('?=') || kind.startsWith('?!')) unsupported(`a lookahead (${kind.slice(1, 2)}…)`);
        else if (kind.startsWith('?<')) pos = source.indexOf('>', pos) + 1;
        else unsupported(`the group syntax (${kind}`);
      }
      const inner = alternatives();
      pos++; // )
      return inner;
    }
    if (c === '[') {
      pos++;
      return { kind: 'set', ranges: charClass() };
    }
    if (c === '.') {
      pos++;
      return { kind: 'set', ranges: complement(LINE_BREAKS) };
    }
    if (c === '^' || c === '$')
      return unsupported(`an anchor (${c}) inside the pattern (only one ^ at the start and one $ at the end)`);
    if (c === '\\') {
      pos++;
      return { kind: 'set', ranges: escape(false) };
    }
    const code = source.codePointAt(pos) as number;
    pos += code > 0xffff ? 2 : 1;
    return { kind: 'set', ranges: [[code, code]] };
  };

  const quantified = (): RegexNode => {
    let node = atom();
    for (;;) {
      const c = peek();
      let min: number;
      let max: number | null;
      if (c === '*') [min, max] = [0, null];
      else if (c === '+') [min, max] = [1, null];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(pos))) {
        const [, low = '0', comma, high] = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(pos)) ?? [];
        min = Number(low);
        max = comma === undefined ? min : high ? Number(high) : null;
        pos = source.indexOf('}', pos);
      } else return node;
      pos++;
      if (peek() === '?') pos++; // lazy: the same strings
      node = { kind: 'repeat', item: node, min, max };
    }
  };

  const sequence = (): RegexNode => {
    const items: RegexNode[] = [];
    while (pos < source.length && peek() !== '|' && peek() !== ')') items.push(quantified());
    return items.length === 1 ? (items[0] as RegexNode) : { kind: 'seq', items };
  };

  const alternatives = (): RegexNode => {
    const items = [sequence()];
    while (peek() === '|') {
      pos++;
      items.push(sequence());
    }
    return items.length === 1 ? (items[0] as RegexNode) : { kind: 'alt', items };
  };

  const node = alternatives();
  if (pos < source.length) unsupported(`the unbalanced ")" at ${pos}`);
  return node;
}

/**
 * The tree of `pattern`, which must start with `^` and end with `$`. Throws `UnsupportedPattern`
 * naming what a grammar cannot do.
 */
export function parsePattern(pattern: string): RegexNode {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) {
    throw new UnsupportedPattern('a pattern not anchored at both ends (it must start with ^ and end with $)');
  }
  return parse(pattern.slice(1, -1));
}
