import { sendKeys } from '@web/test-runner-commands';
import type { LlmChat } from '../../src/index.js';
import type { LlmResponseEvent } from '../../src/events/llm-response.js';
import { nextEvent } from './wait.js';

export const part = (el: Element, name: string): HTMLElement | null =>
  el.shadowRoot?.querySelector(`[part~="${name}"]`) ?? null;

export const parts = (el: Element, name: string): HTMLElement[] => [
  ...(el.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${name}"]`) ?? []),
];

/** Types into the chat's field with the real keyboard and presses Enter; resolves on llm-response (30 s at most). */
export async function typeAndSend(chat: LlmChat, text: string): Promise<LlmResponseEvent> {
  const response = nextEvent(chat, 'llm-response', 30_000);
  part(chat, 'input')?.focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
  return response;
}

/** The visible text of every message, in order. */
export function transcript(chat: LlmChat): string[] {
  return parts(chat, 'message').map((m) => (m.querySelector('.content')?.textContent ?? '').trim());
}
