import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { LlmElement } from '../../base/llm-element.js';
import type { JsonSchema } from '../../engine/core/types.js';
import { LlmError } from '../../engine/core/errors.js';
import { TOOL_NAME, type Tool } from '../../engine/tools/tool-types.js';
import { formParameters } from './form-schema.js';
import { answerCall } from './tool-answer.js';

/** Seconds a page has to answer a call, unless `timeout` says otherwise. */
const DEFAULT_TIMEOUT = 30;

/**
 * @summary A tool of the page, declared in HTML inside `<llm-chat>` or its `<llm-model>`: the model calls it, and the page answers through the `llm-tool-run` event, or through the tool's own form.
 * @tagname llm-tool
 * @status experimental
 *
 * @description
 * For templates and CMS pages, where a tool cannot be written in JavaScript beside the chat. Give it
 * a `name` and a `description` (what the model reads to decide when to call it), and its arguments
 * either as a JSON Schema in a child `<script type="application/json">`, or as a child `<form>`,
 * whose named fields become the arguments (types, `required`, `min` / `max`, `step`, `pattern`,
 * lengths, the options of a select or a radio group; each field described by its `title`, else its
 * label, else its `aria-label`).
 *
 * When the model calls it, the element fires `llm-tool-run`. A listener answers with
 * `event.detail.respond(result)` or `event.detail.fail(message)`, at once, or later after
 * `event.preventDefault()`, within `timeout` seconds. When no listener answers and the tool has a
 * form, the form is filled with the arguments (with input and change events, as a person would) and
 * submitted through `requestSubmit()`: the form's validation and the page's own submit handler run,
 * and the model gets `{ submitted: true, fields: { … } }`. A submission that navigates is the page's
 * choice. With neither, the call fails with "No handler answered the tool …", which the model is told.
 *
 * It shows nothing of its own: its children are shown as they are, so a form stays usable by the
 * visitor too (inside `<llm-chat>`, which shows only its conversation, they are not shown: put a
 * tool whose form the visitor should see in the `<llm-model>`, outside the chat, which calls the
 * tools inside it and those of its model that are not inside another chat). A tool whose JSON Schema cannot be read, or whose name is not 1 to 64 letters, digits,
 * `_` or `-`, is broken: it fires `llm-error` (code `invalid-request`) and its `tool` is null, so the
 * chat leaves it out instead of refusing every request.
 *
 * @slot - A `<script type="application/json">` holding the arguments' JSON Schema, or a `<form>` whose fields are the arguments. Shown as they are.
 *
 * @fires {LlmToolRunEvent} llm-tool-run - The model called the tool: `detail` is `{ call, signal, respond(result), fail(message) }`. Cancelable: `preventDefault()` to answer later.
 * @fires {LlmErrorEvent} llm-error - The tool is broken (`code` is `invalid-request`): its JSON Schema is not valid JSON or not an object, or its name is not one a model accepts.
 */
export class LlmTool extends LlmElement {
  static override styles = css`
    :host {
      display: contents;
    }
    :host([hidden]) {
      display: none;
    }
  `;

  /** The name the model calls it by: 1 to 64 letters, digits, `_` or `-`, unique among the chat's tools. */
  @property({ reflect: true }) name = '';

  /** What the tool does and when to use it, for the model. */
  @property() description = '';

  /** Ask the visitor before it runs (`<llm-chat>` shows Allow and Deny). */
  @property({ type: Boolean, reflect: true }) confirm = false;

  /**
   * How long, in seconds, the page has to answer a call (`respond()` or `fail()`); after it, the call
   * fails and the model is told so. Default 30; a value that is not a positive number means 30.
   */
  @property({ type: Number }) timeout = DEFAULT_TIMEOUT;

  /** The problem last reported by `llm-error`, so one problem is reported once. */
  #reported = '';

  /**
   * The engine's tool: its definition read now from the attributes and the children, and a `run()`
   * that fires `llm-tool-run` (or submits the form). Null when the tool is broken (see `llm-error`).
   */
  get tool(): Tool | null {
    const name = this.name.trim();
    if (!TOOL_NAME.test(name)) {
      return this.#broken(`<llm-tool> needs a name of 1 to 64 letters, digits, _ or -, not ${JSON.stringify(name)}.`);
    }
    let parameters: JsonSchema | undefined;
    const script = this.querySelector<HTMLScriptElement>(':scope > script[type="application/json"]');
    const form = this.#form;
    if (script) {
      try {
        parameters = JSON.parse(script.text) as JsonSchema;
      } catch (error) {
        return this.#broken(`The JSON Schema of the tool ${name} is not valid JSON: ${(error as Error).message}`);
      }
      if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
        return this.#broken(`The JSON Schema of the tool ${name} must be an object ({"type": "object", …}).`);
      }
    } else if (form) {
      parameters = formParameters(form).parameters;
    }
    this.#reported = '';
    const description = this.description.trim();
    return {
      name,
      ...(description && { description }),
      ...(parameters !== undefined && { parameters }),
      ...(this.confirm && { confirm: true }),
      run: (args, context) =>
        answerCall(args, context, {
          name,
          timeoutMs: this.#timeoutMs,
          form: this.#form,
          dispatch: (detail) => this.emit('llm-tool-run', detail, { cancelable: true }),
        }),
    };
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  /** The tool's form: its first, a child or deeper. */
  get #form(): HTMLFormElement | null {
    return this.querySelector('form');
  }

  get #timeoutMs(): number {
    const seconds = Number(this.timeout);
    return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT) * 1000;
  }

  #broken(message: string): null {
    if (message !== this.#reported) {
      this.#reported = message;
      const error = new LlmError('invalid-request', message);
      console.warn(`[llm-elements] ${error.message}`);
      this.emit('llm-error', { code: error.code, message: error.message, error });
    }
    return null;
  }
}
