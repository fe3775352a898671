import type { AttachStrings } from './chat-attachments.js';
import type { AttachViewStrings } from './chat-attachments-view.js';

/**
 * Every text `<llm-chat>` shows or announces. Replace any of them through the `strings` property; the
 * attachments' (with `attach`) are optional, with English defaults.
 */
export interface LlmChatStrings extends Partial<AttachViewStrings & AttachStrings> {
  /** Accessible name of the conversation log. */
  log: string;
  /** Accessible name of the message field. */
  input: string;
  placeholder: string;
  send: string;
  stop: string;
  regenerate: string;
  clear: string;
  /** Labels read before each message. */
  user: string;
  assistant: string;
  /** Shown before the first message (when the `empty` slot is not used). */
  empty: string;
  /**
   * Shown while the model downloads; `{progress}` is what is known of it (`120 MiB of 270 MiB · 2 min
   * left`, from `loadedOf` and `timeLeft`), `{percent}` the share done.
   */
  loading: string;
  /** Shown while the model is read from this device; `{progress}` as in `loading`. */
  loadingCached: string;
  /** `{loaded}` of `{total}` bytes while downloading. */
  loadedOf: string;
  /** `{time}` left; `{time}` is written in the page's language (`2 min`). */
  timeLeft: string;
  /** Shown when the oldest turns were left out to fit the context window; `{count}` messages. */
  trimmed: string;
  /** Shown when an answer was stopped. */
  stopped: string;
  // An answer's state (the defaults load with the chat's first message).
  /** Shown when an answer ended at the length limit (default `Stopped at the length limit.`). */
  cutOff?: string;
  /** Continues an answer that was stopped or cut at the length limit, in the same message (default `Continue`). */
  continue?: string;
  /** Read by screen readers in the typing indicator, before an answer's first words (default `Writing…`). */
  writing?: string;
  /** Shown while the visitor reads further up: scrolls to the newest message (default `Jump to latest`). */
  jump?: string;
  /** Announced politely when an answer is complete; `{text}` is the answer. */
  answered: string;
  /** Shown when no `<llm-model>` is around the chat. */
  noProvider: string;
  /** Shown when saving the conversation fails; `{reason}`. */
  storageError: string;
  /** Shown when a saved conversation cannot be read; `{reason}`. */
  restoreError: string;
  /** Retry button after a failed load or a failed answer. */
  retry: string;
  copy: string;
  copied: string;
  copyCode: string;
  // A reasoning model's thinking (the defaults load with the messages' view).
  /** The reasoning section's label while the model thinks (default `Thinking…`). */
  thinking?: string;
  /** Its label once it has, announced politely (default `Thought for {seconds} s`). */
  thought?: string;
  // Tools (the defaults load with the messages' view, but `toolConfirm`).
  /** Asks the visitor before a tool with `confirm` runs, beside Allow and Deny; announced politely (default `Run the tool {name}?`). */
  toolConfirm?: string;
  /** Lets the call run (default `Allow`). */
  allow?: string;
  /** Refuses it: the model is told (default `Deny`). */
  deny?: string;
  /** A call's summary (default `Tool {name}: {status}`). */
  toolStep?: string;
  /** After the status of a call that ran for a tenth of a second or more, how long (default ` in {seconds} s`: `done in 2.4 s`). */
  toolTime?: string;
  /** A call's status in its summary (defaults `waiting for you`, `running`, `done`, `failed`, `invalid call`, `denied`). */
  toolConfirming?: string;
  toolRunning?: string;
  toolDone?: string;
  toolError?: string;
  toolInvalid?: string;
  toolDenied?: string;
  /** The labels of a call's arguments, result and error (defaults `Arguments`, `Result`, `Error`). */
  toolArguments?: string;
  toolResult?: string;
  toolErrorLabel?: string;
  // Sources (`<llm-source>`; the defaults load with the sources' code and the messages' view).
  /** The answer when no passage of the sources is close enough to the question (default `I found nothing about that in this site's pages.`). */
  sourcesNone?: string;
  /** A note under the conversation while the sources are read for a question (default `Reading the site’s pages for answers · {done} of {total}`). */
  sourcesReading?: string;
  /** What the model is told before the passages (default: answer from them, cite them as [1], say when they do not answer). */
  sourcesInstruction?: string;
  /** Accessible name of the list of sources under an answer, and its heading (default `Sources`). */
  sources?: string;
  /** Accessible name of a citation link in an answer (default `Source {n}: {label}`). */
  citation?: string;
  // The messages' actions (their defaults load with them, with the chat's first message).
  /** Accessible name of each message's row of actions (default `Message actions`). */
  messageActions?: string;
  /** Copies a message (default `Copy`); `copied` is announced. */
  copyMessage?: string;
  /** Edits a user message (default `Edit`). */
  edit?: string;
  /** Accessible name of the field that edits a message (default `Edit message`). */
  editMessage?: string;
  /** Sends the edited message (default `Save & send`). */
  saveAndSend?: string;
  /** Stops editing (default `Cancel`). */
  cancel?: string;
  /** Asks again for an answer (default `Regenerate`). */
  regenerateAnswer?: string;
  /** Deletes a turn: the message and its answer (default `Delete`). */
  deleteTurn?: string;
  /** The versions' buttons (default `Previous version`, `Next version`). */
  previousVersion?: string;
  nextVersion?: string;
  /** Names the versions shown, and is announced on a change (default `Version {version} of {count}`). */
  versionOf?: string;
}

export const defaultChatStrings: LlmChatStrings = {
  log: 'Conversation',
  input: 'Message',
  placeholder: 'Type a message…',
  send: 'Send',
  stop: 'Stop',
  regenerate: 'Regenerate',
  clear: 'Clear conversation',
  user: 'You',
  assistant: 'Assistant',
  empty: 'Ask anything. The model runs on this device; nothing you type leaves it.',
  loading: 'Getting the AI model ready… {progress}',
  loadingCached: 'Loading the AI model from this device… {progress}',
  loadedOf: '{loaded} of {total}',
  timeLeft: '{time} left',
  trimmed: 'The {count} oldest messages were left out so the conversation fits the model’s context window.',
  stopped: 'Stopped.',
  answered: 'Answer: {text}',
  noProvider: 'This chat needs an <llm-model> element around it.',
  storageError: 'The conversation could not be saved: {reason}',
  restoreError: 'The saved conversation could not be restored: {reason}',
  retry: 'Retry',
  copy: 'Copy',
  copied: 'Copied',
  copyCode: 'Copy code',
};
