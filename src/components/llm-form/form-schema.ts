// A form's fields as a JSON Schema: what each named control can hold, read from its type and its
// constraints, so constrained decoding can only produce values the form accepts. Loaded on demand
// (the first fill), with form-fill.ts.
import type { JsonSchema } from '../../engine/types.js';

/** Form controls a value can be filled into. */
export type FillableControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** One named field of the form: every control of that name (a radio group has several). */
export interface FormField {
  name: string;
  controls: FillableControl[];
  /** How the value is written back. */
  kind: 'text' | 'number' | 'checkbox' | 'checkboxes' | 'radio' | 'select' | 'select-multiple';
  /** For the prompt: the label, the placeholder, and whether it is required. */
  description: string;
}

export interface DescribedForm {
  schema: { type: 'object'; properties: Record<string, JsonSchema>; required: string[]; additionalProperties: false };
  fields: FormField[];
}

/** Never filled: they are not data (buttons), not seen (hidden), or not the model's business (passwords, files). */
const SKIPPED_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'file', 'password']);

// Bounded patterns: an unbounded one lets a small model write on until max_tokens (llama.cpp turns
// these into its grammar; the browser's model and web-llm take them as they are).
const PATTERNS: Record<string, string> = {
  email: '^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63}){0,3}\\.[A-Za-z]{2,24}$',
  url: '^https?://[A-Za-z0-9.-]{1,100}(/[A-Za-z0-9._~%/?#=&+-]{0,200})?$',
  tel: '^\\+?[0-9 ().-]{3,24}$',
  time: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  month: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  week: '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$',
  'datetime-local': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]$',
  color: '^#[0-9a-f]{6}$',
};

/**
 * A date a date input accepts: years 1900–2099 (a year 0000, which a grammar for `format: date`
 * allows, is no date to the input, which then empties itself), and no day a month does not have
 * (29 February is left out, as most years lack it).
 */
const DATE_PATTERN =
  '^(19|20)[0-9]{2}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)$';

/** The longest text a free-text field gets when the page sets no `maxlength`. */
const DEFAULT_MAX_LENGTH = { input: 200, textarea: 2000 };

function isFillable(element: Element): element is FillableControl {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement
  );
}

/** What a person reads for the control: its label (or aria-label, or title) and its placeholder. */
function describe(control: FillableControl): string {
  const label =
    [...(control.labels ?? [])].map((l) => l.textContent?.trim()).find(Boolean) ??
    control.getAttribute('aria-label') ??
    control.title;
  const placeholder = 'placeholder' in control ? control.placeholder : '';
  return [label, placeholder && `e.g. ${placeholder}`].filter(Boolean).join(', ');
}

/** A number input's schema: an integer when its step is whole (the default step is 1), with its range. */
function numberSchema(input: HTMLInputElement): JsonSchema {
  const step = input.getAttribute('step');
  const whole = step !== 'any' && Number.isInteger(Number(step ?? 1)) && Number.isInteger(Number(input.min || 0));
  const schema: Record<string, unknown> = { type: whole ? 'integer' : 'number' };
  if (input.min !== '' && Number.isFinite(Number(input.min))) schema.minimum = Number(input.min);
  if (input.max !== '' && Number.isFinite(Number(input.max))) schema.maximum = Number(input.max);
  return schema;
}

function textSchema(control: HTMLInputElement | HTMLTextAreaElement): JsonSchema {
  const type = control instanceof HTMLInputElement ? control.type : 'textarea';
  // A date, or a kind with a pattern of its own (unless the page gives one): the pattern bounds it.
  const kind =
    type === 'date'
      ? DATE_PATTERN
      : control instanceof HTMLInputElement && control.pattern
        ? undefined
        : PATTERNS[type];
  const schema: Record<string, unknown> = { type: 'string' };
  if (kind) {
    schema.pattern = kind;
  } else {
    const limit = control instanceof HTMLTextAreaElement ? DEFAULT_MAX_LENGTH.textarea : DEFAULT_MAX_LENGTH.input;
    schema.maxLength = control.maxLength > 0 ? control.maxLength : limit;
    // The HTML pattern matches the whole value.
    if (control instanceof HTMLInputElement && control.pattern) schema.pattern = `^(?:${control.pattern})$`;
  }
  if (control.minLength > 0) schema.minLength = control.minLength;
  return schema;
}

function optionValues(select: HTMLSelectElement): string[] {
  // A placeholder option ("Choose…", value "") is not a value.
  return [...select.options].filter((o) => !o.disabled && o.value !== '').map((o) => o.value);
}

/**
 * Reads `form`'s named, enabled, writable controls into a JSON Schema and the fields to fill:
 * `email`, `url`, `tel` and the date and time types as bounded patterns; `number`
 * and `range` with `min` / `max` (integers when the step is whole); a checkbox as a boolean, several
 * of one name as an array of their values; a radio group and a `<select>` as an enum of their
 * values; `pattern`, `required`, `minlength` and `maxlength` as they are; labels and placeholders as
 * descriptions. Passwords, files, hidden fields and buttons are left out.
 */
export function describeForm(form: HTMLFormElement): DescribedForm {
  const groups = new Map<string, FillableControl[]>();
  for (const element of form.elements) {
    if (!isFillable(element) || !element.name || element.disabled) continue;
    if (element instanceof HTMLInputElement && (SKIPPED_TYPES.has(element.type) || element.readOnly)) continue;
    if (element instanceof HTMLTextAreaElement && element.readOnly) continue;
    groups.set(element.name, [...(groups.get(element.name) ?? []), element]);
  }
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const fields: FormField[] = [];
  for (const [name, controls] of groups) {
    const first = controls[0] as FillableControl;
    const inputs = controls.filter((c): c is HTMLInputElement => c instanceof HTMLInputElement);
    let kind: FormField['kind'];
    let schema: Record<string, unknown>;
    if (first instanceof HTMLSelectElement) {
      const values = optionValues(first);
      kind = first.multiple ? 'select-multiple' : 'select';
      schema = first.multiple ? { type: 'array', items: { enum: values }, uniqueItems: true } : { enum: values };
    } else if (first instanceof HTMLInputElement && first.type === 'radio') {
      kind = 'radio';
      schema = { enum: inputs.filter((i) => i.type === 'radio').map((i) => i.value) };
    } else if (first instanceof HTMLInputElement && first.type === 'checkbox') {
      kind = inputs.length > 1 ? 'checkboxes' : 'checkbox';
      schema =
        kind === 'checkboxes'
          ? { type: 'array', items: { enum: inputs.map((i) => i.value) }, uniqueItems: true }
          : { type: 'boolean' };
    } else if (first instanceof HTMLInputElement && (first.type === 'number' || first.type === 'range')) {
      kind = 'number';
      schema = numberSchema(first) as Record<string, unknown>;
    } else {
      kind = 'text';
      schema = textSchema(first as HTMLInputElement | HTMLTextAreaElement) as Record<string, unknown>;
    }
    const description = describe(first);
    if (description) schema.description = description;
    properties[name] = schema;
    // A required checkbox must be ticked to submit: that is the user's to decide, not the text's.
    if (controls.some((c) => c.required) && kind !== 'checkbox') required.push(name);
    fields.push({ name, controls, kind, description });
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
