// Writes values into a page's form the way a person would: through the controls' own setters and
// with real input and change events (clicks for checkboxes and radios), so frameworks (React, Vue)
// and the form's validation see every change. Loaded on demand, with form-schema.ts.
import type { FillableControl, FormField } from './form-schema.js';

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

/** Sets `value` through the prototype's setter: a framework that wraps the instance's own still sees the change. */
function setValue(control: FillableControl, value: string): void {
  const prototype = Object.getPrototypeOf(control) as object;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(control, value);
  else control.value = value;
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
    input.checked = checked;
    announce(input);
  }
  return true;
}

/** Writes one field's value; returns whether anything changed. */
function write(field: FormField, value: unknown): boolean {
  const controls = field.controls;
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
      const text = value === null || value === undefined ? '' : String(value);
      if (first.value === text) return false;
      setValue(first, text);
      announce(first);
      return true;
    }
  }
}

/**
 * Fills the fields `value` names and marks those that changed; the rest stay as they were. Returns
 * the names that changed and a snapshot of every field as it was, for `restore()`.
 */
export function fillFields(
  fields: readonly FormField[],
  value: Record<string, unknown>,
): { changed: string[]; snapshot: FieldSnapshot[] } {
  const snapshot = fields.map(read);
  const changed: string[] = [];
  for (const field of fields) {
    if (!(field.name in value)) continue;
    if (!write(field, value[field.name])) continue;
    changed.push(field.name);
    for (const control of field.controls) control.setAttribute(FILLED_ATTRIBUTE, '');
  }
  return { changed, snapshot };
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

/** Puts every field back as the snapshot holds it (with events), and removes the marks. */
export function restore(snapshot: readonly FieldSnapshot[]): string[] {
  const changed: string[] = [];
  for (const { field, value, checked, selected } of snapshot) {
    let did = false;
    const [first] = field.controls;
    if (field.kind === 'checkbox' || field.kind === 'checkboxes' || field.kind === 'radio') {
      field.controls.forEach((control, i) => {
        if (control instanceof HTMLInputElement && control.checked !== checked[i]) {
          // A radio cannot be unchecked by a click: set it, and say so.
          control.checked = checked[i] ?? false;
          announce(control);
          did = true;
        }
      });
    } else if (field.kind === 'select-multiple' && first instanceof HTMLSelectElement) {
      const options = [...first.options];
      if (options.some((o, i) => o.selected !== selected[i])) {
        options.forEach((o, i) => (o.selected = selected[i] ?? false));
        announce(first);
        did = true;
      }
    } else if (first && first.value !== value) {
      setValue(first, value);
      announce(first);
      did = true;
    }
    for (const control of field.controls) control.removeAttribute(FILLED_ATTRIBUTE);
    if (did) changed.push(field.name);
  }
  return changed;
}
