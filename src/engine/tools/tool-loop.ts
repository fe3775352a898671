// The rounds of a chat with tools: the model answers or calls tools; each call's arguments are
// checked against its tool's schema, the tool runs (after the visitor allows it, for a tool that
// asks), and its result goes back as a `tool` message; then the model goes on, until it answers in
// words or the rounds run out (the last round may not call). Each round is a request of its own in
// the engine's queue, so a slow tool does not hold the model from other elements and tabs.
import { LlmError, abortError } from '../core/errors.js';
import type { Generation } from '../core/generation.js';
import type { RequestQueue } from '../core/request-queue.js';
import type { ChatMessage, GenerationOptions, GenerationResult } from '../core/types.js';
import { schemaMismatch } from '../prompting/structured-output/structured-output.js';
import { messageOf } from '../storage/download-errors.js';
import { zeroStats } from '../core/generation-stats.js';
import {
  TOOL_NAME,
  UNPARSED_ARGUMENTS,
  type Tool,
  type ToolCall,
  type ToolChoice,
  type ToolStep,
} from './tool-types.js';

/** Rounds of calls before the model must answer in words, unless `maxToolRounds` says. */
export const DEFAULT_TOOL_ROUNDS = 4;

export async function runToolLoop(
  queue: RequestQueue,
  messages: readonly ChatMessage[],
  options: GenerationOptions,
  outer: Generation,
  signal: AbortSignal,
): Promise<void> {
  const { tools = [], tool_choice: choice = 'auto', maxToolRounds = DEFAULT_TOOL_ROUNDS, approve, ...rest } = options;
  checkTools(tools, choice, maxToolRounds);
  const conversation = messages.map((message) => ({ ...message }));
  const toolMessages: ChatMessage[] = [];
  const toolSteps: ToolStep[] = [];
  const totals = zeroStats();
  const begun = performance.now();
  let reasoning = ''; // a reasoning model's thinking, every round's
  const finish = (last: GenerationResult | null, more: Partial<GenerationResult> = {}) => {
    if (reasoning) Object.assign(outer.thought, { reasoning, reasoningMs: last?.reasoningMs });
    return outer.finish({
      ...totals,
      tokensPerSecond: last?.tokensPerSecond ?? 0,
      droppedMessages: last?.droppedMessages ?? 0,
      durationMs: Math.round(performance.now() - begun),
      finishReason: last?.finishReason ?? 'abort',
      ...(last?.error && { error: last.error }),
      ...(last?.value !== undefined && { value: last.value }),
      ...(toolSteps.length > 0 && { toolSteps, toolMessages }),
      ...more,
    });
  };

  // A backend whose library runs the calls itself (the browser's model) asks here, during its answer;
  // each call counts as a round.
  let answered = 0;
  const answerToolCall = async (call: ToolCall): Promise<string> => {
    const step: ToolStep =
      ++answered > maxToolRounds
        ? { call, status: 'invalid', error: `No more tool calls (${maxToolRounds} at most): answer now.`, ms: 0 }
        : await answerCall(call, tools, approve, signal, outer);
    toolSteps.push(step);
    outer.pushStep(step);
    return replyText(step);
  };

  for (let round = 0; ; round++) {
    // The page's choice binds the first round only (a required call would never let the model
    // answer); the last allowed round may not call at all.
    const roundChoice: ToolChoice = round >= maxToolRounds ? 'none' : round === 0 ? choice : 'auto';
    // A named tool is the only one offered, and required (llama.cpp takes no tool name as a choice).
    const named = typeof roundChoice === 'object';
    const offered = named ? tools.filter((tool) => tool.name === roundChoice.name) : tools;
    const request = queue.enqueue(
      { messages: conversation.map((message) => ({ ...message })) },
      {
        ...rest,
        // Only the first round goes on with the last message; later ones follow the tools' results.
        continueLast: round === 0 && rest.continueLast,
        signal,
        toolRound: offered.map(({ name, description, parameters }) => ({ name, description, parameters })),
        answerToolCall,
        tool_choice: named ? 'required' : roundChoice,
      },
    );
    try {
      for await (const part of request.parts()) if (part.type !== 'tool') outer.push(part.text, part.type);
    } catch {
      // The result says how it ended.
    }
    const result = await request.result;
    totals.promptTokens += result.promptTokens;
    totals.completionTokens += result.completionTokens;
    reasoning += result.reasoning ?? '';
    if (round === 0) totals.timeToFirstTokenMs = result.timeToFirstTokenMs;
    const calls = result.finishReason === 'stop' || result.finishReason === 'length' ? result.toolCalls : undefined;
    if (!calls?.length) return void finish(result);

    const turn: ChatMessage = { role: 'assistant', content: result.text, toolCalls: calls };
    conversation.push(turn);
    toolMessages.push(turn);
    let stopped = false;
    for (const call of calls) {
      let step: ToolStep;
      const started = performance.now();
      try {
        if (stopped) throw signal.reason;
        step = await answerCall(call, tools, approve, signal, outer);
      } catch {
        // Aborted while a tool ran or asked: it and the round's calls after it end as stopped, so
        // every call kept has its reply (a Continue sends them again).
        stopped = true;
        step = {
          call,
          status: 'error',
          error: 'Stopped before it ended.',
          ms: Math.round(performance.now() - started),
        };
      }
      toolSteps.push(step);
      outer.pushStep(step);
      const reply: ChatMessage = { role: 'tool', content: replyText(step), toolCallId: call.id };
      conversation.push(reply);
      toolMessages.push(reply);
    }
    if (stopped) return void finish(null, { finishReason: 'abort' });
  }
}

/** Refuses, before anything runs, tools the model could not be told of or called with. */
function checkTools(tools: readonly Tool[], choice: ToolChoice, rounds: number): void {
  const refuse = (why: string) => {
    throw new LlmError('invalid-request', why);
  };
  const names = new Set<string>();
  for (const tool of tools) {
    if (typeof tool?.name !== 'string' || !TOOL_NAME.test(tool.name)) {
      refuse(`A tool's name must be 1 to 64 letters, digits, _ or -, not ${JSON.stringify(tool?.name)}.`);
    }
    if (names.has(tool.name)) refuse(`Two tools are called "${tool.name}": a name must be unique.`);
    names.add(tool.name);
    if (typeof tool.run !== 'function') refuse(`The tool "${tool.name}" has no run() function.`);
    const { parameters } = tool;
    if (parameters !== undefined) {
      if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
        refuse(`The parameters of "${tool.name}" must be a JSON Schema object ({ type: 'object', properties: … }).`);
      }
      schemaMismatch({}, parameters); // an unreadable schema is refused now, not at the first call
    }
  }
  if (typeof choice === 'object' && !names.has(choice.name)) {
    refuse(`tool_choice names "${choice.name}", which is not one of the tools (${[...names].join(', ')}).`);
  }
  if (typeof choice === 'string' && !['auto', 'required', 'none'].includes(choice)) {
    refuse(`tool_choice must be auto, required, none or { name }, not ${JSON.stringify(choice)}.`);
  }
  if (!Number.isInteger(rounds) || rounds < 1) refuse(`maxToolRounds must be a whole number above 0, not ${rounds}.`);
}

/** Checks, confirms and runs one call; rejects only when the request is aborted meanwhile. */
async function answerCall(
  call: ToolCall,
  tools: readonly Tool[],
  approve: GenerationOptions['approve'],
  signal: AbortSignal,
  outer: Generation,
): Promise<ToolStep> {
  const started = performance.now();
  const ended = (status: ToolStep['status'], more: Pick<ToolStep, 'result' | 'error'>): ToolStep => ({
    call,
    status,
    ...more,
    ms: Math.round(performance.now() - started),
  });
  const tool = tools.find((candidate) => candidate.name === call.name);
  if (!tool) {
    const known = tools.map((candidate) => candidate.name).join(', ');
    return ended('invalid', { error: `There is no tool called "${call.name}". The tools are: ${known}.` });
  }
  if (UNPARSED_ARGUMENTS in call.arguments) {
    return ended('invalid', {
      error: `The arguments are not a JSON object: ${String(call.arguments[UNPARSED_ARGUMENTS])}`,
    });
  }
  const mismatch = tool.parameters === undefined ? null : schemaMismatch(call.arguments, tool.parameters);
  if (mismatch) return ended('invalid', { error: `The arguments do not match the tool's parameters (${mismatch}).` });
  if (tool.confirm) {
    outer.pushStep({ call, status: 'confirming', ms: 0 });
    // A rejection of `approve` denies the call; an abort meanwhile ends the request.
    const asked = Promise.resolve()
      .then(() => approve?.(call, tool) ?? false)
      .catch(() => false);
    const allowed = await untilAborted(asked, signal);
    if (allowed !== true) return ended('denied', { error: 'The user did not allow this call.' });
  }
  outer.pushStep({ call, status: 'running', ms: 0 });
  try {
    const result = await untilAborted(
      Promise.resolve().then(() => tool.run(call.arguments, { signal, call })),
      signal,
    );
    return ended('done', { result });
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    return ended('error', { error: messageOf(error) });
  }
}

/**
 * `promise`, or a rejection as soon as `signal` aborts (a tool that ignores its signal is not waited
 * for); a rejection of `promise` is its own, and a denial for `approve` (caught: false).
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** What the model reads of a step: the result as JSON (text as it is), or the error. */
function replyText(step: ToolStep): string {
  if (step.status !== 'done') return JSON.stringify({ error: step.error });
  if (typeof step.result === 'string') return step.result;
  try {
    return JSON.stringify(step.result ?? null);
  } catch {
    return String(step.result);
  }
}
