// Text files attached to a chat message: which files are text, reading them (bounded), counting
// them with the model's tokenizer, and whether they fit the context window. A file that cannot fit
// is refused in plain words, never cut. Pure logic: the view is chat-attachments-view.ts.
import { format } from '../../base/format.js';
import { LlmError } from '../../engine/core/errors.js';
import type { ChatMessage, TokenCount } from '../../engine/core/types.js';
import { attachmentBlock, type Attachment } from './chat-attachment-text.js';

export * from './chat-attachment-text.js';

/** A message as the chat keeps it, with the files sent with it. */
export type MessageWithAttachments = ChatMessage & { attachments?: readonly Attachment[] };

/** What measuring needs of the engine. */
export interface AttachEngine {
  readonly contextSize: number;
  readonly status: string;
  readonly source: unknown;
  countTokens(text: string, options?: { signal?: AbortSignal }): Promise<TokenCount>;
  load(): Promise<unknown>;
}

export interface AttachStrings {
  fileNotText: string;
  fileTooLarge: string;
  fileTooLong: string;
  fileUnreadable: string;
}

/** Plain words, with `{name}`, `{tokens}`, `{room}`, `{size}`, `{max}`, `{reason}` filled in. */
export const attachStrings: AttachStrings = {
  fileNotText: '{name} is not a text file: attach text, Markdown, CSV, JSON or source code.',
  fileTooLarge: '{name} is too large to attach: {size} (at most {max}).',
  fileTooLong: '{name} is too long for this model: {tokens} tokens, room for {room}.',
  fileUnreadable: '{name} could not be read: {reason}',
};

/** Files over this are refused before they are read (a chat model reads far less than 2 MB of text). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Bytes looked at for a NUL, which text never has and binary files nearly always do. */
const SNIFF_BYTES = 8192;

const TEXT_EXTENSIONS =
  'txt text md markdown csv tsv json jsonl ndjson xml yaml yml toml ini cfg conf log env ' +
  'js mjs cjs jsx ts mts cts tsx py rb php java kt kts swift go rs c h cc cpp hpp cs fs scala ' +
  'sh bash zsh ps1 bat sql html htm css scss less svelte vue astro lua pl r dart ex exs erl hs ' +
  'clj elm tex bib rst adoc org diff patch srt vtt gitignore dockerfile makefile';
const EXTENSIONS = new Set(TEXT_EXTENSIONS.split(' '));
const TEXT_TYPES = /^(text\/|application\/(json|ld\+json|xml|javascript|x-sh|x-python|x-yaml|toml|sql)\b)/;

/** For the file picker's `accept`: the text types and extensions above. */
export const ACCEPT = ['text/*', 'application/json', ...[...EXTENSIONS].map((ext) => `.${ext}`)].join(',');

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot === -1 ? name : name.slice(dot + 1)).toLowerCase();
}

/** Whether a file says it is text (its type, or its extension; a file that says nothing is sniffed). */
export function looksLikeText(file: Pick<File, 'name' | 'type'>): boolean {
  if (TEXT_TYPES.test(file.type) || EXTENSIONS.has(extensionOf(file.name))) return true;
  return file.type === '' && !file.name.includes('.');
}

/** Whether the file's first bytes hold a NUL (an image, an archive, a PDF, UTF-16). */
export async function isBinary(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return head.includes(0);
}

export interface AttachRequest {
  engine: AttachEngine;
  /** Attachments already waiting to be sent with the message. */
  pending?: readonly Attachment[];
  /** Texts that go with the files and must fit with them: the system prompt, the typed message. */
  fixed?: readonly string[];
  /** Tokens kept for the answer (the chat's max-tokens). */
  reserve: number;
  strings?: AttachStrings;
  signal?: AbortSignal;
}

export interface AttachOutcome {
  accepted: Attachment[];
  /** Why each refused file was refused, in plain words. */
  refused: string[];
}

const numberWords = (n: number) => n.toLocaleString('en');
const sizeWords = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;

/** Counts with the model, loading it first if it is not loaded yet (the visitor wants it now). */
async function count(engine: AttachEngine, text: string, signal?: AbortSignal): Promise<number> {
  try {
    return (await engine.countTokens(text, { signal })).tokens;
  } catch (error) {
    if (!(LlmError.is(error) && error.code === 'not-loaded' && engine.source && engine.status === 'idle')) throw error;
    await engine.load();
    return (await engine.countTokens(text, { signal })).tokens;
  }
}

/**
 * Reads `files` and decides which can go with the message: text, at most `MAX_FILE_BYTES`, and
 * fitting the context window with the pending files, the `fixed` texts and the answer's reserve.
 */
export async function readAttachments(files: Iterable<File>, request: AttachRequest): Promise<AttachOutcome> {
  const { engine, reserve, signal } = request;
  const strings = request.strings ?? attachStrings;
  const outcome: AttachOutcome = { accepted: [], refused: [] };
  const fixed = (request.fixed ?? []).filter(Boolean).join('\n\n');
  let used = (fixed ? await count(engine, fixed, signal) : 0) + sum(request.pending ?? []);
  for (const file of files) {
    const name = file.name;
    try {
      if (!looksLikeText(file) || (file.size > 0 && (await isBinary(file)))) {
        outcome.refused.push(format(strings.fileNotText, { name }));
        continue;
      }
      if (file.size > MAX_FILE_BYTES) {
        const values = { name, size: sizeWords(file.size), max: sizeWords(MAX_FILE_BYTES) };
        outcome.refused.push(format(strings.fileTooLarge, values));
        continue;
      }
      const text = await file.text();
      const tokens = await count(engine, attachmentBlock(name, text), signal);
      const room = Math.max(0, engine.contextSize - reserve - used);
      if (tokens > room) {
        outcome.refused.push(
          format(strings.fileTooLong, { name, tokens: numberWords(tokens), room: numberWords(room) }),
        );
        continue;
      }
      used += tokens;
      outcome.accepted.push({ name, tokens, text });
    } catch (error) {
      if (signal?.aborted) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      outcome.refused.push(format(strings.fileUnreadable, { name, reason }));
    }
  }
  return outcome;
}

function sum(attachments: readonly Attachment[]): number {
  return attachments.reduce((total, a) => total + a.tokens, 0);
}
