// A model that carries a chat template in its GGUF is formatted with that template, not the fallback.
// The test server derives stories260K-chatml.gguf from the real model: same weights, plus a ChatML
// `tokenizer.chat_template` (scripts/dev-server-plugins.mjs).
import { expect } from '@open-wc/testing';
import { Engine, type ChatMessage } from '../../src/engine/index.js';
import { MODEL_URL } from '../helpers/model.js';

const CHATML_URL = new URL('/models/stories260K-chatml.gguf', location.href).href;
const messages: ChatMessage[] = [
  { role: 'system', content: 'You tell stories.' },
  { role: 'user', content: 'Once upon a time' },
];
const chatml = (list: ChatMessage[]) =>
  `${list.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join('')}<|im_start|>assistant\n`;

describe('chat templates on the real model', () => {
  let engine: Engine;
  afterEach(() => engine?.unload());

  it('reads the template from the GGUF and formats chat with it', async () => {
    engine = new Engine();
    const model = await engine.load(CHATML_URL);
    expect(model.chatTemplate).to.include('<|im_start|>');

    const options = { temperature: 0, max_tokens: 16 };
    const viaChat = await engine.chat(messages, options).result;
    const viaTemplate = await engine.complete(chatml(messages), options).result;
    expect(viaChat.promptTokens).to.equal(viaTemplate.promptTokens);
    expect(viaChat.text).to.equal(viaTemplate.text);
    expect(viaChat.text.length).to.be.greaterThan(0);
  });

  it('formats chat for a model without a template with the documented fallback transcript', async () => {
    engine = new Engine();
    const model = await engine.load(MODEL_URL);
    expect(model.chatTemplate).to.equal(null);
    const options = { temperature: 0, max_tokens: 16 };
    const viaChat = await engine.chat(messages, options).result;
    const viaFallback = await engine.complete('You tell stories.\n\nUser: Once upon a time\nAssistant:', {
      ...options,
      stop: ['\nUser:', '\nAssistant:'],
    }).result;
    expect(viaChat.text).to.equal(viaFallback.text);
    expect(viaChat.promptTokens).to.equal(viaFallback.promptTokens);
  });
});
