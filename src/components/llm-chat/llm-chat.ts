// Defining <llm-chat> also defines <llm-model>, so the provider is there for it.
import '../llm-model/llm-model.js';
import { LlmChat } from './llm-chat.component.js';

export * from './llm-chat.component.js';
export type { LlmChatStrings } from './llm-chat.strings.js';
export default LlmChat;

LlmChat.define('llm-chat');

declare global {
  interface HTMLElementTagNameMap {
    'llm-chat': LlmChat;
  }
}
