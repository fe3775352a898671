import type { DefineComponent } from 'vue';
import type { LlmChat, LlmComplete, LlmForm, LlmModel, LlmSource, LlmStatus, LlmText, LlmTool } from '../dist/index.js';

type LlmChatProps = {
  /** Placeholder of the message field (overrides `strings.placeholder`). */
  placeholder?: LlmChat['placeholder'];
  /** System prompt sent before the conversation. */
  system?: LlmChat['system'];
  /** A storage key: the conversation (every version) is saved in localStorage under it and restored on reload. */
  persist?: LlmChat['persist'];
  /** Lets the visitor attach text files (`.txt`, `.md`, `.csv`, `.json`, source code) to a message, by
the Attach button or by dropping them on the chat: each shows as a chip with its size in tokens,
and one that cannot fit the model's context is refused in plain words, never cut. */
  attach?: LlmChat['attach'];
  /** With `tools`: rounds of calls before the model must answer in words (the engine's default: 4). */
  maxToolRounds?: LlmChat['maxToolRounds'];
  /** With sources (`<llm-source>`): the cosine similarity (-1 to 1) a passage needs to the question to
be given to the model; when none has it, the chat says it found nothing instead of answering.
Default 0.35, for sentence-embedding models (`embed-src`); a chat model that embeds scores
everything higher: raise it. */
  minScore?: LlmChat['minScore'];
  /** With sources: the most passages given to the model for an answer (default 4), within 40% of its context. */
  maxSources?: LlmChat['maxSources'];
  /** How a reasoning model's thinking shows above its answer: `collapsed` (default: "Thinking…", then
"Thought for 4 s"), `expanded`, or `hidden`. Never in the answer's text nor `messages` (so never sent back). */
  reasoning?: LlmChat['reasoning'];
  /** Keeps the element from generating (and, where it has controls, disables them). */
  disabled?: LlmChat['disabled'];
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  temperature?: LlmChat['temperature'];
  /** Most tokens to generate. Each element has its own default. */
  maxTokens?: LlmChat['maxTokens'];
  /** Sample only from the k most likely tokens. */
  topK?: LlmChat['topK'];
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  topP?: LlmChat['topP'];
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmChat['theme'];
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmChat['contrast'];
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmChat['density'];
  /** Functions of the page the model may call while it answers (JS only; see `Tool`). Each call shows
in its answer as a step (its arguments, then its result); a tool with `confirm` asks the visitor
first, with Allow and Deny. */
  tools?: LlmChat['tools'];
  /** With `tools`: whether the model must call one (`ToolChoice`: `auto`, the default; `required`; `none`; `{name}`). */
  toolChoice?: LlmChat['toolChoice'];
  /** The conversation shown (`{role, content}[]`, the chosen version of each message, without the
system prompt): what the model is sent. Set it to restore one (without earlier versions). */
  messages?: LlmChat['messages'];
  /** Whether an answer is streaming (or waiting for its turn). */
  streaming?: LlmChat['streaming'];
  /** Replaces any of the texts the element shows or announces, for other languages. */
  strings?: LlmChat['strings'];
  /** Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
(waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
on itself (`llm-chat[status='generating']`, also in browsers without custom states). */
  status?: LlmChat['status'];
  /** `llm-send`: Before a message is sent; cancelable. `detail` is `{content, attachments}` (the files sent with it, with `attach`). */
  onLlmSend?: (e: CustomEvent<import('../dist/index.js').LlmSendDetail>) => void;
  /** `llm-token`: For each streamed piece of the answer; `detail` is `{delta, text}`. */
  onLlmToken?: (e: CustomEvent<import('../dist/index.js').LlmTokenDetail>) => void;
  /** `llm-response`: When an answer is complete, or stopped (`finishReason: 'abort'`, partial text kept); `detail` is `{message, text, stats, finishReason}`. */
  onLlmResponse?: (e: CustomEvent<import('../dist/index.js').LlmResponseDetail>) => void;
  /** `llm-continue`: Before the last answer is continued (Continue, `continue()`); cancelable. `detail` is `{index}`; the answer grows in place, and its `llm-response` has `text` (what was added) and `message` (the whole answer). */
  onLlmContinue?: (e: CustomEvent<import('../dist/index.js').LlmContinueDetail>) => void;
  /** `llm-edit`: Before an edited message is sent as a new version of it; cancelable. `detail` is `{index, content}`. */
  onLlmEdit?: (e: CustomEvent<import('../dist/index.js').LlmEditDetail>) => void;
  /** `llm-regenerate`: Before an answer is asked for again (a new version of it); cancelable. `detail` is `{index}`. */
  onLlmRegenerate?: (e: CustomEvent<import('../dist/index.js').LlmRegenerateDetail>) => void;
  /** `llm-delete`: Before a turn is deleted; cancelable. `detail` is `{index, count}` (the turn's first message and how many it has). */
  onLlmDelete?: (e: CustomEvent<import('../dist/index.js').LlmDeleteDetail>) => void;
  /** `llm-version-change`: When another version of a message shows. `detail` is `{index, version, count}` (`version` from 1). */
  onLlmVersionChange?: (e: CustomEvent<import('../dist/index.js').LlmVersionChangeDetail>) => void;
  /** `llm-attach`: When files are attached (picked or dropped, with `attach`), before they show; cancelable. `detail` is `{files, attachments}`. */
  onLlmAttach?: (e: CustomEvent<import('../dist/index.js').LlmAttachDetail>) => void;
  /** `llm-tool-call`: When the model's call of a tool starts (`tools`), before it is confirmed or run. `detail` is the call `{id, name, arguments}`. */
  onLlmToolCall?: (e: CustomEvent<import('../dist/index.js').ToolCall>) => void;
  /** `llm-tool-result`: When a call of a tool has ended. `detail` is its step `{call, status, result, error, ms}` (`done`, `error`, `invalid` or `denied`). */
  onLlmToolResult?: (e: CustomEvent<import('../dist/index.js').ToolStep>) => void;
  /** `llm-retrieve`: Before an answer from sources (`<llm-source>`): `detail` is `{query, passages}`, the passages found for the question (best first, each with its `score`); none when nothing scored `min-score`. */
  onLlmRetrieve?: (e: CustomEvent<import('../dist/index.js').LlmRetrieveDetail>) => void;
  /** `llm-error`: When an answer fails or the conversation cannot be saved (`storage`); `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here. */
  onLlmError?: (e: CustomEvent<import('../dist/index.js').LlmErrorDetail>) => void;
};

type LlmCompleteProps = {
  /** Where a suggestion ends: `sentence`, `line`, or a literal string (`\n` for a newline). */
  stopAt?: LlmComplete['stopAt'];
  /** Milliseconds of pause before asking for a suggestion. */
  delay?: LlmComplete['delay'];
  /** The text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`. */
  prompt?: LlmComplete['prompt'];
  /** The id of an element whose text feeds the prompt (e.g. an article to summarize). */
  for?: LlmComplete['htmlFor'];
  /** Wait for `run()` instead of generating on connect. */
  manual?: LlmComplete['manual'];
  /** Send the prompt as a user message through the model's chat template (for instruction-tuned models). */
  instruct?: LlmComplete['instruct'];
  /** Keeps the element from generating (and, where it has controls, disables them). */
  disabled?: LlmComplete['disabled'];
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  temperature?: LlmComplete['temperature'];
  /** Most tokens to generate. Each element has its own default. */
  maxTokens?: LlmComplete['maxTokens'];
  /** Sample only from the k most likely tokens. */
  topK?: LlmComplete['topK'];
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  topP?: LlmComplete['topP'];
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmComplete['theme'];
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmComplete['contrast'];
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmComplete['density'];
  /** The suggestion showing (or, in the deprecated prompt mode, the text generated so far). */
  text?: LlmComplete['text'];
  /** Replaces any of the texts the element shows or announces, for other languages. */
  strings?: LlmComplete['strings'];
  /** Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
(waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
on itself (`llm-chat[status='generating']`, also in browsers without custom states). */
  status?: LlmComplete['status'];
  /** `llm-accept`: When Tab accepts a suggestion; `detail` is `{suggestion, value}`. */
  onLlmAccept?: (e: CustomEvent<import('../dist/index.js').LlmAcceptDetail>) => void;
  /** `llm-dismiss`: When Escape dismisses a suggestion; `detail` is `{suggestion}`. */
  onLlmDismiss?: (e: CustomEvent<import('../dist/index.js').LlmDismissDetail>) => void;
  /** `llm-token`: For each streamed piece of text; `detail` is `{delta, text}`. */
  onLlmToken?: (e: CustomEvent<import('../dist/index.js').LlmTokenDetail>) => void;
  /** `llm-response`: When a text or suggestion is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`. */
  onLlmResponse?: (e: CustomEvent<import('../dist/index.js').LlmResponseDetail>) => void;
  /** `llm-error`: When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here. */
  onLlmError?: (e: CustomEvent<import('../dist/index.js').LlmErrorDetail>) => void;
};

type LlmFormProps = {
  /** Fill as soon as a text is pasted into the source. */
  auto?: LlmForm['auto'];
  /** More instructions for the model (what the text is, how to read it). */
  instructions?: LlmForm['instructions'];
  /** Keeps the element from generating (and, where it has controls, disables them). */
  disabled?: LlmForm['disabled'];
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  temperature?: LlmForm['temperature'];
  /** Most tokens to generate. Each element has its own default. */
  maxTokens?: LlmForm['maxTokens'];
  /** Sample only from the k most likely tokens. */
  topK?: LlmForm['topK'];
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  topP?: LlmForm['topP'];
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmForm['theme'];
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmForm['contrast'];
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmForm['density'];
  /** A JSON Schema of the values (keys are field names), instead of the one read from the form. */
  schema?: LlmForm['schema'];
  /** The form it fills: the first `<form>` inside (outside the source). */
  form?: LlmForm['form'];
  /** The text it reads: the source's value (a field) or text. */
  sourceText?: LlmForm['sourceText'];
  /** The names of the fields the last fill changed that the user has not edited since. */
  filled?: LlmForm['filled'];
  /** Replaces any of the texts the element shows or announces, for other languages. */
  strings?: LlmForm['strings'];
  /** Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
(waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
on itself (`llm-chat[status='generating']`, also in browsers without custom states). */
  status?: LlmForm['status'];
  /** `llm-fill`: When the form has been filled; `detail` is `{values, changed, skipped}`: what the model read, which fields changed, and which were left as they were because the value did not fit. */
  onLlmFill?: (e: CustomEvent<import('../dist/index.js').LlmFillDetail>) => void;
  /** `llm-token`: For each streamed piece of the model's answer (JSON); `detail` is `{delta, text}`. */
  onLlmToken?: (e: CustomEvent<import('../dist/index.js').LlmTokenDetail>) => void;
  /** `llm-response`: When the answer is complete, or stopped (`finishReason: 'abort'`); `detail.value` holds the values. */
  onLlmResponse?: (e: CustomEvent<import('../dist/index.js').LlmResponseDetail>) => void;
  /** `llm-error`: When reading the text fails; `detail` is `{code, message, error}`. The form stays as it was. */
  onLlmError?: (e: CustomEvent<import('../dist/index.js').LlmErrorDetail>) => void;
};

type LlmModelProps = {
  /** URL of the GGUF model. A model split with llama-gguf-split: the URL of its first part
(`…-00001-of-00003.gguf`; the others are found by name), or every part, separated by spaces. */
  src?: LlmModel['src'];
  /** A model of the built-in catalog by name (e.g. `qwen2.5-0.5b`), with both its GGUF and MLC
builds; `src` and `webgpu-model` override either. See `CATALOG` for the names. */
  catalog?: LlmModel['catalog'];
  /** Use the browser's built-in model when it has one (Chrome's Gemini Nano; `backendKind` is then
`browser-model`), and `src` (or the catalog's builds) when it has none. It is readied for the page's
language (the nearest `lang`, else English); a browser that cannot serve that language counts as
having none. `backend` applies to `src` only. */
  browserModel?: LlmModel['browserModel'];
  /** An MLC build for WebGPU (web-llm): a prebuilt web-llm model id, or the id of a custom build. */
  webgpuModel?: LlmModel['webgpuModel'];
  /** The base URL of a server that runs the model (OpenAI's Chat Completions API, e.g.
`https://llm.example.com/v1`: vLLM, llama.cpp's server, Ollama, LM Studio). Beside `src`, it is
used only when this device cannot run the model, and the page is told (`llm-fallback`,
`backendReason`, `<llm-status>`); alone, every message goes to it. Messages sent to it leave the device. */
  endpoint?: LlmModel['endpoint'];
  /** The model's name on `endpoint`'s server. */
  endpointModel?: LlmModel['endpointModel'];
  /** A custom MLC build: URL of its weights (with `webgpu-model` and `webgpu-model-lib`). */
  webgpuModelUrl?: LlmModel['webgpuModelUrl'];
  /** A custom MLC build: URL of its compiled model library (`*.wasm`). */
  webgpuModelLib?: LlmModel['webgpuModelLib'];
  /** Which backend to use: `auto` chooses from the device. */
  backend?: LlmModel['backend'];
  /** The model that embeds the passages of the sources (`<llm-source>`) for search: a GGUF URL, or a
name of the embedding catalog (`minilm`, `bge-small-en`, `nomic-embed`). Without it the chat
model embeds them (pooled), which is no download more but finds less well. */
  embedSrc?: LlmModel['embedSrc'];
  /** Context window in tokens (default 2048). */
  contextSize?: LlmModel['contextSize'];
  /** CPU threads for the WebAssembly backend (default: chosen from the device). */
  threads?: LlmModel['threads'];
  /** When to download the model: `lazy` (on first need), `eager` (at once) or `manual` (on `load()`). */
  loading?: LlmModel['loading'];
  /** `tabs` (default): the `<llm-model>`s of this site, in all of the visitor's tabs (and in this page),
that load the same model with the same settings share one engine: one tab holds the model, the
others send it their requests, and their `backendReason` says the model runs in another tab. When
that tab closes, another takes over (requests in flight end with a retryable error). Browsers
without Web Locks load their own (the reason says so). `none`: this element loads its own engine. */
  share?: LlmModel['share'];
  /** Read-only. The engine's status: `idle | loading | ready | generating | error` (never `waiting`:
that is an element's own request), reflected as an attribute for styling (`llm-model[status='loading']`). */
  status?: LlmModel['status'];
  /** Read-only. Whether the model is stored complete in this browser (one of its builds), so a load
fetches nothing; reflected as an attribute (`llm-model[cached]`). Read when the element connects
(from the browser's storage: nothing of the model is downloaded), and after a load or `removeFromCache()`. */
  cached?: LlmModel['cached'];
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmModel['theme'];
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmModel['contrast'];
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmModel['density'];
  /** Headers for each request to `endpoint` (credentials), from JavaScript only: a key written in a
page is public, so a site puts its key in a proxy of its own and gives visitors a session instead. */
  endpointHeaders?: LlmModel['endpointHeaders'];
  /** The engine every element inside shares. Usable directly from JavaScript. */
  engine?: LlmModel['engine'];
  /** Progress of the current or last load. */
  progress?: LlmModel['progress'];
  /** The backend in use, once chosen. */
  backendKind?: LlmModel['backendKind'];
  /** Why that backend was chosen (or why none could be). */
  backendReason?: LlmModel['backendReason'];
  /** Bytes of the model stored in this browser (0 when it is not; see `cached`). */
  cachedBytes?: LlmModel['cachedBytes'];
  /** The last load error, while `status` is `error`. */
  error?: LlmModel['error'];
  /** What is known about the loaded model (name, architecture, context size, …), or null. */
  modelInfo?: LlmModel['modelInfo'];
  /** `llm-progress`: While the model loads; `detail` is a `LoadProgress` over every byte the load fetches: `{loaded, total, fraction, phase, bytesPerSecond, secondsLeft, model, fromCache}`. */
  onLlmProgress?: (e: CustomEvent<import('../dist/index.js').LoadProgress>) => void;
  /** `llm-ready`: When the model is loaded; `detail` is `{modelInfo, backend, reason}`. */
  onLlmReady?: (e: CustomEvent<import('../dist/index.js').LlmReadyDetail>) => void;
  /** `llm-error`: When loading fails; `detail` is `{code, message, error}`. A new `src` or `load()` tries again. */
  onLlmError?: (e: CustomEvent<import('../dist/index.js').LlmErrorDetail>) => void;
  /** `llm-fallback`: When a backend failed to start and another took over (WebGPU to WebAssembly; the browser's model to `src`); `detail` is `{from, to, message}`. */
  onLlmFallback?: (e: CustomEvent<import('../dist/index.js').LlmFallbackDetail>) => void;
  /** `llm-index-progress`: While its sources' passages are embedded into the search index; `detail` is `{done, total}` (equal when done). */
  onLlmIndexProgress?: (e: CustomEvent<import('../dist/index.js').LlmIndexProgressDetail>) => void;
  /** `llm-removed`: When `removeFromCache()` (or `<llm-status removable>`'s Remove button) has removed the model from this browser; `detail` is `{files, sizeBytes}`. */
  onLlmRemoved?: (e: CustomEvent<import('../dist/index.js').LlmRemovedDetail>) => void;
};

type LlmSourceProps = {
  /** CSS selector of the parts of this page that are the source (e.g. `main`, `#faq, #shipping`). */
  selector?: LlmSource['selector'];
  /** URL of another page of the site whose content is the source (with `selector`: those parts of it; else its `main`, or its body). */
  href?: LlmSource['href'];
  /** A name for the source, shown with its passages under an answer (default: the page's title). */
  label?: LlmSource['label'];
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmSource['theme'];
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmSource['contrast'];
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmSource['density'];
  /** The source's name in the search index: where its content comes from. */
  key?: LlmSource['key'];
  /** `llm-error`: When its page cannot be read (`network`: fetch failed or took over 15 s; `model-not-found`: HTTP 404) or its selector matches nothing (`invalid-request`). The chat answers from its other sources. */
  onLlmError?: (e: CustomEvent<import('../dist/index.js').LlmErrorDetail>) => void;
};

type LlmStatusProps = {
  /** Offers a Remove button (`part="remove"`, in the details) while the model is stored in this
browser: it unloads the model and removes it (`<llm-model>`'s `removeFromCache()`), and the next
use downloads it again. Off by default, so a page decides whether its visitors may. */
  removable?: LlmStatus['removable'];
  /** Shows the details (for developers: the backend and why, bytes and speed, an error's developer
message, storage, answer speed). The Details button sets and clears it; set it in the markup to
show them open from the start, as while developing a page. */
  details?: LlmStatus['details'];
  /** `compact`: one line (long texts end in an ellipsis), for a header or a toolbar; the details open
over the page below it instead of pushing it down. `default`: a box of two rows. */
  variant?: LlmStatus['variant'];
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmStatus['theme'];
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmStatus['contrast'];
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmStatus['density'];
  /** Replaces any of the texts shown, for other languages. */
  strings?: LlmStatus['strings'];
  /** Read-only. The model's status: `idle | loading | ready | generating | error` (never `waiting`), or
`error` when there is no `<llm-model>` around it. CSS reads it as a custom state
(`llm-status:state(loading)`), or as the `status` attribute the element sets on itself
(`llm-status[status='loading']`, also in browsers without custom states). */
  status?: LlmStatus['status'];
};

type LlmTextProps = {
  /** The text to continue (or, with `instruct`, the request). `{text}` stands for the text of `for`. */
  prompt?: LlmText['prompt'];
  /** The id of an element whose text feeds the prompt (e.g. an article to summarize). */
  for?: LlmText['htmlFor'];
  /** Wait for `run()` instead of generating on connect. */
  manual?: LlmText['manual'];
  /** Send the prompt as a user message through the model's chat template (for instruction-tuned models). */
  instruct?: LlmText['instruct'];
  /** Keeps the element from generating (and, where it has controls, disables them). */
  disabled?: LlmText['disabled'];
  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  temperature?: LlmText['temperature'];
  /** Most tokens to generate. Each element has its own default. */
  maxTokens?: LlmText['maxTokens'];
  /** Sample only from the k most likely tokens. */
  topK?: LlmText['topK'];
  /** Sample from the smallest set of tokens whose probability adds up to p. */
  topP?: LlmText['topP'];
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmText['theme'];
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmText['contrast'];
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmText['density'];
  /** The text generated so far. */
  text?: LlmText['text'];
  /** Replaces any of the texts the element shows or announces, for other languages. */
  strings?: LlmText['strings'];
  /** Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
(waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
on itself (`llm-chat[status='generating']`, also in browsers without custom states). */
  status?: LlmText['status'];
  /** `llm-token`: For each streamed piece of text; `detail` is `{delta, text}`. */
  onLlmToken?: (e: CustomEvent<import('../dist/index.js').LlmTokenDetail>) => void;
  /** `llm-response`: When the text is complete, or stopped (`finishReason: 'abort'`); `detail` is `{message, text, stats, finishReason}`. */
  onLlmResponse?: (e: CustomEvent<import('../dist/index.js').LlmResponseDetail>) => void;
  /** `llm-error`: When generating fails; `detail` is `{code, message, error}`. A failed model load is reported by `<llm-model>`, not again here. */
  onLlmError?: (e: CustomEvent<import('../dist/index.js').LlmErrorDetail>) => void;
};

type LlmToolProps = {
  /** The name the model calls it by: 1 to 64 letters, digits, `_` or `-`, unique among the chat's tools. */
  name?: LlmTool['name'];
  /** What the tool does and when to use it, for the model. */
  description?: LlmTool['description'];
  /** Ask the visitor before it runs (`<llm-chat>` shows Allow and Deny). */
  confirm?: LlmTool['confirm'];
  /** How long, in seconds, the page has to answer a call (`respond()` or `fail()`); after it, the call
fails and the model is told so. Default 30; a value that is not a positive number means 30. */
  timeout?: LlmTool['timeout'];
  /** The colour scheme: `light`, `dark`, or `auto` (the OS's). Unset, the page's `color-scheme` (of
any ancestor) decides: light unless the page says `dark`, or `light dark` with the OS dark. On
`<llm-model>` it applies to every element inside. */
  theme?: LlmTool['theme'];
  /** `more`: black text and borders (white in a dark scheme), as when the OS asks for more contrast
(`auto`, the default). On `<llm-model>` it applies to every element inside. */
  contrast?: LlmTool['contrast'];
  /** Paddings and gaps: `compact` or `comfortable` (the default); sets `--llm-density` (0.6 or 1). On
`<llm-model>` it applies to every element inside. */
  density?: LlmTool['density'];
  /** The engine's tool: its definition read now from the attributes and the children, and a `run()`
that fires `llm-tool-run` (or submits the form). Null when the tool is broken (see `llm-error`). */
  tool?: LlmTool['tool'];
  /** `llm-tool-run`: The model called the tool: `detail` is `{ call, signal, respond(result), fail(message) }`. Cancelable: `preventDefault()` to answer later. */
  onLlmToolRun?: (e: CustomEvent<import('../dist/index.js').LlmToolRunDetail>) => void;
  /** `llm-error`: The tool is broken (`code` is `invalid-request`): its JSON Schema is not valid JSON or not an object, or its name is not one a model accepts. */
  onLlmError?: (e: CustomEvent<import('../dist/index.js').LlmErrorDetail>) => void;
};

export type CustomElements = {
  /**
   * A chat with the language model of the nearest `<llm-model>`: type, press Enter, read the answer as it streams.
   * ---
   *
   *
   * ### **Methods:**
   *  - **send(text: _string_): _Promise<LlmResponseDetail | null>_** - Sends `text` as the user and streams the answer. Resolves when the answer ends, however it ends
   * (`finishReason` says how; on failure it is `error` with `error` set). Resolves with null when
   * nothing was sent: empty text (and, with `attach`, no file attached: the files attached go with the
   * message), `disabled`, or an `llm-send` listener cancelled it. A send while an answer
   * streams stops that answer first (it ends with `llm-response`, `finishReason: 'abort'`).
   * - **edit(index: _number_, text: _string_): _Promise<LlmResponseDetail | null>_** - Sends `text` in place of the user message at `index` (of `messages`), as a new version of it (the
   * old one and what followed it stay, as version 1), and streams the answer. Resolves with null when
   * nothing was sent (no user message there, empty text, `disabled`, an answer streaming, or an
   * `llm-edit` listener cancelled it).
   * - **regenerate(index): _Promise<LlmResponseDetail | null>_** - Asks again for the answer at `index` (by default the last); the new answer is a new version beside
   * the old. After an unanswered message, answers it. Resolves with null when there is nothing to answer.
   * - **continue(): _Promise<LlmResponseDetail | null>_** - Continues the last answer where it ended (cut at the length limit, or stopped), in the same
   * message. Resolves with null when the last message is no answer, an answer streams, `disabled`, or
   * an `llm-continue` listener cancelled it.
   * - **deleteTurn(index: _number_): _Promise<boolean>_** - Deletes the turn with the message at `index` (the user message and its answer); the turns after it
   * stay. When the message has other versions, only this one (and what followed it) goes. Resolves with false when
   * nothing was deleted (no message there, an answer streaming, an `llm-delete` listener cancelled it).
   * - **selectVersion(index: _number_, version: _number_): _Promise<boolean>_** - Shows `version` (from 1) of the message at `index`, with what followed it. Resolves with false when there is none.
   * - **retry(): _Promise<LlmResponseDetail | null>_** - What the Retry button does: after a failed load, loads the model again and answers the last
   * message; after a failed answer, asks for it again. Resolves with null when there is nothing to answer.
   * - **clear(): _void_** - Empties the conversation (and its saved copy).
   * - **stop(): _void_** - Stops the request in progress; what was generated so far stays.
   *
   * ### **Slots:**
   *  - **header** - Above the conversation (a title, for example).
   * - **empty** - Shown before the first message, in place of the default hint.
   * - **footer** - Below the message field.
   *
   * ### **CSS Properties:**
   *  - **--llm-chat-height** - Height of the conversation area (default `24rem`). _(default: undefined)_
   * - **--llm-accent** - Accent color: the send button, and links and the focus ring unless they have their own (default `light-dark(#1d4ed8, #93c5fd)`). _(default: undefined)_
   * - **--llm-on-accent** - Text on the accent color (default `light-dark(#ffffff, #0b1220)`). _(default: undefined)_
   * - **--llm-surface** - Background of the chat and of code blocks' copy buttons (default `light-dark(#ffffff, #111827)`). _(default: undefined)_
   * - **--llm-text** - Text color (default `light-dark(#111827, #f3f4f6)`). _(default: undefined)_
   * - **--llm-muted** - Secondary text color (notices, the empty hint, "stopped") (default `light-dark(#4b5563, #cbd5e1)`). _(default: undefined)_
   * - **--llm-border** - Border color of the chat, the message field and secondary buttons (default `light-dark(#d1d5db, #374151)`). _(default: undefined)_
   * - **--llm-danger** - Error color, and the stop button (default `light-dark(#b91c1c, #fca5a5)`). _(default: undefined)_
   * - **--llm-user-bubble** - Background of user messages (default `light-dark(#dbeafe, #1e3a8a)`). _(default: undefined)_
   * - **--llm-assistant-bubble** - Background of assistant messages (default `light-dark(#f3f4f6, #1f2937)`). _(default: undefined)_
   * - **--llm-focus-ring** - Color of the focus outline (default `var(--llm-accent)`). _(default: undefined)_
   * - **--llm-radius** - Corner radius of the chat and of messages; fields, buttons and code blocks use 0.25rem less (default `0.75rem`). _(default: undefined)_
   * - **--llm-density** - Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). _(default: undefined)_
   * - **--llm-font** - Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). _(default: undefined)_
   * - **--llm-font-mono** - Font family of code (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`). _(default: undefined)_
   * - **--llm-link-color** - Color of links in answers (default `var(--llm-accent)`). _(default: undefined)_
   * - **--llm-code-background** - Background of code in answers (default `color-mix(in srgb, currentColor 10%, transparent)`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The chat's outer box.
   * - **log** - The scrolling conversation (`role="log"`).
   * - **message** - Each message; also `user` or `assistant`.
   * - **user** - User messages.
   * - **assistant** - Assistant messages.
   * - **content** - The text of a message.
   * - **reasoning** - A reasoning model's thinking above its answer (Qwen3, DeepSeek-R1 distills, SmolLM3): a `<details>`, collapsed unless `reasoning="expanded"`, none with `reasoning="hidden"`.
   * - **reasoning-summary** - Its summary: "Thinking…" while it streams, then "Thought for 4 s" (announced once, politely).
   * - **reasoning-text** - The thinking, as plain text (never in the answer's text, `messages`, or what is sent back).
   * - **tool-step** - Each call of a tool in its answer (`tools`): a `<details>`, collapsed.
   * - **tool-summary** - Its summary: the tool's name, the call's status (waiting for you, running, done, failed, invalid call, denied) and, once it ran, its time (`done in 2.4 s`; none under a tenth of a second).
   * - **tool-arguments** - The call's arguments, as JSON text.
   * - **tool-result** - What the tool returned, as JSON text.
   * - **tool-error** - Why the call has no result (it failed, was invalid or denied).
   * - **tool-ask** - The question before a tool with `confirm` runs (announced politely), with Allow and Deny.
   * - **tool-ask-arguments** - What the tool would be given, as JSON text, above Allow and Deny.
   * - **tool-allow** - Lets the call run.
   * - **tool-deny** - Refuses it; the model is told.
   * - **sources** - Under an answer from sources: the passages it was given (an `<ol>`, labelled "Sources").
   * - **source-link** - Each of them: `[n] Heading › words…`, a link that scrolls to and highlights the passage in this page (or opens the other page at it, in a new tab).
   * - **citation** - A citation (`[1]`) in an answer's text, made a link to its source once the answer has ended.
   * - **copy-button** - The copy button of a code block.
   * - **actions** - The row of actions under each message (`role="group"`): shown on hover and focus, and always on the last message; reachable by Tab.
   * - **copy-message** - Copies a message (announces "Copied").
   * - **edit-button** - Edits a user message.
   * - **regenerate-answer** - Asks again for an answer, as a new version of it.
   * - **delete-turn** - Deletes a turn (the message and its answer).
   * - **versions** - The versions of a message (`◀ 2/3 ▶`), when it has more than one.
   * - **previous-version** - Shows the version before.
   * - **next-version** - Shows the version after.
   * - **editor** - The form that edits a user message, in its place.
   * - **edit-input** - The field of the editor (Enter or Save & send sends, Escape cancels).
   * - **save-button** - Sends the edited message.
   * - **cancel-button** - Stops editing.
   * - **attach** - The Attach button (with `attach`): a labelled file input, reached by Tab.
   * - **attachment** - A file's chip (its name and size in tokens), waiting to be sent (with Remove) or under the message it went with.
   * - **attach-notice** - Why files were refused (not text, too large, too long for the model), announced politely.
   * - **drop-hint** - "Drop text files to attach them", while files are dragged over the chat.
   * - **notice** - Notes about the conversation (left-out turns, loading, storage).
   * - **error** - The error message, when something failed (also when no `<llm-model>` is around).
   * - **retry** - The Retry button beside an error: loads the model again, or asks for the answer again (not shown for a message too long for the model).
   * - **form** - The message form.
   * - **input** - The message field (a `<textarea>`).
   * - **send** - The send button.
   * - **stop** - The stop button, shown while an answer streams.
   * - **toolbar** - The row with Regenerate and Clear.
   * - **regenerate** - The regenerate button.
   * - **clear** - The clear button.
   * - **typing** - The typing indicator (three dots, "Writing…" for screen readers) in an answer until its first token.
   * - **ending** - How an answer ended early: "Stopped." or "Stopped at the length limit.".
   * - **continue** - The Continue button beside the last answer's ending: extends the same answer.
   * - **jump** - "Jump to latest", over the log's bottom while the visitor reads further up.
   */
  'llm-chat': DefineComponent<LlmChatProps>;

  /**
   * Inline ghost-text completion for any `<textarea>` or `<input>`, on the model of the nearest `<llm-model>`.
   * ---
   *
   *
   * ### **Methods:**
   *  - **run(): _Promise<LlmResponseDetail | null>_** - Deprecated prompt mode (use `<llm-text>`): generates now, as `<llm-text>`'s `run()`. Resolves
   * with null inline: suggestions come from pauses in typing.
   * - **stop(): _void_** - Stops the request in progress and hides any suggestion.
   * - **retry(): _Promise<LlmResponseDetail | null>_** - What the Retry button does: after a failed load, loads the model again; then asks again.
   * Resolves with null when nothing was asked.
   *
   * ### **Slots:**
   *  - _default_ - The `<textarea>` or text `<input>` to complete.
   *
   * ### **CSS Properties:**
   *  - **--llm-ghost-color** - Color of the suggestion (default `var(--llm-muted)`). _(default: undefined)_
   * - **--llm-ghost-opacity** - Opacity of the suggestion (default `0.9`). _(default: undefined)_
   * - **--llm-muted** - Muted text color: the suggestion unless `--llm-ghost-color` is set, and the caret while generating (prompt mode) (default `light-dark(#4b5563, #cbd5e1)`). _(default: undefined)_
   * - **--llm-danger** - Error color (default `light-dark(#b91c1c, #fca5a5)`). _(default: undefined)_
   * - **--llm-text** - Text color (prompt mode) (default `light-dark(#111827, #f3f4f6)`). _(default: undefined)_
   * - **--llm-accent** - Accent color: links and the focus ring unless they have their own (prompt mode) (default `light-dark(#1d4ed8, #93c5fd)`). _(default: undefined)_
   * - **--llm-surface** - Background of code blocks' copy buttons (prompt mode) (default `light-dark(#ffffff, #111827)`). _(default: undefined)_
   * - **--llm-focus-ring** - Color of the focus outline of copy buttons (prompt mode) (default `var(--llm-accent)`). _(default: undefined)_
   * - **--llm-radius** - Code blocks use this radius less 0.25rem (prompt mode) (default `0.75rem`). _(default: undefined)_
   * - **--llm-density** - Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). _(default: undefined)_
   * - **--llm-font** - Font family (prompt mode; inline, the suggestion takes the field's font) (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). _(default: undefined)_
   * - **--llm-font-mono** - Font family of code (prompt mode) (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`). _(default: undefined)_
   * - **--llm-link-color** - Color of links (prompt mode) (default `var(--llm-accent)`). _(default: undefined)_
   * - **--llm-code-background** - Background of code (prompt mode) (default `color-mix(in srgb, currentColor 10%, transparent)`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **ghost** - The overlay that holds the suggestion (inline mode).
   * - **suggestion** - The suggested text (inline mode).
   * - **output** - The generated text (deprecated prompt mode, as `<llm-text>`).
   * - **error** - The error message (also when no `<llm-model>` is around).
   * - **retry** - The Retry button beside an error: loads the model again if its load failed (the next pause in typing asks again).
   */
  'llm-complete': DefineComponent<LlmCompleteProps>;

  /**
   * Fills a page's form from a pasted text (an email, an address, an order) with the model of the nearest `<llm-model>`; the form's own fields are the schema, so every value fits them.
   * ---
   *
   *
   * ### **Methods:**
   *  - **fill(): _Promise<LlmResponseDetail | null>_** - Reads the source text and fills the form. Resolves when it ends, however it ends, with the
   * `llm-response` detail (`value` holds the values; on failure `finishReason` is `error`, with
   * `error`, and the form is untouched). Resolves with null when nothing was asked: `disabled`, no
   * form, or no text.
   * - **undo(): _string[]_** - Puts every field back as it was before the last fill, the way the fill wrote it (clicks for boxes and radios, with events). Returns the names that changed.
   * - **retry(): _Promise<LlmResponseDetail | null>_** - What the Retry button does: after a failed load, loads the model again; then fills again.
   * - **stop(): _void_** - Stops the request in progress; what was generated so far stays.
   *
   * ### **Slots:**
   *  - **source** - The text to read: a `<textarea>` or `<input>` (its value) or any element (its text).
   * - _default_ - The `<form>` to fill. It stays the page's own, in the light DOM.
   *
   * ### **CSS Properties:**
   *  - **--llm-accent** - The Fill button's color and the focus ring (default `light-dark(#1d4ed8, #93c5fd)`). _(default: undefined)_
   * - **--llm-on-accent** - Text on the Fill button (default `light-dark(#ffffff, #0b1220)`). _(default: undefined)_
   * - **--llm-border** - Border of the buttons (default `light-dark(#d1d5db, #374151)`). _(default: undefined)_
   * - **--llm-muted** - The message's color (default `light-dark(#4b5563, #cbd5e1)`). _(default: undefined)_
   * - **--llm-danger** - Error color (default `light-dark(#b91c1c, #fca5a5)`). _(default: undefined)_
   * - **--llm-radius** - Buttons use this radius less 0.25rem (default `0.75rem`). _(default: undefined)_
   * - **--llm-density** - Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). _(default: undefined)_
   * - **--llm-focus-ring** - Color of the focus outline (default `var(--llm-accent)`). _(default: undefined)_
   * - **--llm-font** - Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). _(default: undefined)_
   * - **--llm-text** - Text color of the buttons and the message row (default `light-dark(#111827, #f3f4f6)`); the page's labels and fields keep the page's. _(default: undefined)_
   * - **--llm-filled-outline** - The outline of the fields a fill changed, on the page's own fields; `none` turns it off (default `2px solid var(--llm-accent)`). _(default: undefined)_
   * - **--llm-filled-outline-offset** - Its offset (default `1px`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **actions** - The row of buttons and the message between the source and the form.
   * - **fill** - The Fill button; while filling, it stops.
   * - **undo** - The Undo button, after a fill.
   * - **message** - What the last fill did (announced politely).
   * - **error** - The error message (also when no `<llm-model>` is around).
   * - **retry** - The Retry button beside an error: loads the model again if its load failed, then fills again.
   */
  'llm-form': DefineComponent<LlmFormProps>;

  /**
   * Runs one language model in the visitor's browser and shares it with every llm-* element inside it.
   * ---
   *
   *
   * ### **Methods:**
   *  - **load(): _Promise<void>_** - Downloads (or reads from cache) and loads the model now. Rejects with an `LlmError`.
   * - **unload(): _Promise<void>_** - Frees the model, its memory and its worker. Elements inside stop their work.
   * - **removeFromCache(): _Promise<CachedModel[]>_** - Unloads the model and removes it from this browser's storage (a load under way stops), so the
   * next use downloads it again; then `cached` is false and `llm-removed` fires. Rejects with a
   * `storage` error, removing nothing, while another element or tab downloads or loads the same
   * model (a loaded model then stays loaded).
   *
   * ### **Slots:**
   *  - _default_ - The elements that use the model: `<llm-chat>`, `<llm-status>`, `<llm-complete>`, and any markup.
   *
   * ### **CSS Properties:**
   *  - **--llm-*** - Theme tokens set here reach every element inside (e.g. `--llm-accent`). _(default: undefined)_
   */
  'llm-model': DefineComponent<LlmModelProps>;

  /**
   * A source of knowledge for the chats of its `<llm-model>`: passages of this page (a CSS selector), of another page of the site (`href`), or its own content, searched on the device so that answers cite them.
   * ---
   *
   *
   * ### **Methods:**
   *  - **passages(signal: _AbortSignal_): _Promise<SourcePassage[]>_** - The passages of its content now (fetched for `href`). An unreadable source reports `llm-error` and has none.
   *
   * ### **Slots:**
   *  - _default_ - Content that is itself the source (when neither `selector` nor `href` is set). Shown as it is.
   */
  'llm-source': DefineComponent<LlmSourceProps>;

  /**
   * Shows a visitor the state of the nearest `<llm-model>` in plain words (getting the model ready, with bytes and time left; ready; what went wrong, with Retry), and a developer the rest behind Details.
   * ---
   *
   *
   * ### **CSS Properties:**
   *  - **--llm-accent** - Color of the progress bar (default `light-dark(#1d4ed8, #93c5fd)`). _(default: undefined)_
   * - **--llm-text** - Text color (default `light-dark(#111827, #f3f4f6)`). _(default: undefined)_
   * - **--llm-muted** - Color of secondary text (the figures, the details) (default `light-dark(#4b5563, #cbd5e1)`). _(default: undefined)_
   * - **--llm-danger** - Color of errors (default `light-dark(#b91c1c, #fca5a5)`). _(default: undefined)_
   * - **--llm-border** - Border color of the box and the buttons (default `light-dark(#d1d5db, #374151)`). _(default: undefined)_
   * - **--llm-surface** - Background of the compact variant's details (default `light-dark(#ffffff, #111827)`). _(default: undefined)_
   * - **--llm-focus-ring** - Color of the buttons' focus outline (default `var(--llm-accent)`). _(default: undefined)_
   * - **--llm-radius** - Corner radius; the buttons use 0.25rem less (default `0.75rem`). _(default: undefined)_
   * - **--llm-density** - Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). _(default: undefined)_
   * - **--llm-font** - Font family (default: the page's). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The outer box.
   * - **label** - The status in words (announced politely when it changes).
   * - **progress** - The `<progress>` bar, while loading.
   * - **figures** - Beside it: bytes so far of all, and the time left ("120 MiB of 270 MiB · 2 min left").
   * - **error** - The error in a visitor's words (also when no `<llm-model>` is around, or a removal failed).
   * - **retry** - The Retry button beside an error: loads the model again.
   * - **details-button** - The Details button: shows and hides the details.
   * - **details** - The details (for developers): the parts below.
   * - **backend** - The backend in use and why.
   * - **transfer** - While loading: the bytes of all and the download's speed.
   * - **error-detail** - The developer's message of a failed load (the address, the setting to change).
   * - **cache** - The size of the model stored in this browser ("Cached in this browser, 812 MiB"), while it is stored.
   * - **remove** - The Remove button beside it, with `removable`: unloads the model and removes it from this browser.
   * - **storage** - Says the model will not be kept for the next visit (when this browser does not let the page store it), or may be evicted (when the browser did not agree to `navigator.storage.persist()`).
   * - **stats** - The last answer's speed.
   */
  'llm-status': DefineComponent<LlmStatusProps>;

  /**
   * Prompt → text: generates from a prompt (and the text of another element) on the model of the nearest `<llm-model>`, and streams the answer into itself as sanitized markdown.
   * ---
   *
   *
   * ### **Methods:**
   *  - **run(): _Promise<LlmResponseDetail | null>_** - Generates now (again), replacing any text so far. Resolves when it ends, however it ends (on
   * failure `finishReason` is `error`, with `error`). Resolves with null when nothing was asked:
   * `disabled`, or no prompt.
   * - **retry(): _Promise<LlmResponseDetail | null>_** - What the Retry button does: after a failed load, loads the model again; then asks again.
   * Resolves with null when nothing was asked.
   * - **stop(): _void_** - Stops the request in progress; what was generated so far stays.
   *
   * ### **CSS Properties:**
   *  - **--llm-muted** - The caret while generating (default `light-dark(#4b5563, #cbd5e1)`). _(default: undefined)_
   * - **--llm-danger** - Error color (default `light-dark(#b91c1c, #fca5a5)`). _(default: undefined)_
   * - **--llm-text** - Text color (default `light-dark(#111827, #f3f4f6)`). _(default: undefined)_
   * - **--llm-accent** - Accent color: links and the focus ring unless they have their own (default `light-dark(#1d4ed8, #93c5fd)`). _(default: undefined)_
   * - **--llm-surface** - Background of code blocks' copy buttons (default `light-dark(#ffffff, #111827)`). _(default: undefined)_
   * - **--llm-focus-ring** - Color of the focus outline of copy buttons (default `var(--llm-accent)`). _(default: undefined)_
   * - **--llm-radius** - Code blocks use this radius less 0.25rem (default `0.75rem`). _(default: undefined)_
   * - **--llm-density** - Multiplies paddings and gaps (default `1`; `density="compact"` sets `0.6`). _(default: undefined)_
   * - **--llm-font** - Font family (default: none, so the page's font; the library's own: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`). _(default: undefined)_
   * - **--llm-font-mono** - Font family of code (default `ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`). _(default: undefined)_
   * - **--llm-link-color** - Color of links (default `var(--llm-accent)`). _(default: undefined)_
   * - **--llm-code-background** - Background of code (default `color-mix(in srgb, currentColor 10%, transparent)`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **output** - The generated text.
   * - **error** - The error message (also when no `<llm-model>` is around).
   * - **retry** - The Retry button beside an error: loads the model again if its load failed, then generates again. Not shown for text too long for the model (`too-long`), unless it comes from a `for` field the visitor can shorten.
   */
  'llm-text': DefineComponent<LlmTextProps>;

  /**
   * A tool of the page, declared in HTML inside `<llm-chat>` or its `<llm-model>`: the model calls it, and the page answers through the `llm-tool-run` event, or through the tool's own form.
   * ---
   *
   *
   * ### **Slots:**
   *  - _default_ - A `<script type="application/json">` holding the arguments' JSON Schema, or a `<form>` whose fields are the arguments. Shown as they are.
   */
  'llm-tool': DefineComponent<LlmToolProps>;
};

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalComponents extends CustomElements {}
}

declare global {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-interface
    interface IntrinsicElements extends CustomElements {}
  }
}
