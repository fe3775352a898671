// A GBNF grammar without recursion as a JavaScript RegExp, so tests can check exactly which texts a
// grammar the engine builds allows (llama.cpp would allow the same).
import {
  parseGrammar,
  type GbnfExpr,
  type GbnfRules,
} from '../../src/engine/prompting/structured-output/gbnf-parse.js';

const codePoint = (code: number) => `\\u{${code.toString(16)}}`;

function source(expr: GbnfExpr, rules: GbnfRules, depth: number): string {
  if (depth > 50) throw new Error('recursive grammar');
  switch (expr.kind) {
    case 'alt':
      return `(?:${expr.items.map((item) => source(item, rules, depth)).join('|')})`;
    case 'seq':
      return `(?:${expr.items.map((item) => source(item, rules, depth)).join('')})`;
    case 'literal':
      return [...expr.text].map((c) => codePoint(c.codePointAt(0) as number)).join('');
    case 'class':
      return `[${expr.negated ? '^' : ''}${expr.ranges.map(([a, b]) => (a === b ? codePoint(a) : `${codePoint(a)}-${codePoint(b)}`)).join('')}]`;
    case 'any':
      return '[^]';
    case 'ref':
      return `(?:${source(rules.get(expr.name) as GbnfExpr, rules, depth + 1)})`;
    case 'repeat':
      return `(?:${source(expr.item, rules, depth)}){${expr.min},${expr.max ?? ''}}`;
  }
}

/** The texts `grammar` (from its root) allows, as an anchored RegExp. */
export function gbnfRegExp(grammar: string): RegExp {
  const rules = parseGrammar(grammar);
  return new RegExp(`^${source(rules.get('root') as GbnfExpr, rules, 0)}$`, 'u');
}
