// The vocabulary of the JSON Schemas the engine turns into grammars: what a schema is, the types and
// the keywords of each, the keywords that only describe, what each refused keyword should be written
// as instead, the formats a grammar enforces (and those it refuses), and the base GBNF rules every
// grammar is built from. Read by schema-check.ts (which keywords are allowed) and schema-grammar.ts.

export type SchemaObject = Record<string, unknown>;
export type Schema = SchemaObject | boolean;

export const TYPES = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'] as const;
export type TypeName = (typeof TYPES)[number];

/** Keywords that only describe: no effect on which values are valid. */
export const ANNOTATIONS = new Set([
  '$schema',
  '$comment',
  '$anchor',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentEncoding',
  'contentMediaType',
]);

/** The keywords of each type: a schema without `type` allows the types whose keywords it uses. */
export const TYPE_KEYWORDS: Record<string, TypeName> = {
  properties: 'object',
  required: 'object',
  additionalProperties: 'object',
  items: 'array',
  prefixItems: 'array',
  minItems: 'array',
  maxItems: 'array',
  uniqueItems: 'array',
  minLength: 'string',
  maxLength: 'string',
  pattern: 'string',
  format: 'string',
  minimum: 'number',
  maximum: 'number',
  exclusiveMinimum: 'number',
  exclusiveMaximum: 'number',
  multipleOf: 'number',
};

/** Why each keyword the grammar cannot enforce is refused, and what to write instead. */
export const UNSUPPORTED_HINTS: Record<string, string> = {
  not: 'describe what is allowed (enum, pattern, anyOf) instead of what is not',
  if: 'use anyOf with one schema per case',
  then: 'use anyOf with one schema per case',
  else: 'use anyOf with one schema per case',
  patternProperties: 'list the properties under "properties"',
  propertyNames: 'list the properties under "properties"',
  unevaluatedProperties: 'use additionalProperties',
  unevaluatedItems: 'use items',
  additionalItems: 'use items (draft 2020-12)',
  dependentRequired: 'make the properties required, or use anyOf',
  dependentSchemas: 'use anyOf',
  dependencies: 'make the properties required, or use anyOf',
  minProperties: 'make the properties required',
  maxProperties: 'list the allowed properties and set additionalProperties: false',
  contains: 'use items or prefixItems',
  minContains: 'use items or prefixItems',
  maxContains: 'use items or prefixItems',
  $dynamicRef: 'use $ref to a schema in $defs',
  $dynamicAnchor: 'use $ref to a schema in $defs',
  $recursiveRef: 'use $ref to a schema in $defs',
  $recursiveAnchor: 'use $ref to a schema in $defs',
  $id: 'refer to parts of the schema with $ref "#/$defs/…", without $id inside it',
  $vocabulary: 'leave it out',
};

/** Formats the validator checks: the grammar enforces these… */
export const FORMAT_GRAMMARS: Record<string, { grammar: string; minLength: number; maxLength: number }> = {
  // Days a month always has (29 February is left out: most years lack it).
  date: {
    grammar:
      '[0-9]{4} "-" (("0" [1-9] | "1" [0-2]) "-" ("0" [1-9] | "1" [0-9] | "2" [0-8]) | ("0" [13-9] | "1" [0-2]) "-" ("29" | "30") | ("0" [13578] | "1" [02]) "-31")',
    minLength: 10,
    maxLength: 10,
  },
  time: {
    grammar:
      '([01] [0-9] | "2" [0-3]) ":" [0-5] [0-9] ":" [0-5] [0-9] ("." [0-9]{1,3})? ("Z" | [+-] ([01] [0-9] | "2" [0-3]) ":" [0-5] [0-9])',
    minLength: 9,
    maxLength: 18,
  },
  'date-time': { grammar: 'format-date "T" format-time', minLength: 20, maxLength: 29 },
  uuid: {
    grammar: '[0-9a-f]{8} "-" [0-9a-f]{4} "-" [0-9a-f]{4} "-" [0-9a-f]{4} "-" [0-9a-f]{12}',
    minLength: 36,
    maxLength: 36,
  },
  ipv4: {
    grammar: 'format-octet ("." format-octet){3}',
    minLength: 7,
    maxLength: 15,
  },
};
/** …and refuses these (checked after, but not enforced while the model writes). */
export const UNENFORCED_FORMATS = new Set([
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv6',
  'regex',
  'json-pointer',
  'json-pointer-uri-fragment',
  'relative-json-pointer',
]);

export const BASE_RULES: Record<string, string> = {
  space: '| " " | "\\n"{1,2} [ \\t]{0,20}',
  // One character of a JSON string; \u escapes of surrogates are left out, so each is one character.
  char: '[^"\\\\\\x7F\\x00-\\x1F] | [\\\\] (["\\\\/bfnrt] | "u" ([0-9a-cA-Ce-fE-F] [0-9a-fA-F]{3} | [dD] [0-7] [0-9a-fA-F]{2}))',
  string: '"\\"" char* "\\"" space',
  number: '"-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})? ([eE] [-+]? [0-9]{1,2})? space',
  integer: '"-"? ("0" | [1-9] [0-9]{0,15}) space',
  boolean: '("true" | "false") space',
  null: '"null" space',
  value: 'object | array | string | number | boolean | null',
  object: '"{" space (string ":" space value ("," space string ":" space value)*)? "}" space',
  array: '"[" space (value ("," space value)*)? "]" space',
  'format-date': FORMAT_GRAMMARS.date?.grammar ?? '',
  'format-time': FORMAT_GRAMMARS.time?.grammar ?? '',
  'format-octet': '"25" [0-5] | "2" [0-4] [0-9] | "1" [0-9] [0-9] | [1-9] [0-9] | [0-9]',
};

/** Which base rules each one uses. */
export const BASE_DEPENDENCIES: Record<string, string[]> = {
  string: ['char', 'space'],
  number: ['space'],
  integer: ['space'],
  boolean: ['space'],
  null: ['space'],
  value: ['object', 'array', 'string', 'number', 'boolean', 'null'],
  object: ['space', 'string', 'value'],
  array: ['space', 'value'],
};

export const isObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isSchema = (value: unknown): value is Schema => typeof value === 'boolean' || isObject(value);
