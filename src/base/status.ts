/**
 * The one status vocabulary of every element, reflected as its `status` attribute (so CSS can
 * read it: `llm-chat[status='generating']`).
 *
 * - `idle`: no model loaded yet, and nothing asked of it.
 * - `loading`: the model is downloading or loading (a request made now waits for it).
 * - `ready`: the model is loaded and this element is not working.
 * - `waiting`: this element's request is on its way: queued behind another element's answer, or
 *   waiting for its first token.
 * - `generating`: this element's answer is streaming (for `<llm-model>`/`<llm-status>`: any answer).
 * - `error`: the last load or this element's last request failed, or there is no `<llm-model>`
 *   around it; generating elements and `<llm-status>` show why (with Retry where retrying can help).
 */
export type ElementStatus = 'idle' | 'loading' | 'ready' | 'waiting' | 'generating' | 'error';
