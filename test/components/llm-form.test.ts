// <llm-form> on real llama.cpp (wllama) with stories260K. The toy model knows nothing of emails or
// orders, but the form's own fields constrain what it writes: every fill must leave a form the
// browser itself finds valid (checkValidity()), across seeds.
import { expect, fixture, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { Engine, type LlmForm, type LlmModel } from '../../src/index.js';
import { describeForm, extractionMessages } from '../../src/components/llm-form/form-schema.js';
import { fillFields } from '../../src/components/llm-form/form-fill.js';
import type { LlmFillEvent } from '../../src/events/llm-fill.js';
import type { LlmResponseEvent } from '../../src/events/llm-response.js';
import { MODEL_URL } from '../helpers/model.js';
import { part } from '../helpers/chat.js';
import { nextEvent } from '../helpers/wait.js';

const ORDER_FORM = `
  <form>
    <label>Name <input name="name" required maxlength="24"></label>
    <label>Email <input name="email" type="email" placeholder="jane@example.com"></label>
    <label>Delivery date <input name="date" type="date" required></label>
    <label>Size <select name="size" required><option value="">Choose…</option><option>S</option><option>M</option><option>L</option></select></label>
    <label>Quantity <input name="quantity" type="number" min="1" max="9" required></label>
    <label><input name="gift" type="checkbox"> Gift wrap</label>
    <fieldset><legend>Color</legend>
      <label><input name="color" type="radio" value="red"> Red</label>
      <label><input name="color" type="radio" value="blue" checked> Blue</label>
    </fieldset>
    <label>Notes <textarea name="notes" maxlength="40"></textarea></label>
    <label>Password <input name="password" type="password" value="secret"></label>
    <input name="token" type="hidden" value="t-1">
    <label>Coupon <input name="coupon" value="KEEP" readonly></label>
    <button>Order</button>
  </form>`;

const SOURCE =
  'Hi! Please send 2 medium shirts in blue to Jane Doe, jane@example.com, on 2026-12-24. Gift wrap please.';

async function formFixture(attributes = '') {
  const model = await fixture<LlmModel>(`
    <llm-model src="${MODEL_URL}">
      <llm-form ${attributes}>
        <textarea slot="source" aria-label="Text to read">${SOURCE}</textarea>
        ${ORDER_FORM}
      </llm-form>
    </llm-model>`);
  const element = model.querySelector<LlmForm>('llm-form')!;
  return { model, element, form: element.querySelector('form')!, source: element.querySelector('textarea')! };
}

const snapshot = (form: HTMLFormElement) => [...new FormData(form).entries()].map(([k, v]) => `${k}=${String(v)}`);

describe('<llm-form>: the schema it reads from a form', () => {
  afterEach(() => fixtureCleanup());

  it('each named field becomes a constrained property; passwords, hidden, read-only fields and buttons are left out', async () => {
    const form = await fixture<HTMLFormElement>(ORDER_FORM);
    const { schema, fields } = describeForm(form);
    expect(Object.keys(schema.properties)).to.deep.equal([
      'name',
      'email',
      'date',
      'size',
      'quantity',
      'gift',
      'color',
      'notes',
    ]);
    expect(schema.properties.name).to.deep.include({ type: 'string', maxLength: 24, description: 'Name' });
    expect(schema.properties.email).to.include({ type: 'string', description: 'Email, e.g. jane@example.com' });
    expect((schema.properties.email as { pattern: string }).pattern).to.match(/^\^.*@.*\$$/);
    expect(schema.properties.date).to.include({ type: 'string' });
    const date = new RegExp((schema.properties.date as { pattern: string }).pattern);
    for (const ok of ['2026-12-24', '1999-01-31', '2000-02-28']) expect(ok).to.match(date);
    for (const bad of ['0000-11-30', '2026-02-30', '2026-04-31', '2026-13-01']) expect(bad).not.to.match(date);
    expect(schema.properties.size).to.deep.include({ enum: ['S', 'M', 'L'] });
    expect(schema.properties.quantity).to.deep.include({ type: 'integer', minimum: 1, maximum: 9 });
    expect(schema.properties.gift).to.deep.include({ type: 'boolean' });
    expect(schema.properties.color).to.deep.include({ enum: ['red', 'blue'] });
    expect(schema.properties.notes).to.deep.include({ type: 'string', maxLength: 40 });
    expect(schema.required).to.deep.equal(['name', 'date', 'size', 'quantity']);
    expect(schema.additionalProperties).to.equal(false);
    expect(fields.find((f) => f.name === 'color')?.controls).to.have.length(2);
  });

  it('a decimal step makes a number, several checkboxes of one name an array, a multiple select an array of its options', async () => {
    const form = await fixture<HTMLFormElement>(`<form>
      <input name="price" type="number" step="0.01" min="0">
      <input name="tags" type="checkbox" value="a"><input name="tags" type="checkbox" value="b">
      <select name="days" multiple><option>mon</option><option>tue</option></select>
      <input name="code" pattern="[A-Z]{3}">
    </form>`);
    const { schema } = describeForm(form);
    expect(schema.properties.price).to.deep.include({ type: 'number', minimum: 0 });
    expect(schema.properties.tags).to.deep.include({ type: 'array', items: { enum: ['a', 'b'] }, uniqueItems: true });
    expect(schema.properties.days).to.deep.include({ type: 'array', items: { enum: ['mon', 'tue'] } });
    expect(schema.properties.code).to.deep.include({ pattern: '^(?:[A-Z]{3})$' });
  });
});

describe('<llm-form> on the real model', () => {
  afterEach(() => fixtureCleanup());

  it('across 8 seeds, every value the model writes fits the form: the browser finds the filled form valid', async () => {
    const form = await fixture<HTMLFormElement>(ORDER_FORM);
    const { schema, fields } = describeForm(form);
    const engine = new Engine({ source: MODEL_URL });
    const messages = extractionMessages(fields, schema, SOURCE);
    const durations: number[] = [];
    try {
      for (let seed = 1; seed <= 8; seed++) {
        form.reset();
        const result = await engine.chat(messages, { schema, seed, temperature: 1, max_tokens: 1024 }).result;
        expect(result.finishReason, `seed ${seed}: ${result.error?.message ?? ''}`).to.equal('stop');
        fillFields(fields, result.value as Record<string, unknown>);
        const data = new FormData(form);
        expect(['S', 'M', 'L'], `seed ${seed}`).to.include(data.get('size'));
        expect(Number(data.get('quantity'))).to.be.within(1, 9);
        expect(String(data.get('date'))).to.match(/^\d{4}-\d{2}-\d{2}$/);
        expect(String(data.get('name')).length).to.be.greaterThan(0);
        const invalid = [...form.elements].filter((e) => !(e as HTMLInputElement).checkValidity?.());
        expect(
          invalid.map((e) => `${(e as HTMLInputElement).name}=${(e as HTMLInputElement).value}`),
          `seed ${seed}: ${result.text}`,
        ).to.deep.equal([]);
        expect(data.get('password'), 'never touched').to.equal('secret');
        durations.push(result.durationMs);
      }
    } finally {
      await engine.unload();
    }
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
    console.log(`[llm-form] 8/8 fills valid for the form; ${mean.toFixed(0)} ms per fill on average (stories260K)`);
  });

  it('Fill (keyboard only): fills with real input and change events, updates FormData, marks what changed, announces it, and submits nothing', async () => {
    const { element, form } = await formFixture();
    await expect(element).to.be.accessible();
    const before = snapshot(form);
    const events: string[] = [];
    for (const type of ['input', 'change'])
      form.addEventListener(type, (e) => events.push(`${type}:${(e.target as HTMLInputElement).name}`));
    let submitted = false;
    form.addEventListener('submit', (e) => {
      submitted = true;
      e.preventDefault();
    });

    const filled = oneEvent<LlmFillEvent>(element, 'llm-fill');
    part(element, 'fill')!.focus();
    await sendKeys({ press: 'Enter' });
    const started = performance.now();
    const { detail } = await filled;
    console.log(`[llm-form] a fill took ${(performance.now() - started).toFixed(0)} ms (stories260K, greedy)`);

    expect(detail.changed.length).to.be.greaterThan(0);
    for (const name of detail.changed) {
      expect(events, `${name} got an input event`).to.include(`input:${name}`);
      expect(events, `${name} got a change event`).to.include(`change:${name}`);
      const control = form.elements.namedItem(name) as Element | RadioNodeList;
      const first = control instanceof RadioNodeList ? (control[0] as Element) : control;
      expect(first.hasAttribute('data-llm-filled') || control instanceof RadioNodeList, name).to.equal(true);
    }
    expect(snapshot(form)).not.to.deep.equal(before);
    expect(new FormData(form).get('size')).to.be.oneOf(['S', 'M', 'L']);
    expect(form.checkValidity(), 'the filled form is valid').to.equal(true);
    expect(new FormData(form).get('password')).to.equal('secret');
    expect(new FormData(form).get('token')).to.equal('t-1');
    expect(new FormData(form).get('coupon')).to.equal('KEEP');
    expect(submitted, 'nothing is submitted for the user').to.equal(false);
    expect(element.filled.sort()).to.deep.equal([...detail.changed].sort());

    await element.updateComplete;
    const message = part(element, 'message')!;
    expect(message.getAttribute('role')).to.equal('status');
    expect(message.textContent).to.match(/^Filled \d+ fields?\. Check/);
    await expect(element).to.be.accessible();
  });

  it('a user’s edit unmarks the field; Undo puts every field back (with events) and removes the marks', async () => {
    const { element, form } = await formFixture();
    const before = snapshot(form);
    await element.fill();
    const name = form.elements.namedItem('name') as HTMLInputElement;
    expect(name.hasAttribute('data-llm-filled')).to.equal(true);
    name.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: 'x' });
    expect(name.hasAttribute('data-llm-filled'), 'edited by the user').to.equal(false);

    await element.updateComplete;
    const changes: string[] = [];
    form.addEventListener('change', (e) => changes.push((e.target as HTMLInputElement).name));
    part(element, 'undo')!.click();
    expect(snapshot(form)).to.deep.equal(before);
    expect(changes.length).to.be.greaterThan(0);
    expect(form.querySelectorAll('[data-llm-filled]')).to.have.length(0);
    await element.updateComplete;
    expect(part(element, 'message')?.textContent).to.equal('The form is back as it was.');
    expect(part(element, 'undo')).to.equal(null);
  });

  it('stopped mid-answer, the form stays untouched: an llm-response with finishReason abort, no llm-fill', async () => {
    const { element, form } = await formFixture();
    const before = snapshot(form);
    let fills = 0;
    element.addEventListener('llm-fill', () => fills++);
    const response = oneEvent<LlmResponseEvent>(element, 'llm-response');
    const first = oneEvent(element, 'llm-token');
    const fill = element.fill();
    await first;
    await element.updateComplete;
    expect(part(element, 'fill')?.textContent?.trim(), 'the button stops while filling').to.equal('Stop');
    part(element, 'fill')!.click();
    const { detail } = await response;
    expect(detail.finishReason).to.equal('abort');
    expect((await fill)?.finishReason).to.equal('abort');
    expect(snapshot(form)).to.deep.equal(before);
    expect(fills).to.equal(0);
    expect(form.querySelectorAll('[data-llm-filled]')).to.have.length(0);
  });

  it('auto: a paste into the source fills the form', async () => {
    const { element, source } = await formFixture('auto');
    const filled = oneEvent<LlmFillEvent>(element, 'llm-fill');
    source.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: SOURCE }));
    const { detail } = await filled;
    expect(detail.changed.length).to.be.greaterThan(0);
  });

  it('with no text it asks for one, and reaches no model', async () => {
    const { element, source, model } = await formFixture();
    source.value = '  ';
    expect(await element.fill()).to.equal(null);
    await element.updateComplete;
    expect(part(element, 'message')?.textContent).to.equal('Paste or type a text to fill the form from.');
    expect(model.status).to.equal('idle');
  });

  it('a fill that fails (the answer cut off by max-tokens) shows the error with Retry, fires llm-error, and leaves the form as it was', async () => {
    const { element, form } = await formFixture('max-tokens="5"');
    const before = snapshot(form);
    const failed = oneEvent(element, 'llm-error');
    const result = await element.fill();
    expect(result?.finishReason).to.equal('error');
    const { detail } = await failed;
    expect(detail.code).to.equal('invalid-output');
    await element.updateComplete;
    expect(part(element, 'error')?.textContent).to.match(/cut off by max_tokens/);
    expect(part(element, 'retry')).to.exist;
    expect(snapshot(form)).to.deep.equal(before);
    await expect(element).to.be.accessible();
    element.maxTokens = 1024;
    await waitUntil(() => element.status !== 'generating', 'settled');
    const again = nextEvent(element, 'llm-fill', 30_000, 'a fill after Retry');
    part(element, 'retry')!.click();
    await again;
  });

  it('a page schema the engine refuses (invalid-request) shows the error without a Retry that would fail the same way', async () => {
    const { element, form, model } = await formFixture();
    const before = snapshot(form);
    element.schema = { type: 'object', properties: { name: { type: 'strin' } } };
    const failed = oneEvent(element, 'llm-error');
    const result = await element.fill();
    expect(result?.finishReason).to.equal('error');
    expect((await failed).detail.code).to.equal('invalid-request');
    await element.updateComplete;
    expect(part(element, 'error')?.textContent).to.match(/strin/);
    expect(part(element, 'retry'), 'no Retry for a request the page must change').to.equal(null);
    expect(snapshot(form)).to.deep.equal(before);
    expect(model.status, 'refused before the model loaded').to.equal('idle');
    await expect(element).to.be.accessible();
  });
});

describe('<llm-form> without an <llm-model>', () => {
  afterEach(() => fixtureCleanup());

  it('says it needs one, visibly', async () => {
    const element = await fixture<LlmForm>(
      `<llm-form><textarea slot="source">x</textarea><form><input name="a"></form></llm-form>`,
    );
    const result = await element.fill();
    expect(result?.error?.code).to.equal('not-loaded');
    await element.updateComplete;
    expect(part(element, 'error')?.textContent).to.match(/needs an <llm-model>/);
  });
});
