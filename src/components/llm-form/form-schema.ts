// A form's fields as a JSON Schema: what each named control can hold, read from its type and its
// constraints, so constrained decoding can only produce values the form accepts. Loaded on demand
// (the first fill), with form-fill.ts.
import { isEnforceable } from '../../engine/prompting/structured-output/schema-grammar.js';
import type { JsonSchema } from '../../engine/core/types.js';
import { DATED_TYPES, datedPattern } from './form-patterns.js';

/** Form controls a value can be filled into. */
export type FillableControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** One named field of the form: every control of that name (a radio group has several). */
export interface FormField {
  name: string;
  controls: FillableControl[];
  /** How the value is written back. */
  kind: 'text' | 'number' | 'checkbox' | 'checkboxes' | 'radio' | 'select' | 'select-multiple';
  /** For the prompt: the label, the placeholder, and the options' labels where they differ from their values. */
  description: string;
  /** What a person reads for it (its label, a group's legend), else its name. */
  label: string;
}

export interface DescribedForm {
  schema: { type: 'object'; properties: Record<string, JsonSchema>; required: string[]; additionalProperties: false };
  fields: FormField[];
}

/** Never filled: they are not data (buttons), not seen (hidden), or not the model's business (passwords, files). */
const SKIPPED_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'file', 'password']);

// Bounded patterns: an unbounded one lets a small model write on until max_tokens (llama.cpp turns
// these into its grammar; the browser's model and web-llm take them as they are). A domain's labels
// neither start nor end with '-', and it ends in letters (a host ending in a number must be an IPv4
// address), as the browser's email and url checks require. Dates and times: form-patterns.ts.
const LABEL = '[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?';
const DOMAIN = `${LABEL}(\\.${LABEL}){0,3}\\.[A-Za-z]{2,24}`;
const PATTERNS: Record<string, string> = {
  email: `^[A-Za-z0-9._%+-]{1,64}@${DOMAIN}$`,
  url: `^https?://${DOMAIN}(/[A-Za-z0-9._~%/?#=&+-]{0,200})?$`,
  tel: '^\\+?[0-9 ().-]{3,24}$',
  color: '^#[0-9a-f]{6}$',
};

/** The longest text a free-text field gets when the page sets no `maxlength`. */
const DEFAULT_MAX_LENGTH = { input: 200, textarea: 2000 };

/** At most this many values of a number input are listed as an enum (which every grammar keeps exactly). */
const MAX_NUMBER_ENUM = 100;

function isFillable(element: Element): element is FillableControl {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement
  );
}

/**
 * Whether the user could change the control now: not disabled (by itself, or by a disabled
 * `<fieldset>` around it, which `:disabled` sees and `.disabled` does not) and not read-only.
 */
export function isWritable(control: FillableControl): boolean {
  return !control.matches(':disabled') && (control instanceof HTMLSelectElement || !control.readOnly);
}

/** A label's own words: without the text of a select or textarea it wraps (their options, their value). */
function labelText(label: HTMLLabelElement): string {
  const copy = label.cloneNode(true) as HTMLLabelElement;
  for (const control of copy.querySelectorAll('select, textarea')) control.remove();
  return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** What a person reads for the control: its label (or aria-label, or title). */
function labelOf(control: FillableControl): string {
  return (
    [...(control.labels ?? [])].map(labelText).find(Boolean) ?? control.getAttribute('aria-label') ?? control.title
  );
}

/** Choices whose labels say more than their values, as `value = label` (the enum holds the values). */
function choices(pairs: Array<[string, string]>): string {
  if (!pairs.some(([value, label]) => label && label !== value)) return '';
  return `options: ${pairs.map(([value, label]) => `${value} = ${label || value}`).join(', ')}`;
}

/** A number as HTML reads an attribute (empty or unparsable: none). */
function numberOf(text: string | null): number | undefined {
  return text !== null && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
}

const decimals = (n: number) => (String(n).split('.')[1] ?? '').length;
const isMultiple = (n: number, of: number) => Math.abs(n / of - Math.round(n / of)) < 1e-9;

/** The same schema without `keys`. */
function without(schema: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !keys.includes(key)));
}

/**
 * A number or range input's schemas, strictest first: an integer when its step and step base are
 * whole, with its range (a range input's defaults 0–100), its step as `multipleOf` when the step
 * base is on it, and, when few values fit, their enum (the input's values are base + k × step);
 * then without the step (a step no grammar holds over an open or wide range), then its type alone
 * (a `min` above its `max`).
 */
function numberSchemas(input: HTMLInputElement): Array<Record<string, unknown>> {
  const range = input.type === 'range';
  const stepText = input.getAttribute('step');
  const parsedStep = numberOf(stepText);
  const step = stepText?.trim().toLowerCase() === 'any' ? undefined : parsedStep && parsedStep > 0 ? parsedStep : 1;
  const min = numberOf(input.getAttribute('min')) ?? (range ? 0 : undefined);
  let max = numberOf(input.getAttribute('max')) ?? (range ? 100 : undefined);
  if (range && min !== undefined && max !== undefined && max < min) max = min;
  const base = numberOf(input.getAttribute('min')) ?? numberOf(input.getAttribute('value')) ?? 0;
  const integer = step !== undefined && Number.isInteger(step) && Number.isInteger(base);
  const schema: Record<string, unknown> = { type: integer ? 'integer' : 'number' };
  if (min !== undefined) schema.minimum = min;
  if (max !== undefined) schema.maximum = max;
  const looser = [without(schema, 'minimum', 'maximum')];
  if (step === undefined || (integer && step === 1)) return [schema, ...looser];
  if (isMultiple(base, step)) schema.multipleOf = step;
  if (min !== undefined && max !== undefined) {
    const places = Math.max(decimals(step), decimals(base));
    const first = base + Math.ceil((min - base) / step - 1e-9) * step;
    const count = Math.floor((max - first) / step + 1e-9) + 1;
    if (count > 0 && count <= MAX_NUMBER_ENUM)
      schema.enum = Array.from({ length: count }, (_, i) => Number((first + i * step).toFixed(places)));
  }
  return [schema, without(schema, 'multipleOf', 'enum'), ...looser];
}

/**
 * A text-like control's schemas, strictest first; none when no value can fit it (a date range that
 * is empty). Looser ones leave out what may not be enforceable together: a page's pattern (a
 * lookahead, a `\b`, a `v`-mode class, one whose strings are shorter than the `minlength`) before
 * the minimum length, a minimum length a built-in pattern's values fall short of before that
 * pattern (which bounds the text better than a length does).
 */
function textSchemas(control: HTMLInputElement | HTMLTextAreaElement): Array<Record<string, unknown>> {
  const type = control instanceof HTMLInputElement ? control.type : 'textarea';
  if (control instanceof HTMLInputElement && DATED_TYPES.has(type)) {
    const pattern = datedPattern(control);
    return pattern === null ? [] : [{ type: 'string', pattern }];
  }
  // An empty text does not fill a required field.
  const minLength = Math.max(control.minLength, control.required ? 1 : 0);
  const limit = control instanceof HTMLTextAreaElement ? DEFAULT_MAX_LENGTH.textarea : DEFAULT_MAX_LENGTH.input;
  const bounded = { type: 'string', maxLength: control.maxLength > 0 ? control.maxLength : limit };
  const least = minLength > 0 ? { ...bounded, minLength } : bounded;
  // A kind with a pattern of its own (unless the page gives one): the pattern bounds it.
  const kind = control instanceof HTMLInputElement && control.pattern ? undefined : PATTERNS[type];
  if (kind) {
    const schema = { type: 'string', pattern: kind };
    return [minLength > 0 ? { ...schema, minLength } : schema, schema, least, bounded];
  }
  // The HTML pattern matches the whole value.
  if (!(control instanceof HTMLInputElement && control.pattern)) return [least, bounded];
  const pattern = `^(?:${control.pattern})$`;
  return [{ ...least, pattern }, least, { ...bounded, pattern }, bounded];
}

/**
 * Several of `values`: each at most once where a grammar can keep to that (llama.cpp's, over at
 * most 64 values; beyond, a repeat does no harm: it selects the same option).
 */
function arrayOf(values: string[]): Record<string, unknown> {
  return { type: 'array', items: { enum: values }, ...(values.length <= 64 && { uniqueItems: true }) };
}

/** A select's options that are values: enabled, and not a placeholder ("Choose…", value ""). */
function valueOptions(select: HTMLSelectElement): HTMLOptionElement[] {
  return [...select.options].filter((o) => !o.matches(':disabled') && o.value !== '');
}

/**
 * The first of `schemas` the engine enforces, or null when it would refuse every one. What a
 * looser schema lets through is still checked by the control before it is written (form-fill.ts):
 * a value it refuses is skipped and named, never written.
 */
function firstEnforced(schemas: Array<Record<string, unknown>>): Record<string, unknown> | null {
  return schemas.find(isEnforceable) ?? null;
}

/**
 * Reads `form`'s named, writable controls into a JSON Schema and the fields to fill: `email`,
 * `url`, `tel` and `color` as bounded patterns; the date and time types as patterns of the values
 * they accept within their `min` / `max`; `number` and `range` with their range and step; a
 * checkbox as a boolean, several of one name as an array of their values; a radio group and a
 * `<select>` as an enum of their values (their labels in the description); `required`, `minlength`,
 * `maxlength` and `pattern` as they are; labels and placeholders as descriptions. A field's
 * constraint the engine would refuse (a pattern no grammar enforces, a `minlength` above the
 * `maxlength`, a `min` above the `max`, a step no grammar holds) is left out of its schema, and a
 * field whose every schema it would refuse (a select with no option to choose) is left out: no
 * single field fails the whole fill, and the control still checks each value. Passwords,
 * files, hidden fields, buttons, and disabled (also by a `<fieldset disabled>`) or read-only
 * controls are left out.
 */
export function describeForm(form: HTMLFormElement): DescribedForm {
  const groups = new Map<string, FillableControl[]>();
  for (const element of form.elements) {
    if (!isFillable(element) || !element.name || !isWritable(element)) continue;
    if (element instanceof HTMLInputElement && SKIPPED_TYPES.has(element.type)) continue;
    groups.set(element.name, [...(groups.get(element.name) ?? []), element]);
  }
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const fields: FormField[] = [];
  for (const [name, controls] of groups) {
    const first = controls[0] as FillableControl;
    const inputs = controls.filter((c): c is HTMLInputElement => c instanceof HTMLInputElement);
    let kind: FormField['kind'];
    /** Its schemas, strictest first: the first the engine enforces is the one asked for. */
    let schemas: Array<Record<string, unknown>>;
    let options = '';
    if (first instanceof HTMLSelectElement) {
      const values = valueOptions(first);
      options = choices(values.map((o) => [o.value, o.label.trim()]));
      const enumeration = values.map((o) => o.value);
      kind = first.multiple ? 'select-multiple' : 'select';
      // A required multiple select needs one option chosen.
      schemas = [
        first.multiple ? { ...arrayOf(enumeration), ...(first.required && { minItems: 1 }) } : { enum: enumeration },
      ];
    } else if (first instanceof HTMLInputElement && first.type === 'radio') {
      const radios = inputs.filter((i) => i.type === 'radio');
      kind = 'radio';
      options = choices(radios.map((i) => [i.value, labelOf(i)]));
      schemas = [{ enum: radios.map((i) => i.value) }];
    } else if (first instanceof HTMLInputElement && first.type === 'checkbox') {
      kind = inputs.length > 1 ? 'checkboxes' : 'checkbox';
      if (kind === 'checkboxes') options = choices(inputs.map((i) => [i.value, labelOf(i)]));
      schemas = [kind === 'checkboxes' ? arrayOf(inputs.map((i) => i.value)) : { type: 'boolean' }];
    } else if (first instanceof HTMLInputElement && (first.type === 'number' || first.type === 'range')) {
      kind = 'number';
      schemas = numberSchemas(first);
    } else {
      kind = 'text';
      schemas = textSchemas(first as HTMLInputElement | HTMLTextAreaElement);
    }
    // A field the engine would refuse however loose (a date's min after its max, a select with no
    // option to choose: an empty enum) is not asked for.
    const schema = firstEnforced(schemas);
    if (!schema) continue;
    // A group's name for people is its fieldset's legend; a single control's, its label.
    const legend =
      controls.length > 1
        ? (first.closest('fieldset')?.querySelector(':scope > legend')?.textContent?.trim() ?? '')
        : '';
    const named = legend || labelOf(first);
    const placeholder = 'placeholder' in first && first.placeholder ? `e.g. ${first.placeholder}` : '';
    const description = [named, placeholder, options].filter(Boolean).join(', ');
    if (description) schema.description = description;
    properties[name] = schema;
    // A required checkbox must be ticked to submit: that is the user's to decide, not the text's.
    if (controls.some((c) => c.required) && kind !== 'checkbox' && kind !== 'checkboxes') required.push(name);
    fields.push({ name, controls, kind, description, label: named || name });
  }
  return { schema: { type: 'object', properties, required, additionalProperties: false }, fields };
}

/** The request the model gets: which fields there are, and the text to read them from. */
export function extractionMessages(
  fields: readonly FormField[],
  schema: DescribedForm['schema'] | JsonSchema,
  text: string,
  instructions = '',
): Array<{ role: 'system' | 'user'; content: string }> {
  const required = new Set(typeof schema === 'object' && Array.isArray(schema.required) ? schema.required : []);
  const list = fields
    .map((f) => `- ${f.name}${f.description ? `: ${f.description}` : ''}${required.has(f.name) ? ' (required)' : ''}`)
    .join('\n');
  return [
    {
      role: 'system',
      content:
        'You fill in a form from a text. Answer with JSON: for each field the text gives a value for, that value. ' +
        'Leave out fields the text does not mention, unless they are required. Never invent details.' +
        (instructions ? `\n${instructions}` : ''),
    },
    { role: 'user', content: `Form fields:\n${list}\n\nText:\n"""\n${text}\n"""` },
  ];
}
