// Helpers for the render tests: compare what a StreamingMarkdown shows with a one-piece rendering.
import { lex, renderBlocks } from '../../src/render/markdown-renderer.js';
import type { StreamingMarkdown } from '../../src/render/streaming-markdown.js';

export const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export interface Shape {
  /** Elements by tag (without the boxes and code headers a view adds). */
  tags: Record<string, number>;
  /** The text, without white space. */
  text: string;
  /** The text of each code block, exactly. */
  code: string[];
}

/** What a reader sees, comparable between two renderings. */
export function shape(root: ParentNode): Shape {
  const clone = document.createElement('div');
  clone.append(...[...root.childNodes].map((node) => node.cloneNode(true)));
  clone.querySelectorAll('.code-header').forEach((header) => header.remove());
  const tags: Record<string, number> = {};
  for (const el of clone.querySelectorAll('*'))
    if (el.localName !== 'div') tags[el.localName] = (tags[el.localName] ?? 0) + 1;
  return {
    tags,
    text: (clone.textContent ?? '').replace(/\s+/g, ''),
    code: [...clone.querySelectorAll('pre')].map((pre) => pre.textContent ?? ''),
  };
}

/** The shape of `text` rendered in one piece, without streaming. */
export function reference(text: string): Shape {
  const tokens = lex(text.replace(/\r\n?/g, '\n'));
  return shape(renderBlocks(tokens, tokens.links));
}

/** Token-sized pieces (a word or a few characters), as a model streams them. */
export const pieces = (text: string) => text.match(/\s*\S{1,4}|\s+/g) ?? [];

/**
 * Streams `pieces` into `view`, waiting a frame after every `charsPerFrame` characters (a fast model:
 * more text a frame is the harder case), then finishes it and waits until it all shows.
 */
export async function stream(view: StreamingMarkdown, parts: string[], charsPerFrame: number): Promise<void> {
  let sinceFrame = 0;
  for (const part of parts) {
    view.append(part);
    sinceFrame += part.length;
    if (sinceFrame >= charsPerFrame) {
      sinceFrame = 0;
      await nextFrame();
    }
  }
  view.finish();
  await view.rendered;
}
