// A JSON Schema as the GBNF grammar llama.cpp constrains the answer with, built here rather than by
// llama.cpp's own converter so that what the grammar allows is known exactly: every keyword is
// either enforced while the model writes (and checked again after, by the validator) or refused
// before the model runs, naming it (schema-check.ts). Decimal ranges and steps are enforced
// (number-grammar.ts), which llama.cpp's converter does not do. The grammar may allow less than the
// schema (no extra properties unless asked for, at most 16 integer digits), never more.
import { LlmError } from '../../core/errors.js';
import { parseGrammar, typeName } from './gbnf-parse.js';
import { numberGrammar } from './number-grammar.js';
import { UnsupportedPattern } from './regex-parse.js';
import { gbnfLiteral, notStrings, repeat } from './gbnf-write.js';
import { patternGrammar } from './regex-grammar.js';
import { checkTree, invalid, resolveRef, unsupported } from './schema-check.js';
import {
  ANNOTATIONS,
  BASE_DEPENDENCIES,
  BASE_RULES,
  FORMAT_GRAMMARS,
  isObject,
  TYPE_KEYWORDS,
  TYPES,
  type Schema,
  type SchemaObject,
  type TypeName,
} from './schema-keywords.js';

class Converter {
  readonly rules = new Map<string, string>();
  private readonly refRules = new Map<string, string>();

  constructor(private readonly root: SchemaObject) {}

  /** Adds a base rule and the ones it uses; returns its name. */
  base(name: string): string {
    if (!this.rules.has(name)) {
      this.rules.set(name, BASE_RULES[name] as string);
      for (const dependency of BASE_DEPENDENCIES[name] ?? []) this.base(dependency);
    }
    return name;
  }

  /** A new rule named after `hint` (made unique); returns its name. */
  rule(hint: string, body: string): string {
    const clean = hint.replace(/[^a-zA-Z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'value';
    let name = clean === 'root' || clean in BASE_RULES ? `${clean}-` : clean;
    for (let i = 1; this.rules.has(name); i++) name = `${clean}-${i}`;
    this.rules.set(name, body);
    return name;
  }

  /** The rule for a value valid for `schema` (with the whitespace after it), or null when none is. */
  visit(schema: Schema, name: string, path: string): string | null {
    if (schema === true) return this.base('value');
    if (schema === false) return null;
    const constraints = Object.keys(schema).filter(
      (key) => !ANNOTATIONS.has(key) && key !== '$defs' && key !== 'definitions' && key !== '$id',
    );
    const alone = (keyword: string) => {
      const others = constraints.filter((key) => key !== keyword);
      if (others.length) {
        throw unsupported(
          path,
          keyword,
          `give it alone, and move ${others.map((k) => `"${k}"`).join(', ')} into the schemas it refers to`,
        );
      }
    };
    if (typeof schema.$ref === 'string') {
      alone('$ref');
      return this.ref(schema.$ref, path);
    }
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const options = schema[keyword];
      if (!Array.isArray(options)) continue;
      alone(keyword);
      const rules = options
        .map((option, i) => this.visit(option as Schema, `${name}-${i}`, `${path}/${keyword}/${i}`))
        .filter((rule): rule is string => rule !== null);
      return rules.length ? this.rule(name, rules.join(' | ')) : null;
    }
    if (Array.isArray(schema.allOf)) return this.visit(this.mergeAllOf(schema, path), name, path);
    if ('const' in schema) return this.rule(name, `${gbnfLiteral(JSON.stringify(schema.const))} space`);
    const types = this.types(schema);
    if (Array.isArray(schema.enum)) {
      const values = schema.enum.filter((value) => types.some((type) => isOfType(value, type)));
      if (!values.length) return null;
      this.base('space');
      return this.rule(name, `(${values.map((v) => gbnfLiteral(JSON.stringify(v))).join(' | ')}) space`);
    }
    const alternatives: string[] = [];
    for (const type of types) {
      if (type === 'integer' && types.includes('number')) continue;
      const rule = this.typed(type, schema, name, path);
      if (rule !== null) alternatives.push(rule);
    }
    if (!alternatives.length) return null;
    return alternatives.length === 1 ? (alternatives[0] as string) : this.rule(name, alternatives.join(' | '));
  }

  private ref(ref: string, path: string): string {
    const known = this.refRules.get(ref);
    if (known) return known;
    const target = resolveRef(this.root, ref, path);
    const name = this.rule(ref === '#' ? 'root-ref' : (ref.split('/').at(-1) ?? 'ref'), '');
    this.refRules.set(ref, name);
    const body = this.visit(target, `${name}-value`, ref);
    if (body === null) throw invalid(path, `"$ref": "${ref}" refers to a schema no value can satisfy.`);
    this.rules.set(name, body);
    return name;
  }

  /** The types a schema allows: its `type`, or those whose keywords it uses, or all. */
  private types(schema: SchemaObject): TypeName[] {
    if (schema.type !== undefined) return (Array.isArray(schema.type) ? schema.type : [schema.type]) as TypeName[];
    const implied = new Set(Object.keys(schema).flatMap((key) => TYPE_KEYWORDS[key] ?? []));
    if (implied.has('number')) implied.add('integer');
    return implied.size ? [...implied] : [...TYPES];
  }

  /** allOf of object schemas: one object with all their properties (refused for anything else). */
  private mergeAllOf(schema: SchemaObject, path: string): SchemaObject {
    const properties: SchemaObject = {};
    const required: string[] = [];
    const parts = [{ ...schema, allOf: undefined }, ...(schema.allOf as Schema[])];
    for (const [i, raw] of parts.entries()) {
      const part = isObject(raw) && typeof raw.$ref === 'string' ? resolveRef(this.root, raw.$ref, path) : raw;
      const where = i === 0 ? path : `${path}/allOf/${i - 1}`;
      if (!isObject(part))
        throw unsupported(where, 'allOf', 'only objects can be combined: give their properties in one schema');
      for (const [key, value] of Object.entries(part)) {
        if (value === undefined || ANNOTATIONS.has(key) || key === '$defs' || key === 'definitions') continue;
        if (key === '$ref' && i > 0) continue;
        if (key === 'type' && value === 'object') continue;
        if (key === 'properties') Object.assign(properties, value);
        else if (key === 'required') required.push(...(value as string[]));
        else
          throw unsupported(
            where,
            'allOf',
            `only objects' "properties" and "required" can be combined, not "${key}": give them in one schema`,
          );
      }
    }
    return { type: 'object', properties, required, additionalProperties: false };
  }

  private typed(type: TypeName, schema: SchemaObject, name: string, path: string): string | null {
    switch (type) {
      case 'null':
      case 'boolean':
        return this.base(type);
      case 'integer':
      case 'number':
        return this.number(type, schema, name, path);
      case 'string':
        return this.string(schema, name, path);
      case 'array':
        return this.array(schema, name, path);
      case 'object':
        return this.object(schema, name, path);
    }
  }

  private number(type: 'integer' | 'number', schema: SchemaObject, name: string, path: string): string | null {
    const bounds = {
      minimum: schema.minimum as number | undefined,
      maximum: schema.maximum as number | undefined,
      exclusiveMinimum: schema.exclusiveMinimum as number | undefined,
      exclusiveMaximum: schema.exclusiveMaximum as number | undefined,
      multipleOf: schema.multipleOf as number | undefined,
    };
    if (Object.values(bounds).every((value) => value === undefined)) return this.base(type);
    const result = numberGrammar({ integer: type === 'integer', ...bounds });
    if ('unsupported' in result) {
      throw unsupported(
        path,
        'multipleOf',
        `a step of ${String(bounds.multipleOf)} is enforced only as a power of ten (1, 0.1, 0.01…) or over at most 1000 values between "minimum" and "maximum"`,
      );
    }
    if ('empty' in result) return null;
    this.base('space');
    return this.rule(name, `(${result.grammar}) space`);
  }

  private string(schema: SchemaObject, name: string, path: string): string | null {
    const minLength = (schema.minLength as number | undefined) ?? 0;
    const maxLength = schema.maxLength as number | undefined;
    const format = typeof schema.format === 'string' ? FORMAT_GRAMMARS[schema.format] : undefined;
    const pattern = schema.pattern as string | undefined;
    if (format && pattern !== undefined) {
      throw unsupported(path, 'format', 'give a "pattern" or a "format", not both');
    }
    let body: string;
    let shortest = 0;
    let longest: number | null = null;
    if (format) {
      if (schema.format === 'date-time') {
        this.base('format-date');
        this.base('format-time');
      }
      if (schema.format === 'ipv4') this.base('format-octet');
      body = format.grammar;
      [shortest, longest] = [format.minLength, format.maxLength];
    } else if (pattern !== undefined) {
      let grammar;
      try {
        grammar = patternGrammar(pattern, maxLength);
      } catch (error) {
        if (!(error instanceof UnsupportedPattern)) throw error;
        throw unsupported(path, maxLength !== undefined ? 'maxLength' : 'pattern', `it is ${error.message}`);
      }
      body = grammar.grammar;
      [shortest, longest] = [grammar.minLength, grammar.maxLength];
    } else {
      this.base('char');
      if (maxLength === 0) body = '""';
      else if (maxLength === undefined) body = minLength ? `char{${minLength},}` : 'char*';
      else body = `char{${minLength},${maxLength}}`;
      [shortest, longest] = [minLength, maxLength ?? null];
    }
    if (shortest < minLength) {
      throw unsupported(
        path,
        'minLength',
        `the ${format ? 'format' : 'pattern'} allows strings shorter than ${minLength}: put the minimum in the pattern`,
      );
    }
    if (maxLength !== undefined && (longest === null || longest > maxLength)) {
      throw unsupported(path, 'maxLength', `the format allows strings longer than ${maxLength}`);
    }
    this.base('space');
    return this.rule(name, `"\\"" ${body} "\\"" space`);
  }

  private array(schema: SchemaObject, name: string, path: string): string | null {
    const prefixSchemas = (
      Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : []
    ) as Schema[];
    const rest: Schema | undefined = Array.isArray(schema.items) ? undefined : (schema.items as Schema | undefined);
    // Without items, the items are any values; after prefixItems, there are none more (narrower).
    const itemSchema: Schema = rest ?? (prefixSchemas.length ? false : true);
    const minItems = (schema.minItems as number | undefined) ?? 0;
    const maxItems = schema.maxItems as number | undefined;
    this.base('space');
    if (schema.uniqueItems === true)
      return this.uniqueArray(schema, itemSchema, prefixSchemas, name, path, minItems, maxItems);
    const count = maxItems === undefined ? prefixSchemas.length : Math.min(prefixSchemas.length, maxItems);
    const prefix: string[] = [];
    for (const [i, item] of prefixSchemas.slice(0, count).entries()) {
      const rule = this.visit(item, `${name}-${i}`, `${path}/prefixItems/${i}`);
      if (rule === null) return null; // all prefix items are written: one that cannot be leaves no array
      prefix.push(rule);
    }
    const item = this.visit(itemSchema, `${name}-item`, `${path}/items`);
    const fewest = Math.max(minItems - count, 0);
    const most = item === null ? 0 : maxItems === undefined ? null : maxItems - count;
    if (most !== null && fewest > most) return null;
    let body: string;
    if (prefix.length) {
      const more = item === null || most === 0 ? '' : ` ${repeat(`"," space ${item}`, fewest, most)}`;
      body = `${prefix.join(' "," space ')}${more}`;
    } else if (item === null || most === 0) {
      body = '';
    } else if (fewest === 0) {
      body = `(${item} ${repeat(`"," space ${item}`, 0, most === null ? null : most - 1)})?`;
    } else {
      body = `${item} ${repeat(`"," space ${item}`, fewest - 1, most === null ? null : most - 1)}`;
    }
    return this.rule(name, `"[" space ${body} "]" space`.replace(/\s+/g, ' '));
  }

  /** uniqueItems over a list of values (an enum): each value at most once, in the enum's order. */
  private uniqueArray(
    schema: SchemaObject,
    itemSchema: Schema,
    prefix: Schema[],
    name: string,
    path: string,
    minItems: number,
    maxItems: number | undefined,
  ): string | null {
    const resolved =
      isObject(itemSchema) && typeof itemSchema.$ref === 'string'
        ? resolveRef(this.root, itemSchema.$ref, path)
        : itemSchema;
    const values =
      isObject(resolved) && !prefix.length
        ? Array.isArray(resolved.enum)
          ? resolved.enum
          : 'const' in resolved
            ? [resolved.const]
            : null
        : null;
    if (!values || values.length > 64) {
      throw unsupported(path, 'uniqueItems', 'it is enforced only for items listed in an "enum" (at most 64)');
    }
    const literals = [...new Set(values.map((value) => JSON.stringify(value)))].map(
      (text) => `${gbnfLiteral(text)} space`,
    );
    const most = Math.min(maxItems ?? literals.length, literals.length);
    if (minItems > most) return null;
    // tail(i, n): n more values after value i (between `need` and `most`), each later in the list.
    const tails = new Map<string, string>();
    const tail = (after: number, count: number): string => {
      // Without a maxItems below the list's length, counts past minItems all behave alike.
      const written = most === literals.length ? Math.min(count, minItems) : count;
      const key = `${after}:${written}`;
      const known = tails.get(key);
      if (known !== undefined) return known;
      const options: string[] = [];
      if (count < most) {
        for (let j = after + 1; j < literals.length; j++) {
          if (literals.length - j < minItems - written) break;
          const next = tail(j, written + 1);
          options.push(`"," space ${literals[j]}${next ? ` ${next}` : ''}`);
        }
      }
      const empty = written >= minItems;
      const body = options.length ? `(${options.join(' | ')})${empty ? '?' : ''}` : '';
      const rule = body ? this.rule(`${name}-after-${after}-${written}`, body) : '';
      tails.set(key, rule);
      return rule;
    };
    const first: string[] = [];
    if (most > 0) {
      for (let i = 0; i < literals.length; i++) {
        if (literals.length - i < minItems) break;
        const next = tail(i, 1);
        first.push(`${literals[i]}${next ? ` ${next}` : ''}`);
      }
    }
    const body = first.length ? `(${first.join(' | ')})${minItems === 0 ? '?' : ''}` : '';
    return this.rule(name, `"[" space ${body} "]" space`);
  }

  private object(schema: SchemaObject, name: string, path: string): string | null {
    const declared = isObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const additional = schema.additionalProperties as Schema | undefined;
    // Without properties, any (as llama.cpp); with them, none beyond them unless asked for.
    const extra: Schema = additional ?? schema.properties === undefined;
    const entries: Array<[string, Schema]> = Object.entries(declared);
    for (const key of required) {
      if (key in declared) continue;
      if (extra === false)
        throw invalid(path, `the required property "${key}" is not in "properties", and no other property is allowed.`);
      entries.push([key, extra]);
    }
    const keyValues: Array<{ key: string; rule: string; required: boolean }> = [];
    for (const [key, propertySchema] of entries) {
      const rule = this.visit(propertySchema, `${name}-${key}`, `${path}/properties/${key}`);
      if (rule === null) {
        if (required.has(key)) return null;
        continue;
      }
      const kv = this.rule(`${name}-${key}-kv`, `${gbnfLiteral(JSON.stringify(key))} space ":" space ${rule}`);
      keyValues.push({ key, rule: kv, required: required.has(key) });
    }
    this.base('space');
    let extraKv: string | null = null;
    if (extra !== false) {
      const value = this.visit(extra, `${name}-additional-value`, `${path}/additionalProperties`);
      if (value !== null) {
        const key = keyValues.length
          ? this.rule(`${name}-additional-key`, notStrings(entries.map(([k]) => k)))
          : this.base('string');
        extraKv = this.rule(`${name}-additional-kv`, `${key} ":" space ${value}`);
      }
    }
    // Properties in their order, required ones always, then any extra ones.
    const extras = extraKv ? `("," space ${extraKv})*` : '';
    const tails: string[] = [];
    let next = extras;
    for (let i = keyValues.length - 1; i >= 0; i--) {
      const { rule, required: isRequired } = keyValues[i] as (typeof keyValues)[number];
      const item = isRequired ? `"," space ${rule}` : `("," space ${rule})?`;
      const body = `${item}${next ? ` ${next}` : ''}`;
      next = i === 0 ? '' : this.rule(`${name}-after-${i - 1}`, body);
      tails[i] = next;
    }
    const starts: string[] = [];
    for (const [i, { rule, required: isRequired }] of keyValues.entries()) {
      const after = i + 1 < keyValues.length ? (tails[i + 1] ?? '') : extras;
      starts.push(`${rule}${after ? ` ${after}` : ''}`);
      if (isRequired) break;
    }
    const anyRequired = keyValues.some((kv) => kv.required);
    if (!anyRequired && extraKv) starts.push(`${extraKv} ${extras}`);
    const body = starts.length ? `(${starts.join(' | ')})${anyRequired ? '' : '?'}` : '';
    return this.rule(name, `"{" space ${body} "}" space`.replace(/\s+/g, ' '));
  }
}

function isOfType(value: unknown, type: TypeName): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return typeof value === type;
  }
}

/**
 * The GBNF grammar for answers valid for `schema`, or an error before anything runs:
 * `invalid-request` when the schema is malformed (not an object, a wrong keyword value, a `$ref`
 * that leads nowhere, no value possible), `unsupported` when it uses a keyword the grammar cannot
 * enforce (named in the message, with what to write instead).
 */
export function schemaToGrammar(schema: unknown): string {
  if (!isObject(schema)) {
    throw new LlmError(
      'invalid-request',
      `schema must be a JSON Schema object, such as { type: 'object', properties: { … } }, not ${typeName(schema)}.`,
    );
  }
  checkTree(schema);
  const converter = new Converter(schema);
  const root = converter.visit(schema, 'root', '#');
  if (root === null) throw invalid('#', 'no value can satisfy this schema.');
  converter.rules.set('root', root);
  const grammar = [...converter.rules].map(([name, body]) => `${name} ::= ${body}`).join('\n');
  try {
    parseGrammar(grammar);
  } catch (error) {
    // A schema that refers to itself before any character is written ($ref: "#" at the top).
    throw invalid('#', `it cannot be turned into a grammar (${(error as Error).message})`);
  }
  return grammar;
}

/**
 * Whether the engine enforces `schema` as it is, rather than refusing it up front (the check
 * `schemaToGrammar` makes for every request): for a caller that would rather loosen a schema it
 * derived than have a request refused (<llm-form>, with a page's attributes).
 */
export function isEnforceable(schema: unknown): boolean {
  try {
    schemaToGrammar(schema);
    return true;
  } catch (error) {
    if (error instanceof LlmError) return false;
    throw error;
  }
}
