// Structured output on real llama.cpp (wllama) with stories260K: the toy model knows nothing of
// orders or forms, but constrained decoding must still give schema-valid answers, across seeds.
// The backends that cannot constrain are tested at their interface (scripted stand-ins).
import { expect } from '@open-wc/testing';
import { Validator, type Schema } from '@cfworker/json-schema';
import { Engine, type JsonSchema } from '../../src/engine/index.js';
import { MODEL_URL } from '../helpers/model.js';
import { installPromptApi } from '../helpers/scripted-prompt-api.js';

const CHATML_URL = new URL('/models/stories260K-chatml.gguf', location.href).href;

const ORDER = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 20, description: 'Who ordered' },
    // Bounded: an unbounded pattern lets a toy model ramble until max_tokens.
    email: { type: 'string', pattern: '^[a-z0-9.]{1,16}@[a-z0-9]{1,12}\\.[a-z]{2,3}$' },
    size: { enum: ['S', 'M', 'L'] },
    quantity: { type: 'integer', minimum: 1, maximum: 9 },
    price: { type: 'number' },
    date: { type: 'string', format: 'date' },
    gift: { type: 'boolean' },
    note: { type: 'string', maxLength: 12 },
  },
  required: ['name', 'email', 'size', 'quantity', 'date', 'gift'],
  additionalProperties: false,
} satisfies JsonSchema;

const validate = (value: unknown) => new Validator(ORDER as Schema, '2020-12', false).validate(value);

describe('structured output (real llama.cpp, stories260K)', () => {
  let engine: Engine;
  before(async () => {
    engine = new Engine({ source: MODEL_URL });
    await engine.load();
  });
  after(() => engine.unload());

  it('50 constrained runs over 50 seeds are all valid for the schema: enum, integer and number ranges, date, pattern, required, no extra keys', async () => {
    const runs = 50;
    let valid = 0;
    let totalMs = 0;
    const seen = { sizes: new Set<string>(), quantities: new Set<number>() };
    for (let seed = 1; seed <= runs; seed++) {
      const result = await engine.complete('Order:', { schema: ORDER, seed, temperature: 1, max_tokens: 400 }).result;
      expect(result.finishReason, `seed ${seed}: ${result.error?.message ?? ''} ${result.text}`).to.equal('stop');
      const value = result.value as Record<string, unknown>;
      expect(value, 'the parsed value is the text’s').to.deep.equal(JSON.parse(result.text));
      // Checked again here, independently of the engine's own check.
      expect(validate(value).valid, `seed ${seed}: ${result.text}`).to.equal(true);
      expect(['S', 'M', 'L']).to.include(value.size);
      expect(value.quantity).to.be.a('number').within(1, 9);
      expect(Number.isInteger(value.quantity)).to.equal(true);
      expect(value.date).to.match(/^\d{4}-\d{2}-\d{2}$/);
      seen.sizes.add(String(value.size));
      seen.quantities.add(Number(value.quantity));
      valid++;
      totalMs += result.durationMs;
    }
    console.log(
      `[structured] ${valid}/${runs} schema-valid (${((100 * valid) / runs).toFixed(0)}%), ` +
        `${(totalMs / runs).toFixed(0)} ms per run on average`,
    );
    expect(seen.sizes.size, 'sampling still varies within the constraint').to.be.greaterThan(1);
  });

  it('a chat through the model’s template (ChatML) is constrained too, and the result carries the value', async () => {
    const chat = new Engine({ source: CHATML_URL });
    try {
      for (const seed of [1, 2, 3]) {
        const result = await chat.chat([{ role: 'user', content: 'Fill in the order.' }], {
          schema: ORDER,
          seed,
          temperature: 1,
          max_tokens: 400,
        }).result;
        expect(result.finishReason, result.error?.message).to.equal('stop');
        expect(validate(result.value).valid, result.text).to.equal(true);
      }
    } finally {
      await chat.unload();
    }
  });

  it('a decimal range, which llama.cpp’s grammar cannot enforce (it bounds integers only), is still checked: never a value out of range', async () => {
    const schema = {
      type: 'object',
      properties: { price: { type: 'number', minimum: 0.5, maximum: 20 } },
      required: ['price'],
      additionalProperties: false,
    };
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const result = await engine.complete('Price:', { schema, seed, temperature: 1, max_tokens: 60 }).result;
      if (result.finishReason === 'error') {
        expect(result.error?.code, result.error?.message).to.equal('invalid-output');
        expect(result.error?.message).to.match(/#\/price: .* (less|greater) than/);
      } else {
        expect((result.value as { price: number }).price).to.be.within(0.5, 20);
      }
    }
  });

  it('a GBNF grammar constrains the answer (llama.cpp only)', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const result = await engine.complete('Once upon a time', {
        grammar: 'root ::= ("yes" | "no") " " [0-9] [0-9]',
        seed,
        temperature: 1,
        max_tokens: 8,
      }).result;
      expect(result.text).to.match(/^(yes|no) \d\d$/);
      expect(result.value, 'no schema, no value').to.equal(undefined);
    }
  });

  it('an answer cut off by max_tokens is an invalid-output error, with the text kept; the engine goes on', async () => {
    const result = await engine.complete('Order:', { schema: ORDER, seed: 1, max_tokens: 6 }).result;
    expect(result.finishReason).to.equal('error');
    expect(result.error).to.include({ code: 'invalid-output' });
    expect(result.error?.message).to.match(/cut off by max_tokens before the JSON ended/);
    expect(result.text.length, 'the text so far is attached').to.be.greaterThan(0);
    expect(result.value).to.equal(undefined);
    const next = await engine.complete('Order:', { schema: ORDER, seed: 2, max_tokens: 400 }).result;
    expect(next.finishReason).to.equal('stop');
  });

  it('schema and grammar together are an invalid request, and nothing reaches the model', async () => {
    const result = await engine.complete('x', { schema: ORDER, grammar: 'root ::= "a"' }).result;
    expect(result.error).to.include({ code: 'invalid-request' });
    expect(result.promptTokens).to.equal(0);
  });
});

describe('structured output where a backend cannot constrain (stand-in of the Prompt API)', () => {
  let standIn: ReturnType<typeof installPromptApi> | null = null;
  afterEach(() => standIn?.uninstall());

  it('the browser’s model takes a schema as responseConstraint, and refuses a grammar with unsupported instead of unconstrained text', async () => {
    standIn = installPromptApi({ answer: () => '{"size":"M","quantity":2}' });
    const engine = new Engine({ source: { browser: true } });
    try {
      const schema = {
        type: 'object',
        properties: { size: { enum: ['S', 'M'] }, quantity: { type: 'integer' } },
        required: ['size'],
      };
      const result = await engine.chat([{ role: 'user', content: 'M, two' }], { schema }).result;
      expect(result.value).to.deep.equal({ size: 'M', quantity: 2 });
      expect(standIn.record.constraints.at(-1), 'passed to the browser').to.deep.equal(schema);

      const refused = await engine.chat([{ role: 'user', content: 'M, two' }], { grammar: 'root ::= "a"' }).result;
      expect(refused.finishReason).to.equal('error');
      expect(refused.error).to.include({ code: 'unsupported' });
      expect(refused.error?.message).to.equal('The browser backend cannot constrain a chat to a GBNF grammar.');
      expect(standIn.record.prompts, 'nothing was prompted for the refused request').to.have.length(1);
    } finally {
      await engine.unload();
    }
  });

  it('an answer the schema does not allow is invalid-output, naming where', async () => {
    standIn = installPromptApi({ answer: () => '{"size":"XL"}' });
    const engine = new Engine({ source: { browser: true } });
    try {
      const result = await engine.chat([{ role: 'user', content: 'x' }], {
        schema: { type: 'object', properties: { size: { enum: ['S', 'M'] } } },
      }).result;
      expect(result.error).to.include({ code: 'invalid-output' });
      expect(result.error?.message).to.match(/does not match the schema \(#\/size: /);
      expect(result.text).to.equal('{"size":"XL"}');
    } finally {
      await engine.unload();
    }
  });
});
