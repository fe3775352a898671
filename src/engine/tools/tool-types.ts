// Tools: functions of the page that the model may call in a chat (`GenerationOptions.tools`). The
// engine sends their definitions to the model, checks each call's arguments against the tool's
// JSON Schema, runs it, and feeds the result back, round after round, until the model answers.
import type { JsonSchema } from '../core/types.js';

/** What the model is told of a tool: its name, what it does, and its arguments as a JSON Schema. */
export interface ToolDefinition {
  /** Letters, digits, `_` and `-`, at most 64 (as every tool-calling model expects). */
  name: string;
  /** What the tool does and when to use it, for the model. */
  description?: string;
  /** The arguments, as a JSON Schema object (`{type: 'object', properties: …}`); none when unset. */
  parameters?: JsonSchema;
}

/** What `Tool.run` gets besides its arguments. */
export interface ToolContext {
  /** Aborted when the request is (its `signal`, `abort()`, or the element removed): stop the work. */
  signal: AbortSignal;
  /** The call being answered. */
  call: ToolCall;
}

/** A tool the page gives a chat: its definition, and the function that answers a call. */
export interface Tool<Args extends Record<string, unknown> = Record<string, unknown>> extends ToolDefinition {
  /**
   * Answers a call, with arguments already checked against `parameters`. What it returns (or
   * resolves with) is sent to the model as JSON (a string as it is); what it throws is sent as the
   * tool's error, for the model to answer with.
   */
  run(args: Args, context: ToolContext): unknown;
  /** Ask before running it (`GenerationOptions.approve`; `<llm-chat>` shows Allow and Deny). */
  confirm?: boolean;
}

/**
 * Whether the model must call a tool: `auto` (it decides; the default), `required` (one of them, in
 * its first round), `none`, or `{ name }` (that one, in its first round). A call that is required is
 * always well formed: a grammar lets the model write nothing else.
 */
export type ToolChoice = 'auto' | 'required' | 'none' | { name: string };

/** One call the model made. */
export interface ToolCall {
  /** Ties the call to its result in the conversation. */
  id: string;
  name: string;
  /** The arguments as the model wrote them, parsed (checked against the schema before `run`). */
  arguments: Record<string, unknown>;
}

/** What became of a call: its result, or why there is none. Fed back to the model either way. */
export interface ToolStep {
  call: ToolCall;
  /**
   * `done` (run returned), `error` (run threw), `invalid` (the arguments do not match the schema,
   * or no tool has that name: not run), `denied` (the visitor, or `approve`, said no: not run).
   */
  status: 'done' | 'error' | 'invalid' | 'denied';
  /** What `run` returned. */
  result?: unknown;
  /** Why there is no result, as the model is told. */
  error?: string;
  /** From the call's arrival to its result. */
  ms: number;
}

/** Where a call's arguments that are not a JSON object are kept, as the model wrote them (never run). */
export const UNPARSED_ARGUMENTS = '__unparsed_arguments';

/** What a tool's name may be: letters, digits, `_` and `-`, at most 64 (as every tool-calling model expects). */
export const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A call's arguments as a backend got them, as JSON text (llama.cpp, web-llm) or already parsed (the
 * browser's model): the object, or, when they are not one, what was written, kept under
 * `UNPARSED_ARGUMENTS` so the call is refused with the reason instead of run. None are `{}`.
 */
export function callArguments(written: unknown): Record<string, unknown> {
  let value: unknown = written ?? {};
  if (typeof written === 'string') {
    try {
      value = JSON.parse(written || '{}');
    } catch {
      value = undefined;
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  return { [UNPARSED_ARGUMENTS]: typeof written === 'string' ? written : JSON.stringify(written) };
}
