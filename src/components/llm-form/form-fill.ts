// Writes values into a page's form the way a person would: through the controls' own setters and
// with real input and change events (clicks for checkboxes and radios), so frameworks (React, Vue)
// and the form's validation see every change; Undo goes the same way. Only values the control
// accepts are written. Loaded on demand, with form-schema.ts.
import { isWritable, type FillableControl, type FormField } from './form-schema.js';

/** Set on each field the model filled, until the user edits it (style it with `[data-llm-filled]`). */
export const FILLED_ATTRIBUTE = 'data-llm-filled';

/** What a field held before a fill: its value, or which of its boxes were checked or options selected. */
export interface FieldSnapshot {
  field: FormField;
  value: string;
  checked: boolean[];
  selected: boolean[];
}

function read(field: FormField): FieldSnapshot {
  const [first] = field.controls;
  return {
    field,
    value: first && 'value' in first ? first.value : '',
    checked: field.controls.map((c) => c instanceof HTMLInputElement && c.checked),
    selected: first instanceof HTMLSelectElement ? [...first.options].map((o) => o.selected) : [],
  };
}

/** Sets a property through the prototype's setter: a framework that wraps the instance's own (React) still sees the change. */
function setNative(control: FillableControl, property: 'value' | 'checked', value: string | boolean): void {
  let prototype = Object.getPrototypeOf(control) as object | null;
  while (prototype && !Object.getOwnPropertyDescriptor(prototype, property))
    prototype = Object.getPrototypeOf(prototype);
  const setter = prototype && Object.getOwnPropertyDescriptor(prototype, property)?.set;
  if (setter) setter.call(control, value);
  else (control as unknown as Record<string, unknown>)[property] = value;
}

function announce(control: FillableControl): void {
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Checks or unchecks a box or radio with a click, as a person does (React listens for the click). */
function setChecked(input: HTMLInputElement, checked: boolean): boolean {
  if (input.checked === checked) return false;
  input.click();
  // A page's click handler may have cancelled it: set it regardless, and say so with events.
  if (input.checked !== checked) {
    setNative(input, 'checked', checked);
    announce(input);
  }
  return true;
}

const isText = (value: unknown): value is string | number => typeof value === 'string' || typeof value === 'number';

/**
 * Whether the browser keeps `text` in the control and finds it valid, tried on a detached copy (so
 * the page sees no event): not emptied or clamped by the input (a date it has no such day for, a
 * number off its range), no type, pattern, range, step or length mismatch, not empty when required.
 */
function keeps(control: HTMLInputElement | HTMLTextAreaElement, text: string): boolean {
  const probe = control.cloneNode() as HTMLInputElement | HTMLTextAreaElement;
  probe.value = text;
  const kept = probe.value;
  const type = probe instanceof HTMLInputElement ? probe.type : 'textarea';
  if (type === 'color' ? kept !== text.toLowerCase() : text !== '' && kept === '') return false;
  if ((type === 'number' || type === 'range') && Number(kept) !== Number(text)) return false;
  // Length limits count only for what a user types: checked here, as they would be after an edit.
  if (control.maxLength >= 0 && kept.length > control.maxLength) return false;
  if (kept !== '' && kept.length < control.minLength) return false;
  return probe.validity.valid;
}

/** Whether `value` is one the field's (writable) controls accept, leaving each of them valid. */
function fits(field: FormField, controls: FillableControl[], value: unknown): boolean {
  const inputs = controls.filter((c): c is HTMLInputElement => c instanceof HTMLInputElement);
  const [first] = controls;
  switch (field.kind) {
    case 'checkbox': {
      // Unticking a required box would leave it invalid.
      const box = inputs[0];
      return typeof value === 'boolean' && !!box && (value || !box.required || !box.checked);
    }
    case 'checkboxes': {
      if (!Array.isArray(value)) return false;
      const wanted = new Set(value.map(String));
      return (
        value.every((v) => isText(v) && inputs.some((box) => box.value === String(v))) &&
        inputs.every((box) => wanted.has(box.value) || !box.required || !box.checked)
      );
    }
    case 'radio':
      return isText(value) && inputs.some((radio) => radio.value === String(value));
    case 'select': {
      if (!(first instanceof HTMLSelectElement) || !isText(value)) return false;
      const text = String(value);
      if (text === '' && first.required) return false;
      return [...first.options].some((o) => o.value === text && !o.matches(':disabled'));
    }
    case 'select-multiple': {
      if (!(first instanceof HTMLSelectElement) || !Array.isArray(value)) return false;
      if (first.required && value.length === 0) return false;
      const options = [...first.options].filter((o) => !o.matches(':disabled'));
      return value.every((v) => isText(v) && options.some((o) => o.value === String(v)));
    }
    default:
      return (
        isText(value) &&
        (first instanceof HTMLInputElement || first instanceof HTMLTextAreaElement) &&
        keeps(first, String(value))
      );
  }
}

/** Writes one field's value (one it accepts) into its writable controls; returns whether anything changed. */
function write(field: FormField, controls: FillableControl[], value: unknown): boolean {
  const [first] = controls;
  if (!first) return false;
  switch (field.kind) {
    case 'checkbox':
      return setChecked(first as HTMLInputElement, value === true);
    case 'checkboxes': {
      const wanted = new Set(Array.isArray(value) ? value.map(String) : []);
      let changed = false;
      for (const input of controls as HTMLInputElement[])
        changed = setChecked(input, wanted.has(input.value)) || changed;
      return changed;
    }
    case 'radio': {
      const match = (controls as HTMLInputElement[]).find((input) => input.value === String(value));
      return match ? setChecked(match, true) : false;
    }
    case 'select-multiple': {
      const select = first as HTMLSelectElement;
      const wanted = new Set(Array.isArray(value) ? value.map(String) : []);
      const before = [...select.options].map((o) => o.selected).join();
      for (const option of select.options) option.selected = wanted.has(option.value);
      if ([...select.options].map((o) => o.selected).join() === before) return false;
      announce(select);
      return true;
    }
    default: {
      const text = String(value);
      if (first.value === text) return false;
      setNative(first, 'value', text);
      announce(first);
      return true;
    }
  }
}

/**
 * Fills the fields `value` names with the values their controls accept, and marks those that
 * changed; the rest stay as they were. A null is no value. Returns the names that changed, the
 * names whose value the control would not take (not written), and a snapshot of every field as it
 * was, for `restore()`. A field disabled or made read-only since the schema was read is left alone.
 */
export function fillFields(
  fields: readonly FormField[],
  value: Record<string, unknown>,
): { changed: string[]; skipped: string[]; snapshot: FieldSnapshot[] } {
  const snapshot = fields.map(read);
  const changed: string[] = [];
  const skipped: string[] = [];
  for (const field of fields) {
    const given = value[field.name];
    if (given === undefined || given === null) continue;
    const controls = field.controls.filter(isWritable);
    if (!controls.length) continue;
    if (!fits(field, controls, given)) {
      skipped.push(field.name);
      continue;
    }
    if (!write(field, controls, given)) continue;
    changed.push(field.name);
    for (const control of field.controls) control.setAttribute(FILLED_ATTRIBUTE, '');
  }
  return { changed, skipped, snapshot };
}

/** The names of the fields still marked as filled. */
export function filledNames(form: HTMLFormElement): string[] {
  const names = [...form.querySelectorAll(`[${FILLED_ATTRIBUTE}]`)].map((control) => control.getAttribute('name'));
  return [...new Set(names.filter((name): name is string => Boolean(name)))];
}

/** Unmarks a field the user edited: every control of its name (a radio group has several). */
export function unmark(form: HTMLFormElement | null, control: Element): void {
  if (!control.hasAttribute(FILLED_ATTRIBUTE)) return;
  const name = control.getAttribute('name');
  const group = name && form ? form.querySelectorAll(`[name="${CSS.escape(name)}"]`) : [control];
  for (const each of group) each.removeAttribute(FILLED_ATTRIBUTE);
}

/** Puts a group of boxes or a radio group back: by clicks, as the fill went. */
function restoreChecked(field: FormField, checked: boolean[]): boolean {
  const inputs = field.controls as HTMLInputElement[];
  if (field.kind !== 'radio') {
    let did = false;
    inputs.forEach((input, i) => (did = setChecked(input, checked[i] ?? false) || did));
    return did;
  }
  const was = inputs.find((_, i) => checked[i]);
  if (was) return setChecked(was, true);
  // No radio was chosen: nobody can click a group back to none, so it is set and announced (a
  // framework that follows clicks only, such as React, keeps the filled choice).
  const now = inputs.filter((input) => input.checked);
  for (const input of now) {
    setNative(input, 'checked', false);
    announce(input);
  }
  return now.length > 0;
}

/** Puts every field back as the snapshot holds it, the way the fill wrote it (with events), and removes the marks. */
export function restore(snapshot: readonly FieldSnapshot[]): string[] {
  const changed: string[] = [];
  for (const { field, value, checked, selected } of snapshot) {
    let did = false;
    const [first] = field.controls;
    if (field.kind === 'checkbox' || field.kind === 'checkboxes' || field.kind === 'radio') {
      did = restoreChecked(field, checked);
    } else if (field.kind === 'select-multiple' && first instanceof HTMLSelectElement) {
      const options = [...first.options];
      if (options.some((o, i) => o.selected !== selected[i])) {
        options.forEach((o, i) => (o.selected = selected[i] ?? false));
        announce(first);
        did = true;
      }
    } else if (first && first.value !== value) {
      setNative(first, 'value', value);
      announce(first);
      did = true;
    }
    for (const control of field.controls) control.removeAttribute(FILLED_ATTRIBUTE);
    if (did) changed.push(field.name);
  }
  return changed;
}
