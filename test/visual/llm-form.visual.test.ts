// <llm-form> after a fill (filled fields marked, the message, Undo) and <llm-text>'s output, in
// every variant (see visual.ts).
import '../../src/index.js';
import type { LlmForm, LlmText } from '../../src/index.js';
import { part } from '../helpers/chat.js';
import { nextEvent, waitFor } from '../helpers/wait.js';
import { providing, standInEngine } from './stand-in-engine.js';
import { snap, stage, useVariant, VARIANTS } from './visual.js';

const FORM = `
  <llm-form>
    <textarea slot="source" aria-label="Text to fill the form from" rows="2">Hi, this is Lily Smith (lily@example.com). Please send the blue one, size M.</textarea>
    <form>
      <label>Name <input name="name" /></label>
      <label>Email <input name="email" type="email" /></label>
      <label>Size <select name="size"><option>S</option><option>M</option></select></label>
    </form>
  </llm-form>`;

const SUMMARY =
  'The article explains how **local models** run in the browser: the page downloads the model once, ' +
  'and every answer is written on the device.';

for (const variant of VARIANTS) {
  describe(`<llm-form> and <llm-text> (${variant.name})`, () => {
    before(() => useVariant(variant));

    it('<llm-form> filled', async () => {
      const engine = standInEngine({ answer: '{"name": "Lily Smith", "email": "lily@example.com", "size": "M"}' });
      await engine.load();
      const root = await stage(providing(engine, FORM));
      const form = root.querySelector<LlmForm>('llm-form')!;
      await form.fill();
      await waitFor(() => part(form, 'undo'), 5000, 'the Undo button');
      await snap(root, `llm-form/filled/${variant.name}`);
    });

    it('<llm-text> output', async () => {
      const engine = standInEngine({ answer: SUMMARY });
      await engine.load();
      const model = providing(engine, '<llm-text prompt="Summarize this article in two sentences."></llm-text>');
      const text = model.querySelector<LlmText>('llm-text')!;
      const response = nextEvent(text, 'llm-response', 5000);
      const root = await stage(model);
      await response;
      await snap(root, `llm-text/output/${variant.name}`);
    });
  });
}
