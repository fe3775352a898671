import type {
  LlmChat,
  LlmComplete,
  LlmForm,
  LlmModel,
  LlmSource,
  LlmStatus,
  LlmText,
  LlmTool,
  LlmSendDetail,
  LlmTokenDetail,
  LlmResponseDetail,
  LlmContinueDetail,
  LlmEditDetail,
  LlmRegenerateDetail,
  LlmDeleteDetail,
  LlmVersionChangeDetail,
  LlmAttachDetail,
  ToolCall,
  ToolStep,
  LlmRetrieveDetail,
  LlmErrorDetail,
  LlmAcceptDetail,
  LlmDismissDetail,
  LlmFillDetail,
  LoadProgress,
  LlmReadyDetail,
  LlmFallbackDetail,
  LlmIndexProgressDetail,
  LlmRemovedDetail,
  LlmToolRunDetail,
} from '../dist/index.js';

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 * @deprecated Runtime scoped elements result in duplicate types and can confusing for developers. It is recommended to use the `prefix` and `suffix` options to generate new types instead.
 */
export type ScopedElements<Prefix extends string = '', Suffix extends string = ''> = {
  [Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`]: CustomElements[Key];
};

/**
 * A generic type for strongly typing custom events with their targets
 * @template T - The type of the event target (extends EventTarget)
 * @template D - The type of the detail payload for the custom event
 */
type TypedEvent<T extends EventTarget, E = Event> = E & {
  target: T;
};

type BaseProps<T extends HTMLElement> = {
  /** Content added between the opening and closing tags of the element */
  children?: any | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string | undefined;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined> | undefined;
  /** Specifies the text direction of the element. */
  dir?: 'ltr' | 'rtl' | undefined;
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string | undefined;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string | undefined;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string | undefined;
  /** A unique identifier for the element. */
  id?: string | undefined;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number | undefined;
  /** Specifies the language of the element. */
  lang?: string | undefined;
  /** Defines the element's semantic role for accessibility APIs. */
  role?: string | undefined;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string | undefined;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: (T | ((e: T) => void)) | undefined;
  /** Adds a reference for a custom element slot */
  slot?: string | undefined;
  /** Prop for setting inline styles */
  style?: Record<string, string | number> | undefined;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number | undefined;
  /** Specifies the tooltip text for the element. */
  title?: string | undefined;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: 'yes' | 'no' | undefined;
  /** The popover global attribute is used to designate an element as a popover element. */
  popover?: 'auto' | 'hint' | 'manual' | undefined;
  /** Turns an element element into a popover control button; takes the ID of the popover element to control as its value. */
  popovertarget?: 'top' | 'bottom' | 'left' | 'right' | 'auto' | undefined;
  /** Specifies the action to be performed on a popover element being controlled by a control element. */
  popovertargetaction?: 'show' | 'hide' | 'toggle' | undefined;
};

type BaseEvents = {};

/** `LlmChat` component event */
export type LlmChatElementEvent<E = Event> = TypedEvent<LlmChat, E>;
/** `llm-send` event type */
export type LlmChatLlmSendElementEvent = LlmChatElementEvent<CustomEvent<LlmSendDetail>>;
/** `llm-token` event type */
export type LlmChatLlmTokenElementEvent = LlmChatElementEvent<CustomEvent<LlmTokenDetail>>;
/** `llm-response` event type */
export type LlmChatLlmResponseElementEvent = LlmChatElementEvent<CustomEvent<LlmResponseDetail>>;
/** `llm-continue` event type */
export type LlmChatLlmContinueElementEvent = LlmChatElementEvent<CustomEvent<LlmContinueDetail>>;
/** `llm-edit` event type */
export type LlmChatLlmEditElementEvent = LlmChatElementEvent<CustomEvent<LlmEditDetail>>;
/** `llm-regenerate` event type */
export type LlmChatLlmRegenerateElementEvent = LlmChatElementEvent<CustomEvent<LlmRegenerateDetail>>;
/** `llm-delete` event type */
export type LlmChatLlmDeleteElementEvent = LlmChatElementEvent<CustomEvent<LlmDeleteDetail>>;
/** `llm-version-change` event type */
export type LlmChatLlmVersionChangeElementEvent = LlmChatElementEvent<CustomEvent<LlmVersionChangeDetail>>;
/** `llm-attach` event type */
export type LlmChatLlmAttachElementEvent = LlmChatElementEvent<CustomEvent<LlmAttachDetail>>;
/** `llm-tool-call` event type */
export type LlmChatLlmToolCallElementEvent = LlmChatElementEvent<CustomEvent<ToolCall>>;
/** `llm-tool-result` event type */
export type LlmChatLlmToolResultElementEvent = LlmChatElementEvent<CustomEvent<ToolStep>>;
/** `llm-retrieve` event type */
export type LlmChatLlmRetrieveElementEvent = LlmChatElementEvent<CustomEvent<LlmRetrieveDetail>>;
/** `llm-error` event type */
export type LlmChatLlmErrorElementEvent = LlmChatElementEvent<CustomEvent<LlmErrorDetail>>;

export type LlmChatProps = {
  /** Placeholder of the message field (overrides `strings.placeholder`). */
  placeholder?: LlmChat['placeholder'] | undefined;
  /** System prompt sent before the conversation. */
  system?: LlmChat['system'] | undefined;
  /** A storage key: the conversation (every version) is saved in localStorage under it and restored on reload. */
  persist?: LlmChat['persist'] | undefined;
  /** Lets the visitor attach text files (`.txt`, `.md`, `.csv`, `.json`, source code) to a message, by
the Attach button or by dropping them on the chat: each shows as a chip with its size in tokens,
and one that cannot fit the model's context is refused in plain words, never cut. */
  attach?: LlmChat['attach'] | undefined;
  /** With `tools`: rounds of calls before the model must answer in words (the engine's default: 4). */
  'max-tool-rounds'?: LlmChat['maxToolRounds'] | undefined;
  /** With `tools`: rounds of calls before the model must answer in words (the engine's default: 4). */
  maxToolRounds?: LlmChat['maxToolRounds'] | undefined;
  /** With sources (`<llm-source>`): the cosine similarity (-1 to 1) a passage needs to the question to
be given to the model; when none has it, the chat says it found nothing instead of answering.
Default 0.35, for sentence-embedding models (`embed-src`); a chat model that embeds scores
everything higher: raise it. */
  'min-score'?: LlmChat['minScore'] | undefined;
  /** With sources (`<llm-source>`): the cosine similarity (-1 to 1) a passage needs to the question to
be given to the model; when none has it, the chat says it found nothing instead of answering.
Default 0.35, for sentence-embedding models (`embed-src`); a chat model that embeds scores
everything higher: raise it. */
  minScore?: LlmChat['minScore'] | undefined;
  /** With sources: the most passages given to the model for an answer (default 4), within 40% of its context. */
  'max-sources'?: LlmChat['maxSources'] | undefined;
  /** With sources: the most passages given to the model for an answer (default 4), within 40% of its context. */
  maxSources?: LlmChat['maxSources'] | undefined;
  /** How a reasoning model's thinking shows above its answer: `collapsed` (default: "Thinking…", then
"Thought for 4 s"), `expanded`, or `hidden`. Never in the answer's text nor `messages` (so never sent back). */
  reasoning?: LlmChat['reasoning'] | undefined;
  /** Keeps the element from generating (and, where it has controls, disables them). */
  disabled?: LlmChat['disabled'] | undefined;
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  temperature?: LlmChat['temperature'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'max-tokens'?: LlmChat['maxTokens'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  maxTokens?: LlmChat['maxTokens'] | undefined;
  /** Sample only from the k most likely tokens. */
  'top-k'?: LlmChat['topK'] | undefined;
  /** Sample only from the k most likely tokens. */
  topK?: LlmChat['topK'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'top-p'?: LlmChat['topP'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  topP?: LlmChat['topP'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmChat['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmChat['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmChat['density'] | undefined;
  /** Functions of the page the model may call while it answers (JS only; see `Tool`). Each call shows
in its answer as a step (its arguments, then its result); a tool with `confirm` asks the visitor
first, with Allow and Deny. */
  tools?: LlmChat['tools'] | undefined;
  /** With `tools`: whether the model must call one (`ToolChoice`: `auto`, the default; `required`; `none`; `{name}`). */
  toolChoice?: LlmChat['toolChoice'] | undefined;
  /** The conversation shown (`{role, content}[]`, the chosen version of each message, without the
system prompt): what the model is sent. Set it to restore one (without earlier versions). */
  messages?: LlmChat['messages'] | undefined;
  /** Replaces any of the texts the element shows or announces, for other languages. */
  strings?: LlmChat['strings'] | undefined;

  /** Before a message is sent; cancelable. `detail` is `{content, attachments}` (the files sent with it, with `attach`). */
  'onllm-send'?: ((e: LlmChatLlmSendElementEvent) => void) | undefined;
  /** For each streamed piece of the answer; `detail` is `{delta, text}`. */
  'onllm-token'?: ((e: LlmChatLlmTokenElementEvent) => void) | undefined;
  /** When an answer is complete, or stopped (`finishReason: 'abort'`, partial text kept); `detail` is `{message, text, stats, finishReason}`. */
  'onllm-response'?: ((e: LlmChatLlmResponseElementEvent) => void) | undefined;
  /** Before the last answer is continued (Continue, `continue()`); cancelable. `detail` is `{index}`; the answer grows in place, and its `llm-response` has `text` (what was added) and `message` (the whole answer). */
  'onllm-continue'?: ((e: LlmChatLlmContinueElementEvent) => void) | undefined;
  /** Before an edited message is sent as a new version of it; cancelable. `detail` is `{index, content}`. */
  'onllm-edit'?: ((e: LlmChatLlmEditElementEvent) => void) | undefined;
  /** Before an answer is asked for again (a new version of it); cancelable. `detail` is `{index}`. */
  'onllm-regenerate'?: ((e: LlmChatLlmRegenerateElementEvent) => void) | undefined;
  /** Before a turn is deleted; cancelable. `detail` is `{index, count}` (the turn's first message and how many it has). */
  'onllm-delete'?: ((e: LlmChatLlmDeleteElementEvent) => void) | undefined;
  /** When another version of a message shows. `detail` is `{index, version, count}` (`version` from 1). */
  'onllm-version-change'?: ((e: LlmChatLlmVersionChangeElementEvent) => void) | undefined;
  /** When files are attached (picked or dropped, with `attach`), before they show; cancelable. `detail` is `{files, attachments}`. */
  'onllm-attach'?: ((e: LlmChatLlmAttachElementEvent) => void) | undefined;
  /** When the model's call of a tool starts (`tools`), before it is confirmed or run. `detail` is the call `{id, name, arguments}`. */
  'onllm-tool-call'?: ((e: LlmChatLlmToolCallElementEvent) => void) | undefined;
  /** When a call of a tool has ended. `detail` is its step `{call, status, result, error, ms}` (`done`, `error`, `invalid` or `denied`). */
  'onllm-tool-result'?: ((e: LlmChatLlmToolResultElementEvent) => void) | undefined;
  /** Before an answer from sources (`<llm-source>`): `detail` is `{query, passages}`, the passages found for the question (best first, each with its `score`); none when nothing scored `min-score`. */
  'onllm-retrieve'?: ((e: LlmChatLlmRetrieveElementEvent) => void) | undefined;
  /** When an answer fails or the conversation cannot be saved (`storage`); `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here. */
  'onllm-error'?: ((e: LlmChatLlmErrorElementEvent) => void) | undefined;
};

export type LlmChatSolidJsProps = {
  /** Placeholder of the message field (overrides `strings.placeholder`). */
  'prop:placeholder'?: LlmChat['placeholder'] | undefined;
  /** System prompt sent before the conversation. */
  'prop:system'?: LlmChat['system'] | undefined;
  /** A storage key: the conversation (every version) is saved in localStorage under it and restored on reload. */
  'prop:persist'?: LlmChat['persist'] | undefined;
  /** Lets the visitor attach text files (`.txt`, `.md`, `.csv`, `.json`, source code) to a message, by
the Attach button or by dropping them on the chat: each shows as a chip with its size in tokens,
and one that cannot fit the model's context is refused in plain words, never cut. */
  'prop:attach'?: LlmChat['attach'] | undefined;
  /** With `tools`: rounds of calls before the model must answer in words (the engine's default: 4). */
  'attr:max-tool-rounds'?: LlmChat['maxToolRounds'] | undefined;
  /** With `tools`: rounds of calls before the model must answer in words (the engine's default: 4). */
  'prop:maxToolRounds'?: LlmChat['maxToolRounds'] | undefined;
  /** With sources (`<llm-source>`): the cosine similarity (-1 to 1) a passage needs to the question to
be given to the model; when none has it, the chat says it found nothing instead of answering.
Default 0.35, for sentence-embedding models (`embed-src`); a chat model that embeds scores
everything higher: raise it. */
  'attr:min-score'?: LlmChat['minScore'] | undefined;
  /** With sources (`<llm-source>`): the cosine similarity (-1 to 1) a passage needs to the question to
be given to the model; when none has it, the chat says it found nothing instead of answering.
Default 0.35, for sentence-embedding models (`embed-src`); a chat model that embeds scores
everything higher: raise it. */
  'prop:minScore'?: LlmChat['minScore'] | undefined;
  /** With sources: the most passages given to the model for an answer (default 4), within 40% of its context. */
  'attr:max-sources'?: LlmChat['maxSources'] | undefined;
  /** With sources: the most passages given to the model for an answer (default 4), within 40% of its context. */
  'prop:maxSources'?: LlmChat['maxSources'] | undefined;
  /** How a reasoning model's thinking shows above its answer: `collapsed` (default: "Thinking…", then
"Thought for 4 s"), `expanded`, or `hidden`. Never in the answer's text nor `messages` (so never sent back). */
  'prop:reasoning'?: LlmChat['reasoning'] | undefined;
  /** Keeps the element from generating (and, where it has controls, disables them). */
  'prop:disabled'?: LlmChat['disabled'] | undefined;
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  'prop:temperature'?: LlmChat['temperature'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'attr:max-tokens'?: LlmChat['maxTokens'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'prop:maxTokens'?: LlmChat['maxTokens'] | undefined;
  /** Sample only from the k most likely tokens. */
  'attr:top-k'?: LlmChat['topK'] | undefined;
  /** Sample only from the k most likely tokens. */
  'prop:topK'?: LlmChat['topK'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'attr:top-p'?: LlmChat['topP'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'prop:topP'?: LlmChat['topP'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  'prop:theme'?: LlmChat['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  'prop:contrast'?: LlmChat['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  'prop:density'?: LlmChat['density'] | undefined;
  /** Functions of the page the model may call while it answers (JS only; see `Tool`). Each call shows
in its answer as a step (its arguments, then its result); a tool with `confirm` asks the visitor
first, with Allow and Deny. */
  'prop:tools'?: LlmChat['tools'] | undefined;
  /** With `tools`: whether the model must call one (`ToolChoice`: `auto`, the default; `required`; `none`; `{name}`). */
  'prop:toolChoice'?: LlmChat['toolChoice'] | undefined;
  /** The conversation shown (`{role, content}[]`, the chosen version of each message, without the
system prompt): what the model is sent. Set it to restore one (without earlier versions). */
  'prop:messages'?: LlmChat['messages'] | undefined;
  /** Replaces any of the texts the element shows or announces, for other languages. */
  'prop:strings'?: LlmChat['strings'] | undefined;
  /** Before a message is sent; cancelable. `detail` is `{content, attachments}` (the files sent with it, with `attach`). */
  'on:llm-send'?: ((e: LlmChatLlmSendElementEvent) => void) | undefined;
  /** For each streamed piece of the answer; `detail` is `{delta, text}`. */
  'on:llm-token'?: ((e: LlmChatLlmTokenElementEvent) => void) | undefined;
  /** When an answer is complete, or stopped (`finishReason: 'abort'`, partial text kept); `detail` is `{message, text, stats, finishReason}`. */
  'on:llm-response'?: ((e: LlmChatLlmResponseElementEvent) => void) | undefined;
  /** Before the last answer is continued (Continue, `continue()`); cancelable. `detail` is `{index}`; the answer grows in place, and its `llm-response` has `text` (what was added) and `message` (the whole answer). */
  'on:llm-continue'?: ((e: LlmChatLlmContinueElementEvent) => void) | undefined;
  /** Before an edited message is sent as a new version of it; cancelable. `detail` is `{index, content}`. */
  'on:llm-edit'?: ((e: LlmChatLlmEditElementEvent) => void) | undefined;
  /** Before an answer is asked for again (a new version of it); cancelable. `detail` is `{index}`. */
  'on:llm-regenerate'?: ((e: LlmChatLlmRegenerateElementEvent) => void) | undefined;
  /** Before a turn is deleted; cancelable. `detail` is `{index, count}` (the turn's first message and how many it has). */
  'on:llm-delete'?: ((e: LlmChatLlmDeleteElementEvent) => void) | undefined;
  /** When another version of a message shows. `detail` is `{index, version, count}` (`version` from 1). */
  'on:llm-version-change'?: ((e: LlmChatLlmVersionChangeElementEvent) => void) | undefined;
  /** When files are attached (picked or dropped, with `attach`), before they show; cancelable. `detail` is `{files, attachments}`. */
  'on:llm-attach'?: ((e: LlmChatLlmAttachElementEvent) => void) | undefined;
  /** When the model's call of a tool starts (`tools`), before it is confirmed or run. `detail` is the call `{id, name, arguments}`. */
  'on:llm-tool-call'?: ((e: LlmChatLlmToolCallElementEvent) => void) | undefined;
  /** When a call of a tool has ended. `detail` is its step `{call, status, result, error, ms}` (`done`, `error`, `invalid` or `denied`). */
  'on:llm-tool-result'?: ((e: LlmChatLlmToolResultElementEvent) => void) | undefined;
  /** Before an answer from sources (`<llm-source>`): `detail` is `{query, passages}`, the passages found for the question (best first, each with its `score`); none when nothing scored `min-score`. */
  'on:llm-retrieve'?: ((e: LlmChatLlmRetrieveElementEvent) => void) | undefined;
  /** When an answer fails or the conversation cannot be saved (`storage`); `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here. */
  'on:llm-error'?: ((e: LlmChatLlmErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `LlmComplete` component event */
export type LlmCompleteElementEvent<E = Event> = TypedEvent<LlmComplete, E>;
/** `llm-accept` event type */
export type LlmCompleteLlmAcceptElementEvent = LlmCompleteElementEvent<CustomEvent<LlmAcceptDetail>>;
/** `llm-dismiss` event type */
export type LlmCompleteLlmDismissElementEvent = LlmCompleteElementEvent<CustomEvent<LlmDismissDetail>>;
/** `llm-token` event type */
export type LlmCompleteLlmTokenElementEvent = LlmCompleteElementEvent<CustomEvent<LlmTokenDetail>>;
/** `llm-response` event type */
export type LlmCompleteLlmResponseElementEvent = LlmCompleteElementEvent<CustomEvent<LlmResponseDetail>>;
/** `llm-error` event type */
export type LlmCompleteLlmErrorElementEvent = LlmCompleteElementEvent<CustomEvent<LlmErrorDetail>>;

export type LlmCompleteProps = {
  /** Where a suggestion ends: `sentence`, `line`, or a literal string (`\n` for a newline). */
  'stop-at'?: LlmComplete['stopAt'] | undefined;
  /** Where a suggestion ends: `sentence`, `line`, or a literal string (`\n` for a newline). */
  stopAt?: LlmComplete['stopAt'] | undefined;
  /** Milliseconds of pause before asking for a suggestion. */
  delay?: LlmComplete['delay'] | undefined;
  /** The text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`. */
  prompt?: LlmComplete['prompt'] | undefined;
  /** The id of an element whose text feeds the prompt (e.g. an article to summarize). */
  for?: LlmComplete['htmlFor'] | undefined;
  /** The id of an element whose text feeds the prompt (e.g. an article to summarize). */
  htmlFor?: LlmComplete['htmlFor'] | undefined;
  /** Wait for `run()` instead of generating on connect. */
  manual?: LlmComplete['manual'] | undefined;
  /** Send the prompt as a user message through the model's chat template (for instruction-tuned models). */
  instruct?: LlmComplete['instruct'] | undefined;
  /** Keeps the element from generating (and, where it has controls, disables them). */
  disabled?: LlmComplete['disabled'] | undefined;
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  temperature?: LlmComplete['temperature'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'max-tokens'?: LlmComplete['maxTokens'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  maxTokens?: LlmComplete['maxTokens'] | undefined;
  /** Sample only from the k most likely tokens. */
  'top-k'?: LlmComplete['topK'] | undefined;
  /** Sample only from the k most likely tokens. */
  topK?: LlmComplete['topK'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'top-p'?: LlmComplete['topP'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  topP?: LlmComplete['topP'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmComplete['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmComplete['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmComplete['density'] | undefined;
  /** Replaces any of the texts the element shows or announces, for other languages. */
  strings?: LlmComplete['strings'] | undefined;

  /** When Tab accepts a suggestion; `detail` is `{suggestion, value}`. */
  'onllm-accept'?: ((e: LlmCompleteLlmAcceptElementEvent) => void) | undefined;
  /** When Escape dismisses a suggestion; `detail` is `{suggestion}`. */
  'onllm-dismiss'?: ((e: LlmCompleteLlmDismissElementEvent) => void) | undefined;
  /** For each streamed piece of text; `detail` is `{delta, text}`. */
  'onllm-token'?: ((e: LlmCompleteLlmTokenElementEvent) => void) | undefined;
  /** When a text or suggestion is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`. */
  'onllm-response'?: ((e: LlmCompleteLlmResponseElementEvent) => void) | undefined;
  /** When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here. */
  'onllm-error'?: ((e: LlmCompleteLlmErrorElementEvent) => void) | undefined;
};

export type LlmCompleteSolidJsProps = {
  /** Where a suggestion ends: `sentence`, `line`, or a literal string (`\n` for a newline). */
  'attr:stop-at'?: LlmComplete['stopAt'] | undefined;
  /** Where a suggestion ends: `sentence`, `line`, or a literal string (`\n` for a newline). */
  'prop:stopAt'?: LlmComplete['stopAt'] | undefined;
  /** Milliseconds of pause before asking for a suggestion. */
  'prop:delay'?: LlmComplete['delay'] | undefined;
  /** The text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`. */
  'prop:prompt'?: LlmComplete['prompt'] | undefined;
  /** The id of an element whose text feeds the prompt (e.g. an article to summarize). */
  'attr:for'?: LlmComplete['htmlFor'] | undefined;
  /** The id of an element whose text feeds the prompt (e.g. an article to summarize). */
  'prop:htmlFor'?: LlmComplete['htmlFor'] | undefined;
  /** Wait for `run()` instead of generating on connect. */
  'prop:manual'?: LlmComplete['manual'] | undefined;
  /** Send the prompt as a user message through the model's chat template (for instruction-tuned models). */
  'prop:instruct'?: LlmComplete['instruct'] | undefined;
  /** Keeps the element from generating (and, where it has controls, disables them). */
  'prop:disabled'?: LlmComplete['disabled'] | undefined;
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  'prop:temperature'?: LlmComplete['temperature'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'attr:max-tokens'?: LlmComplete['maxTokens'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'prop:maxTokens'?: LlmComplete['maxTokens'] | undefined;
  /** Sample only from the k most likely tokens. */
  'attr:top-k'?: LlmComplete['topK'] | undefined;
  /** Sample only from the k most likely tokens. */
  'prop:topK'?: LlmComplete['topK'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'attr:top-p'?: LlmComplete['topP'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'prop:topP'?: LlmComplete['topP'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  'prop:theme'?: LlmComplete['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  'prop:contrast'?: LlmComplete['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  'prop:density'?: LlmComplete['density'] | undefined;
  /** Replaces any of the texts the element shows or announces, for other languages. */
  'prop:strings'?: LlmComplete['strings'] | undefined;
  /** When Tab accepts a suggestion; `detail` is `{suggestion, value}`. */
  'on:llm-accept'?: ((e: LlmCompleteLlmAcceptElementEvent) => void) | undefined;
  /** When Escape dismisses a suggestion; `detail` is `{suggestion}`. */
  'on:llm-dismiss'?: ((e: LlmCompleteLlmDismissElementEvent) => void) | undefined;
  /** For each streamed piece of text; `detail` is `{delta, text}`. */
  'on:llm-token'?: ((e: LlmCompleteLlmTokenElementEvent) => void) | undefined;
  /** When a text or suggestion is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`. */
  'on:llm-response'?: ((e: LlmCompleteLlmResponseElementEvent) => void) | undefined;
  /** When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here. */
  'on:llm-error'?: ((e: LlmCompleteLlmErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `LlmForm` component event */
export type LlmFormElementEvent<E = Event> = TypedEvent<LlmForm, E>;
/** `llm-fill` event type */
export type LlmFormLlmFillElementEvent = LlmFormElementEvent<CustomEvent<LlmFillDetail>>;
/** `llm-token` event type */
export type LlmFormLlmTokenElementEvent = LlmFormElementEvent<CustomEvent<LlmTokenDetail>>;
/** `llm-response` event type */
export type LlmFormLlmResponseElementEvent = LlmFormElementEvent<CustomEvent<LlmResponseDetail>>;
/** `llm-error` event type */
export type LlmFormLlmErrorElementEvent = LlmFormElementEvent<CustomEvent<LlmErrorDetail>>;

export type LlmFormProps = {
  /** Fill as soon as a text is pasted into the source. */
  auto?: LlmForm['auto'] | undefined;
  /** More instructions for the model (what the text is, how to read it). */
  instructions?: LlmForm['instructions'] | undefined;
  /** Keeps the element from generating (and, where it has controls, disables them). */
  disabled?: LlmForm['disabled'] | undefined;
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  temperature?: LlmForm['temperature'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'max-tokens'?: LlmForm['maxTokens'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  maxTokens?: LlmForm['maxTokens'] | undefined;
  /** Sample only from the k most likely tokens. */
  'top-k'?: LlmForm['topK'] | undefined;
  /** Sample only from the k most likely tokens. */
  topK?: LlmForm['topK'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'top-p'?: LlmForm['topP'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  topP?: LlmForm['topP'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmForm['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmForm['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmForm['density'] | undefined;
  /** A JSON Schema of the values (keys are field names), instead of the one read from the form. */
  schema?: LlmForm['schema'] | undefined;
  /** Replaces any of the texts the element shows or announces, for other languages. */
  strings?: LlmForm['strings'] | undefined;

  /** When the form has been filled; `detail` is `{values, changed, skipped}`: what the model read, which fields changed, and which were left as they were because the value did not fit. */
  'onllm-fill'?: ((e: LlmFormLlmFillElementEvent) => void) | undefined;
  /** For each streamed piece of the model's answer (JSON); `detail` is `{delta, text}`. */
  'onllm-token'?: ((e: LlmFormLlmTokenElementEvent) => void) | undefined;
  /** When the answer is complete, or stopped (`finishReason: 'abort'`); `detail.value` holds the values. */
  'onllm-response'?: ((e: LlmFormLlmResponseElementEvent) => void) | undefined;
  /** When reading the text fails; `detail` is `{code, message, error}`. The form stays as it was. */
  'onllm-error'?: ((e: LlmFormLlmErrorElementEvent) => void) | undefined;
};

export type LlmFormSolidJsProps = {
  /** Fill as soon as a text is pasted into the source. */
  'prop:auto'?: LlmForm['auto'] | undefined;
  /** More instructions for the model (what the text is, how to read it). */
  'prop:instructions'?: LlmForm['instructions'] | undefined;
  /** Keeps the element from generating (and, where it has controls, disables them). */
  'prop:disabled'?: LlmForm['disabled'] | undefined;
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  'prop:temperature'?: LlmForm['temperature'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'attr:max-tokens'?: LlmForm['maxTokens'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'prop:maxTokens'?: LlmForm['maxTokens'] | undefined;
  /** Sample only from the k most likely tokens. */
  'attr:top-k'?: LlmForm['topK'] | undefined;
  /** Sample only from the k most likely tokens. */
  'prop:topK'?: LlmForm['topK'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'attr:top-p'?: LlmForm['topP'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'prop:topP'?: LlmForm['topP'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  'prop:theme'?: LlmForm['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  'prop:contrast'?: LlmForm['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  'prop:density'?: LlmForm['density'] | undefined;
  /** A JSON Schema of the values (keys are field names), instead of the one read from the form. */
  'prop:schema'?: LlmForm['schema'] | undefined;
  /** Replaces any of the texts the element shows or announces, for other languages. */
  'prop:strings'?: LlmForm['strings'] | undefined;
  /** When the form has been filled; `detail` is `{values, changed, skipped}`: what the model read, which fields changed, and which were left as they were because the value did not fit. */
  'on:llm-fill'?: ((e: LlmFormLlmFillElementEvent) => void) | undefined;
  /** For each streamed piece of the model's answer (JSON); `detail` is `{delta, text}`. */
  'on:llm-token'?: ((e: LlmFormLlmTokenElementEvent) => void) | undefined;
  /** When the answer is complete, or stopped (`finishReason: 'abort'`); `detail.value` holds the values. */
  'on:llm-response'?: ((e: LlmFormLlmResponseElementEvent) => void) | undefined;
  /** When reading the text fails; `detail` is `{code, message, error}`. The form stays as it was. */
  'on:llm-error'?: ((e: LlmFormLlmErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `LlmModel` component event */
export type LlmModelElementEvent<E = Event> = TypedEvent<LlmModel, E>;
/** `llm-progress` event type */
export type LlmModelLlmProgressElementEvent = LlmModelElementEvent<CustomEvent<LoadProgress>>;
/** `llm-ready` event type */
export type LlmModelLlmReadyElementEvent = LlmModelElementEvent<CustomEvent<LlmReadyDetail>>;
/** `llm-error` event type */
export type LlmModelLlmErrorElementEvent = LlmModelElementEvent<CustomEvent<LlmErrorDetail>>;
/** `llm-fallback` event type */
export type LlmModelLlmFallbackElementEvent = LlmModelElementEvent<CustomEvent<LlmFallbackDetail>>;
/** `llm-index-progress` event type */
export type LlmModelLlmIndexProgressElementEvent = LlmModelElementEvent<CustomEvent<LlmIndexProgressDetail>>;
/** `llm-removed` event type */
export type LlmModelLlmRemovedElementEvent = LlmModelElementEvent<CustomEvent<LlmRemovedDetail>>;

export type LlmModelProps = {
  /** URL of the GGUF model. A model split with llama-gguf-split: the URL of its first part
(`…-00001-of-00003.gguf`; the others are found by name), or every part, separated by spaces. */
  src?: LlmModel['src'] | undefined;
  /** A model of the built-in catalog by name (e.g. `qwen2.5-0.5b`), with both its GGUF and MLC
builds; `src` and `webgpu-model` override either. See `CATALOG` for the names. */
  catalog?: LlmModel['catalog'] | undefined;
  /** Use the browser's built-in model when it has one (Chrome's Gemini Nano; `backendKind` is then
`browser-model`), and `src` (or the catalog's builds) when it has none. It is readied for the page's
language (the nearest `lang`, else English); a browser that cannot serve that language counts as
having none. `backend` applies to `src` only. */
  'browser-model'?: LlmModel['browserModel'] | undefined;
  /** Use the browser's built-in model when it has one (Chrome's Gemini Nano; `backendKind` is then
`browser-model`), and `src` (or the catalog's builds) when it has none. It is readied for the page's
language (the nearest `lang`, else English); a browser that cannot serve that language counts as
having none. `backend` applies to `src` only. */
  browserModel?: LlmModel['browserModel'] | undefined;
  /** An MLC build for WebGPU (web-llm): a prebuilt web-llm model id, or the id of a custom build. */
  'webgpu-model'?: LlmModel['webgpuModel'] | undefined;
  /** An MLC build for WebGPU (web-llm): a prebuilt web-llm model id, or the id of a custom build. */
  webgpuModel?: LlmModel['webgpuModel'] | undefined;
  /** The base URL of a server that runs the model (OpenAI's Chat Completions API, e.g.
`https://llm.example.com/v1`: vLLM, llama.cpp's server, Ollama, LM Studio). Beside `src`, it is
used only when this device cannot run the model, and the page is told (`llm-fallback`,
`backendReason`, `<llm-status>`); alone, every message goes to it. Messages sent to it leave the device. */
  endpoint?: LlmModel['endpoint'] | undefined;
  /** The model's name on `endpoint`'s server. */
  'endpoint-model'?: LlmModel['endpointModel'] | undefined;
  /** The model's name on `endpoint`'s server. */
  endpointModel?: LlmModel['endpointModel'] | undefined;
  /** A custom MLC build: URL of its weights (with `webgpu-model` and `webgpu-model-lib`). */
  'webgpu-model-url'?: LlmModel['webgpuModelUrl'] | undefined;
  /** A custom MLC build: URL of its weights (with `webgpu-model` and `webgpu-model-lib`). */
  webgpuModelUrl?: LlmModel['webgpuModelUrl'] | undefined;
  /** A custom MLC build: URL of its compiled model library (`*.wasm`). */
  'webgpu-model-lib'?: LlmModel['webgpuModelLib'] | undefined;
  /** A custom MLC build: URL of its compiled model library (`*.wasm`). */
  webgpuModelLib?: LlmModel['webgpuModelLib'] | undefined;
  /** Which backend to use: `auto` chooses from the device. */
  backend?: LlmModel['backend'] | undefined;
  /** The model that embeds the passages of the sources (`<llm-source>`) for search: a GGUF URL, or a
name of the embedding catalog (`minilm`, `bge-small-en`, `nomic-embed`). Without it the chat
model embeds them (pooled), which is no download more but finds less well. */
  'embed-src'?: LlmModel['embedSrc'] | undefined;
  /** The model that embeds the passages of the sources (`<llm-source>`) for search: a GGUF URL, or a
name of the embedding catalog (`minilm`, `bge-small-en`, `nomic-embed`). Without it the chat
model embeds them (pooled), which is no download more but finds less well. */
  embedSrc?: LlmModel['embedSrc'] | undefined;
  /** Context window in tokens (default 2048). */
  'context-size'?: LlmModel['contextSize'] | undefined;
  /** Context window in tokens (default 2048). */
  contextSize?: LlmModel['contextSize'] | undefined;
  /** CPU threads for the WebAssembly backend (default: chosen from the device). */
  threads?: LlmModel['threads'] | undefined;
  /** When to download the model: `lazy` (on first need), `eager` (at once) or `manual` (on `load()`). */
  loading?: LlmModel['loading'] | undefined;
  /** `tabs` (default): the `<llm-model>`s of this site, in all of the visitor's tabs (and in this page),
that load the same model with the same settings share one engine: one tab holds the model, the
others send it their requests, and their `backendReason` says the model runs in another tab. When
that tab closes, another takes over (requests in flight end with a retryable error). Browsers
without Web Locks load their own (the reason says so). `none`: this element loads its own engine. */
  share?: LlmModel['share'] | undefined;
  /** Read-only. The engine's status: `idle | loading | ready | generating | error` (never `waiting`:
that is an element's own request), reflected as an attribute for styling (`llm-model[status='loading']`). */
  status?: LlmModel['status'] | undefined;
  /** Read-only. Whether the model is stored complete in this browser (one of its builds), so a load
fetches nothing; reflected as an attribute (`llm-model[cached]`). Read when the element connects
(from the browser's storage: nothing of the model is downloaded), and after a load or `removeFromCache()`. */
  cached?: LlmModel['cached'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmModel['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmModel['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmModel['density'] | undefined;
  /** Headers for each request to `endpoint` (credentials), from JavaScript only: a key written in a
page is public, so a site puts its key in a proxy of its own and gives visitors a session instead. */
  endpointHeaders?: LlmModel['endpointHeaders'] | undefined;

  /** While the model loads; `detail` is a `LoadProgress` over every byte the load fetches: `{loaded, total, fraction, phase, bytesPerSecond, secondsLeft, model, fromCache}`. */
  'onllm-progress'?: ((e: LlmModelLlmProgressElementEvent) => void) | undefined;
  /** When the model is loaded; `detail` is `{modelInfo, backend, reason}`. */
  'onllm-ready'?: ((e: LlmModelLlmReadyElementEvent) => void) | undefined;
  /** When loading fails; `detail` is `{code, message, error}`. A new `src` or `load()` tries again. */
  'onllm-error'?: ((e: LlmModelLlmErrorElementEvent) => void) | undefined;
  /** When a backend failed to start and another took over (WebGPU to WebAssembly; the browser's model to `src`); `detail` is `{from, to, message}`. */
  'onllm-fallback'?: ((e: LlmModelLlmFallbackElementEvent) => void) | undefined;
  /** While its sources' passages are embedded into the search index; `detail` is `{done, total}` (equal when done). */
  'onllm-index-progress'?: ((e: LlmModelLlmIndexProgressElementEvent) => void) | undefined;
  /** When `removeFromCache()` (or `<llm-status removable>`'s Remove button) has removed the model from this browser; `detail` is `{files, sizeBytes}`. */
  'onllm-removed'?: ((e: LlmModelLlmRemovedElementEvent) => void) | undefined;
};

export type LlmModelSolidJsProps = {
  /** URL of the GGUF model. A model split with llama-gguf-split: the URL of its first part
(`…-00001-of-00003.gguf`; the others are found by name), or every part, separated by spaces. */
  'prop:src'?: LlmModel['src'] | undefined;
  /** A model of the built-in catalog by name (e.g. `qwen2.5-0.5b`), with both its GGUF and MLC
builds; `src` and `webgpu-model` override either. See `CATALOG` for the names. */
  'prop:catalog'?: LlmModel['catalog'] | undefined;
  /** Use the browser's built-in model when it has one (Chrome's Gemini Nano; `backendKind` is then
`browser-model`), and `src` (or the catalog's builds) when it has none. It is readied for the page's
language (the nearest `lang`, else English); a browser that cannot serve that language counts as
having none. `backend` applies to `src` only. */
  'bool:browser-model'?: LlmModel['browserModel'] | undefined;
  /** Use the browser's built-in model when it has one (Chrome's Gemini Nano; `backendKind` is then
`browser-model`), and `src` (or the catalog's builds) when it has none. It is readied for the page's
language (the nearest `lang`, else English); a browser that cannot serve that language counts as
having none. `backend` applies to `src` only. */
  'prop:browserModel'?: LlmModel['browserModel'] | undefined;
  /** An MLC build for WebGPU (web-llm): a prebuilt web-llm model id, or the id of a custom build. */
  'attr:webgpu-model'?: LlmModel['webgpuModel'] | undefined;
  /** An MLC build for WebGPU (web-llm): a prebuilt web-llm model id, or the id of a custom build. */
  'prop:webgpuModel'?: LlmModel['webgpuModel'] | undefined;
  /** The base URL of a server that runs the model (OpenAI's Chat Completions API, e.g.
`https://llm.example.com/v1`: vLLM, llama.cpp's server, Ollama, LM Studio). Beside `src`, it is
used only when this device cannot run the model, and the page is told (`llm-fallback`,
`backendReason`, `<llm-status>`); alone, every message goes to it. Messages sent to it leave the device. */
  'prop:endpoint'?: LlmModel['endpoint'] | undefined;
  /** The model's name on `endpoint`'s server. */
  'attr:endpoint-model'?: LlmModel['endpointModel'] | undefined;
  /** The model's name on `endpoint`'s server. */
  'prop:endpointModel'?: LlmModel['endpointModel'] | undefined;
  /** A custom MLC build: URL of its weights (with `webgpu-model` and `webgpu-model-lib`). */
  'attr:webgpu-model-url'?: LlmModel['webgpuModelUrl'] | undefined;
  /** A custom MLC build: URL of its weights (with `webgpu-model` and `webgpu-model-lib`). */
  'prop:webgpuModelUrl'?: LlmModel['webgpuModelUrl'] | undefined;
  /** A custom MLC build: URL of its compiled model library (`*.wasm`). */
  'attr:webgpu-model-lib'?: LlmModel['webgpuModelLib'] | undefined;
  /** A custom MLC build: URL of its compiled model library (`*.wasm`). */
  'prop:webgpuModelLib'?: LlmModel['webgpuModelLib'] | undefined;
  /** Which backend to use: `auto` chooses from the device. */
  'prop:backend'?: LlmModel['backend'] | undefined;
  /** The model that embeds the passages of the sources (`<llm-source>`) for search: a GGUF URL, or a
name of the embedding catalog (`minilm`, `bge-small-en`, `nomic-embed`). Without it the chat
model embeds them (pooled), which is no download more but finds less well. */
  'attr:embed-src'?: LlmModel['embedSrc'] | undefined;
  /** The model that embeds the passages of the sources (`<llm-source>`) for search: a GGUF URL, or a
name of the embedding catalog (`minilm`, `bge-small-en`, `nomic-embed`). Without it the chat
model embeds them (pooled), which is no download more but finds less well. */
  'prop:embedSrc'?: LlmModel['embedSrc'] | undefined;
  /** Context window in tokens (default 2048). */
  'attr:context-size'?: LlmModel['contextSize'] | undefined;
  /** Context window in tokens (default 2048). */
  'prop:contextSize'?: LlmModel['contextSize'] | undefined;
  /** CPU threads for the WebAssembly backend (default: chosen from the device). */
  'prop:threads'?: LlmModel['threads'] | undefined;
  /** When to download the model: `lazy` (on first need), `eager` (at once) or `manual` (on `load()`). */
  'prop:loading'?: LlmModel['loading'] | undefined;
  /** `tabs` (default): the `<llm-model>`s of this site, in all of the visitor's tabs (and in this page),
that load the same model with the same settings share one engine: one tab holds the model, the
others send it their requests, and their `backendReason` says the model runs in another tab. When
that tab closes, another takes over (requests in flight end with a retryable error). Browsers
without Web Locks load their own (the reason says so). `none`: this element loads its own engine. */
  'prop:share'?: LlmModel['share'] | undefined;
  /** Read-only. The engine's status: `idle | loading | ready | generating | error` (never `waiting`:
that is an element's own request), reflected as an attribute for styling (`llm-model[status='loading']`). */
  'prop:status'?: LlmModel['status'] | undefined;
  /** Read-only. Whether the model is stored complete in this browser (one of its builds), so a load
fetches nothing; reflected as an attribute (`llm-model[cached]`). Read when the element connects
(from the browser's storage: nothing of the model is downloaded), and after a load or `removeFromCache()`. */
  'prop:cached'?: LlmModel['cached'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  'prop:theme'?: LlmModel['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  'prop:contrast'?: LlmModel['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  'prop:density'?: LlmModel['density'] | undefined;
  /** Headers for each request to `endpoint` (credentials), from JavaScript only: a key written in a
page is public, so a site puts its key in a proxy of its own and gives visitors a session instead. */
  'prop:endpointHeaders'?: LlmModel['endpointHeaders'] | undefined;
  /** While the model loads; `detail` is a `LoadProgress` over every byte the load fetches: `{loaded, total, fraction, phase, bytesPerSecond, secondsLeft, model, fromCache}`. */
  'on:llm-progress'?: ((e: LlmModelLlmProgressElementEvent) => void) | undefined;
  /** When the model is loaded; `detail` is `{modelInfo, backend, reason}`. */
  'on:llm-ready'?: ((e: LlmModelLlmReadyElementEvent) => void) | undefined;
  /** When loading fails; `detail` is `{code, message, error}`. A new `src` or `load()` tries again. */
  'on:llm-error'?: ((e: LlmModelLlmErrorElementEvent) => void) | undefined;
  /** When a backend failed to start and another took over (WebGPU to WebAssembly; the browser's model to `src`); `detail` is `{from, to, message}`. */
  'on:llm-fallback'?: ((e: LlmModelLlmFallbackElementEvent) => void) | undefined;
  /** While its sources' passages are embedded into the search index; `detail` is `{done, total}` (equal when done). */
  'on:llm-index-progress'?: ((e: LlmModelLlmIndexProgressElementEvent) => void) | undefined;
  /** When `removeFromCache()` (or `<llm-status removable>`'s Remove button) has removed the model from this browser; `detail` is `{files, sizeBytes}`. */
  'on:llm-removed'?: ((e: LlmModelLlmRemovedElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `LlmSource` component event */
export type LlmSourceElementEvent<E = Event> = TypedEvent<LlmSource, E>;
/** `llm-error` event type */
export type LlmSourceLlmErrorElementEvent = LlmSourceElementEvent<CustomEvent<LlmErrorDetail>>;

export type LlmSourceProps = {
  /** CSS selector of the parts of this page that are the source (e.g. `main`, `#faq, #shipping`). */
  selector?: LlmSource['selector'] | undefined;
  /** URL of another page of the site whose content is the source (with `selector`: those parts of it; else its `main`, or its body). */
  href?: LlmSource['href'] | undefined;
  /** A name for the source, shown with its passages under an answer (default: the page's title). */
  label?: LlmSource['label'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmSource['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmSource['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmSource['density'] | undefined;

  /** When its page cannot be read (`network`: fetch failed or took over 15 s; `model-not-found`: HTTP 404) or its selector matches nothing (`invalid-request`). The chat answers from its other sources. */
  'onllm-error'?: ((e: LlmSourceLlmErrorElementEvent) => void) | undefined;
};

export type LlmSourceSolidJsProps = {
  /** CSS selector of the parts of this page that are the source (e.g. `main`, `#faq, #shipping`). */
  'prop:selector'?: LlmSource['selector'] | undefined;
  /** URL of another page of the site whose content is the source (with `selector`: those parts of it; else its `main`, or its body). */
  'prop:href'?: LlmSource['href'] | undefined;
  /** A name for the source, shown with its passages under an answer (default: the page's title). */
  'prop:label'?: LlmSource['label'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  'prop:theme'?: LlmSource['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  'prop:contrast'?: LlmSource['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  'prop:density'?: LlmSource['density'] | undefined;
  /** When its page cannot be read (`network`: fetch failed or took over 15 s; `model-not-found`: HTTP 404) or its selector matches nothing (`invalid-request`). The chat answers from its other sources. */
  'on:llm-error'?: ((e: LlmSourceLlmErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type LlmStatusProps = {
  /** Offers a Remove button (`part="remove"`, in the details) while the model is stored in this
browser: it unloads the model and removes it (`<llm-model>`'s `removeFromCache()`), and the next
use downloads it again. Off by default, so a page decides whether its visitors may. */
  removable?: LlmStatus['removable'] | undefined;
  /** Shows the details (for developers: the backend and why, bytes and speed, an error's developer
message, storage, answer speed). The Details button sets and clears it; set it in the markup to
show them open from the start, as while developing a page. */
  details?: LlmStatus['details'] | undefined;
  /** `compact`: one line (long texts end in an ellipsis), for a header or a toolbar; the details open
over the page below it instead of pushing it down. `default`: a box of two rows. */
  variant?: LlmStatus['variant'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmStatus['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmStatus['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmStatus['density'] | undefined;
  /** Replaces any of the texts shown, for other languages. */
  strings?: LlmStatus['strings'] | undefined;
};

export type LlmStatusSolidJsProps = {
  /** Offers a Remove button (`part="remove"`, in the details) while the model is stored in this
browser: it unloads the model and removes it (`<llm-model>`'s `removeFromCache()`), and the next
use downloads it again. Off by default, so a page decides whether its visitors may. */
  'prop:removable'?: LlmStatus['removable'] | undefined;
  /** Shows the details (for developers: the backend and why, bytes and speed, an error's developer
message, storage, answer speed). The Details button sets and clears it; set it in the markup to
show them open from the start, as while developing a page. */
  'prop:details'?: LlmStatus['details'] | undefined;
  /** `compact`: one line (long texts end in an ellipsis), for a header or a toolbar; the details open
over the page below it instead of pushing it down. `default`: a box of two rows. */
  'prop:variant'?: LlmStatus['variant'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  'prop:theme'?: LlmStatus['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  'prop:contrast'?: LlmStatus['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  'prop:density'?: LlmStatus['density'] | undefined;
  /** Replaces any of the texts shown, for other languages. */
  'prop:strings'?: LlmStatus['strings'] | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `LlmText` component event */
export type LlmTextElementEvent<E = Event> = TypedEvent<LlmText, E>;
/** `llm-token` event type */
export type LlmTextLlmTokenElementEvent = LlmTextElementEvent<CustomEvent<LlmTokenDetail>>;
/** `llm-response` event type */
export type LlmTextLlmResponseElementEvent = LlmTextElementEvent<CustomEvent<LlmResponseDetail>>;
/** `llm-error` event type */
export type LlmTextLlmErrorElementEvent = LlmTextElementEvent<CustomEvent<LlmErrorDetail>>;

export type LlmTextProps = {
  /** The text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`. */
  prompt?: LlmText['prompt'] | undefined;
  /** The id of an element whose text feeds the prompt (e.g. an article to summarize). */
  for?: LlmText['htmlFor'] | undefined;
  /** The id of an element whose text feeds the prompt (e.g. an article to summarize). */
  htmlFor?: LlmText['htmlFor'] | undefined;
  /** Wait for `run()` instead of generating on connect. */
  manual?: LlmText['manual'] | undefined;
  /** Send the prompt as a user message through the model's chat template (for instruction-tuned models). */
  instruct?: LlmText['instruct'] | undefined;
  /** Keeps the element from generating (and, where it has controls, disables them). */
  disabled?: LlmText['disabled'] | undefined;
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  temperature?: LlmText['temperature'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'max-tokens'?: LlmText['maxTokens'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  maxTokens?: LlmText['maxTokens'] | undefined;
  /** Sample only from the k most likely tokens. */
  'top-k'?: LlmText['topK'] | undefined;
  /** Sample only from the k most likely tokens. */
  topK?: LlmText['topK'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'top-p'?: LlmText['topP'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  topP?: LlmText['topP'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmText['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmText['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmText['density'] | undefined;
  /** Replaces any of the texts the element shows or announces, for other languages. */
  strings?: LlmText['strings'] | undefined;

  /** For each streamed piece of text; `detail` is `{delta, text}`. */
  'onllm-token'?: ((e: LlmTextLlmTokenElementEvent) => void) | undefined;
  /** When the text is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`. */
  'onllm-response'?: ((e: LlmTextLlmResponseElementEvent) => void) | undefined;
  /** When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here. */
  'onllm-error'?: ((e: LlmTextLlmErrorElementEvent) => void) | undefined;
};

export type LlmTextSolidJsProps = {
  /** The text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`. */
  'prop:prompt'?: LlmText['prompt'] | undefined;
  /** The id of an element whose text feeds the prompt (e.g. an article to summarize). */
  'attr:for'?: LlmText['htmlFor'] | undefined;
  /** The id of an element whose text feeds the prompt (e.g. an article to summarize). */
  'prop:htmlFor'?: LlmText['htmlFor'] | undefined;
  /** Wait for `run()` instead of generating on connect. */
  'prop:manual'?: LlmText['manual'] | undefined;
  /** Send the prompt as a user message through the model's chat template (for instruction-tuned models). */
  'prop:instruct'?: LlmText['instruct'] | undefined;
  /** Keeps the element from generating (and, where it has controls, disables them). */
  'prop:disabled'?: LlmText['disabled'] | undefined;
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  'prop:temperature'?: LlmText['temperature'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'attr:max-tokens'?: LlmText['maxTokens'] | undefined;
  /** Most tokens to generate. Each element has its own default. */
  'prop:maxTokens'?: LlmText['maxTokens'] | undefined;
  /** Sample only from the k most likely tokens. */
  'attr:top-k'?: LlmText['topK'] | undefined;
  /** Sample only from the k most likely tokens. */
  'prop:topK'?: LlmText['topK'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'attr:top-p'?: LlmText['topP'] | undefined;
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  'prop:topP'?: LlmText['topP'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  'prop:theme'?: LlmText['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  'prop:contrast'?: LlmText['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  'prop:density'?: LlmText['density'] | undefined;
  /** Replaces any of the texts the element shows or announces, for other languages. */
  'prop:strings'?: LlmText['strings'] | undefined;
  /** For each streamed piece of text; `detail` is `{delta, text}`. */
  'on:llm-token'?: ((e: LlmTextLlmTokenElementEvent) => void) | undefined;
  /** When the text is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`. */
  'on:llm-response'?: ((e: LlmTextLlmResponseElementEvent) => void) | undefined;
  /** When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here. */
  'on:llm-error'?: ((e: LlmTextLlmErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `LlmTool` component event */
export type LlmToolElementEvent<E = Event> = TypedEvent<LlmTool, E>;
/** `llm-tool-run` event type */
export type LlmToolLlmToolRunElementEvent = LlmToolElementEvent<CustomEvent<LlmToolRunDetail>>;
/** `llm-error` event type */
export type LlmToolLlmErrorElementEvent = LlmToolElementEvent<CustomEvent<LlmErrorDetail>>;

export type LlmToolProps = {
  /** The name the model calls it by: 1 to 64 letters, digits, `_` or `-`, unique among the chat's tools. */
  name?: LlmTool['name'] | undefined;
  /** What the tool does and when to use it, for the model. */
  description?: LlmTool['description'] | undefined;
  /** Ask the visitor before it runs (`<llm-chat>` shows Allow and Deny). */
  confirm?: LlmTool['confirm'] | undefined;
  /** How long, in seconds, the page has to answer a call (`respond()` or `fail()`); after it, the call
fails and the model is told so. Default 30; a value that is not a positive number means 30. */
  timeout?: LlmTool['timeout'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmTool['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmTool['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmTool['density'] | undefined;

  /** The model called the tool: `detail` is `{ call, signal, respond(result), fail(message) }`. Cancelable: `preventDefault()` to answer later. */
  'onllm-tool-run'?: ((e: LlmToolLlmToolRunElementEvent) => void) | undefined;
  /** The tool is broken (`code` is `invalid-request`): its JSON Schema is not valid JSON or not an object, or its name is not one a model accepts. */
  'onllm-error'?: ((e: LlmToolLlmErrorElementEvent) => void) | undefined;
};

export type LlmToolSolidJsProps = {
  /** The name the model calls it by: 1 to 64 letters, digits, `_` or `-`, unique among the chat's tools. */
  'prop:name'?: LlmTool['name'] | undefined;
  /** What the tool does and when to use it, for the model. */
  'prop:description'?: LlmTool['description'] | undefined;
  /** Ask the visitor before it runs (`<llm-chat>` shows Allow and Deny). */
  'prop:confirm'?: LlmTool['confirm'] | undefined;
  /** How long, in seconds, the page has to answer a call (`respond()` or `fail()`); after it, the call
fails and the model is told so. Default 30; a value that is not a positive number means 30. */
  'prop:timeout'?: LlmTool['timeout'] | undefined;
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  'prop:theme'?: LlmTool['theme'] | undefined;
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  'prop:contrast'?: LlmTool['contrast'] | undefined;
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  'prop:density'?: LlmTool['density'] | undefined;
  /** The model called the tool: `detail` is `{ call, signal, respond(result), fail(message) }`. Cancelable: `preventDefault()` to answer later. */
  'on:llm-tool-run'?: ((e: LlmToolLlmToolRunElementEvent) => void) | undefined;
  /** The tool is broken (`code` is `invalid-request`): its JSON Schema is not valid JSON or not an object, or its name is not one a model accepts. */
  'on:llm-error'?: ((e: LlmToolLlmErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type CustomElements = {
  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `placeholder`: Placeholder of the message field (overrides `strings.placeholder`).
   * - `system`: System prompt sent before the conversation.
   * - `persist`: A storage key: the conversation (every version) is saved in localStorage under it and restored on reload.
   * - `attach`: Lets the visitor attach text files (`.txt`, `.md`, `.csv`, `.json`, source code) to a message, by
   * the Attach button or by dropping them on the chat: each shows as a chip with its size in tokens,
   * and one that cannot fit the model's context is refused in plain words, never cut.
   * - `max-tool-rounds`/`maxToolRounds`: With `tools`: rounds of calls before the model must answer in words (the engine's default: 4).
   * - `min-score`/`minScore`: With sources (`<llm-source>`): the cosine similarity (-1 to 1) a passage needs to the question to
   * be given to the model; when none has it, the chat says it found nothing instead of answering.
   * Default 0.35, for sentence-embedding models (`embed-src`); a chat model that embeds scores
   * everything higher: raise it.
   * - `max-sources`/`maxSources`: With sources: the most passages given to the model for an answer (default 4), within 40% of its context.
   * - `reasoning`: How a reasoning model's thinking shows above its answer: `collapsed` (default: "Thinking…", then
   * "Thought for 4 s"), `expanded`, or `hidden`. Never in the answer's text nor `messages` (so never sent back).
   * - `disabled`: Keeps the element from generating (and, where it has controls, disables them).
   * - `temperature`: Sampling temperature; 0 always picks the most likely token. Each element has its own default.
   * - `max-tokens`/`maxTokens`: Most tokens to generate. Each element has its own default.
   * - `top-k`/`topK`: Sample only from the k most likely tokens.
   * - `top-p`/`topP`: Sample from the smallest set of tokens whose probability adds up to p.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `tools`: Functions of the page the model may call while it answers (JS only; see `Tool`). Each call shows
   * in its answer as a step (its arguments, then its result); a tool with `confirm` asks the visitor
   * first, with Allow and Deny. (property only)
   * - `toolChoice`: With `tools`: whether the model must call one (`ToolChoice`: `auto`, the default; `required`; `none`; `{name}`). (property only)
   * - `messages`: The conversation shown (`{role, content}[]`, the chosen version of each message, without the
   * system prompt): what the model is sent. Set it to restore one (without earlier versions). (property only)
   * - `streaming`: Whether an answer is streaming (or waiting for its turn). (property only) (readonly)
   * - `strings`: Replaces any of the texts the element shows or announces, for other languages. (property only)
   * - `status`: Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
   * (waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
   * it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
   * on itself (`llm-chat[status='generating']`, also in browsers without custom states). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-send`: Before a message is sent; cancelable. `detail` is `{content, attachments}` (the files sent with it, with `attach`).
   * - `llm-token`: For each streamed piece of the answer; `detail` is `{delta, text}`.
   * - `llm-response`: When an answer is complete, or stopped (`finishReason: 'abort'`, partial text kept); `detail` is `{message, text, stats, finishReason}`.
   * - `llm-continue`: Before the last answer is continued (Continue, `continue()`); cancelable. `detail` is `{index}`; the answer grows in place, and its `llm-response` has `text` (what was added) and `message` (the whole answer).
   * - `llm-edit`: Before an edited message is sent as a new version of it; cancelable. `detail` is `{index, content}`.
   * - `llm-regenerate`: Before an answer is asked for again (a new version of it); cancelable. `detail` is `{index}`.
   * - `llm-delete`: Before a turn is deleted; cancelable. `detail` is `{index, count}` (the turn's first message and how many it has).
   * - `llm-version-change`: When another version of a message shows. `detail` is `{index, version, count}` (`version` from 1).
   * - `llm-attach`: When files are attached (picked or dropped, with `attach`), before they show; cancelable. `detail` is `{files, attachments}`.
   * - `llm-tool-call`: When the model's call of a tool starts (`tools`), before it is confirmed or run. `detail` is the call `{id, name, arguments}`.
   * - `llm-tool-result`: When a call of a tool has ended. `detail` is its step `{call, status, result, error, ms}` (`done`, `error`, `invalid` or `denied`).
   * - `llm-retrieve`: Before an answer from sources (`<llm-source>`): `detail` is `{query, passages}`, the passages found for the question (best first, each with its `score`); none when nothing scored `min-score`.
   * - `llm-error`: When an answer fails or the conversation cannot be saved (`storage`); `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Above the conversation (a title, for example).
   * - `empty`: Shown before the first message, in place of the default hint.
   * - `footer`: Below the message field.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `send(text: string) => Promise<LlmResponseDetail | null>`: Sends `text` as the user and streams the answer. Resolves when the answer ends, however it ends
   * (`finishReason` says how; on failure it is `error` with `error` set). Resolves with null when
   * nothing was sent: empty text (and, with `attach`, no file attached: the files attached go with the
   * message), `disabled`, or an `llm-send` listener cancelled it. A send while an answer
   * streams stops that answer first (it ends with `llm-response`, `finishReason: 'abort'`).
   * - `edit(index: number, text: string) => Promise<LlmResponseDetail | null>`: Sends `text` in place of the user message at `index` (of `messages`), as a new version of it (the
   * old one and what followed it stay, as version 1), and streams the answer. Resolves with null when
   * nothing was sent (no user message there, empty text, `disabled`, an answer streaming, or an
   * `llm-edit` listener cancelled it).
   * - `regenerate(index = this.entries.length - 1) => Promise<LlmResponseDetail | null>`: Asks again for the answer at `index` (by default the last); the new answer is a new version beside
   * the old. After an unanswered message, answers it. Resolves with null when there is nothing to answer.
   * - `continue() => Promise<LlmResponseDetail | null>`: Continues the last answer where it ended (cut at the length limit, or stopped), in the same
   * message. Resolves with null when the last message is no answer, an answer streams, `disabled`, or
   * an `llm-continue` listener cancelled it.
   * - `deleteTurn(index: number) => Promise<boolean>`: Deletes the turn with the message at `index` (the user message and its answer); the turns after it
   * stay. When the message has other versions, only this one (and what followed it) goes. Resolves with false when
   * nothing was deleted (no message there, an answer streaming, an `llm-delete` listener cancelled it).
   * - `selectVersion(index: number, version: number) => Promise<boolean>`: Shows `version` (from 1) of the message at `index`, with what followed it. Resolves with false when there is none.
   * - `retry() => Promise<LlmResponseDetail | null>`: What the Retry button does: after a failed load, loads the model again and answers the last
   * message; after a failed answer, asks for it again. Resolves with null when there is nothing to answer.
   * - `clear() => void`: Empties the conversation (and its saved copy).
   * - `stop() => void`: Stops the request in progress; what was generated so far stays.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-chat-height`: Height of the conversation area (default `24rem`). (default: `undefined`)
   * - `--llm-accent`: Accent color: the send button, and links and the focus ring unless they have their own (default `light-dark(#1d4ed8, #93c5fd)`). (default: `undefined`)
   * - `--llm-on-accent`: Text on the accent color (default `light-dark(#ffffff, #0b1220)`). (default: `undefined`)
   * - `--llm-surface`: Background of the chat and of code blocks' copy buttons (default `light-dark(#ffffff, #111827)`). (default: `undefined`)
   * - `--llm-text`: Text color (default `light-dark(#111827, #f3f4f6)`). (default: `undefined`)
   * - `--llm-muted`: Secondary text color (notices, the empty hint, "stopped") (default `light-dark(#4b5563, #cbd5e1)`). (default: `undefined`)
   * - `--llm-border`: Border color of the chat, the message field and secondary buttons (default `light-dark(#d1d5db, #374151)`). (default: `undefined`)
   * - `--llm-danger`: Error color, and the stop button (default `light-dark(#b91c1c, #fca5a5)`). (default: `undefined`)
   * - `--llm-user-bubble`: Background of user messages (default `light-dark(#dbeafe, #1e3a8a)`). (default: `undefined`)
   * - `--llm-assistant-bubble`: Background of assistant messages (default `light-dark(#f3f4f6, #1f2937)`). (default: `undefined`)
   * - `--llm-focus-ring`: Color of the focus outline (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-radius`: Corner radius of the chat and of messages; fields, buttons and code blocks use 0.25rem less (default `0.75rem`). (default: `undefined`)
   * - `--llm-density`: Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). (default: `undefined`)
   * - `--llm-font`: Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). (default: `undefined`)
   * - `--llm-font-mono`: Font family of code (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`). (default: `undefined`)
   * - `--llm-link-color`: Color of links in answers (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-code-background`: Background of code in answers (default `color-mix(in srgb, currentColor 10%, transparent)`). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The chat's outer box.
   * - `log`: The scrolling conversation (`role="log"`).
   * - `message`: Each message; also `user` or `assistant`.
   * - `user`: User messages.
   * - `assistant`: Assistant messages.
   * - `content`: The text of a message.
   * - `reasoning`: A reasoning model's thinking above its answer (Qwen3, DeepSeek-R1 distills, SmolLM3): a `<details>`, collapsed unless `reasoning="expanded"`, none with `reasoning="hidden"`.
   * - `reasoning-summary`: Its summary: "Thinking…" while it streams, then "Thought for 4 s" (announced once, politely).
   * - `reasoning-text`: The thinking, as plain text (never in the answer's text, `messages`, or what is sent back).
   * - `tool-step`: Each call of a tool in its answer (`tools`): a `<details>`, collapsed.
   * - `tool-summary`: Its summary: the tool's name, the call's status (waiting for you, running, done, failed, invalid call, denied) and, once it ran, its time (`done in 2.4 s`; none under a tenth of a second).
   * - `tool-arguments`: The call's arguments, as JSON text.
   * - `tool-result`: What the tool returned, as JSON text.
   * - `tool-error`: Why the call has no result (it failed, was invalid or denied).
   * - `tool-ask`: The question before a tool with `confirm` runs (announced politely), with Allow and Deny.
   * - `tool-ask-arguments`: What the tool would be given, as JSON text, above Allow and Deny.
   * - `tool-allow`: Lets the call run.
   * - `tool-deny`: Refuses it; the model is told.
   * - `sources`: Under an answer from sources: the passages it was given (an `<ol>`, labelled "Sources").
   * - `source-link`: Each of them: `[n] Heading › words…`, a link that scrolls to and highlights the passage in this page (or opens the other page at it, in a new tab).
   * - `citation`: A citation (`[1]`) in an answer's text, made a link to its source once the answer has ended.
   * - `copy-button`: The copy button of a code block.
   * - `actions`: The row of actions under each message (`role="group"`): shown on hover and focus, and always on the last message; reachable by Tab.
   * - `copy-message`: Copies a message (announces "Copied").
   * - `edit-button`: Edits a user message.
   * - `regenerate-answer`: Asks again for an answer, as a new version of it.
   * - `delete-turn`: Deletes a turn (the message and its answer).
   * - `versions`: The versions of a message (`◀ 2/3 ▶`), when it has more than one.
   * - `previous-version`: Shows the version before.
   * - `next-version`: Shows the version after.
   * - `editor`: The form that edits a user message, in its place.
   * - `edit-input`: The field of the editor (Enter or Save & send sends, Escape cancels).
   * - `save-button`: Sends the edited message.
   * - `cancel-button`: Stops editing.
   * - `attach`: The Attach button (with `attach`): a labelled file input, reached by Tab.
   * - `attachment`: A file's chip (its name and size in tokens), waiting to be sent (with Remove) or under the message it went with.
   * - `attach-notice`: Why files were refused (not text, too large, too long for the model), announced politely.
   * - `drop-hint`: "Drop text files to attach them", while files are dragged over the chat.
   * - `notice`: Notes about the conversation (left-out turns, loading, storage).
   * - `error`: The error message, when something failed (also when no `<llm-model>` is around).
   * - `retry`: The Retry button beside an error: loads the model again, or asks for the answer again (not shown for a message too long for the model).
   * - `form`: The message form.
   * - `input`: The message field (a `<textarea>`).
   * - `send`: The send button.
   * - `stop`: The stop button, shown while an answer streams.
   * - `toolbar`: The row with Regenerate and Clear.
   * - `regenerate`: The regenerate button.
   * - `clear`: The clear button.
   * - `typing`: The typing indicator (three dots, "Writing…" for screen readers) in an answer until its first token.
   * - `ending`: How an answer ended early: "Stopped." or "Stopped at the length limit.".
   * - `continue`: The Continue button beside the last answer's ending: extends the same answer.
   * - `jump`: "Jump to latest", over the log's bottom while the visitor reads further up.
   */
  'llm-chat': Partial<LlmChatProps & BaseProps<LlmChat> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `stop-at`/`stopAt`: Where a suggestion ends: `sentence`, `line`, or a literal string (`\n` for a newline).
   * - `delay`: Milliseconds of pause before asking for a suggestion.
   * - `prompt`: The text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`.
   * - `for`/`htmlFor`: The id of an element whose text feeds the prompt (e.g. an article to summarize).
   * - `manual`: Wait for `run()` instead of generating on connect.
   * - `instruct`: Send the prompt as a user message through the model's chat template (for instruction-tuned models).
   * - `disabled`: Keeps the element from generating (and, where it has controls, disables them).
   * - `temperature`: Sampling temperature; 0 always picks the most likely token. Each element has its own default.
   * - `max-tokens`/`maxTokens`: Most tokens to generate. Each element has its own default.
   * - `top-k`/`topK`: Sample only from the k most likely tokens.
   * - `top-p`/`topP`: Sample from the smallest set of tokens whose probability adds up to p.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `text`: The suggestion showing (or, in the deprecated prompt mode, the text generated so far). (property only) (readonly)
   * - `strings`: Replaces any of the texts the element shows or announces, for other languages. (property only)
   * - `status`: Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
   * (waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
   * it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
   * on itself (`llm-chat[status='generating']`, also in browsers without custom states). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-accept`: When Tab accepts a suggestion; `detail` is `{suggestion, value}`.
   * - `llm-dismiss`: When Escape dismisses a suggestion; `detail` is `{suggestion}`.
   * - `llm-token`: For each streamed piece of text; `detail` is `{delta, text}`.
   * - `llm-response`: When a text or suggestion is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`.
   * - `llm-error`: When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The `<textarea>` or text `<input>` to complete.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `run() => Promise<LlmResponseDetail | null>`: Deprecated prompt mode (use `<llm-text>`): generates now, as `<llm-text>`'s `run()`. Resolves
   * with null inline: suggestions come from pauses in typing.
   * - `stop() => void`: Stops the request in progress and hides any suggestion.
   * - `retry() => Promise<LlmResponseDetail | null>`: What the Retry button does: after a failed load, loads the model again; then asks again.
   * Resolves with null when nothing was asked.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-ghost-color`: Color of the suggestion (default `var(--llm-muted)`). (default: `undefined`)
   * - `--llm-ghost-opacity`: Opacity of the suggestion (default `0.9`). (default: `undefined`)
   * - `--llm-muted`: Muted text color: the suggestion unless `--llm-ghost-color` is set, and the caret while generating (prompt mode) (default `light-dark(#4b5563, #cbd5e1)`). (default: `undefined`)
   * - `--llm-danger`: Error color (default `light-dark(#b91c1c, #fca5a5)`). (default: `undefined`)
   * - `--llm-text`: Text color (prompt mode) (default `light-dark(#111827, #f3f4f6)`). (default: `undefined`)
   * - `--llm-accent`: Accent color: links and the focus ring unless they have their own (prompt mode) (default `light-dark(#1d4ed8, #93c5fd)`). (default: `undefined`)
   * - `--llm-surface`: Background of code blocks' copy buttons (prompt mode) (default `light-dark(#ffffff, #111827)`). (default: `undefined`)
   * - `--llm-focus-ring`: Color of the focus outline of copy buttons (prompt mode) (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-radius`: Code blocks use this radius less 0.25rem (prompt mode) (default `0.75rem`). (default: `undefined`)
   * - `--llm-density`: Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). (default: `undefined`)
   * - `--llm-font`: Font family (prompt mode; inline, the suggestion takes the field's font) (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). (default: `undefined`)
   * - `--llm-font-mono`: Font family of code (prompt mode) (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`). (default: `undefined`)
   * - `--llm-link-color`: Color of links (prompt mode) (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-code-background`: Background of code (prompt mode) (default `color-mix(in srgb, currentColor 10%, transparent)`). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `ghost`: The overlay that holds the suggestion (inline mode).
   * - `suggestion`: The suggested text (inline mode).
   * - `output`: The generated text (deprecated prompt mode, as `<llm-text>`).
   * - `error`: The error message (also when no `<llm-model>` is around).
   * - `retry`: The Retry button beside an error: loads the model again if its load failed (the next pause in typing asks again).
   */
  'llm-complete': Partial<LlmCompleteProps & BaseProps<LlmComplete> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `auto`: Fill as soon as a text is pasted into the source.
   * - `instructions`: More instructions for the model (what the text is, how to read it).
   * - `disabled`: Keeps the element from generating (and, where it has controls, disables them).
   * - `temperature`: Sampling temperature; 0 always picks the most likely token. Each element has its own default.
   * - `max-tokens`/`maxTokens`: Most tokens to generate. Each element has its own default.
   * - `top-k`/`topK`: Sample only from the k most likely tokens.
   * - `top-p`/`topP`: Sample from the smallest set of tokens whose probability adds up to p.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `schema`: A JSON Schema of the values (keys are field names), instead of the one read from the form. (property only)
   * - `form`: The form it fills: the first `<form>` inside (outside the source). (property only) (readonly)
   * - `sourceText`: The text it reads: the source's value (a field) or text. (property only) (readonly)
   * - `filled`: The names of the fields the last fill changed that the user has not edited since. (property only) (readonly)
   * - `strings`: Replaces any of the texts the element shows or announces, for other languages. (property only)
   * - `status`: Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
   * (waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
   * it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
   * on itself (`llm-chat[status='generating']`, also in browsers without custom states). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-fill`: When the form has been filled; `detail` is `{values, changed, skipped}`: what the model read, which fields changed, and which were left as they were because the value did not fit.
   * - `llm-token`: For each streamed piece of the model's answer (JSON); `detail` is `{delta, text}`.
   * - `llm-response`: When the answer is complete, or stopped (`finishReason: 'abort'`); `detail.value` holds the values.
   * - `llm-error`: When reading the text fails; `detail` is `{code, message, error}`. The form stays as it was.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `source`: The text to read: a `<textarea>` or `<input>` (its value) or any element (its text).
   * - `(default)`: The `<form>` to fill. It stays the page's own, in the light DOM.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `fill() => Promise<LlmResponseDetail | null>`: Reads the source text and fills the form. Resolves when it ends, however it ends, with the
   * `llm-response` detail (`value` holds the values; on failure `finishReason` is `error`, with
   * `error`, and the form is untouched). Resolves with null when nothing was asked: `disabled`, no
   * form, or no text.
   * - `undo() => string[]`: Puts every field back as it was before the last fill, the way the fill wrote it (clicks for boxes and radios, with events). Returns the names that changed.
   * - `retry() => Promise<LlmResponseDetail | null>`: What the Retry button does: after a failed load, loads the model again; then fills again.
   * - `stop() => void`: Stops the request in progress; what was generated so far stays.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-accent`: The Fill button's color and the focus ring (default `light-dark(#1d4ed8, #93c5fd)`). (default: `undefined`)
   * - `--llm-on-accent`: Text on the Fill button (default `light-dark(#ffffff, #0b1220)`). (default: `undefined`)
   * - `--llm-border`: Border of the buttons (default `light-dark(#d1d5db, #374151)`). (default: `undefined`)
   * - `--llm-muted`: The message's color (default `light-dark(#4b5563, #cbd5e1)`). (default: `undefined`)
   * - `--llm-danger`: Error color (default `light-dark(#b91c1c, #fca5a5)`). (default: `undefined`)
   * - `--llm-radius`: Buttons use this radius less 0.25rem (default `0.75rem`). (default: `undefined`)
   * - `--llm-density`: Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). (default: `undefined`)
   * - `--llm-focus-ring`: Color of the focus outline (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-font`: Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). (default: `undefined`)
   * - `--llm-text`: Text color of the buttons and the message row (default `light-dark(#111827, #f3f4f6)`); the page's labels and fields keep the page's. (default: `undefined`)
   * - `--llm-filled-outline`: The outline of the fields a fill changed, on the page's own fields; `none` turns it off (default `2px solid var(--llm-accent)`). (default: `undefined`)
   * - `--llm-filled-outline-offset`: Its offset (default `1px`). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `actions`: The row of buttons and the message between the source and the form.
   * - `fill`: The Fill button; while filling, it stops.
   * - `undo`: The Undo button, after a fill.
   * - `message`: What the last fill did (announced politely).
   * - `error`: The error message (also when no `<llm-model>` is around).
   * - `retry`: The Retry button beside an error: loads the model again if its load failed, then fills again.
   */
  'llm-form': Partial<LlmFormProps & BaseProps<LlmForm> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `src`: URL of the GGUF model. A model split with llama-gguf-split: the URL of its first part
   * (`…-00001-of-00003.gguf`; the others are found by name), or every part, separated by spaces.
   * - `catalog`: A model of the built-in catalog by name (e.g. `qwen2.5-0.5b`), with both its GGUF and MLC
   * builds; `src` and `webgpu-model` override either. See `CATALOG` for the names.
   * - `browser-model`/`browserModel`: Use the browser's built-in model when it has one (Chrome's Gemini Nano; `backendKind` is then
   * `browser-model`), and `src` (or the catalog's builds) when it has none. It is readied for the page's
   * language (the nearest `lang`, else English); a browser that cannot serve that language counts as
   * having none. `backend` applies to `src` only.
   * - `webgpu-model`/`webgpuModel`: An MLC build for WebGPU (web-llm): a prebuilt web-llm model id, or the id of a custom build.
   * - `endpoint`: The base URL of a server that runs the model (OpenAI's Chat Completions API, e.g.
   * `https://llm.example.com/v1`: vLLM, llama.cpp's server, Ollama, LM Studio). Beside `src`, it is
   * used only when this device cannot run the model, and the page is told (`llm-fallback`,
   * `backendReason`, `<llm-status>`); alone, every message goes to it. Messages sent to it leave the device.
   * - `endpoint-model`/`endpointModel`: The model's name on `endpoint`'s server.
   * - `webgpu-model-url`/`webgpuModelUrl`: A custom MLC build: URL of its weights (with `webgpu-model` and `webgpu-model-lib`).
   * - `webgpu-model-lib`/`webgpuModelLib`: A custom MLC build: URL of its compiled model library (`*.wasm`).
   * - `backend`: Which backend to use: `auto` chooses from the device.
   * - `embed-src`/`embedSrc`: The model that embeds the passages of the sources (`<llm-source>`) for search: a GGUF URL, or a
   * name of the embedding catalog (`minilm`, `bge-small-en`, `nomic-embed`). Without it the chat
   * model embeds them (pooled), which is no download more but finds less well.
   * - `context-size`/`contextSize`: Context window in tokens (default 2048).
   * - `threads`: CPU threads for the WebAssembly backend (default: chosen from the device).
   * - `loading`: When to download the model: `lazy` (on first need), `eager` (at once) or `manual` (on `load()`).
   * - `share`: `tabs` (default): the `<llm-model>`s of this site, in all of the visitor's tabs (and in this page),
   * that load the same model with the same settings share one engine: one tab holds the model, the
   * others send it their requests, and their `backendReason` says the model runs in another tab. When
   * that tab closes, another takes over (requests in flight end with a retryable error). Browsers
   * without Web Locks load their own (the reason says so). `none`: this element loads its own engine.
   * - `status`: Read-only. The engine's status: `idle | loading | ready | generating | error` (never `waiting`:
   * that is an element's own request), reflected as an attribute for styling (`llm-model[status='loading']`).
   * - `cached`: Read-only. Whether the model is stored complete in this browser (one of its builds), so a load
   * fetches nothing; reflected as an attribute (`llm-model[cached]`). Read when the element connects
   * (from the browser's storage: nothing of the model is downloaded), and after a load or `removeFromCache()`.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `endpointHeaders`: Headers for each request to `endpoint` (credentials), from JavaScript only: a key written in a
   * page is public, so a site puts its key in a proxy of its own and gives visitors a session instead. (property only)
   * - `engine`: The engine every element inside shares. Usable directly from JavaScript. (property only) (readonly)
   * - `progress`: Progress of the current or last load. (property only) (readonly)
   * - `backendKind`: The backend in use, once chosen. (property only) (readonly)
   * - `backendReason`: Why that backend was chosen (or why none could be). (property only) (readonly)
   * - `cachedBytes`: Bytes of the model stored in this browser (0 when it is not; see `cached`). (property only) (readonly)
   * - `error`: The last load error, while `status` is `error`. (property only) (readonly)
   * - `modelInfo`: What is known about the loaded model (name, architecture, context size, …), or null. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-progress`: While the model loads; `detail` is a `LoadProgress` over every byte the load fetches: `{loaded, total, fraction, phase, bytesPerSecond, secondsLeft, model, fromCache}`.
   * - `llm-ready`: When the model is loaded; `detail` is `{modelInfo, backend, reason}`.
   * - `llm-error`: When loading fails; `detail` is `{code, message, error}`. A new `src` or `load()` tries again.
   * - `llm-fallback`: When a backend failed to start and another took over (WebGPU to WebAssembly; the browser's model to `src`); `detail` is `{from, to, message}`.
   * - `llm-index-progress`: While its sources' passages are embedded into the search index; `detail` is `{done, total}` (equal when done).
   * - `llm-removed`: When `removeFromCache()` (or `<llm-status removable>`'s Remove button) has removed the model from this browser; `detail` is `{files, sizeBytes}`.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The elements that use the model: `<llm-chat>`, `<llm-status>`, `<llm-complete>`, and any markup.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `load() => Promise<void>`: Downloads (or reads from cache) and loads the model now. Rejects with an `LlmError`.
   * - `unload() => Promise<void>`: Frees the model, its memory and its worker. Elements inside stop their work.
   * - `removeFromCache() => Promise<CachedModel[]>`: Unloads the model and removes it from this browser's storage (a load under way stops), so the
   * next use downloads it again; then `cached` is false and `llm-removed` fires. Rejects with a
   * `storage` error, removing nothing, while another element or tab downloads or loads the same
   * model (a loaded model then stays loaded).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-*`: Theme tokens set here reach every element inside (e.g. `--llm-accent`). (default: `undefined`)
   */
  'llm-model': Partial<LlmModelProps & BaseProps<LlmModel> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `selector`: CSS selector of the parts of this page that are the source (e.g. `main`, `#faq, #shipping`).
   * - `href`: URL of another page of the site whose content is the source (with `selector`: those parts of it; else its `main`, or its body).
   * - `label`: A name for the source, shown with its passages under an answer (default: the page's title).
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `key`: The source's name in the search index: where its content comes from. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-error`: When its page cannot be read (`network`: fetch failed or took over 15 s; `model-not-found`: HTTP 404) or its selector matches nothing (`invalid-request`). The chat answers from its other sources.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: Content that is itself the source (when neither `selector` nor `href` is set). Shown as it is.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `passages(signal?: AbortSignal) => Promise<SourcePassage[]>`: The passages of its content now (fetched for `href`). An unreadable source reports `llm-error` and has none.
   */
  'llm-source': Partial<LlmSourceProps & BaseProps<LlmSource> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `removable`: Offers a Remove button (`part="remove"`, in the details) while the model is stored in this
   * browser: it unloads the model and removes it (`<llm-model>`'s `removeFromCache()`), and the next
   * use downloads it again. Off by default, so a page decides whether its visitors may.
   * - `details`: Shows the details (for developers: the backend and why, bytes and speed, an error's developer
   * message, storage, answer speed). The Details button sets and clears it; set it in the markup to
   * show them open from the start, as while developing a page.
   * - `variant`: `compact`: one line (long texts end in an ellipsis), for a header or a toolbar; the details open
   * over the page below it instead of pushing it down. `default`: a box of two rows.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `strings`: Replaces any of the texts shown, for other languages. (property only)
   * - `status`: Read-only. The model's status: `idle | loading | ready | generating | error` (never `waiting`), or
   * `error` when there is no `<llm-model>` around it. CSS reads it as a custom state
   * (`llm-status:state(loading)`), or as the `status` attribute the element sets on itself
   * (`llm-status[status='loading']`, also in browsers without custom states). (property only) (readonly)
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-accent`: Color of the progress bar (default `light-dark(#1d4ed8, #93c5fd)`). (default: `undefined`)
   * - `--llm-text`: Text color (default `light-dark(#111827, #f3f4f6)`). (default: `undefined`)
   * - `--llm-muted`: Color of secondary text (the figures, the details) (default `light-dark(#4b5563, #cbd5e1)`). (default: `undefined`)
   * - `--llm-danger`: Color of errors (default `light-dark(#b91c1c, #fca5a5)`). (default: `undefined`)
   * - `--llm-border`: Border color of the box and the buttons (default `light-dark(#d1d5db, #374151)`). (default: `undefined`)
   * - `--llm-surface`: Background of the compact variant's details (default `light-dark(#ffffff, #111827)`). (default: `undefined`)
   * - `--llm-focus-ring`: Color of the buttons' focus outline (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-radius`: Corner radius; the buttons use 0.25rem less (default `0.75rem`). (default: `undefined`)
   * - `--llm-density`: Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). (default: `undefined`)
   * - `--llm-font`: Font family (default: the page's). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The outer box.
   * - `label`: The status in words (announced politely when it changes).
   * - `progress`: The `<progress>` bar, while loading.
   * - `figures`: Beside it: bytes so far of all, and the time left ("120 MiB of 270 MiB · 2 min left").
   * - `error`: The error in a visitor's words (also when no `<llm-model>` is around, or a removal failed).
   * - `retry`: The Retry button beside an error: loads the model again.
   * - `details-button`: The Details button: shows and hides the details.
   * - `details`: The details (for developers): the parts below.
   * - `backend`: The backend in use and why.
   * - `transfer`: While loading: the bytes of all and the download's speed.
   * - `error-detail`: The developer's message of a failed load (the address, the setting to change).
   * - `cache`: The size of the model stored in this browser ("Cached in this browser, 812 MiB"), while it is stored.
   * - `remove`: The Remove button beside it, with `removable`: unloads the model and removes it from this browser.
   * - `storage`: Says the model will not be kept for the next visit (when this browser does not let the page store it), or may be evicted (when the browser did not agree to `navigator.storage.persist()`).
   * - `stats`: The last answer's speed.
   */
  'llm-status': Partial<LlmStatusProps & BaseProps<LlmStatus> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `prompt`: The text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`.
   * - `for`/`htmlFor`: The id of an element whose text feeds the prompt (e.g. an article to summarize).
   * - `manual`: Wait for `run()` instead of generating on connect.
   * - `instruct`: Send the prompt as a user message through the model's chat template (for instruction-tuned models).
   * - `disabled`: Keeps the element from generating (and, where it has controls, disables them).
   * - `temperature`: Sampling temperature; 0 always picks the most likely token. Each element has its own default.
   * - `max-tokens`/`maxTokens`: Most tokens to generate. Each element has its own default.
   * - `top-k`/`topK`: Sample only from the k most likely tokens.
   * - `top-p`/`topP`: Sample from the smallest set of tokens whose probability adds up to p.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `text`: The text generated so far. (property only) (readonly)
   * - `strings`: Replaces any of the texts the element shows or announces, for other languages. (property only)
   * - `status`: Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
   * (waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
   * it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
   * on itself (`llm-chat[status='generating']`, also in browsers without custom states). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-token`: For each streamed piece of text; `detail` is `{delta, text}`.
   * - `llm-response`: When the text is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`.
   * - `llm-error`: When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `run() => Promise<LlmResponseDetail | null>`: Generates now (again), replacing any text so far. Resolves when it ends, however it ends (on
   * failure `finishReason` is `error`, with `error`). Resolves with null when nothing was asked:
   * `disabled`, or no prompt.
   * - `retry() => Promise<LlmResponseDetail | null>`: What the Retry button does: after a failed load, loads the model again; then asks again.
   * Resolves with null when nothing was asked.
   * - `stop() => void`: Stops the request in progress; what was generated so far stays.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-muted`: The caret while generating (default `light-dark(#4b5563, #cbd5e1)`). (default: `undefined`)
   * - `--llm-danger`: Error color (default `light-dark(#b91c1c, #fca5a5)`). (default: `undefined`)
   * - `--llm-text`: Text color (default `light-dark(#111827, #f3f4f6)`). (default: `undefined`)
   * - `--llm-accent`: Accent color: links and the focus ring unless they have their own (default `light-dark(#1d4ed8, #93c5fd)`). (default: `undefined`)
   * - `--llm-surface`: Background of code blocks' copy buttons (default `light-dark(#ffffff, #111827)`). (default: `undefined`)
   * - `--llm-focus-ring`: Color of the focus outline of copy buttons (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-radius`: Code blocks use this radius less 0.25rem (default `0.75rem`). (default: `undefined`)
   * - `--llm-density`: Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). (default: `undefined`)
   * - `--llm-font`: Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). (default: `undefined`)
   * - `--llm-font-mono`: Font family of code (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`). (default: `undefined`)
   * - `--llm-link-color`: Color of links (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-code-background`: Background of code (default `color-mix(in srgb, currentColor 10%, transparent)`). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `output`: The generated text.
   * - `error`: The error message (also when no `<llm-model>` is around).
   * - `retry`: The Retry button beside an error: loads the model again if its load failed, then generates again. Not shown for text too long for the model (`too-long`), unless it comes from a `for` field the visitor can shorten.
   */
  'llm-text': Partial<LlmTextProps & BaseProps<LlmText> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `name`: The name the model calls it by: 1 to 64 letters, digits, `_` or `-`, unique among the chat's tools.
   * - `description`: What the tool does and when to use it, for the model.
   * - `confirm`: Ask the visitor before it runs (`<llm-chat>` shows Allow and Deny).
   * - `timeout`: How long, in seconds, the page has to answer a call (`respond()` or `fail()`); after it, the call
   * fails and the model is told so. Default 30; a value that is not a positive number means 30.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `tool`: The engine's tool: its definition read now from the attributes and the children, and a `run()`
   * that fires `llm-tool-run` (or submits the form). Null when the tool is broken (see `llm-error`). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-tool-run`: The model called the tool: `detail` is `{ call, signal, respond(result), fail(message) }`. Cancelable: `preventDefault()` to answer later.
   * - `llm-error`: The tool is broken (`code` is `invalid-request`): its JSON Schema is not valid JSON or not an object, or its name is not one a model accepts.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: A `<script type="application/json">` holding the arguments' JSON Schema, or a `<form>` whose fields are the arguments. Shown as they are.
   */
  'llm-tool': Partial<LlmToolProps & BaseProps<LlmTool> & BaseEvents>;
};

export type CustomElementsSolidJs = {
  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `placeholder`: Placeholder of the message field (overrides `strings.placeholder`).
   * - `system`: System prompt sent before the conversation.
   * - `persist`: A storage key: the conversation (every version) is saved in localStorage under it and restored on reload.
   * - `attach`: Lets the visitor attach text files (`.txt`, `.md`, `.csv`, `.json`, source code) to a message, by
   * the Attach button or by dropping them on the chat: each shows as a chip with its size in tokens,
   * and one that cannot fit the model's context is refused in plain words, never cut.
   * - `max-tool-rounds`/`maxToolRounds`: With `tools`: rounds of calls before the model must answer in words (the engine's default: 4).
   * - `min-score`/`minScore`: With sources (`<llm-source>`): the cosine similarity (-1 to 1) a passage needs to the question to
   * be given to the model; when none has it, the chat says it found nothing instead of answering.
   * Default 0.35, for sentence-embedding models (`embed-src`); a chat model that embeds scores
   * everything higher: raise it.
   * - `max-sources`/`maxSources`: With sources: the most passages given to the model for an answer (default 4), within 40% of its context.
   * - `reasoning`: How a reasoning model's thinking shows above its answer: `collapsed` (default: "Thinking…", then
   * "Thought for 4 s"), `expanded`, or `hidden`. Never in the answer's text nor `messages` (so never sent back).
   * - `disabled`: Keeps the element from generating (and, where it has controls, disables them).
   * - `temperature`: Sampling temperature; 0 always picks the most likely token. Each element has its own default.
   * - `max-tokens`/`maxTokens`: Most tokens to generate. Each element has its own default.
   * - `top-k`/`topK`: Sample only from the k most likely tokens.
   * - `top-p`/`topP`: Sample from the smallest set of tokens whose probability adds up to p.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `tools`: Functions of the page the model may call while it answers (JS only; see `Tool`). Each call shows
   * in its answer as a step (its arguments, then its result); a tool with `confirm` asks the visitor
   * first, with Allow and Deny. (property only)
   * - `toolChoice`: With `tools`: whether the model must call one (`ToolChoice`: `auto`, the default; `required`; `none`; `{name}`). (property only)
   * - `messages`: The conversation shown (`{role, content}[]`, the chosen version of each message, without the
   * system prompt): what the model is sent. Set it to restore one (without earlier versions). (property only)
   * - `streaming`: Whether an answer is streaming (or waiting for its turn). (property only) (readonly)
   * - `strings`: Replaces any of the texts the element shows or announces, for other languages. (property only)
   * - `status`: Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
   * (waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
   * it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
   * on itself (`llm-chat[status='generating']`, also in browsers without custom states). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-send`: Before a message is sent; cancelable. `detail` is `{content, attachments}` (the files sent with it, with `attach`).
   * - `llm-token`: For each streamed piece of the answer; `detail` is `{delta, text}`.
   * - `llm-response`: When an answer is complete, or stopped (`finishReason: 'abort'`, partial text kept); `detail` is `{message, text, stats, finishReason}`.
   * - `llm-continue`: Before the last answer is continued (Continue, `continue()`); cancelable. `detail` is `{index}`; the answer grows in place, and its `llm-response` has `text` (what was added) and `message` (the whole answer).
   * - `llm-edit`: Before an edited message is sent as a new version of it; cancelable. `detail` is `{index, content}`.
   * - `llm-regenerate`: Before an answer is asked for again (a new version of it); cancelable. `detail` is `{index}`.
   * - `llm-delete`: Before a turn is deleted; cancelable. `detail` is `{index, count}` (the turn's first message and how many it has).
   * - `llm-version-change`: When another version of a message shows. `detail` is `{index, version, count}` (`version` from 1).
   * - `llm-attach`: When files are attached (picked or dropped, with `attach`), before they show; cancelable. `detail` is `{files, attachments}`.
   * - `llm-tool-call`: When the model's call of a tool starts (`tools`), before it is confirmed or run. `detail` is the call `{id, name, arguments}`.
   * - `llm-tool-result`: When a call of a tool has ended. `detail` is its step `{call, status, result, error, ms}` (`done`, `error`, `invalid` or `denied`).
   * - `llm-retrieve`: Before an answer from sources (`<llm-source>`): `detail` is `{query, passages}`, the passages found for the question (best first, each with its `score`); none when nothing scored `min-score`.
   * - `llm-error`: When an answer fails or the conversation cannot be saved (`storage`); `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Above the conversation (a title, for example).
   * - `empty`: Shown before the first message, in place of the default hint.
   * - `footer`: Below the message field.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `send(text: string) => Promise<LlmResponseDetail | null>`: Sends `text` as the user and streams the answer. Resolves when the answer ends, however it ends
   * (`finishReason` says how; on failure it is `error` with `error` set). Resolves with null when
   * nothing was sent: empty text (and, with `attach`, no file attached: the files attached go with the
   * message), `disabled`, or an `llm-send` listener cancelled it. A send while an answer
   * streams stops that answer first (it ends with `llm-response`, `finishReason: 'abort'`).
   * - `edit(index: number, text: string) => Promise<LlmResponseDetail | null>`: Sends `text` in place of the user message at `index` (of `messages`), as a new version of it (the
   * old one and what followed it stay, as version 1), and streams the answer. Resolves with null when
   * nothing was sent (no user message there, empty text, `disabled`, an answer streaming, or an
   * `llm-edit` listener cancelled it).
   * - `regenerate(index = this.entries.length - 1) => Promise<LlmResponseDetail | null>`: Asks again for the answer at `index` (by default the last); the new answer is a new version beside
   * the old. After an unanswered message, answers it. Resolves with null when there is nothing to answer.
   * - `continue() => Promise<LlmResponseDetail | null>`: Continues the last answer where it ended (cut at the length limit, or stopped), in the same
   * message. Resolves with null when the last message is no answer, an answer streams, `disabled`, or
   * an `llm-continue` listener cancelled it.
   * - `deleteTurn(index: number) => Promise<boolean>`: Deletes the turn with the message at `index` (the user message and its answer); the turns after it
   * stay. When the message has other versions, only this one (and what followed it) goes. Resolves with false when
   * nothing was deleted (no message there, an answer streaming, an `llm-delete` listener cancelled it).
   * - `selectVersion(index: number, version: number) => Promise<boolean>`: Shows `version` (from 1) of the message at `index`, with what followed it. Resolves with false when there is none.
   * - `retry() => Promise<LlmResponseDetail | null>`: What the Retry button does: after a failed load, loads the model again and answers the last
   * message; after a failed answer, asks for it again. Resolves with null when there is nothing to answer.
   * - `clear() => void`: Empties the conversation (and its saved copy).
   * - `stop() => void`: Stops the request in progress; what was generated so far stays.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-chat-height`: Height of the conversation area (default `24rem`). (default: `undefined`)
   * - `--llm-accent`: Accent color: the send button, and links and the focus ring unless they have their own (default `light-dark(#1d4ed8, #93c5fd)`). (default: `undefined`)
   * - `--llm-on-accent`: Text on the accent color (default `light-dark(#ffffff, #0b1220)`). (default: `undefined`)
   * - `--llm-surface`: Background of the chat and of code blocks' copy buttons (default `light-dark(#ffffff, #111827)`). (default: `undefined`)
   * - `--llm-text`: Text color (default `light-dark(#111827, #f3f4f6)`). (default: `undefined`)
   * - `--llm-muted`: Secondary text color (notices, the empty hint, "stopped") (default `light-dark(#4b5563, #cbd5e1)`). (default: `undefined`)
   * - `--llm-border`: Border color of the chat, the message field and secondary buttons (default `light-dark(#d1d5db, #374151)`). (default: `undefined`)
   * - `--llm-danger`: Error color, and the stop button (default `light-dark(#b91c1c, #fca5a5)`). (default: `undefined`)
   * - `--llm-user-bubble`: Background of user messages (default `light-dark(#dbeafe, #1e3a8a)`). (default: `undefined`)
   * - `--llm-assistant-bubble`: Background of assistant messages (default `light-dark(#f3f4f6, #1f2937)`). (default: `undefined`)
   * - `--llm-focus-ring`: Color of the focus outline (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-radius`: Corner radius of the chat and of messages; fields, buttons and code blocks use 0.25rem less (default `0.75rem`). (default: `undefined`)
   * - `--llm-density`: Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). (default: `undefined`)
   * - `--llm-font`: Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). (default: `undefined`)
   * - `--llm-font-mono`: Font family of code (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`). (default: `undefined`)
   * - `--llm-link-color`: Color of links in answers (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-code-background`: Background of code in answers (default `color-mix(in srgb, currentColor 10%, transparent)`). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The chat's outer box.
   * - `log`: The scrolling conversation (`role="log"`).
   * - `message`: Each message; also `user` or `assistant`.
   * - `user`: User messages.
   * - `assistant`: Assistant messages.
   * - `content`: The text of a message.
   * - `reasoning`: A reasoning model's thinking above its answer (Qwen3, DeepSeek-R1 distills, SmolLM3): a `<details>`, collapsed unless `reasoning="expanded"`, none with `reasoning="hidden"`.
   * - `reasoning-summary`: Its summary: "Thinking…" while it streams, then "Thought for 4 s" (announced once, politely).
   * - `reasoning-text`: The thinking, as plain text (never in the answer's text, `messages`, or what is sent back).
   * - `tool-step`: Each call of a tool in its answer (`tools`): a `<details>`, collapsed.
   * - `tool-summary`: Its summary: the tool's name, the call's status (waiting for you, running, done, failed, invalid call, denied) and, once it ran, its time (`done in 2.4 s`; none under a tenth of a second).
   * - `tool-arguments`: The call's arguments, as JSON text.
   * - `tool-result`: What the tool returned, as JSON text.
   * - `tool-error`: Why the call has no result (it failed, was invalid or denied).
   * - `tool-ask`: The question before a tool with `confirm` runs (announced politely), with Allow and Deny.
   * - `tool-ask-arguments`: What the tool would be given, as JSON text, above Allow and Deny.
   * - `tool-allow`: Lets the call run.
   * - `tool-deny`: Refuses it; the model is told.
   * - `sources`: Under an answer from sources: the passages it was given (an `<ol>`, labelled "Sources").
   * - `source-link`: Each of them: `[n] Heading › words…`, a link that scrolls to and highlights the passage in this page (or opens the other page at it, in a new tab).
   * - `citation`: A citation (`[1]`) in an answer's text, made a link to its source once the answer has ended.
   * - `copy-button`: The copy button of a code block.
   * - `actions`: The row of actions under each message (`role="group"`): shown on hover and focus, and always on the last message; reachable by Tab.
   * - `copy-message`: Copies a message (announces "Copied").
   * - `edit-button`: Edits a user message.
   * - `regenerate-answer`: Asks again for an answer, as a new version of it.
   * - `delete-turn`: Deletes a turn (the message and its answer).
   * - `versions`: The versions of a message (`◀ 2/3 ▶`), when it has more than one.
   * - `previous-version`: Shows the version before.
   * - `next-version`: Shows the version after.
   * - `editor`: The form that edits a user message, in its place.
   * - `edit-input`: The field of the editor (Enter or Save & send sends, Escape cancels).
   * - `save-button`: Sends the edited message.
   * - `cancel-button`: Stops editing.
   * - `attach`: The Attach button (with `attach`): a labelled file input, reached by Tab.
   * - `attachment`: A file's chip (its name and size in tokens), waiting to be sent (with Remove) or under the message it went with.
   * - `attach-notice`: Why files were refused (not text, too large, too long for the model), announced politely.
   * - `drop-hint`: "Drop text files to attach them", while files are dragged over the chat.
   * - `notice`: Notes about the conversation (left-out turns, loading, storage).
   * - `error`: The error message, when something failed (also when no `<llm-model>` is around).
   * - `retry`: The Retry button beside an error: loads the model again, or asks for the answer again (not shown for a message too long for the model).
   * - `form`: The message form.
   * - `input`: The message field (a `<textarea>`).
   * - `send`: The send button.
   * - `stop`: The stop button, shown while an answer streams.
   * - `toolbar`: The row with Regenerate and Clear.
   * - `regenerate`: The regenerate button.
   * - `clear`: The clear button.
   * - `typing`: The typing indicator (three dots, "Writing…" for screen readers) in an answer until its first token.
   * - `ending`: How an answer ended early: "Stopped." or "Stopped at the length limit.".
   * - `continue`: The Continue button beside the last answer's ending: extends the same answer.
   * - `jump`: "Jump to latest", over the log's bottom while the visitor reads further up.
   */
  'llm-chat': Partial<LlmChatProps & LlmChatSolidJsProps & BaseProps<LlmChat> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `stop-at`/`stopAt`: Where a suggestion ends: `sentence`, `line`, or a literal string (`\n` for a newline).
   * - `delay`: Milliseconds of pause before asking for a suggestion.
   * - `prompt`: The text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`.
   * - `for`/`htmlFor`: The id of an element whose text feeds the prompt (e.g. an article to summarize).
   * - `manual`: Wait for `run()` instead of generating on connect.
   * - `instruct`: Send the prompt as a user message through the model's chat template (for instruction-tuned models).
   * - `disabled`: Keeps the element from generating (and, where it has controls, disables them).
   * - `temperature`: Sampling temperature; 0 always picks the most likely token. Each element has its own default.
   * - `max-tokens`/`maxTokens`: Most tokens to generate. Each element has its own default.
   * - `top-k`/`topK`: Sample only from the k most likely tokens.
   * - `top-p`/`topP`: Sample from the smallest set of tokens whose probability adds up to p.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `text`: The suggestion showing (or, in the deprecated prompt mode, the text generated so far). (property only) (readonly)
   * - `strings`: Replaces any of the texts the element shows or announces, for other languages. (property only)
   * - `status`: Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
   * (waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
   * it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
   * on itself (`llm-chat[status='generating']`, also in browsers without custom states). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-accept`: When Tab accepts a suggestion; `detail` is `{suggestion, value}`.
   * - `llm-dismiss`: When Escape dismisses a suggestion; `detail` is `{suggestion}`.
   * - `llm-token`: For each streamed piece of text; `detail` is `{delta, text}`.
   * - `llm-response`: When a text or suggestion is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`.
   * - `llm-error`: When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The `<textarea>` or text `<input>` to complete.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `run() => Promise<LlmResponseDetail | null>`: Deprecated prompt mode (use `<llm-text>`): generates now, as `<llm-text>`'s `run()`. Resolves
   * with null inline: suggestions come from pauses in typing.
   * - `stop() => void`: Stops the request in progress and hides any suggestion.
   * - `retry() => Promise<LlmResponseDetail | null>`: What the Retry button does: after a failed load, loads the model again; then asks again.
   * Resolves with null when nothing was asked.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-ghost-color`: Color of the suggestion (default `var(--llm-muted)`). (default: `undefined`)
   * - `--llm-ghost-opacity`: Opacity of the suggestion (default `0.9`). (default: `undefined`)
   * - `--llm-muted`: Muted text color: the suggestion unless `--llm-ghost-color` is set, and the caret while generating (prompt mode) (default `light-dark(#4b5563, #cbd5e1)`). (default: `undefined`)
   * - `--llm-danger`: Error color (default `light-dark(#b91c1c, #fca5a5)`). (default: `undefined`)
   * - `--llm-text`: Text color (prompt mode) (default `light-dark(#111827, #f3f4f6)`). (default: `undefined`)
   * - `--llm-accent`: Accent color: links and the focus ring unless they have their own (prompt mode) (default `light-dark(#1d4ed8, #93c5fd)`). (default: `undefined`)
   * - `--llm-surface`: Background of code blocks' copy buttons (prompt mode) (default `light-dark(#ffffff, #111827)`). (default: `undefined`)
   * - `--llm-focus-ring`: Color of the focus outline of copy buttons (prompt mode) (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-radius`: Code blocks use this radius less 0.25rem (prompt mode) (default `0.75rem`). (default: `undefined`)
   * - `--llm-density`: Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). (default: `undefined`)
   * - `--llm-font`: Font family (prompt mode; inline, the suggestion takes the field's font) (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). (default: `undefined`)
   * - `--llm-font-mono`: Font family of code (prompt mode) (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`). (default: `undefined`)
   * - `--llm-link-color`: Color of links (prompt mode) (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-code-background`: Background of code (prompt mode) (default `color-mix(in srgb, currentColor 10%, transparent)`). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `ghost`: The overlay that holds the suggestion (inline mode).
   * - `suggestion`: The suggested text (inline mode).
   * - `output`: The generated text (deprecated prompt mode, as `<llm-text>`).
   * - `error`: The error message (also when no `<llm-model>` is around).
   * - `retry`: The Retry button beside an error: loads the model again if its load failed (the next pause in typing asks again).
   */
  'llm-complete': Partial<LlmCompleteProps & LlmCompleteSolidJsProps & BaseProps<LlmComplete> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `auto`: Fill as soon as a text is pasted into the source.
   * - `instructions`: More instructions for the model (what the text is, how to read it).
   * - `disabled`: Keeps the element from generating (and, where it has controls, disables them).
   * - `temperature`: Sampling temperature; 0 always picks the most likely token. Each element has its own default.
   * - `max-tokens`/`maxTokens`: Most tokens to generate. Each element has its own default.
   * - `top-k`/`topK`: Sample only from the k most likely tokens.
   * - `top-p`/`topP`: Sample from the smallest set of tokens whose probability adds up to p.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `schema`: A JSON Schema of the values (keys are field names), instead of the one read from the form. (property only)
   * - `form`: The form it fills: the first `<form>` inside (outside the source). (property only) (readonly)
   * - `sourceText`: The text it reads: the source's value (a field) or text. (property only) (readonly)
   * - `filled`: The names of the fields the last fill changed that the user has not edited since. (property only) (readonly)
   * - `strings`: Replaces any of the texts the element shows or announces, for other languages. (property only)
   * - `status`: Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
   * (waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
   * it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
   * on itself (`llm-chat[status='generating']`, also in browsers without custom states). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-fill`: When the form has been filled; `detail` is `{values, changed, skipped}`: what the model read, which fields changed, and which were left as they were because the value did not fit.
   * - `llm-token`: For each streamed piece of the model's answer (JSON); `detail` is `{delta, text}`.
   * - `llm-response`: When the answer is complete, or stopped (`finishReason: 'abort'`); `detail.value` holds the values.
   * - `llm-error`: When reading the text fails; `detail` is `{code, message, error}`. The form stays as it was.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `source`: The text to read: a `<textarea>` or `<input>` (its value) or any element (its text).
   * - `(default)`: The `<form>` to fill. It stays the page's own, in the light DOM.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `fill() => Promise<LlmResponseDetail | null>`: Reads the source text and fills the form. Resolves when it ends, however it ends, with the
   * `llm-response` detail (`value` holds the values; on failure `finishReason` is `error`, with
   * `error`, and the form is untouched). Resolves with null when nothing was asked: `disabled`, no
   * form, or no text.
   * - `undo() => string[]`: Puts every field back as it was before the last fill, the way the fill wrote it (clicks for boxes and radios, with events). Returns the names that changed.
   * - `retry() => Promise<LlmResponseDetail | null>`: What the Retry button does: after a failed load, loads the model again; then fills again.
   * - `stop() => void`: Stops the request in progress; what was generated so far stays.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-accent`: The Fill button's color and the focus ring (default `light-dark(#1d4ed8, #93c5fd)`). (default: `undefined`)
   * - `--llm-on-accent`: Text on the Fill button (default `light-dark(#ffffff, #0b1220)`). (default: `undefined`)
   * - `--llm-border`: Border of the buttons (default `light-dark(#d1d5db, #374151)`). (default: `undefined`)
   * - `--llm-muted`: The message's color (default `light-dark(#4b5563, #cbd5e1)`). (default: `undefined`)
   * - `--llm-danger`: Error color (default `light-dark(#b91c1c, #fca5a5)`). (default: `undefined`)
   * - `--llm-radius`: Buttons use this radius less 0.25rem (default `0.75rem`). (default: `undefined`)
   * - `--llm-density`: Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). (default: `undefined`)
   * - `--llm-focus-ring`: Color of the focus outline (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-font`: Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). (default: `undefined`)
   * - `--llm-text`: Text color of the buttons and the message row (default `light-dark(#111827, #f3f4f6)`); the page's labels and fields keep the page's. (default: `undefined`)
   * - `--llm-filled-outline`: The outline of the fields a fill changed, on the page's own fields; `none` turns it off (default `2px solid var(--llm-accent)`). (default: `undefined`)
   * - `--llm-filled-outline-offset`: Its offset (default `1px`). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `actions`: The row of buttons and the message between the source and the form.
   * - `fill`: The Fill button; while filling, it stops.
   * - `undo`: The Undo button, after a fill.
   * - `message`: What the last fill did (announced politely).
   * - `error`: The error message (also when no `<llm-model>` is around).
   * - `retry`: The Retry button beside an error: loads the model again if its load failed, then fills again.
   */
  'llm-form': Partial<LlmFormProps & LlmFormSolidJsProps & BaseProps<LlmForm> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `src`: URL of the GGUF model. A model split with llama-gguf-split: the URL of its first part
   * (`…-00001-of-00003.gguf`; the others are found by name), or every part, separated by spaces.
   * - `catalog`: A model of the built-in catalog by name (e.g. `qwen2.5-0.5b`), with both its GGUF and MLC
   * builds; `src` and `webgpu-model` override either. See `CATALOG` for the names.
   * - `browser-model`/`browserModel`: Use the browser's built-in model when it has one (Chrome's Gemini Nano; `backendKind` is then
   * `browser-model`), and `src` (or the catalog's builds) when it has none. It is readied for the page's
   * language (the nearest `lang`, else English); a browser that cannot serve that language counts as
   * having none. `backend` applies to `src` only.
   * - `webgpu-model`/`webgpuModel`: An MLC build for WebGPU (web-llm): a prebuilt web-llm model id, or the id of a custom build.
   * - `endpoint`: The base URL of a server that runs the model (OpenAI's Chat Completions API, e.g.
   * `https://llm.example.com/v1`: vLLM, llama.cpp's server, Ollama, LM Studio). Beside `src`, it is
   * used only when this device cannot run the model, and the page is told (`llm-fallback`,
   * `backendReason`, `<llm-status>`); alone, every message goes to it. Messages sent to it leave the device.
   * - `endpoint-model`/`endpointModel`: The model's name on `endpoint`'s server.
   * - `webgpu-model-url`/`webgpuModelUrl`: A custom MLC build: URL of its weights (with `webgpu-model` and `webgpu-model-lib`).
   * - `webgpu-model-lib`/`webgpuModelLib`: A custom MLC build: URL of its compiled model library (`*.wasm`).
   * - `backend`: Which backend to use: `auto` chooses from the device.
   * - `embed-src`/`embedSrc`: The model that embeds the passages of the sources (`<llm-source>`) for search: a GGUF URL, or a
   * name of the embedding catalog (`minilm`, `bge-small-en`, `nomic-embed`). Without it the chat
   * model embeds them (pooled), which is no download more but finds less well.
   * - `context-size`/`contextSize`: Context window in tokens (default 2048).
   * - `threads`: CPU threads for the WebAssembly backend (default: chosen from the device).
   * - `loading`: When to download the model: `lazy` (on first need), `eager` (at once) or `manual` (on `load()`).
   * - `share`: `tabs` (default): the `<llm-model>`s of this site, in all of the visitor's tabs (and in this page),
   * that load the same model with the same settings share one engine: one tab holds the model, the
   * others send it their requests, and their `backendReason` says the model runs in another tab. When
   * that tab closes, another takes over (requests in flight end with a retryable error). Browsers
   * without Web Locks load their own (the reason says so). `none`: this element loads its own engine.
   * - `status`: Read-only. The engine's status: `idle | loading | ready | generating | error` (never `waiting`:
   * that is an element's own request), reflected as an attribute for styling (`llm-model[status='loading']`).
   * - `cached`: Read-only. Whether the model is stored complete in this browser (one of its builds), so a load
   * fetches nothing; reflected as an attribute (`llm-model[cached]`). Read when the element connects
   * (from the browser's storage: nothing of the model is downloaded), and after a load or `removeFromCache()`.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `endpointHeaders`: Headers for each request to `endpoint` (credentials), from JavaScript only: a key written in a
   * page is public, so a site puts its key in a proxy of its own and gives visitors a session instead. (property only)
   * - `engine`: The engine every element inside shares. Usable directly from JavaScript. (property only) (readonly)
   * - `progress`: Progress of the current or last load. (property only) (readonly)
   * - `backendKind`: The backend in use, once chosen. (property only) (readonly)
   * - `backendReason`: Why that backend was chosen (or why none could be). (property only) (readonly)
   * - `cachedBytes`: Bytes of the model stored in this browser (0 when it is not; see `cached`). (property only) (readonly)
   * - `error`: The last load error, while `status` is `error`. (property only) (readonly)
   * - `modelInfo`: What is known about the loaded model (name, architecture, context size, …), or null. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-progress`: While the model loads; `detail` is a `LoadProgress` over every byte the load fetches: `{loaded, total, fraction, phase, bytesPerSecond, secondsLeft, model, fromCache}`.
   * - `llm-ready`: When the model is loaded; `detail` is `{modelInfo, backend, reason}`.
   * - `llm-error`: When loading fails; `detail` is `{code, message, error}`. A new `src` or `load()` tries again.
   * - `llm-fallback`: When a backend failed to start and another took over (WebGPU to WebAssembly; the browser's model to `src`); `detail` is `{from, to, message}`.
   * - `llm-index-progress`: While its sources' passages are embedded into the search index; `detail` is `{done, total}` (equal when done).
   * - `llm-removed`: When `removeFromCache()` (or `<llm-status removable>`'s Remove button) has removed the model from this browser; `detail` is `{files, sizeBytes}`.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The elements that use the model: `<llm-chat>`, `<llm-status>`, `<llm-complete>`, and any markup.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `load() => Promise<void>`: Downloads (or reads from cache) and loads the model now. Rejects with an `LlmError`.
   * - `unload() => Promise<void>`: Frees the model, its memory and its worker. Elements inside stop their work.
   * - `removeFromCache() => Promise<CachedModel[]>`: Unloads the model and removes it from this browser's storage (a load under way stops), so the
   * next use downloads it again; then `cached` is false and `llm-removed` fires. Rejects with a
   * `storage` error, removing nothing, while another element or tab downloads or loads the same
   * model (a loaded model then stays loaded).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-*`: Theme tokens set here reach every element inside (e.g. `--llm-accent`). (default: `undefined`)
   */
  'llm-model': Partial<LlmModelProps & LlmModelSolidJsProps & BaseProps<LlmModel> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `selector`: CSS selector of the parts of this page that are the source (e.g. `main`, `#faq, #shipping`).
   * - `href`: URL of another page of the site whose content is the source (with `selector`: those parts of it; else its `main`, or its body).
   * - `label`: A name for the source, shown with its passages under an answer (default: the page's title).
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `key`: The source's name in the search index: where its content comes from. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-error`: When its page cannot be read (`network`: fetch failed or took over 15 s; `model-not-found`: HTTP 404) or its selector matches nothing (`invalid-request`). The chat answers from its other sources.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: Content that is itself the source (when neither `selector` nor `href` is set). Shown as it is.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `passages(signal?: AbortSignal) => Promise<SourcePassage[]>`: The passages of its content now (fetched for `href`). An unreadable source reports `llm-error` and has none.
   */
  'llm-source': Partial<LlmSourceProps & LlmSourceSolidJsProps & BaseProps<LlmSource> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `removable`: Offers a Remove button (`part="remove"`, in the details) while the model is stored in this
   * browser: it unloads the model and removes it (`<llm-model>`'s `removeFromCache()`), and the next
   * use downloads it again. Off by default, so a page decides whether its visitors may.
   * - `details`: Shows the details (for developers: the backend and why, bytes and speed, an error's developer
   * message, storage, answer speed). The Details button sets and clears it; set it in the markup to
   * show them open from the start, as while developing a page.
   * - `variant`: `compact`: one line (long texts end in an ellipsis), for a header or a toolbar; the details open
   * over the page below it instead of pushing it down. `default`: a box of two rows.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `strings`: Replaces any of the texts shown, for other languages. (property only)
   * - `status`: Read-only. The model's status: `idle | loading | ready | generating | error` (never `waiting`), or
   * `error` when there is no `<llm-model>` around it. CSS reads it as a custom state
   * (`llm-status:state(loading)`), or as the `status` attribute the element sets on itself
   * (`llm-status[status='loading']`, also in browsers without custom states). (property only) (readonly)
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-accent`: Color of the progress bar (default `light-dark(#1d4ed8, #93c5fd)`). (default: `undefined`)
   * - `--llm-text`: Text color (default `light-dark(#111827, #f3f4f6)`). (default: `undefined`)
   * - `--llm-muted`: Color of secondary text (the figures, the details) (default `light-dark(#4b5563, #cbd5e1)`). (default: `undefined`)
   * - `--llm-danger`: Color of errors (default `light-dark(#b91c1c, #fca5a5)`). (default: `undefined`)
   * - `--llm-border`: Border color of the box and the buttons (default `light-dark(#d1d5db, #374151)`). (default: `undefined`)
   * - `--llm-surface`: Background of the compact variant's details (default `light-dark(#ffffff, #111827)`). (default: `undefined`)
   * - `--llm-focus-ring`: Color of the buttons' focus outline (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-radius`: Corner radius; the buttons use 0.25rem less (default `0.75rem`). (default: `undefined`)
   * - `--llm-density`: Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). (default: `undefined`)
   * - `--llm-font`: Font family (default: the page's). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The outer box.
   * - `label`: The status in words (announced politely when it changes).
   * - `progress`: The `<progress>` bar, while loading.
   * - `figures`: Beside it: bytes so far of all, and the time left ("120 MiB of 270 MiB · 2 min left").
   * - `error`: The error in a visitor's words (also when no `<llm-model>` is around, or a removal failed).
   * - `retry`: The Retry button beside an error: loads the model again.
   * - `details-button`: The Details button: shows and hides the details.
   * - `details`: The details (for developers): the parts below.
   * - `backend`: The backend in use and why.
   * - `transfer`: While loading: the bytes of all and the download's speed.
   * - `error-detail`: The developer's message of a failed load (the address, the setting to change).
   * - `cache`: The size of the model stored in this browser ("Cached in this browser, 812 MiB"), while it is stored.
   * - `remove`: The Remove button beside it, with `removable`: unloads the model and removes it from this browser.
   * - `storage`: Says the model will not be kept for the next visit (when this browser does not let the page store it), or may be evicted (when the browser did not agree to `navigator.storage.persist()`).
   * - `stats`: The last answer's speed.
   */
  'llm-status': Partial<LlmStatusProps & LlmStatusSolidJsProps & BaseProps<LlmStatus> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `prompt`: The text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`.
   * - `for`/`htmlFor`: The id of an element whose text feeds the prompt (e.g. an article to summarize).
   * - `manual`: Wait for `run()` instead of generating on connect.
   * - `instruct`: Send the prompt as a user message through the model's chat template (for instruction-tuned models).
   * - `disabled`: Keeps the element from generating (and, where it has controls, disables them).
   * - `temperature`: Sampling temperature; 0 always picks the most likely token. Each element has its own default.
   * - `max-tokens`/`maxTokens`: Most tokens to generate. Each element has its own default.
   * - `top-k`/`topK`: Sample only from the k most likely tokens.
   * - `top-p`/`topP`: Sample from the smallest set of tokens whose probability adds up to p.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `text`: The text generated so far. (property only) (readonly)
   * - `strings`: Replaces any of the texts the element shows or announces, for other languages. (property only)
   * - `status`: Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
   * (waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
   * it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
   * on itself (`llm-chat[status='generating']`, also in browsers without custom states). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-token`: For each streamed piece of text; `detail` is `{delta, text}`.
   * - `llm-response`: When the text is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`.
   * - `llm-error`: When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `run() => Promise<LlmResponseDetail | null>`: Generates now (again), replacing any text so far. Resolves when it ends, however it ends (on
   * failure `finishReason` is `error`, with `error`). Resolves with null when nothing was asked:
   * `disabled`, or no prompt.
   * - `retry() => Promise<LlmResponseDetail | null>`: What the Retry button does: after a failed load, loads the model again; then asks again.
   * Resolves with null when nothing was asked.
   * - `stop() => void`: Stops the request in progress; what was generated so far stays.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--llm-muted`: The caret while generating (default `light-dark(#4b5563, #cbd5e1)`). (default: `undefined`)
   * - `--llm-danger`: Error color (default `light-dark(#b91c1c, #fca5a5)`). (default: `undefined`)
   * - `--llm-text`: Text color (default `light-dark(#111827, #f3f4f6)`). (default: `undefined`)
   * - `--llm-accent`: Accent color: links and the focus ring unless they have their own (default `light-dark(#1d4ed8, #93c5fd)`). (default: `undefined`)
   * - `--llm-surface`: Background of code blocks' copy buttons (default `light-dark(#ffffff, #111827)`). (default: `undefined`)
   * - `--llm-focus-ring`: Color of the focus outline of copy buttons (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-radius`: Code blocks use this radius less 0.25rem (default `0.75rem`). (default: `undefined`)
   * - `--llm-density`: Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). (default: `undefined`)
   * - `--llm-font`: Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). (default: `undefined`)
   * - `--llm-font-mono`: Font family of code (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`). (default: `undefined`)
   * - `--llm-link-color`: Color of links (default `var(--llm-accent)`). (default: `undefined`)
   * - `--llm-code-background`: Background of code (default `color-mix(in srgb, currentColor 10%, transparent)`). (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `output`: The generated text.
   * - `error`: The error message (also when no `<llm-model>` is around).
   * - `retry`: The Retry button beside an error: loads the model again if its load failed, then generates again. Not shown for text too long for the model (`too-long`), unless it comes from a `for` field the visitor can shorten.
   */
  'llm-text': Partial<LlmTextProps & LlmTextSolidJsProps & BaseProps<LlmText> & BaseEvents>;

  /**
   *
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `name`: The name the model calls it by: 1 to 64 letters, digits, `_` or `-`, unique among the chat's tools.
   * - `description`: What the tool does and when to use it, for the model.
   * - `confirm`: Ask the visitor before it runs (`<llm-chat>` shows Allow and Deny).
   * - `timeout`: How long, in seconds, the page has to answer a call (`respond()` or `fail()`); after it, the call
   * fails and the model is told so. Default 30; a value that is not a positive number means 30.
   * - `theme`: The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
   * any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
   * `<llm-model>` it applies to every element inside.
   * - `contrast`: `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
   * (`auto`, the default). On `<llm-model>` it applies to every element inside.
   * - `density`: Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
   * `<llm-model>` it applies to every element inside.
   * - `tool`: The engine's tool: its definition read now from the attributes and the children, and a `run()`
   * that fires `llm-tool-run` (or submits the form). Null when the tool is broken (see `llm-error`). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `llm-tool-run`: The model called the tool: `detail` is `{ call, signal, respond(result), fail(message) }`. Cancelable: `preventDefault()` to answer later.
   * - `llm-error`: The tool is broken (`code` is `invalid-request`): its JSON Schema is not valid JSON or not an object, or its name is not one a model accepts.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: A `<script type="application/json">` holding the arguments' JSON Schema, or a `<form>` whose fields are the arguments. Shown as they are.
   */
  'llm-tool': Partial<LlmToolProps & LlmToolSolidJsProps & BaseProps<LlmTool> & BaseEvents>;
};

export type CustomCssProperties = {
  /** Height of the conversation area (default `24rem`). */
  '--llm-chat-height'?: string | undefined;
  /** Accent color: the send button, and links and the focus ring unless they have their own (default `light-dark(#1d4ed8, #93c5fd)`). */
  '--llm-accent'?: string | undefined;
  /** Text on the accent color (default `light-dark(#ffffff, #0b1220)`). */
  '--llm-on-accent'?: string | undefined;
  /** Background of the chat and of code blocks' copy buttons (default `light-dark(#ffffff, #111827)`). */
  '--llm-surface'?: string | undefined;
  /** Text color (default `light-dark(#111827, #f3f4f6)`). */
  '--llm-text'?: string | undefined;
  /** Secondary text color (notices, the empty hint, "stopped") (default `light-dark(#4b5563, #cbd5e1)`). */
  '--llm-muted'?: string | undefined;
  /** Border color of the chat, the message field and secondary buttons (default `light-dark(#d1d5db, #374151)`). */
  '--llm-border'?: string | undefined;
  /** Error color, and the stop button (default `light-dark(#b91c1c, #fca5a5)`). */
  '--llm-danger'?: string | undefined;
  /** Background of user messages (default `light-dark(#dbeafe, #1e3a8a)`). */
  '--llm-user-bubble'?: string | undefined;
  /** Background of assistant messages (default `light-dark(#f3f4f6, #1f2937)`). */
  '--llm-assistant-bubble'?: string | undefined;
  /** Color of the focus outline (default `var(--llm-accent)`). */
  '--llm-focus-ring'?: string | undefined;
  /** Corner radius of the chat and of messages; fields, buttons and code blocks use 0.25rem less (default `0.75rem`). */
  '--llm-radius'?: string | undefined;
  /** Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). */
  '--llm-density'?: string | undefined;
  /** Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). */
  '--llm-font'?: string | undefined;
  /** Font family of code (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`). */
  '--llm-font-mono'?: string | undefined;
  /** Color of links in answers (default `var(--llm-accent)`). */
  '--llm-link-color'?: string | undefined;
  /** Background of code in answers (default `color-mix(in srgb, currentColor 10%, transparent)`). */
  '--llm-code-background'?: string | undefined;
  /** Color of the suggestion (default `var(--llm-muted)`). */
  '--llm-ghost-color'?: string | undefined;
  /** Opacity of the suggestion (default `0.9`). */
  '--llm-ghost-opacity'?: string | undefined;
  /** The outline of the fields a fill changed, on the page's own fields; `none` turns it off (default `2px solid var(--llm-accent)`). */
  '--llm-filled-outline'?: string | undefined;
  /** Its offset (default `1px`). */
  '--llm-filled-outline-offset'?: string | undefined;
  /** Theme tokens set here reach every element inside (e.g. `--llm-accent`). */
  '--llm-*'?: string | undefined;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module 'react/jsx-runtime' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module 'react/jsx-dev-runtime' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module '@builder.io/qwik' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module '@stencil/core' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module 'hono/jsx' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module 'react-native' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements extends CustomElementsSolidJs {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare global {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}
