// A <llm-tool>'s form as the tool's parameters: the same reading of a form as <llm-form>'s
// (describeForm: types, ranges, steps, bounded patterns for email / url / tel that the grammar
// enforces, where `format: email` would be refused), with a tool's own rule for the descriptions:
// the control's `title` first (a page writes it for exactly this), else its label, else aria-label.
import type { JsonSchema } from '../../engine/core/types.js';
import { describeForm, type FormField } from '../llm-form/form-schema.js';

export type { FormField } from '../llm-form/form-schema.js';

export interface FormParameters {
  /** The arguments as a JSON Schema object; undefined when the form has no field a tool can take. */
  parameters?: JsonSchema;
  /** The fields, to fill with a call's arguments. */
  fields: FormField[];
}

/**
 * Reads `form`'s named, writable controls into a tool's parameters: text-like inputs and textareas
 * as strings (length limits, `pattern`, email / url / tel as bounded patterns), number and range as
 * numbers (integers for whole steps) with `min` / `max`, a checkbox as a boolean, a `<select>` or a
 * radio group as an enum of its values; `required` as it is; `additionalProperties: false`.
 */
export function formParameters(form: HTMLFormElement): FormParameters {
  const { schema, fields } = describeForm(form);
  if (!fields.length) return { fields };
  for (const field of fields) {
    const property = schema.properties[field.name];
    const title = field.controls[0]?.getAttribute('title')?.trim();
    if (!title || typeof property !== 'object') continue;
    // describeForm starts a description with what a person reads (the label): the title replaces it.
    const rest = field.description.startsWith(field.label)
      ? field.description.slice(field.label.length).replace(/^,\s*/, '')
      : field.description;
    property.description = [title, rest].filter(Boolean).join(', ');
  }
  return { parameters: schema, fields };
}
