/** Every text `<llm-status>` shows. Replace any of them through the `strings` property. */
export interface LlmStatusStrings {
  idle: string;
  loading: string;
  /** Shown while the model file is read from the browser's cache. */
  loadingCached: string;
  ready: string;
  generating: string;
  error: string;
  /** Accessible name of the progress bar. */
  progress: string;
  retry: string;
  /** Shown when the model cannot be kept for the next visit; `{reason}` says why. */
  notKept: string;
  /** Shown when the browser did not agree to keep the stored model (`navigator.storage.persist()`). */
  mayBeEvicted: string;
  /** Shown while the model is stored in this browser; `{size}` is its size (`812 MiB`). */
  cached: string;
  /** The text of the Remove button (`removable`). */
  remove: string;
  /** The Remove button's accessible name; `{size}` is the model's size. */
  removeLabel: string;
  /** `{speed}` tokens per second of the last answer. */
  speed: string;
  noProvider: string;
}

export const defaultStatusStrings: LlmStatusStrings = {
  idle: 'Model not loaded yet',
  loading: 'Downloading the model… {percent}',
  loadingCached: 'Loading the model from this browser’s cache… {percent}',
  ready: 'Model ready',
  generating: 'Writing…',
  error: 'The model could not be loaded',
  progress: 'Model download',
  retry: 'Retry',
  notKept: 'This model will be downloaded again on your next visit: {reason}.',
  mayBeEvicted: 'This browser may remove the stored model when the device runs low on space.',
  cached: 'Cached in this browser, {size}',
  remove: 'Remove',
  removeLabel: 'Remove the model from this browser ({size})',
  speed: '{speed} tokens/s',
  noProvider: 'No <llm-model> around this status.',
};
