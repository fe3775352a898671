// How a call of an <llm-tool> is answered: the page's listener of `llm-tool-run` (at once, or
// later after preventDefault), else the tool's form filled and submitted, else an error. Every wait
// is bounded by the tool's timeout, and an abort ends it at once.
import { abortError } from '../../engine/core/errors.js';
import type { ToolContext } from '../../engine/tools/tool-types.js';
import type { LlmToolRunDetail } from '../../events/llm-tool-run.js';
import { fillFields } from '../llm-form/form-fill.js';
import { formParameters, type FormField } from './form-schema.js';

/** What a submitted form answers the model with. */
export interface SubmittedForm {
  submitted: true;
  /** The form's named values after the fill, as it submitted them (several of one name: an array). */
  fields: Record<string, unknown>;
  /** Arguments a control would not take (left as they were): named so the model knows. */
  skipped?: string[];
}

export interface AnswerOptions {
  /** The tool's name, for messages. */
  name: string;
  /** The longest wait for the page's answer, in ms. */
  timeoutMs: number;
  /** Dispatches `llm-tool-run`; false when a listener called preventDefault(). */
  dispatch(detail: LlmToolRunDetail): boolean;
  /** The tool's form, if it has one. */
  form: HTMLFormElement | null;
}

/** setTimeout's longest delay (about 24.8 days); longer ones fire at once. */
const MAX_DELAY = 2 ** 31 - 1;

/** Answers one call: resolves with the result the model gets, or rejects with the error it is told. */
export function answerCall(
  args: Record<string, unknown>,
  context: ToolContext,
  options: AnswerOptions,
): Promise<unknown> {
  const { signal, call } = context;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (end: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      end();
    };
    const onAbort = () => settle(() => reject(abortError(signal)));
    const seconds = Math.round(options.timeoutMs / 100) / 10;
    const timer = setTimeout(
      () => settle(() => reject(new Error(`The page did not answer the tool ${options.name} within ${seconds} s.`))),
      Math.min(options.timeoutMs, MAX_DELAY),
    );
    signal.addEventListener('abort', onAbort, { once: true });
    const detail: LlmToolRunDetail = {
      call,
      signal,
      respond: (result) => settle(() => resolve(result)),
      fail: (message) => settle(() => reject(new Error(String(message)))),
    };
    // A listener that throws is reported by the browser (dispatchEvent does not rethrow).
    const waits = !options.dispatch(detail);
    // Answered in the listener, or promised later (preventDefault): the timer bounds the wait.
    if (settled || waits) return;
    if (!options.form) {
      settle(() => reject(new Error(`No handler answered the tool ${options.name}.`)));
      return;
    }
    try {
      const result = submitForm(options.form, args, options.name);
      settle(() => resolve(result));
    } catch (error) {
      settle(() => reject(error instanceof Error ? error : new Error(String(error))));
    }
  });
}

/**
 * Fills `form` with `args` as a person would (input and change events), then submits it through
 * requestSubmit(), so the page's own submit handler and the form's validation run. Throws when the
 * form refuses (a field invalid), naming the fields and the browser's reasons.
 */
export function submitForm(form: HTMLFormElement, args: Record<string, unknown>, name: string): SubmittedForm {
  const { fields } = formParameters(form);
  const { skipped } = fillFields(fields, args);
  // Read before the submit: a page's handler often resets the form.
  const values = fieldValues(fields);
  let submitted = false;
  const onSubmit = () => (submitted = true);
  // Capture: heard before the page's handler, which may stop the event from going further.
  form.addEventListener('submit', onSubmit, { capture: true, once: true });
  try {
    form.requestSubmit();
  } finally {
    form.removeEventListener('submit', onSubmit, { capture: true });
  }
  if (!submitted) {
    const invalid = [...form.elements]
      .filter((element): element is HTMLInputElement => 'validity' in element && 'name' in element)
      .filter((control) => !control.validity.valid)
      .map((control) => `${control.name || control.id}: ${control.validationMessage}`);
    const why = invalid.length ? ` (${invalid.join('; ')})` : '';
    throw new Error(`The form of the tool ${name} was not submitted${why}.`);
  }
  const result: SubmittedForm = { submitted: true, fields: values };
  if (skipped.length) result.skipped = skipped;
  return result;
}

/**
 * The tool's fields as they will be submitted: a checkbox as a boolean, a group of boxes or a
 * multiple select as an array, a radio group as its choice (null for none), a number as a number
 * (null when empty), text as it is. Only the fields the model was told of (no hidden or password ones).
 */
function fieldValues(fields: readonly FormField[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { name, kind, controls } of fields) {
    const [first] = controls;
    const inputs = controls.filter((c): c is HTMLInputElement => c instanceof HTMLInputElement);
    if (kind === 'checkbox') values[name] = inputs[0]?.checked ?? false;
    else if (kind === 'checkboxes') values[name] = inputs.filter((i) => i.checked).map((i) => i.value);
    else if (kind === 'radio') values[name] = inputs.find((i) => i.checked)?.value ?? null;
    else if (kind === 'select-multiple' && first instanceof HTMLSelectElement)
      values[name] = [...first.selectedOptions].map((o) => o.value);
    else if (kind === 'number') values[name] = first?.value ? Number(first.value) : null;
    else values[name] = first?.value ?? '';
  }
  return values;
}
