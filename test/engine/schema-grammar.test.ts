// The grammars the engine builds from JSON Schemas, checked exhaustively where they can be: every
// text a number grammar allows is a valid value on its step, and every such value is allowed.
import { expect } from '@open-wc/testing';
import { Validator, type Schema } from '@cfworker/json-schema';
import { schemaToGrammar } from '../../src/engine/prompting/structured-output/schema-grammar.js';
import { gbnfRegExp } from '../helpers/gbnf-regexp.js';

/** The grammar of a bare value, without the whitespace llama.cpp may write after it. */
const valueGrammar = (schema: object) => gbnfRegExp(schemaToGrammar(schema).replace(/^space ::= .*$/m, 'space ::= ""'));

/** Every decimal text from -max to max with up to `places` digits after the point, and some malformed ones. */
function candidates(max: number, places: number): string[] {
  const out = new Set<string>(['-0', '00', '01', '1.', '.5', '-', '1e1', '+1', '0.', '-0.0']);
  const unit = 10 ** places;
  for (let n = -max * unit; n <= max * unit; n++) {
    const whole = Math.trunc(Math.abs(n) / unit);
    const fraction = String(Math.abs(n) % unit).padStart(places, '0');
    const sign = n < 0 ? '-' : '';
    for (let keep = 0; keep <= places; keep++) {
      const cut = fraction.slice(0, keep);
      if (keep < places && fraction.slice(keep) !== '0'.repeat(places - keep)) continue;
      out.add(`${sign}${whole}${keep ? `.${cut}` : ''}`);
    }
  }
  return [...out];
}

describe('schema grammars: numbers in a range and on a step', () => {
  const cases: Array<{ schema: Record<string, unknown>; span: number; places: number }> = [
    { schema: { type: 'number', minimum: 0.1, maximum: 50, multipleOf: 0.1 }, span: 52, places: 2 },
    { schema: { type: 'number', minimum: -2.5, maximum: 3.75, multipleOf: 0.05 }, span: 5, places: 3 },
    {
      schema: { type: 'number', exclusiveMinimum: -1.25, exclusiveMaximum: 0.5, multipleOf: 0.01 },
      span: 2,
      places: 3,
    },
    { schema: { type: 'number', minimum: 0.5, maximum: 20 }, span: 21, places: 2 },
    { schema: { type: 'number', minimum: -3.5, maximum: -0.25, multipleOf: 0.25 }, span: 5, places: 2 },
    { schema: { type: 'integer', minimum: -15, maximum: 123 }, span: 200, places: 0 },
    { schema: { type: 'integer', exclusiveMinimum: 9, maximum: 100, multipleOf: 5 }, span: 110, places: 0 },
    { schema: { type: 'integer', minimum: 0.5, maximum: 7.5 }, span: 10, places: 1 },
    { schema: { type: 'number', minimum: 99.95, maximum: 100.05, multipleOf: 0.01 }, span: 101, places: 3 },
  ];
  for (const { schema, span, places } of cases) {
    it(`${JSON.stringify(schema)}: every text allowed is valid, every valid value is allowed`, () => {
      const grammar = valueGrammar(schema);
      const validator = new Validator(schema as Schema, '2020-12', false);
      const allowed: string[] = [];
      for (const text of candidates(span, places)) {
        const matches = grammar.test(text);
        const value = Number(text);
        const canonical = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(text) && text !== '-0' && !/^-0(\.0*)?$/.test(text);
        const valid = canonical && validator.validate(value).valid;
        if (matches) {
          allowed.push(text);
          expect(valid, `${text} is allowed but not valid`).to.equal(true);
        } else if (valid && !/\.\d*0$/.test(text)) {
          // Any valid value must be writable (its trailing zeros aside).
          expect.fail(`${text} is valid but the grammar does not allow it`);
        }
      }
      expect(allowed.length).to.be.greaterThan(0);
    });
  }
});

describe('schema grammars: strings, arrays and objects', () => {
  it('a pattern (with a non-capturing group, as <llm-form> writes an HTML pattern) and maxLength: the open repetition is cut to fit', () => {
    const grammar = valueGrammar({ type: 'string', pattern: '^(?:[A-Z]{2}[0-9]+)$', maxLength: 6 });
    expect(grammar.test('"AB1234"')).to.equal(true);
    expect(grammar.test('"AB12345"'), 'longer than maxLength').to.equal(false);
    expect(grammar.test('"A1234"')).to.equal(false);
  });

  it('a pattern whose characters JSON escapes (a quote, a backslash, a newline) is written escaped', () => {
    const grammar = valueGrammar({ type: 'string', pattern: '^a["\\\\\\n]b$' });
    for (const decoded of ['a"b', 'a\\b', 'a\nb'])
      expect(grammar.test(JSON.stringify(decoded)), decoded).to.equal(true);
    expect(grammar.test('"a\nb"'), 'a raw newline is no JSON').to.equal(false);
  });

  it('uniqueItems over an enum: each value at most once, within minItems and maxItems', () => {
    const grammar = valueGrammar({
      type: 'array',
      items: { enum: ['a', 'b', 'c'] },
      uniqueItems: true,
      minItems: 1,
      maxItems: 2,
    });
    const ok = ['["a"]', '["c"]', '["a","b"]', '["b","c"]', '["a","c"]'];
    const bad = ['[]', '["a","a"]', '["a","b","c"]', '["d"]'];
    for (const text of ok) expect(grammar.test(text), text).to.equal(true);
    for (const text of bad) expect(grammar.test(text), text).to.equal(false);
  });

  it('an object: required properties always, optional ones in order, extra keys never a declared name', () => {
    const grammar = valueGrammar({
      type: 'object',
      properties: { a: { type: 'integer' }, b: { type: 'boolean' } },
      required: ['b'],
      additionalProperties: { type: 'null' },
    });
    for (const text of [
      '{"b":true}',
      '{"a":1,"b":false}',
      '{"b":true,"x":null}',
      '{"a":1,"b":true,"ab":null,"c":null}',
    ]) {
      expect(grammar.test(text), text).to.equal(true);
    }
    for (const text of ['{}', '{"a":1}', '{"b":true,"a":null}', '{"b":true,"b":null}', '{"b":1}']) {
      expect(grammar.test(text), text).to.equal(false);
    }
  });

  it('a date is a day the month has', () => {
    const grammar = valueGrammar({ type: 'string', format: 'date' });
    for (const text of ['"2024-01-31"', '"2024-04-30"', '"1999-02-28"'])
      expect(grammar.test(text), text).to.equal(true);
    for (const text of ['"2024-02-30"', '"2024-04-31"', '"2024-13-01"', '"2024-00-10"'])
      expect(grammar.test(text), text).to.equal(false);
  });
});
