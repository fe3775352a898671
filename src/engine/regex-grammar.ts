// A JSON Schema `pattern` (a JavaScript regular expression, anchored at both ends) as GBNF for the
// inside of a JSON string: every character the pattern allows, written as JSON writes it (a quote
// or a backslash escaped), so the string the model writes matches the pattern once decoded.
// What a grammar cannot express (lookaround, backreferences, word boundaries, Unicode properties)
// is named, so the request is refused before the model runs.

type Range = [number, number];
type Node =
  | { kind: 'alt'; items: Node[] }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'set'; ranges: Range[] }
  | { kind: 'repeat'; item: Node; min: number; max: number | null };

/** A pattern feature no grammar can enforce: what it is, in the words a developer searches for. */
export class UnsupportedPattern extends Error {}

const MAX_CODE_POINT = 0x10ffff;

function normalize(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const [from, to] of sorted) {
    const last = out.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [from, to] of normalize(ranges)) {
    if (from > next) out.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

function subtract(ranges: Range[], removed: Range[]): Range[] {
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
function parse(source: string): Node {
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

  const atom = (): Node => {
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

  const quantified = (): Node => {
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

  const sequence = (): Node => {
    const items: Node[] = [];
    while (pos < source.length && peek() !== '|' && peek() !== ')') items.push(quantified());
    return items.length === 1 ? (items[0] as Node) : { kind: 'seq', items };
  };

  const alternatives = (): Node => {
    const items = [sequence()];
    while (peek() === '|') {
      pos++;
      items.push(sequence());
    }
    return items.length === 1 ? (items[0] as Node) : { kind: 'alt', items };
  };

  const node = alternatives();
  if (pos < source.length) unsupported(`the unbalanced ")" at ${pos}`);
  return node;
}

function lengths(node: Node): { min: number; max: number | null } {
  switch (node.kind) {
    case 'set':
      return { min: 1, max: 1 };
    case 'seq':
    case 'alt': {
      const parts = node.items.map(lengths);
      if (node.kind === 'alt') {
        if (!parts.length) return { min: 0, max: 0 };
        const maxes = parts.map((p) => p.max);
        return {
          min: Math.min(...parts.map((p) => p.min)),
          max: maxes.includes(null) ? null : Math.max(...(maxes as number[])),
        };
      }
      return {
        min: parts.reduce((sum, p) => sum + p.min, 0),
        max: parts.some((p) => p.max === null) ? null : parts.reduce((sum, p) => sum + (p.max as number), 0),
      };
    }
    case 'repeat': {
      const item = lengths(node.item);
      const max =
        node.max === 0 || item.max === 0 ? 0 : node.max === null || item.max === null ? null : item.max * node.max;
      return { min: item.min * node.min, max };
    }
  }
}

/** The same pattern with every open repetition (`*`, `+`, `{n,}`) allowed `extra` more than its minimum. */
function capped(node: Node, extra: number): Node {
  switch (node.kind) {
    case 'set':
      return node;
    case 'seq':
    case 'alt':
      return { kind: node.kind, items: node.items.map((item) => capped(item, extra)) };
    case 'repeat':
      return { ...node, item: capped(node.item, extra), max: node.max ?? node.min + extra };
  }
}

/** Characters JSON writes escaped inside a string, and how. */
function jsonEscaped(code: number): string {
  const named: Record<number, string> = {
    0x22: '\\"',
    0x5c: '\\\\',
    0x08: '\\b',
    0x0c: '\\f',
    0x0a: '\\n',
    0x0d: '\\r',
    0x09: '\\t',
  };
  return named[code] ?? `\\u${code.toString(16).padStart(4, '0')}`;
}

const ESCAPED: Range[] = [
  [0x00, 0x1f],
  [0x22, 0x22],
  [0x5c, 0x5c],
  [0x7f, 0x7f],
];
const SURROGATES: Range[] = [[0xd800, 0xdfff]];

/** A code point as a GBNF escape (safe inside a literal and a class alike). */
function gbnfChar(code: number): string {
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

function emit(node: Node): string {
  switch (node.kind) {
    case 'set': {
      const plain = subtract(node.ranges, [...ESCAPED, ...SURROGATES]);
      const special = normalize(node.ranges).flatMap(([from, to]) => {
        const codes: number[] = [];
        for (const [a, b] of ESCAPED) for (let c = Math.max(from, a); c <= Math.min(to, b); c++) codes.push(c);
        return codes;
      });
      const parts = special.map((code) => gbnfLiteral(jsonEscaped(code)));
      if (plain.length) {
        parts.unshift(`[${plain.map(([a, b]) => (a === b ? gbnfChar(a) : `${gbnfChar(a)}-${gbnfChar(b)}`)).join('')}]`);
      }
      if (!parts.length) throw new UnsupportedPattern('a character class that matches no character');
      return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' | ')})`;
    }
    case 'seq':
      return node.items.length ? node.items.map(emit).join(' ') : '""';
    case 'alt':
      return `(${node.items.map(emit).join(' | ')})`;
    case 'repeat': {
      const item = emit(node.item);
      const wrapped = /^[([]/.test(item) && balancedGroup(item) ? item : `(${item})`;
      if (node.max === 1 && node.min === 0) return `${wrapped}?`;
      if (node.max === null)
        return node.min === 0 ? `${wrapped}*` : node.min === 1 ? `${wrapped}+` : `${wrapped}{${node.min},}`;
      return node.min === node.max ? `${wrapped}{${node.min}}` : `${wrapped}{${node.min},${node.max}}`;
    }
  }
}

/** Whether `text` is one bracketed group or class from its first character to its last. */
function balancedGroup(text: string): boolean {
  const open = text[0];
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if (open === '[') {
      if (c === ']') return i === text.length - 1;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return i === text.length - 1;
  }
  return false;
}

export interface PatternGrammar {
  /** GBNF for the characters between the quotes. */
  grammar: string;
  minLength: number;
  maxLength: number | null;
}

/**
 * GBNF for the inside of a JSON string that matches `pattern` (which must start with `^` and end
 * with `$`), with its open repetitions cut so no string is longer than `maxLength`. Throws
 * `UnsupportedPattern` naming what a grammar cannot do.
 */
export function patternGrammar(pattern: string, maxLength?: number): PatternGrammar {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) {
    throw new UnsupportedPattern('a pattern not anchored at both ends (it must start with ^ and end with $)');
  }
  let node = parse(pattern.slice(1, -1));
  let { min, max } = lengths(node);
  if (maxLength !== undefined && (max === null || max > maxLength)) {
    // The longest allowance for open repetitions that keeps every string within maxLength.
    let low = 0;
    let high = maxLength;
    if ((lengths(capped(node, 0)).max ?? Infinity) > maxLength) {
      throw new UnsupportedPattern(
        `a pattern whose strings can be longer than maxLength ${maxLength} (bound its repetitions, e.g. {1,${maxLength}})`,
      );
    }
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((lengths(capped(node, mid)).max ?? Infinity) <= maxLength) low = mid;
      else high = mid - 1;
    }
    node = capped(node, low);
    ({ min, max } = lengths(node));
  }
  return { grammar: emit(node), minLength: min, maxLength: max };
}
