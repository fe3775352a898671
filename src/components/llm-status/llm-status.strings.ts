/** Every text `<llm-status>` shows. Replace any of them through the `strings` property. */
export interface LlmStatusStrings {
  idle: string;
  /** Shown while the model's files download (the figures follow it). */
  loading: string;
  /** Shown while the model is read from this device (it was stored on an earlier visit). */
  loadingCached: string;
  /** Shown once every byte is in, while the engine starts and reads the model. */
  starting: string;
  /** While the sources' passages are embedded for search (`<llm-source>`): `{done}` of `{total}` passages (default `Reading the site’s pages for answers · {done} of {total}`). */
  indexing?: string;
  /** Ready, the model on a server (`<llm-model endpoint>`): `{host}` is the server's (default `Ready · answers come from {host}`). */
  readyRemote?: string;
  ready: string;
  generating: string;
  error: string;
  /** `{loaded}` of `{total}` bytes while downloading (`120 MiB of 270 MiB`). */
  loadedOf: string;
  /** `{time}` left (`2 min left`); `{time}` is written in the page's language. */
  timeLeft: string;
  /** Accessible name of the progress bar. */
  progress: string;
  retry: string;
  /** The button that shows and hides the details (the engine, storage, speed). */
  details: string;
  /** What a visitor reads when the connection failed (a download broke off, stalled, or a server error). */
  errorNetwork: string;
  /** When the model does not fit this device's memory. */
  errorTooLarge: string;
  /** When this browser cannot run the model (the engine, or a page setting, stops it). */
  errorBrowser: string;
  /** When the browser has no room to store the model. */
  errorStorage: string;
  /** When the browser's own model waits for a click or key press on the page. */
  errorNotAllowed: string;
  /** Any other failure (the model's address or file is wrong: the site's to fix). */
  errorOther: string;
  /** In the details: the developer's message of a failed load; `{message}`. */
  errorDetail: string;
  /** In the details, while loading: `{loaded}` of `{total}` at `{speed}`. */
  transfer: string;
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
  loading: 'Getting the AI model ready',
  loadingCached: 'Loading the AI model from this device…',
  starting: 'Starting the AI model…',
  ready: 'Ready · runs on this device',
  generating: 'Writing…',
  error: 'The model could not be loaded',
  loadedOf: '{loaded} of {total}',
  timeLeft: '{time} left',
  progress: 'Model loading',
  retry: 'Retry',
  details: 'Details',
  errorNetwork: 'Connection failed. Check it, then retry.',
  errorTooLarge: 'This device lacks the memory for this model.',
  errorBrowser: 'This browser cannot run the AI model.',
  errorStorage: 'This browser has no room left for the model.',
  errorNotAllowed: 'Press Retry to start the AI model.',
  errorOther: 'The AI model is not available right now.',
  errorDetail: 'Details for the site’s developer: {message}',
  transfer: '{loaded} of {total} · {speed}',
  notKept: 'This model will be downloaded again on your next visit: {reason}.',
  mayBeEvicted: 'This browser may remove the stored model when the device runs low on space.',
  cached: 'Cached in this browser, {size}',
  remove: 'Remove',
  removeLabel: 'Remove the model from this browser ({size})',
  speed: '{speed} tokens/s',
  noProvider: 'No <llm-model> around this status.',
};
