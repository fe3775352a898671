// <llm-form>'s promise, field by field: every value it writes is one the control accepts, so the
// browser finds the form valid (checkValidity()); a value that would not be is not written, and the
// visitor is told. The schema is checked against the browser itself (exhaustively where the values
// are few enough), and the real model (llama.cpp on stories260K) fills forms of every kind.
import { expect, fixture, fixtureCleanup, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import { Engine, type LlmForm, type LlmModel } from '../../src/index.js';
import { describeForm, extractionMessages } from '../../src/components/llm-form/form-schema.js';
import { fillFields, restore } from '../../src/components/llm-form/form-fill.js';
import type { LlmFillEvent } from '../../src/events/llm-fill.js';
import { schemaToGrammar } from '../../src/engine/prompting/structured-output/schema-grammar.js';
import { MODEL_URL } from '../helpers/model.js';
import { part } from '../helpers/chat.js';

type Schema = Record<string, unknown>;
const property = (form: HTMLFormElement, name: string) => describeForm(form).schema.properties[name] as Schema;

/** Whether the browser takes `value` for an input like `template`: keeps it, and finds it valid. */
function browserAccepts(template: HTMLInputElement, value: string): boolean {
  const probe = template.cloneNode() as HTMLInputElement;
  probe.value = value;
  return probe.value === value && probe.checkValidity();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Every string of the shape each type's pattern writes (numbers in range, not only valid ones). */
function* candidates(type: string): Generator<string> {
  const years = Array.from({ length: 200 }, (_, i) => 1900 + i);
  const times = function* () {
    for (let h = 0; h < 24; h++) for (let m = 0; m < 60; m++) yield `${pad(h)}:${pad(m)}`;
  };
  if (type === 'date')
    for (const y of years) for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) yield `${y}-${pad(m)}-${pad(d)}`;
  if (type === 'month') for (const y of years) for (let m = 1; m <= 12; m++) yield `${y}-${pad(m)}`;
  if (type === 'week') for (const y of years) for (let w = 1; w <= 53; w++) yield `${y}-W${pad(w)}`;
  if (type === 'time') yield* times();
  if (type === 'datetime-local') {
    // Every day of 2025 and 2026 at the bounds' times and around them, and a seeded sample of the rest.
    for (const y of [2025, 2026])
      for (let m = 1; m <= 12; m++)
        for (let d = 1; d <= 31; d++)
          for (const t of ['00:00', '09:29', '09:30', '12:00', '17:45', '17:46', '23:59'])
            yield `${y}-${pad(m)}-${pad(d)}T${t}`;
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 5000; i++)
      yield `${1900 + next(200)}-${pad(1 + next(12))}-${pad(1 + next(31))}T${pad(next(24))}:${pad(next(60))}`;
  }
}

/** Values a pattern may leave out although the browser takes them (29 February, week 53: not every year has one). */
const leftOut = (value: string) => /-02-29/.test(value) || /-W53$/.test(value);

describe('<llm-form>: each field’s schema admits only what the browser accepts', () => {
  afterEach(() => fixtureCleanup());

  const DATED = [
    ['date', 'min="2025-01-01"'],
    ['date', 'min="2025-03-15" max="2026-10-02"'],
    ['date', ''],
    ['month', 'min="2024-11" max="2026-02"'],
    ['month', ''],
    ['week', 'min="2025-W10" max="2025-W40"'],
    ['week', ''],
    ['time', 'min="09:00" max="17:30"'],
    ['time', 'min="09:00" max="17:30" step="900"'],
    ['time', 'min="22:00" max="06:00"'],
    ['time', ''],
    ['datetime-local', 'min="2025-03-15T09:30" max="2026-10-02T17:45"'],
    ['datetime-local', ''],
  ] as const;

  for (const [type, attrs] of DATED) {
    it(`type="${type}" ${attrs || '(no bounds)'}: the pattern matches exactly the values the input accepts`, async () => {
      const form = await fixture<HTMLFormElement>(`<form><input name="x" type="${type}" ${attrs}></form>`);
      const input = form.elements.namedItem('x') as HTMLInputElement;
      const schema = property(form, 'x');
      expect(schema.type).to.equal('string');
      const pattern = new RegExp(schema.pattern as string, 'u');
      const wrong: string[] = [];
      const missed: string[] = [];
      let matched = 0;
      for (const value of candidates(type)) {
        const matches = pattern.test(value);
        const accepted = browserAccepts(input, value);
        if (matches) matched++;
        if (matches && !accepted) wrong.push(value);
        if (!matches && accepted && !leftOut(value)) missed.push(value);
      }
      expect(wrong.slice(0, 5), `${wrong.length} values the pattern admits but the input refuses`).to.deep.equal([]);
      expect(missed.slice(0, 5), `${missed.length} values the input accepts but the pattern leaves out`).to.deep.equal(
        [],
      );
      expect(matched).to.be.greaterThan(0);
    });
  }

  it('a number carries its range and its step as multipleOf; a step off its base, with few values, is their enum', async () => {
    const form = await fixture<HTMLFormElement>(`<form>
      <input name="price" type="number" min="0.5" max="999.99" step="0.01">
      <input name="dozen" type="number" min="0" step="12">
      <input name="odd" type="number" min="1" max="9" step="2">
      <input name="half" type="number" min="0" max="5" step="0.5">
      <input name="any" type="number" step="any" min="-1">
      <input name="level" type="range">
      <input name="qty" type="number" min="1" max="9">
    </form>`);
    expect(property(form, 'price')).to.deep.include({
      type: 'number',
      minimum: 0.5,
      maximum: 999.99,
      multipleOf: 0.01,
    });
    // A step no grammar holds over an open range is left out: the input checks it before a value is written.
    expect(property(form, 'dozen')).to.deep.equal({ type: 'integer', minimum: 0 });
    expect(property(form, 'odd')).to.deep.include({ type: 'integer', enum: [1, 3, 5, 7, 9] });
    expect(property(form, 'odd')).not.to.have.property('multipleOf');
    expect(property(form, 'half')).to.deep.include({ type: 'number', multipleOf: 0.5 });
    expect(property(form, 'half').enum).to.deep.equal([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect(property(form, 'any')).to.deep.equal({ type: 'number', minimum: -1 });
    expect(property(form, 'level')).to.deep.include({ type: 'integer', minimum: 0, maximum: 100 });
    expect(property(form, 'qty')).to.deep.equal({ type: 'integer', minimum: 1, maximum: 9 });
    // Each enum value is one the input accepts.
    for (const name of ['odd', 'half']) {
      const input = form.elements.namedItem(name) as HTMLInputElement;
      for (const value of property(form, name).enum as number[])
        expect(browserAccepts(input, String(value)), `${name}=${value}`).to.equal(true);
    }
  });

  it('a <select> whose options’ values differ from their labels: an enum of the values, the labels told to the model', async () => {
    const form = await fixture<HTMLFormElement>(`<form>
      <label>Size <select name="size"><option value="">Choose…</option><option value="s">Small</option><option value="m">Medium</option><option value="l" disabled>Large</option></select></label>
      <select name="days" multiple><option value="1">Monday</option><option value="2">Tuesday</option></select>
      <label><input type="radio" name="pay" value="cc"> Card</label><label><input type="radio" name="pay" value="iv"> Invoice</label>
    </form>`);
    expect(property(form, 'size').enum).to.deep.equal(['s', 'm']);
    expect(property(form, 'days')).to.deep.include({ type: 'array', items: { enum: ['1', '2'] } });
    expect(property(form, 'pay').enum).to.deep.equal(['cc', 'iv']);
    expect(property(form, 'size').description).to.match(/s = Small.*m = Medium/);
    expect(property(form, 'pay').description).to.match(/cc = Card.*iv = Invoice/);
  });

  it('a <select> with no option to choose (only a placeholder, or all disabled) is not asked for: the schema stays valid', async () => {
    const form = await fixture<HTMLFormElement>(`<form>
      <input name="name" aria-label="Name">
      <select name="none" aria-label="None"><option value="">Choose…</option></select>
      <select name="off" aria-label="Off"><option disabled>A</option><optgroup disabled label="G"><option>B</option></optgroup></select>
      <select name="many" multiple aria-label="Many"><option value="">–</option></select>
    </form>`);
    const { schema, fields } = describeForm(form);
    expect(Object.keys(schema.properties)).to.deep.equal(['name']);
    expect(fields.map((f) => f.name)).to.deep.equal(['name']);
    const engine = new Engine({ source: MODEL_URL });
    try {
      const result = await engine.chat(extractionMessages(fields, schema, 'Jo'), { schema, max_tokens: 256 }).result;
      expect(result.finishReason, result.error?.message).to.equal('stop');
    } finally {
      await engine.unload();
    }
  });

  it('required text gets at least one character, a required multiple select at least one option', async () => {
    const form = await fixture<HTMLFormElement>(`<form>
      <input name="name" required><textarea name="notes" required minlength="3"></textarea>
      <select name="days" multiple required><option>mon</option></select>
    </form>`);
    expect(property(form, 'name')).to.deep.include({ minLength: 1 });
    expect(property(form, 'notes')).to.deep.include({ minLength: 3 });
    expect(property(form, 'days')).to.deep.include({ minItems: 1 });
  });
});

describe('<llm-form>: disabled fieldsets ("billing same as shipping")', () => {
  afterEach(() => fixtureCleanup());

  const CHECKOUT = `
    <form>
      <label>Shipping city <input name="ship_city" required></label>
      <fieldset disabled><legend>Billing (same as shipping)</legend>
        <label>Billing city <input name="bill_city" value="Same" required></label>
        <label>Billing country <select name="bill_country" required><option>FR</option><option>DE</option></select></label>
        <label><input type="checkbox" name="bill_invoice"> Invoice</label>
      </fieldset>
    </form>`;

  it('controls a disabled fieldset disables are not in the schema, and are not written', async () => {
    const form = await fixture<HTMLFormElement>(CHECKOUT);
    const { schema, fields } = describeForm(form);
    expect(Object.keys(schema.properties)).to.deep.equal(['ship_city']);
    expect(fields.map((f) => f.name)).to.deep.equal(['ship_city']);
  });

  it('a fieldset disabled while the model reads is not written either', async () => {
    const form = await fixture<HTMLFormElement>(CHECKOUT.replace('<fieldset disabled>', '<fieldset>'));
    const { fields } = describeForm(form);
    form.querySelector('fieldset')!.disabled = true;
    const { changed } = fillFields(fields, {
      ship_city: 'Lyon',
      bill_city: 'Paris',
      bill_country: 'DE',
      bill_invoice: true,
    });
    expect(changed).to.deep.equal(['ship_city']);
    expect(new FormData(form).get('bill_city')).to.equal(null, 'a disabled control is not submitted');
    expect((form.elements.namedItem('bill_city') as HTMLInputElement).value).to.equal('Same');
    expect((form.elements.namedItem('bill_country') as HTMLSelectElement).value).to.equal('FR');
    expect((form.elements.namedItem('bill_invoice') as HTMLInputElement).checked).to.equal(false);
  });

  it('on the real model, three fills in a row leave the billing fields as they were', async () => {
    const model = await fixture<LlmModel>(`
      <llm-model src="${MODEL_URL}">
        <llm-form temperature="1"><textarea slot="source" aria-label="Text">Ship to Lyon, bill to Paris in Germany with an invoice.</textarea>${CHECKOUT}</llm-form>
      </llm-model>`);
    const element = model.querySelector<LlmForm>('llm-form')!;
    const form = element.querySelector('form')!;
    for (let i = 0; i < 3; i++) {
      const result = await element.fill();
      expect(result?.finishReason, result?.error?.message).to.equal('stop');
      expect((form.elements.namedItem('bill_city') as HTMLInputElement).value, `fill ${i + 1}`).to.equal('Same');
      expect(form.querySelectorAll('fieldset [data-llm-filled]'), `fill ${i + 1}`).to.have.length(0);
    }
  });
});

describe('<llm-form>: a value the control does not accept is not written, and the visitor is told', () => {
  afterEach(() => fixtureCleanup());

  const FORM = `
    <form>
      <label>Size <select name="size" required><option value="">Choose…</option><option value="s">Small</option><option value="m" selected>Medium</option></select></label>
      <label>Delivery date <input name="date" type="date" min="2025-01-01" value="2025-06-01"></label>
      <label>Count <input name="count" type="number" min="1" max="9" step="2" value="3"></label>
      <label>Color <input name="color" type="radio" value="red"></label><input name="color" type="radio" value="blue" checked aria-label="Blue">
      <label>Tags <input name="tags" type="checkbox" value="a"></label><input name="tags" type="checkbox" value="b" aria-label="b">
      <label>Email <input name="email" type="email" value="jo@example.com"></label>
    </form>`;

  it('fillFields writes only accepted values and names the rest as skipped; the form stays valid', async () => {
    const form = await fixture<HTMLFormElement>(FORM);
    const { fields } = describeForm(form);
    const { changed, skipped } = fillFields(fields, {
      size: 'Small', // a label, not a value
      date: '1910-05-05', // under min
      count: 4, // off the step
      color: 'green', // no such radio
      tags: ['a', 'z'], // no box z
      email: 'not an email',
    });
    expect(changed).to.deep.equal([]);
    expect(skipped).to.deep.equal(['size', 'date', 'count', 'color', 'tags', 'email']);
    const data = new FormData(form);
    expect([
      data.get('size'),
      data.get('date'),
      data.get('count'),
      data.get('color'),
      data.getAll('tags'),
    ]).to.deep.equal(['m', '2025-06-01', '3', 'blue', []]);
    expect(form.checkValidity()).to.equal(true);
  });

  it('with a page schema that names a select’s labels, the select keeps its value and the message names the field', async () => {
    const model = await fixture<LlmModel>(`
      <llm-model src="${MODEL_URL}">
        <llm-form><textarea slot="source" aria-label="Text">A small one, for 1910-05-05.</textarea>${FORM}</llm-form>
      </llm-model>`);
    const element = model.querySelector<LlmForm>('llm-form')!;
    const form = element.querySelector('form')!;
    element.schema = {
      type: 'object',
      properties: { size: { enum: ['Small'] }, date: { enum: ['1910-05-05'] }, count: { enum: [5] } },
      required: ['size', 'date', 'count'],
      additionalProperties: false,
    };
    const filled = oneEvent<LlmFillEvent>(element, 'llm-fill');
    await element.fill();
    const { detail } = await filled;
    const select = form.elements.namedItem('size') as HTMLSelectElement;
    expect(select.value, 'the select is not blanked').to.equal('m');
    expect(select.selectedIndex).to.equal(2);
    expect(detail.changed).to.deep.equal(['count']);
    expect(detail.skipped).to.deep.equal(['size', 'date']);
    expect(form.checkValidity()).to.equal(true);
    await element.updateComplete;
    expect(part(element, 'message')?.textContent).to.match(
      /^Filled 1 field\. Check it before you submit\. Not filled, as the value found does not fit: Size, Delivery date\.$/,
    );
  });
});

describe('<llm-form>: Undo goes the way the fill went (React listens for clicks on boxes)', () => {
  afterEach(() => fixtureCleanup());

  /**
   * State kept the way React 19 keeps a controlled form's: checkboxes and radios from click events
   * only, text and selects from input and change events.
   */
  function reactLikeState(form: HTMLFormElement): Record<string, unknown> {
    const state: Record<string, unknown> = {};
    for (const element of form.elements) {
      const control = element as HTMLInputElement;
      if (control.type === 'checkbox') state[`${control.name}:${control.value}`] = control.checked;
      else if (control.type === 'radio') {
        if (control.checked) state[control.name] = control.value;
      } else if (control.name) state[control.name] = control.value;
    }
    form.addEventListener('click', (event) => {
      const control = event.target as HTMLInputElement;
      if (control.type === 'checkbox') state[`${control.name}:${control.value}`] = control.checked;
      if (control.type === 'radio' && control.checked) state[control.name] = control.value;
    });
    for (const type of ['input', 'change'])
      form.addEventListener(type, (event) => {
        const control = event.target as HTMLInputElement;
        if (control.type !== 'checkbox' && control.type !== 'radio') state[control.name] = control.value;
      });
    return state;
  }

  it('Undo of checkboxes and radios clicks them back: a click-driven state returns to where it was', async () => {
    const form = await fixture<HTMLFormElement>(`<form>
      <input name="name" value="Jo" aria-label="Name">
      <input name="gift" type="checkbox" checked aria-label="Gift">
      <input name="tags" type="checkbox" value="a" aria-label="a"><input name="tags" type="checkbox" value="b" checked aria-label="b">
      <input name="color" type="radio" value="red" aria-label="Red"><input name="color" type="radio" value="blue" checked aria-label="Blue">
      <select name="size" aria-label="Size"><option value="s">Small</option><option value="m">Medium</option></select>
    </form>`);
    const state = reactLikeState(form);
    const before = { ...state };
    const { fields } = describeForm(form);
    const { changed, snapshot } = fillFields(fields, {
      name: 'Ann',
      gift: false,
      tags: ['a'],
      color: 'red',
      size: 'm',
    });
    expect(changed).to.deep.equal(['name', 'gift', 'tags', 'color', 'size']);
    expect(state).to.deep.equal({
      name: 'Ann',
      'gift:on': false,
      'tags:a': true,
      'tags:b': false,
      color: 'red',
      size: 'm',
    });
    restore(snapshot);
    expect(state, 'the state the page keeps is back too').to.deep.equal(before);
    expect([...new FormData(form).entries()].map(([k, v]) => `${k}=${String(v)}`)).to.deep.equal([
      'name=Jo',
      'gift=on',
      'tags=b',
      'color=blue',
      'size=s',
    ]);
  });
});

/** Every input type the README lists, with constraints, all required where a value can be made to fit. */
const EVERY_TYPE = `
  <form>
    <label>Name <input name="text" required maxlength="12"></label>
    <label>Search <input name="search" type="search" required maxlength="12"></label>
    <label>Email <input name="email" type="email" required></label>
    <label>Website <input name="url" type="url" required></label>
    <label>Phone <input name="tel" type="tel" required></label>
    <label>Color <input name="color" type="color"></label>
    <label>Date <input name="date" type="date" min="2025-01-01" max="2027-06-30" required></label>
    <label>Time <input name="time" type="time" min="09:00" max="17:30" step="900" required></label>
    <label>Month <input name="month" type="month" min="2024-11" max="2026-02" required></label>
    <label>Week <input name="week" type="week" min="2025-W10" max="2025-W40" required></label>
    <label>When <input name="when" type="datetime-local" min="2025-03-15T09:30" max="2026-10-02T17:45" required></label>
    <label>Count <input name="count" type="number" min="1" max="99" step="2" required></label>
    <label>Rating <input name="rating" type="number" min="0" max="5" step="0.5" required></label>
    <label>Quantity <input name="qty" type="number" min="1" max="9" required></label>
    <label>Price <input name="price" type="number" min="0.5" max="999.99" step="0.01" required></label>
    <label>Level <input name="level" type="range" min="10" max="50" step="10"></label>
    <label>Size <select name="size" required><option value="">Choose…</option><option value="s">Small</option><option value="m">Medium</option></select></label>
    <label>Days <select name="days" multiple required><option value="1">Monday</option><option value="2">Tuesday</option></select></label>
    <fieldset><legend>Pay</legend><label><input type="radio" name="pay" value="cc" required> Card</label><label><input type="radio" name="pay" value="iv"> Invoice</label></fieldset>
    <label><input name="gift" type="checkbox"> Gift</label>
    <label><input name="tags" type="checkbox" value="a"> A</label><label><input name="tags" type="checkbox" value="b"> B</label>
    <label>Code <input name="code" pattern="[A-Z]{3}" required></label>
    <label>Notes <textarea name="notes" required minlength="2" maxlength="30"></textarea></label>
  </form>`;

describe('<llm-form> on the real model: every type the README lists', () => {
  afterEach(() => fixtureCleanup());

  it('across 6 seeds every field is written and the browser finds the form valid', async () => {
    const form = await fixture<HTMLFormElement>(EVERY_TYPE);
    const { schema, fields } = describeForm(form);
    const engine = new Engine({ source: MODEL_URL });
    const messages = extractionMessages(fields, schema, 'Jo, jo@example.com, card, 2 on Monday, 2025-07-01 at 10:00.');
    try {
      for (let seed = 1; seed <= 6; seed++) {
        form.reset();
        const result = await engine.chat(messages, { schema, seed, temperature: 1, max_tokens: 2048 }).result;
        expect(result.finishReason, `seed ${seed}: ${result.error?.message ?? ''}`).to.equal('stop');
        const { skipped } = fillFields(fields, result.value as Record<string, unknown>);
        const invalid = [...form.elements]
          .map((e) => e as HTMLInputElement)
          .filter((e) => e.willValidate && !e.checkValidity())
          .map((e) => `${e.name}=${e.value}`);
        expect(invalid, `seed ${seed}: ${result.text}`).to.deep.equal([]);
        expect(form.checkValidity()).to.equal(true);
        expect(skipped, `seed ${seed}: every value fits`).to.deep.equal([]);
      }
    } finally {
      await engine.unload();
    }
  });
});

describe('<llm-form>: a page pattern no grammar can enforce does not fail the fill', () => {
  afterEach(() => fixtureCleanup());

  // A lookahead ("at least one digit"), a required field whose pattern allows the empty text, and a
  // pattern only the browser's `v` mode reads (a class subtraction): the engine would refuse each.
  const FORM = `
    <form>
      <label>Name <input name="name" required maxlength="20"></label>
      <label>City <input name="city" maxlength="20"></label>
      <label>Password hint <input name="hint" pattern="(?=.*\\d).{6,}" value="keep me 1"></label>
      <label>PIN <input name="pin" required pattern="\\d*"></label>
      <label>Letters <input name="letters" pattern="[\\w--\\d]+"></label>
    </form>`;

  it('the schema leaves such a pattern out and keeps the field; an enforceable pattern stays', async () => {
    const form = await fixture<HTMLFormElement>(FORM);
    const { schema } = describeForm(form);
    expect(Object.keys(schema.properties)).to.deep.equal(['name', 'city', 'hint', 'pin', 'letters']);
    for (const name of ['hint', 'pin', 'letters'])
      expect(schema.properties[name], name).not.to.have.property('pattern');
    expect(schema.properties.pin).to.deep.include({ minLength: 1 });
  });

  it('on the real model, the other fields are filled; such a field holds a value it accepts, or is left as it was and listed as skipped', async () => {
    const model = await fixture<LlmModel>(`
      <llm-model src="${MODEL_URL}">
        <llm-form><textarea slot="source" aria-label="Text">Jo from Lyon, hint: my cat 42, PIN 1234.</textarea>${FORM}</llm-form>
      </llm-model>`);
    const element = model.querySelector<LlmForm>('llm-form')!;
    const form = element.querySelector('form')!;
    const filled = oneEvent<LlmFillEvent>(element, 'llm-fill');
    const result = await element.fill();
    expect(result?.finishReason, result?.error?.message).to.equal('stop');
    const { detail } = await filled;
    expect(detail.changed).to.include('name');
    for (const name of ['hint', 'pin', 'letters']) {
      const control = form.elements.namedItem(name) as HTMLInputElement;
      if (detail.changed.includes(name)) expect(control.checkValidity(), `${name}=${control.value}`).to.equal(true);
      else if (name in detail.values) expect(detail.skipped, name).to.include(name);
    }
    expect((form.elements.namedItem('hint') as HTMLInputElement).validity.patternMismatch).to.equal(false);
  });
});

describe('<llm-form>: no single field’s attributes can make the whole fill fail', () => {
  afterEach(() => fixtureCleanup());

  // Beside ordinary fields, each of these would have the engine refuse the whole schema as it was
  // read: a minimum length above the maximum (the page's, or the default limit), a minimum length
  // longer than a built-in pattern's shortest value, a number's min above its max, a step the
  // grammar cannot hold over an open or wide range.
  const FORM = `
    <form>
      <label>Name <input name="name" required maxlength="20"></label>
      <label>City <input name="city" maxlength="20"></label>
      <label>Nickname <input name="nick" minlength="5" maxlength="3"></label>
      <label>Bio <input name="bio" minlength="300"></label>
      <label>Essay <textarea name="essay" minlength="2500"></textarea></label>
      <label>Email <input name="email" type="email" minlength="10"></label>
      <label>Website <input name="site" type="url" minlength="40"></label>
      <label>Phone <input name="phone" type="tel" minlength="30"></label>
      <label>Age <input name="age" type="number" min="10" max="5"></label>
      <label>Dozens <input name="dozens" type="number" min="0" step="12"></label>
      <label>Thirds <input name="thirds" type="number" min="0" max="1000" step="0.3"></label>
      <label>Level <input name="level" type="range" min="0" max="1000" step="0.3"></label>
    </form>`;
  const ODD = ['nick', 'bio', 'essay', 'email', 'site', 'phone', 'age', 'dozens', 'thirds', 'level'];

  it('each such field gets the looser schema the engine enforces: what cannot be enforced is dropped, its type kept', async () => {
    const form = await fixture<HTMLFormElement>(FORM);
    const { schema } = describeForm(form);
    expect(() => schemaToGrammar(schema), 'the engine enforces the whole schema').not.to.throw();
    expect(Object.keys(schema.properties)).to.deep.equal(['name', 'city', ...ODD]);
    const bare = (name: string) => {
      const { description: _, ...rest } = property(form, name);
      return rest;
    };
    expect(bare('name')).to.deep.equal({ type: 'string', maxLength: 20, minLength: 1 });
    expect(bare('nick')).to.deep.equal({ type: 'string', maxLength: 3 });
    expect(bare('bio')).to.deep.equal({ type: 'string', maxLength: 200 });
    expect(bare('essay')).to.deep.equal({ type: 'string', maxLength: 2000 });
    // The built-in pattern is worth more than the length: a value too short is skipped when written.
    for (const name of ['email', 'site', 'phone']) {
      expect(bare(name), name).to.have.property('pattern');
      expect(bare(name), name).not.to.have.property('minLength');
    }
    expect(bare('age')).to.deep.equal({ type: 'integer' });
    expect(bare('dozens')).to.deep.equal({ type: 'integer', minimum: 0 });
    expect(bare('thirds')).to.deep.equal({ type: 'number', minimum: 0, maximum: 1000 });
    expect(bare('level')).to.deep.equal({ type: 'number', minimum: 0, maximum: 1000 });
    // Each property alone is one the engine enforces, as the fill's schema is.
    for (const name of Object.keys(schema.properties))
      expect(() => schemaToGrammar(schema.properties[name]), name).not.to.throw();
  });

  it('on the real model, the fill succeeds: the ordinary fields are filled, each such field holds a value it accepts or is listed as skipped', async () => {
    const model = await fixture<LlmModel>(`
      <llm-model src="${MODEL_URL}">
        <llm-form max-tokens="1024"><textarea slot="source" aria-label="Text">Jo from Lyon, jo@example.com, 36 years old.</textarea>${FORM}</llm-form>
      </llm-model>`);
    const element = model.querySelector<LlmForm>('llm-form')!;
    const form = element.querySelector('form')!;
    const filled = oneEvent<LlmFillEvent>(element, 'llm-fill');
    const result = await element.fill();
    expect(result?.finishReason, result?.error?.message).to.equal('stop');
    const { detail } = await filled;
    expect(detail.changed).to.include('name');
    for (const name of ODD) {
      const control = form.elements.namedItem(name) as HTMLInputElement;
      if (detail.changed.includes(name)) expect(control.checkValidity(), `${name}=${control.value}`).to.equal(true);
      else if (name in detail.values) expect(detail.skipped, name).to.include(name);
    }
    expect(form.checkValidity()).to.equal(true);
  });
});
