// Each element, exercised through its life (load, generate, change properties, remove), logs no Lit
// dev-mode warning (change-in-update, class-field shadowing, …), as Spectrum's testForLitDevWarnings checks.
import { expect, fixture, fixtureCleanup, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat, LlmComplete, LlmModel, LlmStatus } from '../../src/index.js';
import { MODEL_URL } from '../helpers/model.js';

type WarningGlobal = typeof globalThis & { litIssuedWarnings?: Set<string | undefined> };

/** Runs `exercise` and returns the Lit warnings it logged (Lit logs each kind once per page: forget those first). */
async function litWarningsDuring(exercise: () => Promise<void>): Promise<string[]> {
  (globalThis as WarningGlobal).litIssuedWarnings?.clear();
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (text.includes('lit.dev/msg')) warnings.push(text);
  };
  try {
    await exercise();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

const withModel = (inner: string) =>
  fixture<LlmModel>(`<llm-model src="${MODEL_URL}" loading="eager">${inner}</llm-model>`);

describe('no Lit dev-mode warnings', () => {
  afterEach(() => fixtureCleanup());

  it('<llm-model> and <llm-status>: load, ready, new settings, unload', async () => {
    const warnings = await litWarningsDuring(async () => {
      const model = await withModel('<llm-status></llm-status>');
      await oneEvent(model, 'llm-ready');
      const status = model.querySelector<LlmStatus>('llm-status')!;
      status.strings = { ready: 'Prêt' };
      model.threads = 1;
      await model.updateComplete;
      await status.updateComplete;
      await model.unload();
      await status.updateComplete;
    });
    expect(warnings).to.deep.equal([]);
  });

  it('<llm-chat>: send, stream, stop, clear', async () => {
    const warnings = await litWarningsDuring(async () => {
      const model = await withModel('<llm-chat temperature="0" max-tokens="12"></llm-chat>');
      const chat = model.querySelector<LlmChat>('llm-chat')!;
      await chat.send('Once upon a time');
      const second = chat.send('Hello');
      await oneEvent(chat, 'llm-token');
      chat.stop();
      await second;
      chat.strings = { send: 'Envoyer' };
      chat.clear();
      await chat.updateComplete;
    });
    expect(warnings).to.deep.equal([]);
  });

  it('<llm-complete>: prompt mode and inline mode, disabled while suggesting', async () => {
    const warnings = await litWarningsDuring(async () => {
      const model = await withModel(
        '<llm-complete manual prompt="Once upon a time" max-tokens="12" temperature="0"></llm-complete>' +
          '<llm-complete delay="0" max-tokens="12" temperature="0"><textarea aria-label="Story"></textarea></llm-complete>',
      );
      const [prompted, inline] = [...model.querySelectorAll<LlmComplete>('llm-complete')];
      await prompted!.run();
      const field = inline!.querySelector('textarea')!;
      field.focus();
      field.value = 'Once upon a time';
      field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      await oneEvent(inline!, 'llm-token');
      inline!.disabled = true;
      await inline!.updateComplete;
      prompted!.prompt = 'Hello';
      await prompted!.updateComplete;
    });
    expect(warnings).to.deep.equal([]);
  });
});
