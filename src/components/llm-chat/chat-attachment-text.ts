// A text file attached to a chat message, as the model reads it and as it is kept: what the chat
// needs with every message (so not with the reading and counting of files, chat-attachments.ts).

/** A text file attached to a message. Saved with the conversation, so it is the whole text. */
export interface Attachment {
  name: string;
  /** What its block (`attachmentBlock()`) costs the model, by its tokenizer where it has one. */
  tokens: number;
  text: string;
}

/**
 * A file as the model reads it: in a tag that names it and shows where it ends, so the model can
 * tell the file from the question and name the file in its answer (document tags are how model
 * makers advise giving a model documents; llama.cpp's templates pass them through as text).
 */
export function attachmentBlock(name: string, text: string): string {
  const safeName = name.replace(/["<>\n]/g, '_');
  return `<file name="${safeName}">\n${text.replace(/\n$/, '')}\n</file>`;
}

/** A message's text for the model: its files first, then the question (the model reads the question last). */
export function contentWithAttachments(content: string, attachments: readonly Attachment[] = []): string {
  if (!attachments.length) return content;
  return [...attachments.map((a) => attachmentBlock(a.name, a.text)), content].filter(Boolean).join('\n\n');
}

/** Restores saved attachments, dropping any that are not one. */
export function readSavedAttachments(value: unknown): Attachment[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const valid = value.filter(
    (a): a is Attachment =>
      typeof a === 'object' &&
      a !== null &&
      typeof (a as Attachment).name === 'string' &&
      typeof (a as Attachment).text === 'string' &&
      Number.isInteger((a as Attachment).tokens),
  );
  return valid.length ? valid : undefined;
}
