import { emit } from '../../base/llm-element.js';
import { format } from '../../base/format.js';
import type { RunningToolStep } from '../../engine/core/generation.js';
import type { GenerationOptions, GenerationResult } from '../../engine/core/types.js';
import type { Tool, ToolCall, ToolChoice, ToolStep } from '../../engine/tools/tool-types.js';
import type { Entry } from './chat-entry.js';
import type { LlmChatStrings } from './llm-chat.strings.js';
import '../llm-tool/llm-tool.js';
import type { LlmTool } from '../llm-tool/llm-tool.component.js';

// What `<llm-chat>` does with tools: the options of an answer that may call them, each call's step
// shown in its answer (with `llm-tool-call` and `llm-tool-result`), and the visitor's Allow or Deny
// for a tool with `confirm`. Loaded when a chat has `tools` (or `<llm-tool>` children), never with the
// script-tag entry; `<llm-tool>`'s own code loads with it.

/** What the chat's tools need of the chat: its settings, and to render again. */
export interface ChatToolsHost extends HTMLElement {
  tools?: Tool[];
  toolChoice?: ToolChoice;
  maxToolRounds?: number;
  requestUpdate(): void;
}

/** The tools of one `<llm-chat>`: the page's (`tools`) and the ones its `<llm-tool>` children declare. */
export class ChatTools {
  constructor(
    private readonly host: ChatToolsHost,
    /** Says a text politely (the chat's live region), in the chat's words. */
    private readonly announce: (question: (strings: LlmChatStrings) => string) => void,
  ) {}

  /** Every tool the model may call now; none → an answer without tools. */
  get all(): Tool[] {
    // A broken `<llm-tool>` (a bad name or schema) has no tool: it said why (`llm-error`); the others work.
    const declared = declaredTools(this.host).flatMap((element) => {
      const tool = element.tool; // read once: each read parses its schema
      return tool ? [tool] : [];
    });
    return [...(this.host.tools ?? []), ...declared];
  }

  /** The options that give an answer for `entry` the chat's tools (none when it has none). */
  options(entry: Entry, signal: AbortSignal): GenerationOptions {
    const tools = this.all;
    if (!tools.length) return {};
    return {
      tools,
      tool_choice: this.host.toolChoice,
      maxToolRounds: this.host.maxToolRounds,
      approve: (call: ToolCall) => this.ask(entry, call, signal),
    };
  }

  /** A call starts (`llm-tool-call`) or ends (`llm-tool-result`): its step shows in the answer. */
  step(entry: Entry, step: ToolStep | RunningToolStep): void {
    const steps = (entry.toolSteps ??= []);
    const at = steps.findIndex((shown) => shown.call.id === step.call.id);
    if (at < 0) {
      steps.push(step);
      emit(this.host, 'llm-tool-call', step.call);
    } else steps[at] = step;
    if (step.status !== 'running' && step.status !== 'confirming') emit(this.host, 'llm-tool-result', step as ToolStep);
    this.host.requestUpdate();
  }

  /** The answer for `entry` has ended: its calls take their final state, and their turns are kept. */
  settle(
    entry: Entry,
    { toolSteps = [], toolMessages = [] }: Pick<GenerationResult, 'toolSteps' | 'toolMessages'>,
  ): void {
    entry.asking?.answer(false);
    // A call the answer's end left running or asking (stopped meanwhile) ends as the result says.
    entry.toolSteps = entry.toolSteps?.map((shown) =>
      shown.status === 'running' || shown.status === 'confirming'
        ? (toolSteps.find((step) => step.call.id === shown.call.id) ?? {
            ...shown,
            status: 'error',
            error: 'Stopped before it ended.',
          })
        : shown,
    );
    // A Continue or Retry adds its calls to the answer's earlier ones.
    if (toolMessages.length) entry.toolMessages = [...(entry.toolMessages ?? []), ...toolMessages];
  }

  /** Asks the visitor whether `call` may run (Allow, Deny in the answer); no once the answer is stopped. */
  private ask(entry: Entry, call: ToolCall, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const answer = (allowed: boolean) => {
        if (entry.asking?.call !== call) return;
        entry.asking = undefined;
        signal.removeEventListener('abort', denied);
        resolve(allowed);
        this.host.requestUpdate();
      };
      const denied = () => answer(false);
      entry.asking = { call, answer };
      if (signal.aborted) return denied();
      signal.addEventListener('abort', denied, { once: true });
      this.announce((t) => format(t.toolConfirm ?? 'Run the tool {name}?', { name: call.name }));
      this.host.requestUpdate();
    });
  }
}

/**
 * The `<llm-tool>` elements of `chat`: inside it, or anywhere in its `<llm-model>` but inside another
 * chat (so a tool's form can sit where the visitor sees it, and every chat of the model can call it).
 */
export function declaredTools(chat: Element): LlmTool[] {
  const scope = chat.closest('llm-model') ?? chat;
  return [...scope.querySelectorAll<LlmTool>('llm-tool')].filter((tool) => {
    const owner = tool.parentElement?.closest('llm-chat');
    return !owner || owner === chat;
  });
}
