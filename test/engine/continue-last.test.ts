// continueLast: the model goes on with the last assistant message instead of starting a new turn,
// on real llama.cpp with stories260K (no template: the fallback transcript) and its ChatML variant
// (the template, through llama.cpp's own rendering of an open last turn).
import { expect } from '@open-wc/testing';
import { Engine, LlmError, type Backend, type ChatMessage } from '../../src/engine/index.js';
import { formatFallbackPrompt } from '../../src/engine/prompting/chat-template.js';
import { MODEL_URL } from '../helpers/model.js';

const CHATML_URL = new URL('/models/stories260K-chatml.gguf', location.href).href;
const question: ChatMessage[] = [
  { role: 'system', content: 'You tell stories.' },
  { role: 'user', content: 'Once upon a time' },
];
const greedy = (max_tokens: number) => ({ temperature: 0, max_tokens });

describe('continueLast', () => {
  let engine: Engine;
  afterEach(() => engine?.unload());

  for (const [name, url] of [
    ['without a template (fallback transcript)', MODEL_URL],
    ['with a ChatML template', CHATML_URL],
  ] as const) {
    it(`a 16-token answer continued by 16 tokens is the 32-token answer, ${name}`, async () => {
      engine = new Engine();
      await engine.load(url);
      const first = await engine.chat(question, greedy(16)).result;
      expect(first.finishReason).to.equal('length');
      const rest = await engine.chat([...question, { role: 'assistant', content: first.text }], {
        ...greedy(16),
        continueLast: true,
      }).result;
      const whole = await engine.chat(question, greedy(32)).result;
      expect(rest.error).to.equal(undefined);
      expect(rest.text.length).to.be.greaterThan(0);
      expect(first.text + rest.text).to.equal(whole.text);
    });
  }

  it('the fallback transcript leaves the answer open: its text, no new turn after it', () => {
    const messages: ChatMessage[] = [...question, { role: 'assistant', content: ' Anna was confu' }];
    expect(formatFallbackPrompt(messages, { continueLast: true })).to.equal(
      'You tell stories.\n\nUser: Once upon a time\nAssistant: Anna was confu',
    );
    expect(formatFallbackPrompt(messages)).to.match(/Anna was confu\nAssistant:$/);
  });

  it('refuses a conversation that does not end with an answer, and a completion (invalid-request)', async () => {
    engine = new Engine();
    const chat = await engine.chat(question, { continueLast: true }).result;
    expect(chat.error?.code).to.equal('invalid-request');
    expect(chat.error?.message).to.match(/ends with the assistant message/);
    const completion = await engine.complete('Once', { continueLast: true }).result;
    expect(completion.error?.code).to.equal('invalid-request');
  });

  for (const kind of ['web-llm', 'browser-model'] as const) {
    it(`${kind} cannot: unsupported, before anything runs`, async () => {
      let generated = false;
      const backend: Backend = {
        kind,
        load: async () => ({
          name: 'stand-in',
          architecture: 'llama',
          contextSize: 2048,
          trainedContextSize: 2048,
          chatTemplate: null,
          chatFormat: 'library',
          sizeBytes: 1,
        }),
        generate: async () => {
          generated = true;
          return { finishReason: 'stop' };
        },
        unload: async () => {},
      };
      // Registered where a GGUF source goes, so no WebGPU or Prompt API is needed: the refusal reads the backend's kind.
      engine = new Engine({ backends: { 'wllama-wasm': async () => backend } });
      await engine.load(new URL('/models/never-fetched.gguf', location.href).href);
      const result = await engine.chat([...question, { role: 'assistant', content: 'Anna' }], {
        continueLast: true,
      }).result;
      expect(result.error).to.be.instanceOf(LlmError);
      expect(result.error?.code).to.equal('unsupported');
      expect(result.error?.message).to.include(kind);
      expect(generated).to.equal(false);
    });
  }
});
