// A DOM-less unit test (Vitest with jsdom): the elements define, upgrade and render with no stubs.
import { expect, test } from 'vitest';
import 'llm-elements';

test('every element renders its shadow DOM in jsdom', async () => {
  document.body.innerHTML = `<llm-model src="/models/stories260K.gguf" loading="manual">
    <llm-status></llm-status>
    <llm-chat></llm-chat>
    <llm-complete><textarea aria-label="Story"></textarea></llm-complete>
  </llm-model>`;
  const tags = ['llm-model', 'llm-status', 'llm-chat', 'llm-complete'];
  for (const tag of tags) {
    const element = document.querySelector(tag);
    expect(customElements.get(tag), tag).toBeDefined();
    await element.updateComplete;
    expect(element.shadowRoot, tag).not.toBeNull();
  }
  const chat = document.querySelector('llm-chat');
  expect(chat.shadowRoot.querySelector('textarea')).not.toBeNull();
  expect(chat.status).toBe('idle');
  chat.messages = [
    { role: 'user', content: 'Hello' },
    { role: 'assistant', content: '**Hi** there' },
  ];
  await chat.updateComplete;
  expect(chat.shadowRoot.textContent).toContain('Hello');
});
