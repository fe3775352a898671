// A <llm-tool>'s form read as the tool's parameters (form-schema.ts): each kind of field, what
// is required, and where each description comes from.
import { expect, fixture, html } from '@open-wc/testing';
import { formParameters } from '../../src/components/llm-tool/form-schema.js';

describe('formParameters(form): a tool form as a JSON Schema', () => {
  it('reads each kind of field into its type, with its constraints', async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form>
        <input name="text" minlength="2" maxlength="20" pattern="[a-z]{2,20}" />
        <input name="mail" type="email" />
        <input name="site" type="url" />
        <input name="q" type="search" maxlength="50" />
        <input name="phone" type="tel" />
        <input name="count" type="number" min="1" max="9" />
        <input name="price" type="number" step="0.5" min="0" max="2" />
        <input name="level" type="range" min="0" max="10" />
        <input name="gift" type="checkbox" />
        <select name="size">
          <option value="">Choose…</option>
          <option>S</option>
          <option>M</option>
        </select>
        <input type="radio" name="color" value="red" /><input type="radio" name="color" value="blue" />
        <textarea name="note" maxlength="300"></textarea>
        <input name="secret" type="password" /><input name="token" type="hidden" value="x" />
        <button>Send</button>
      </form>
    `);
    const { parameters, fields } = formParameters(form);
    const schema = parameters as { properties: Record<string, Record<string, unknown>>; additionalProperties: unknown };
    const p = schema.properties;
    expect(schema.additionalProperties).to.equal(false);
    expect(Object.keys(p), 'no password, hidden field or button').to.deep.equal([
      'text',
      'mail',
      'site',
      'q',
      'phone',
      'count',
      'price',
      'level',
      'gift',
      'size',
      'color',
      'note',
    ]);
    expect(p.text).to.deep.include({ type: 'string', minLength: 2, maxLength: 20, pattern: '^(?:[a-z]{2,20})$' });
    // email and url as bounded patterns the grammar enforces (a `format` of email or uri it refuses).
    expect(p.mail).to.include({ type: 'string' });
    expect(new RegExp(p.mail!.pattern as string).test('ann@example.com')).to.equal(true);
    expect(new RegExp(p.mail!.pattern as string).test('not an address')).to.equal(false);
    expect(new RegExp(p.site!.pattern as string).test('https://example.com/a')).to.equal(true);
    expect(p.q).to.deep.include({ type: 'string', maxLength: 50 });
    expect(new RegExp(p.phone!.pattern as string).test('+44 20 7946 0000')).to.equal(true);
    expect(p.count).to.deep.include({ type: 'integer', minimum: 1, maximum: 9 });
    expect(p.price).to.deep.include({ type: 'number', minimum: 0, maximum: 2 });
    expect(p.level).to.deep.include({ type: 'integer', minimum: 0, maximum: 10 });
    expect(p.gift).to.deep.equal({ type: 'boolean' });
    expect(p.size, 'the placeholder option is no value').to.deep.equal({ enum: ['S', 'M'] });
    expect(p.color).to.deep.equal({ enum: ['red', 'blue'] });
    expect(p.note).to.deep.include({ type: 'string', maxLength: 300 });
    expect(fields.map((f) => f.name)).to.deep.equal(Object.keys(p));
  });

  it('lists required fields', async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form><input name="sku" required /><input name="quantity" type="number" /></form>
    `);
    const schema = formParameters(form).parameters as { required: string[] };
    expect(schema.required).to.deep.equal(['sku']);
  });

  it("describes a field by its title, else its label, else its aria-label (keeping a select's option labels)", async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form>
        <label>SKU <input name="sku" title="The product's SKU" /></label>
        <label for="qty">How many</label><input id="qty" name="quantity" type="number" />
        <input name="city" aria-label="City of delivery" />
        <input name="bare" />
        <label
          >Size
          <select name="size" title="Clothing size">
            <option value="s">Small</option>
          </select></label
        >
      </form>
    `);
    const p = (formParameters(form).parameters as { properties: Record<string, { description?: string }> }).properties;
    expect(p.sku!.description).to.equal("The product's SKU");
    expect(p.quantity!.description).to.equal('How many');
    expect(p.city!.description).to.equal('City of delivery');
    expect(p.bare!.description).to.equal(undefined);
    expect(p.size!.description).to.equal('Clothing size, options: s = Small');
  });

  it('a form without fields gives no parameters', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><button>Go</button></form>`);
    expect(formParameters(form).parameters).to.equal(undefined);
  });
});
