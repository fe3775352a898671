// Reads a GBNF grammar (llama.cpp's grammar format) the way llama.cpp's parser does, so a grammar it
// would refuse is refused here first, with the line and what to change, before any model runs.
import { LlmError } from '../../core/errors.js';

/** One expression of a rule's right-hand side. */
export type GbnfExpr =
  | { kind: 'alt'; items: GbnfExpr[] }
  | { kind: 'seq'; items: GbnfExpr[] }
  | { kind: 'literal'; text: string }
  | { kind: 'class'; negated: boolean; ranges: Array<[number, number]> }
  | { kind: 'any' }
  | { kind: 'ref'; name: string }
  | { kind: 'repeat'; item: GbnfExpr; min: number; max: number | null };

/** A grammar's rules by name, in the order they are defined. */
export type GbnfRules = Map<string, GbnfExpr>;

class GbnfSyntaxError extends Error {}

const isWordChar = (c: string | undefined) => c !== undefined && /[a-zA-Z0-9-]/.test(c);

/** Parses `source` into rules; throws `GbnfSyntaxError` naming the line. */
function parse(source: string): GbnfRules {
  const rules: GbnfRules = new Map();
  let pos = 0;
  const lineAt = (at: number) => source.slice(0, at).split('\n').length;
  const fail = (what: string, at = pos): never => {
    throw new GbnfSyntaxError(`line ${lineAt(at)}: ${what}`);
  };
  const peek = (offset = 0) => source[pos + offset];

  const skipSpace = (newlines: boolean) => {
    while (pos < source.length) {
      const c = source[pos];
      if (c === ' ' || c === '\t' || (newlines && (c === '\n' || c === '\r'))) pos++;
      else if (c === '#') while (pos < source.length && source[pos] !== '\n' && source[pos] !== '\r') pos++;
      else break;
    }
  };

  const name = (): string => {
    const start = pos;
    while (isWordChar(peek())) pos++;
    if (pos === start) fail(`expected a rule name, found ${describe(peek())}`);
    return source.slice(start, pos);
  };

  const hex = (digits: number): number => {
    const text = source.slice(pos, pos + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(text)) fail(`expected ${digits} hex digits after the escape`);
    pos += digits;
    return parseInt(text, 16);
  };

  /** One character of a literal or a class, with llama.cpp's escapes. */
  const char = (): number => {
    const c = source.codePointAt(pos);
    if (c === undefined) return fail('unexpected end of the grammar (a quote or bracket is not closed)');
    if (c !== 0x5c) {
      pos += c > 0xffff ? 2 : 1;
      return c;
    }
    const escape = source[pos + 1];
    pos += 2;
    const simple: Record<string, number> = { t: 9, r: 13, n: 10, '\\': 92, '"': 34, '[': 91, ']': 93 };
    if (escape === 'x') return hex(2);
    if (escape === 'u') return hex(4);
    if (escape === 'U') return hex(8);
    if (escape !== undefined && escape in simple) return simple[escape] as number;
    return fail(`unknown escape \\${escape ?? ''}`, pos - 2);
  };

  const sequence = (nested: boolean): GbnfExpr => {
    const items: GbnfExpr[] = [];
    while (pos < source.length) {
      const c = peek();
      if (c === '"') {
        pos++;
        let text = '';
        while (peek() !== '"') {
          if (pos >= source.length) fail('a literal is not closed (missing ")');
          text += String.fromCodePoint(char());
        }
        pos++;
        items.push({ kind: 'literal', text });
      } else if (c === '[') {
        pos++;
        const negated = peek() === '^';
        if (negated) pos++;
        const ranges: Array<[number, number]> = [];
        while (peek() !== ']') {
          if (pos >= source.length) fail('a character class is not closed (missing ])');
          const from = char();
          if (peek() === '-' && peek(1) !== ']' && pos + 1 < source.length) {
            pos++;
            const to = char();
            if (to < from) fail('a character range goes backwards');
            ranges.push([from, to]);
          } else {
            ranges.push([from, from]);
          }
        }
        pos++;
        items.push({ kind: 'class', negated, ranges });
      } else if (isWordChar(c)) {
        items.push({ kind: 'ref', name: name() });
      } else if (c === '(') {
        pos++;
        skipSpace(true);
        const inner = alternates(true);
        if (peek() !== ')') fail(`expected ")" to close the group, found ${describe(peek())}`);
        pos++;
        items.push(inner);
      } else if (c === '.') {
        pos++;
        items.push({ kind: 'any' });
      } else if (c === '*' || c === '+' || c === '?') {
        const last = items.pop() ?? fail(`"${c}" has nothing before it to repeat`);
        pos++;
        items.push({ kind: 'repeat', item: last, min: c === '+' ? 1 : 0, max: c === '?' ? 1 : null });
      } else if (c === '{') {
        const last = items.pop() ?? fail('"{" has nothing before it to repeat');
        pos++;
        skipSpace(nested);
        const count = () => {
          const start = pos;
          while (/[0-9]/.test(peek() ?? '')) pos++;
          return pos > start ? Number(source.slice(start, pos)) : null;
        };
        const min = count() ?? fail('expected a number after "{"');
        skipSpace(nested);
        let max: number | null = min;
        if (peek() === ',') {
          pos++;
          skipSpace(nested);
          max = count();
          skipSpace(nested);
        }
        if (peek() !== '}') fail(`expected "}" to close the repetition, found ${describe(peek())}`);
        if (max !== null && max < min) fail(`the repetition {${min},${max}} has its maximum below its minimum`);
        pos++;
        items.push({ kind: 'repeat', item: last, min, max });
      } else {
        break;
      }
      skipSpace(nested);
    }
    return items.length === 1 ? (items[0] as GbnfExpr) : { kind: 'seq', items };
  };

  const alternates = (nested: boolean): GbnfExpr => {
    const items = [sequence(nested)];
    while (peek() === '|') {
      pos++;
      skipSpace(true);
      items.push(sequence(nested));
    }
    return items.length === 1 ? (items[0] as GbnfExpr) : { kind: 'alt', items };
  };

  skipSpace(true);
  while (pos < source.length) {
    const start = pos;
    const ruleName = name();
    skipSpace(false);
    if (source.slice(pos, pos + 3) !== '::=') fail(`expected "::=" after the rule name "${ruleName}"`);
    pos += 3;
    skipSpace(true);
    const body = alternates(false);
    if (peek() === '\r') pos++;
    if (peek() === '\n') pos++;
    else if (pos < source.length) fail(`unexpected ${describe(peek())} in the rule "${ruleName}"`);
    if (rules.has(ruleName)) fail(`the rule "${ruleName}" is defined twice`, start);
    rules.set(ruleName, body);
    skipSpace(true);
  }
  return rules;
}

function describe(c: string | undefined): string {
  if (c === undefined) return 'the end of the grammar';
  if (c === '\n' || c === '\r') return 'the end of the line';
  return `"${c}"`;
}

function* children(expr: GbnfExpr): Generator<GbnfExpr> {
  if (expr.kind === 'alt' || expr.kind === 'seq') yield* expr.items;
  else if (expr.kind === 'repeat') yield expr.item;
}

function* refs(expr: GbnfExpr): Generator<string> {
  if (expr.kind === 'ref') yield expr.name;
  for (const child of children(expr)) yield* refs(child);
}

/** Whether `expr` can match the empty string, given which rules can. */
function nullable(expr: GbnfExpr, empty: Set<string>): boolean {
  switch (expr.kind) {
    case 'alt':
      return expr.items.some((item) => nullable(item, empty));
    case 'seq':
      return expr.items.every((item) => nullable(item, empty));
    case 'literal':
      return expr.text === '';
    case 'ref':
      return empty.has(expr.name);
    case 'repeat':
      return expr.min === 0 || nullable(expr.item, empty);
    default:
      return false;
  }
}

/** The rules `expr` can start with (what llama.cpp follows when it looks for left recursion). */
function leftRefs(expr: GbnfExpr, empty: Set<string>, out: Set<string>): void {
  if (expr.kind === 'ref') out.add(expr.name);
  else if (expr.kind === 'alt') for (const item of expr.items) leftRefs(item, empty, out);
  else if (expr.kind === 'repeat') leftRefs(expr.item, empty, out);
  else if (expr.kind === 'seq') {
    for (const item of expr.items) {
      leftRefs(item, empty, out);
      if (!nullable(item, empty)) break;
    }
  }
}

/**
 * The rules of a GBNF grammar, or an `invalid-request` error that says what to change: not text,
 * a syntax error (with its line), a rule used but not defined, no `root` rule, or left recursion
 * (which llama.cpp cannot run).
 */
export function parseGrammar(grammar: unknown): GbnfRules {
  if (typeof grammar !== 'string') {
    throw new LlmError('invalid-request', `grammar must be a GBNF grammar as text, not ${typeName(grammar)}.`);
  }
  let rules: GbnfRules;
  try {
    rules = parse(grammar);
  } catch (error) {
    if (!(error instanceof GbnfSyntaxError)) throw error;
    throw new LlmError('invalid-request', `The grammar is not valid GBNF (${error.message}).`);
  }
  if (!rules.has('root')) {
    throw new LlmError(
      'invalid-request',
      rules.size === 0
        ? 'The grammar is empty: give at least a rule "root ::= …".'
        : 'The grammar has no "root" rule: the answer starts at "root ::= …".',
    );
  }
  for (const [name, body] of rules) {
    for (const used of refs(body)) {
      if (!rules.has(used)) {
        throw new LlmError(
          'invalid-request',
          `The grammar's rule "${name}" uses the rule "${used}", which is not defined.`,
        );
      }
    }
  }
  const empty = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, body] of rules) {
      if (!empty.has(name) && nullable(body, empty)) {
        empty.add(name);
        changed = true;
      }
    }
  }
  for (const name of rules.keys()) {
    const seen = new Set<string>();
    const todo = [name];
    while (todo.length) {
      const current = todo.pop() as string;
      const next = new Set<string>();
      leftRefs(rules.get(current) as GbnfExpr, empty, next);
      for (const ref of next) {
        if (ref === name) {
          throw new LlmError(
            'invalid-request',
            `The grammar's rule "${name}" is left-recursive (it can start with itself), which llama.cpp cannot run: ` +
              'put something before the recursion, or use a repetition (*, +).',
          );
        }
        if (!seen.has(ref)) {
          seen.add(ref);
          todo.push(ref);
        }
      }
    }
  }
  return rules;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}
