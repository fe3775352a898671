// A JSON Schema `pattern`, parsed by regex-parse.ts, as GBNF for the inside of a JSON string: every
// character the pattern allows, written as JSON writes it (a quote or a backslash escaped), so the
// string the model writes matches the pattern once decoded; its open repetitions cut to a maxLength.
import { gbnfChar, gbnfLiteral } from './gbnf-write.js';
import { normalize, parsePattern, subtract, UnsupportedPattern, type Range, type RegexNode } from './regex-parse.js';

/** How long the strings the pattern matches are: at least `min`, at most `max` (null: no limit). */
function lengths(node: RegexNode): { min: number; max: number | null } {
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
function capped(node: RegexNode, extra: number): RegexNode {
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

function emit(node: RegexNode): string {
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
  let node = parsePattern(pattern);
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
