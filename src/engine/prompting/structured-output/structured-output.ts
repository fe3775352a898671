// Structured output: checks a request's schema or grammar before anything runs, builds the grammar
// llama.cpp constrains a schema's answer with, and checks the answer against its JSON Schema.
// Loaded with import() the first time a request has a schema or a grammar, so pages that never ask
// for one never load the validator.
import { Validator } from '@cfworker/json-schema';
import { LlmError } from '../../core/errors.js';
import { parseGrammar } from './gbnf-parse.js';
import { schemaToGrammar } from './schema-grammar.js';
import type { GenerationOptions, JsonSchema } from '../../core/types.js';

/** Compiled validators by schema object, so a form filled many times validates without redoing it. */
const validators = new WeakMap<object, Validator>();
/** Grammars by schema object, for the same reason. */
const grammars = new WeakMap<object, string>();

function validatorFor(schema: JsonSchema): Validator {
  if (typeof schema === 'boolean') return new Validator(schema, '2020-12', false);
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Validator(schema as ConstructorParameters<typeof Validator>[0], '2020-12', false);
    validators.set(schema, validator);
  }
  return validator;
}

/**
 * Checks a request's constraint before the model runs (for every backend alike): a grammar must be
 * GBNF llama.cpp can run, a schema one whose every keyword is enforced as the model writes and
 * checked after. Throws `invalid-request` (malformed: the message says what to change) or
 * `unsupported` (a keyword no grammar enforces, named). Returns, for a schema, the GBNF grammar
 * that enforces it (what llama.cpp's backends send instead of the schema).
 */
export function checkConstraint(options: Pick<GenerationOptions, 'schema' | 'grammar'>): string | undefined {
  if (options.grammar !== undefined) {
    parseGrammar(options.grammar);
    return undefined;
  }
  const schema: unknown = options.schema;
  const known = typeof schema === 'object' && schema !== null ? grammars.get(schema) : undefined;
  if (known !== undefined) return known;
  const grammar = schemaToGrammar(schema);
  readableValidator(schema as JsonSchema);
  grammars.set(schema as object, grammar);
  return grammar;
}

/**
 * The answer as a value valid for `schema`, or an `invalid-output` error that says why: cut off by
 * `max_tokens` (`finishReason` is `length`: never a value, even when the part written parses, such
 * as 20 of 2000), not JSON, or JSON the schema does not allow.
 */
export function parseStructured(text: string, schema: JsonSchema, finishReason: string): unknown {
  if (finishReason === 'length') {
    throw new LlmError(
      'invalid-output',
      "The model's answer does not match the schema: it was cut off by max_tokens before the JSON ended (raise max-tokens).",
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = `it is not JSON (${error instanceof Error ? error.message : String(error)})`;
    throw new LlmError('invalid-output', `The model's answer does not match the schema: ${why}`, { cause: error });
  }
  const mismatch = schemaMismatch(value, schema);
  if (mismatch) throw new LlmError('invalid-output', `The model's answer does not match the schema (${mismatch})`);
  return value;
}

/**
 * Why `value` is not valid for `schema` (`#/where: what`), or null when it is; throws
 * `invalid-request` for a schema that cannot be read (a tool's parameters).
 */
export function schemaMismatch(value: unknown, schema: JsonSchema): string | null {
  const result = readableValidator(schema).validate(value);
  if (result.valid) return null;
  const first = result.errors.at(-1);
  return first ? `${first.instanceLocation || '#'}: ${first.error}` : 'not valid';
}

/** The validator of `schema`, or an `invalid-request` error when the schema cannot be read. */
function readableValidator(schema: JsonSchema): Validator {
  try {
    return validatorFor(schema);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new LlmError('invalid-request', `The schema cannot be read: ${why}`, { cause: error });
  }
}
