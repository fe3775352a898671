// Checks a constrained answer against its JSON Schema. Loaded with import() the first time a
// request has a schema, so pages that never ask for one never load the validator.
import { Validator } from '@cfworker/json-schema';
import { LlmError } from './errors.js';
import type { JsonSchema } from './types.js';

/** Compiled validators by schema object, so a form filled many times validates without redoing it. */
const validators = new WeakMap<object, Validator>();

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
 * The answer as a value valid for `schema`, or an `invalid-output` error that says why: not JSON
 * (cut off by `max_tokens`, when `finishReason` is `length`), or JSON the schema does not allow.
 */
export function parseStructured(text: string, schema: JsonSchema, finishReason: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why =
      finishReason === 'length'
        ? 'it was cut off by max_tokens before the JSON ended (raise max-tokens)'
        : `it is not JSON (${error instanceof Error ? error.message : String(error)})`;
    throw new LlmError('invalid-output', `The model's answer does not match the schema: ${why}`, { cause: error });
  }
  const result = validatorFor(schema).validate(value);
  if (!result.valid) {
    const first = result.errors.at(-1);
    const where = first ? `${first.instanceLocation}: ${first.error}` : 'unknown';
    throw new LlmError('invalid-output', `The model's answer does not match the schema (${where})`);
  }
  return value;
}
