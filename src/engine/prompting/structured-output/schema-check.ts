// Checks a JSON Schema before any grammar is built from it: every keyword of every schema in the
// tree has a value of the right shape and is one the grammar enforces, and every `$ref` leads to a
// schema inside it. A schema that is not is refused naming where and what: `invalid-request` when it
// is malformed, `unsupported` when a keyword cannot be enforced (with what to write instead).
import { LlmError } from '../../core/errors.js';
import { typeName } from './gbnf-parse.js';
import { UnsupportedPattern } from './regex-parse.js';
import { patternGrammar } from './regex-grammar.js';
import {
  ANNOTATIONS,
  isObject,
  isSchema,
  TYPES,
  UNENFORCED_FORMATS,
  UNSUPPORTED_HINTS,
  type Schema,
  type SchemaObject,
  type TypeName,
} from './schema-keywords.js';

const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** A malformed schema: what to change, and where. */
export function invalid(path: string, what: string): LlmError {
  return new LlmError('invalid-request', `The schema is not valid at ${path}: ${what}`);
}

/** A keyword no grammar enforces, named, with what to write instead. */
export function unsupported(path: string, keyword: string, hint: string): LlmError {
  return new LlmError(
    'unsupported',
    `The schema's "${keyword}" (at ${path}) cannot be enforced while the model writes: ${hint}.`,
  );
}

/** Resolves a local `$ref` ("#" or "#/json/pointer") against the root, or says why it cannot. */
export function resolveRef(root: SchemaObject, ref: string, path: string): Schema {
  if (ref !== '#' && !ref.startsWith('#/')) {
    throw invalid(
      path,
      `"$ref": "${ref}" points outside the schema (the engine fetches nothing): put the schema in "$defs" and refer to it as "#/$defs/name".`,
    );
  }
  let target: unknown = root;
  for (const raw of ref === '#' ? [] : ref.slice(2).split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isObject(target) || Array.isArray(target) ? (target as Record<string, unknown>)[segment] : undefined;
    if (target === undefined) {
      throw invalid(path, `"$ref": "${ref}" refers to nothing (no "${segment}" there).`);
    }
  }
  if (!isSchema(target)) throw invalid(path, `"$ref": "${ref}" refers to ${typeName(target)}, not a schema.`);
  return target;
}

/** Checks every keyword of every schema in the tree: its value's shape, and that it is supported. */
export function checkTree(root: SchemaObject): void {
  const seen = new Set<unknown>();
  const check = (schema: unknown, path: string): void => {
    if (typeof schema === 'boolean') return;
    if (!isObject(schema)) throw invalid(path, `a schema must be an object or a boolean, not ${typeName(schema)}.`);
    if (seen.has(schema)) return;
    seen.add(schema);
    const sub = (value: unknown, where: string) => check(value, `${path}/${where}`);
    const expect = (key: string, ok: boolean, what: string) => {
      if (!ok) throw invalid(path, `"${key}" must be ${what}, not ${typeName(schema[key])}.`);
    };
    for (const [key, value] of Object.entries(schema)) {
      if (ANNOTATIONS.has(key)) continue;
      if (key === '$id' && path === '#') continue;
      switch (key) {
        case 'type': {
          const names = Array.isArray(value) ? value : [value];
          const known = (name: unknown) => TYPES.includes(name as TypeName);
          const bad = names.find((name) => !known(name));
          if (bad !== undefined || names.length === 0) {
            throw invalid(
              path,
              `"type" must be one of ${TYPES.map((t) => `"${t}"`).join(', ')} (or an array of them), not ${typeName(bad ?? value)}.`,
            );
          }
          break;
        }
        case 'enum':
          expect(key, Array.isArray(value) && value.length > 0, 'a non-empty array of values');
          break;
        case 'const':
          break;
        case 'required':
          expect(key, Array.isArray(value) && value.every((v) => typeof v === 'string'), 'an array of property names');
          break;
        case 'properties':
        case '$defs':
        case 'definitions':
          expect(key, isObject(value), 'an object of schemas');
          for (const [name, child] of Object.entries(value as SchemaObject)) sub(child, `${key}/${name}`);
          break;
        case 'additionalProperties':
          sub(value, key);
          break;
        case 'items':
          if (Array.isArray(value)) value.forEach((child, i) => sub(child, `${key}/${i}`));
          else sub(value, key);
          break;
        case 'prefixItems':
        case 'anyOf':
        case 'oneOf':
        case 'allOf':
          expect(key, Array.isArray(value) && value.length > 0, 'a non-empty array of schemas');
          (value as unknown[]).forEach((child, i) => sub(child, `${key}/${i}`));
          break;
        case 'minItems':
        case 'maxItems':
        case 'minLength':
        case 'maxLength':
          expect(key, isCount(value), 'a whole number from 0 up');
          break;
        case 'uniqueItems':
          expect(key, typeof value === 'boolean', 'true or false');
          break;
        case 'minimum':
        case 'maximum':
        case 'exclusiveMinimum':
        case 'exclusiveMaximum':
          expect(key, typeof value === 'number' && Number.isFinite(value), 'a number');
          break;
        case 'multipleOf':
          expect(key, typeof value === 'number' && Number.isFinite(value) && value > 0, 'a number above 0');
          break;
        case 'pattern': {
          expect(key, typeof value === 'string', 'a regular expression as text');
          try {
            new RegExp(value as string, 'u');
          } catch (error) {
            throw invalid(path, `"pattern" is not a valid regular expression (${(error as Error).message}).`);
          }
          try {
            patternGrammar(value as string);
          } catch (error) {
            if (error instanceof UnsupportedPattern) throw unsupported(path, 'pattern', `it uses ${error.message}`);
            throw error;
          }
          break;
        }
        case 'format':
          expect(key, typeof value === 'string', 'a format name');
          if (UNENFORCED_FORMATS.has(value as string)) {
            throw unsupported(
              path,
              'format',
              `"${String(value)}" is not built into the grammar; give a "pattern" instead`,
            );
          }
          break;
        case '$ref':
          expect(key, typeof value === 'string', 'a reference such as "#/$defs/name"');
          resolveRef(root, value as string, path);
          break;
        default:
          throw unsupported(
            path,
            key,
            UNSUPPORTED_HINTS[key] ?? 'the engine neither enforces nor checks this keyword; leave it out',
          );
      }
    }
    const pairs: Array<[string, string]> = [
      ['minLength', 'maxLength'],
      ['minItems', 'maxItems'],
      ['minimum', 'maximum'],
    ];
    for (const [low, high] of pairs) {
      if (
        typeof schema[low] === 'number' &&
        typeof schema[high] === 'number' &&
        (schema[low] as number) > (schema[high] as number)
      ) {
        throw invalid(
          path,
          `"${low}" (${String(schema[low])}) is above "${high}" (${String(schema[high])}): no value can satisfy it.`,
        );
      }
    }
  };
  check(root, '#');
}
