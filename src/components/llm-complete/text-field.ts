import type { TextField } from '../../render/ghost-text.js';

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', '']);

/**
 * Whether `element` is a field inline completion can serve. Its own small file: `<llm-complete>`
 * checks its slotted field with it at once, and loads the completion's code only for such a field.
 */
export function isTextField(element: Element): element is TextField {
  return (
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(element.type))
  );
}
