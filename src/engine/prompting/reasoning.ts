import type { ChatMessage } from '../core/types.js';

/** Where a reasoning model's thinking begins and ends in its output (Qwen3, DeepSeek-R1, SmolLM3, QwQ). */
export const THINK_OPEN = '<think>';
export const THINK_CLOSE = '</think>';

/** What one delta of raw output holds: reasoning, answer, or (across the closing tag) both. */
export interface ReasoningPieces {
  reasoning: string;
  answer: string;
}

type State = 'start' | 'reasoning' | 'after-close' | 'answer';

/**
 * Splits a model's raw output, as deltas arrive, into its reasoning (`<think>…</think>`) and its
 * answer. Text that may be the start of a tag is held back until the next delta decides it, so a
 * tag split across deltas never leaks into either side.
 *
 * - Output that begins (after whitespace) with `<think>` is reasoning until `</think>`; the rest is
 *   the answer. Output that does not is all answer, tags or not.
 * - `openedInPrompt`: the chat template ended the prompt with `<think>` (DeepSeek-R1 distills, QwQ),
 *   so the output starts inside the reasoning (an opening tag the model writes anyway is dropped).
 * - A reasoning never closed (the length limit, a stop) stays reasoning: the answer is empty.
 * - Whitespace between the tags and the text is dropped (models write `<think>\n…\n</think>\n\n`).
 */
export class ReasoningSplitter {
  private state: State = 'start';
  private held = '';
  /** Whether any reasoning text came yet (whitespace before it is dropped). */
  private reasoned = false;
  private readonly openedInPrompt: boolean;

  constructor(options: { openedInPrompt?: boolean } = {}) {
    this.openedInPrompt = options.openedInPrompt ?? false;
  }

  /** Whether the output so far is in its reasoning (true from the start when the prompt opened it). */
  get inReasoning(): boolean {
    return this.state === 'reasoning' || (this.state === 'start' && this.openedInPrompt);
  }

  /** Feeds a delta; returns what is decided. */
  push(delta: string): ReasoningPieces {
    const out: ReasoningPieces = { reasoning: '', answer: '' };
    let text = this.held + delta;
    this.held = '';
    while (text) {
      if (this.state === 'start') {
        const lead = text.trimStart();
        if (lead.startsWith(THINK_OPEN)) {
          this.state = 'reasoning';
          text = lead.slice(THINK_OPEN.length).trimStart();
        } else if (THINK_OPEN.startsWith(lead)) {
          this.held = text; // empty, whitespace or the start of the tag: the next delta decides
          return out;
        } else {
          this.state = this.openedInPrompt ? 'reasoning' : 'answer';
          if (this.openedInPrompt) text = lead;
        }
      } else if (this.state === 'reasoning') {
        if (!this.reasoned) text = text.trimStart();
        const close = text.indexOf(THINK_CLOSE);
        if (close !== -1) {
          out.reasoning += text.slice(0, close).trimEnd();
          this.state = 'after-close';
          text = text.slice(close + THINK_CLOSE.length);
          continue;
        }
        // Held: a possible start of the closing tag, and trailing whitespace (it may precede it).
        const keep = partialSuffix(text, THINK_CLOSE);
        const body = text.slice(0, text.length - keep);
        const trimmed = body.trimEnd();
        out.reasoning += trimmed;
        if (trimmed) this.reasoned = true;
        this.held = body.slice(trimmed.length) + text.slice(text.length - keep);
        return out;
      } else if (this.state === 'after-close') {
        text = text.trimStart();
        if (text) this.state = 'answer';
      } else {
        out.answer += text;
        text = '';
      }
    }
    return out;
  }

  /** What is still held back, once the output has ended. */
  flush(): ReasoningPieces {
    const held = this.held;
    this.held = '';
    if (this.state === 'start') {
      if (this.openedInPrompt) return { reasoning: '', answer: '' }; // whitespace, or a bare `<think>` start
      return { reasoning: '', answer: held };
    }
    // An unclosed reasoning ends here: what was held (a possible start of the closing tag) was not one.
    if (this.state === 'reasoning' && held.trim()) return { reasoning: held.trimEnd(), answer: '' };
    return { reasoning: '', answer: '' };
  }
}

/** Length of the longest end of `text` that is a proper start of `tag`. */
function partialSuffix(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length;
  }
  return 0;
}

/**
 * Splits a whole output at once (the same rules as `ReasoningSplitter`): `{reasoning, answer}`.
 */
export function splitReasoning(text: string, options: { openedInPrompt?: boolean } = {}): ReasoningPieces {
  const splitter = new ReasoningSplitter(options);
  const first = splitter.push(text);
  const last = splitter.flush();
  return { reasoning: first.reasoning + last.reasoning, answer: first.answer + last.answer };
}

/**
 * Whether a chat template reasons: it writes `<think>` somewhere (Qwen3, DeepSeek-R1, SmolLM3, QwQ),
 * and whether it opens the reasoning in the prompt: its assistant header ends with `<think>` (the
 * model's output then starts inside it).
 */
export function templateReasoning(template: string | null | undefined): { reasons: boolean; opensInPrompt: boolean } {
  if (!template || !template.includes(THINK_OPEN)) return { reasons: false, opensInPrompt: false };
  // A string literal with the assistant's header that ends in `<think>` (a newline after it is allowed,
  // written literally or escaped): `'<｜Assistant｜><think>\n'`, `'<|im_start|>assistant\n<think>\n'`.
  const opensInPrompt = /['"][^'"\n]*assistant[^'"]*<think>(?:\\n|\n)*['"]/i.test(template);
  return { reasons: true, opensInPrompt };
}

/**
 * A conversation as a reasoning model's template expects it back: earlier answers without their
 * reasoning (a leading `<think>…</think>` is removed from assistant messages; templates drop it too).
 * `keepLast`: the last message is an answer being continued, kept as it is.
 */
export function withoutReasoning(messages: readonly ChatMessage[], keepLast = false): ChatMessage[] {
  return messages.map((message, index) => {
    if (keepLast && index === messages.length - 1) return message; // an answer being continued
    if (message.role !== 'assistant' || !message.content.trimStart().startsWith(THINK_OPEN)) return message;
    const close = message.content.indexOf(THINK_CLOSE);
    return { ...message, content: close === -1 ? '' : message.content.slice(close + THINK_CLOSE.length).trimStart() };
  });
}

/** Where a request's output goes (a `Generation`): the answer, the thinking, and what the result says of it. */
export interface ReasoningSink {
  push(text: string, type?: 'answer' | 'reasoning'): void;
  readonly thought: { reasoning?: string; reasoningMs?: number };
}

/**
 * Routes a chat's or completion's output into `sink` as it streams: the reasoning apart from the
 * answer, with how long it took (from the first token to the first of the answer, or to the end).
 * `template` is the model's chat template, for a chat it formats (a template that opens the
 * reasoning in the prompt starts the output inside it); not when an answer is continued.
 */
export class ReasoningRouter {
  private readonly splitter: ReasoningSplitter;
  private readonly sink: ReasoningSink;
  /** When the model began to reason (its first token), until it has stopped. */
  private started: number | null = null;

  constructor(sink: ReasoningSink, template: string | null, continuing = false) {
    this.sink = sink;
    const openedInPrompt = !continuing && templateReasoning(template).opensInPrompt;
    this.splitter = new ReasoningSplitter({ openedInPrompt });
  }

  push(delta: string): void {
    this.send(this.splitter.push(delta));
  }

  /** Once the output has ended (however it ended): what was held back; a thinking never closed ends here. */
  flush(): void {
    this.send(this.splitter.flush());
    this.stop();
  }

  private send({ reasoning, answer }: ReasoningPieces): void {
    if (reasoning || this.splitter.inReasoning) this.started ??= performance.now();
    if (reasoning) {
      const { thought } = this.sink;
      thought.reasoning = (thought.reasoning ?? '') + reasoning;
      this.sink.push(reasoning, 'reasoning');
    }
    if (answer) {
      this.stop();
      this.sink.push(answer);
    }
  }

  /** The thinking has ended: its duration goes on the result (when there was any). */
  private stop(): void {
    if (this.started === null) return;
    if (this.sink.thought.reasoning) this.sink.thought.reasoningMs = Math.round(performance.now() - this.started);
    this.started = null;
  }
}
