import type { LlmErrorCode } from '../core/errors.js';
import type { ToolCall } from '../tools/tool-types.js';
import type { ChatMessage, EngineStatus, GenerationOptions, GenerationResult, ModelInfo } from '../core/types.js';

// The messages tabs sharing one engine send over their BroadcastChannel (named by `shareName()`).
// Every message says who sent it (`from`, a random id per engine) and for whom (`to`: an id, or `*`).
// Everything is structured-clone safe: no functions, no signals, no errors (they travel as codes).

/**
 * Generation options that cross tabs: all but the signal and functions. Tools cross as one round's
 * definitions (`toolRound`): the follower's engine runs the calls.
 */
export type TabGenerationOptions = Omit<GenerationOptions, 'signal' | 'tools' | 'approve'>;

/** What the follower asks for: a chat or a completion, as its engine would run it. */
export type TabInput = { kind: 'chat'; messages: ChatMessage[] } | { kind: 'complete'; prompt: string };

/** The stats of an answer that ended well (`stop` or `length`); others end with `error`. */
export type TabResult = Pick<
  GenerationResult,
  'promptTokens' | 'completionTokens' | 'cachedPromptTokens' | 'tokensPerSecond' | 'toolCalls'
> & { finishReason: 'stop' | 'length' };

export type FollowerMessage =
  /** Who holds the engine? Answered with `ready` or `loading`. */
  | { kind: 'hello' }
  | { kind: 'request'; id: string; input: TabInput; options: TabGenerationOptions }
  | { kind: 'abort'; id: string }
  /** How many tokens `text` is for the holder's model (`Backend.countTokens()`): answered with `counted`. */
  | { kind: 'count'; id: string; text: string }
  /** The answer to a holder's `tool-call`: the text its model reads. */
  | { kind: 'tool-reply'; id: string; callId: string; text: string };

export type HolderMessage =
  /** The model is loaded: what it is, and the engine's status. Sent to a `hello`, and to `*` once loaded. */
  | { kind: 'ready'; model: ModelInfo; status: EngineStatus }
  /** The holder is loading the model; `loaded`/`total` bytes so far (also sent as they grow). */
  | { kind: 'loading'; loaded: number; total: number }
  /** The holder is still working on the listed requests (queued or running): a keep-alive. */
  | { kind: 'working'; ids: string[] }
  | { kind: 'delta'; id: string; text: string; part: 'answer' | 'reasoning' }
  | { kind: 'done'; id: string; result: TabResult }
  /**
   * The holder's model (the browser's, which runs calls itself) calls a tool during request `id`'s
   * answer: the follower, whose tools they are, answers with `tool-reply`.
   */
  | { kind: 'tool-call'; id: string; callId: string; call: ToolCall }
  /** The answer to `count`: null where the holder's backend cannot count (the follower then estimates). */
  | { kind: 'counted'; id: string; tokens: number | null }
  | { kind: 'error'; id: string | null; code: LlmErrorCode; message: string; retryable: boolean }
  /** The holder lets the engine go (its tab unloads it or closes): its requests are over. */
  | { kind: 'gone' };

export type TabMessage = (FollowerMessage | HolderMessage) & { from: string; to: string };

/** A random id for one engine's end of the channel. */
export function tabId(): string {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Whether `data` is a message of ours addressed to `me` (or to every tab). */
export function isFor(data: unknown, me: string): data is TabMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<TabMessage>;
  return (
    typeof message.kind === 'string' && typeof message.from === 'string' && (message.to === me || message.to === '*')
  );
}

/** Error codes a follower may retry as they are: the engine moved, or a network hiccup. */
export function isRetryable(code: LlmErrorCode): boolean {
  return code === 'engine-moved' || code === 'network';
}
