// The engine's defaults that every page reads (the script-tag entry holds them); the code that
// loads a model (model-loader.ts) comes with the first load.

/** Context window when the page sets none. */
export const DEFAULT_CONTEXT_SIZE = 2048;

/** How long a download may go without data, or a server without answering, when the page sets no `stallTimeoutMs`. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;
