// Structured output on real llama.cpp (wllama) with stories260K: the toy model knows nothing of
// orders or forms, but constrained decoding must still give schema-valid answers, across seeds.
// The backends that cannot constrain are tested at their interface (scripted stand-ins).
import { expect } from '@open-wc/testing';
import { Validator, type Schema } from '@cfworker/json-schema';
import { Engine, type GenerationOptions, type JsonSchema } from '../../src/engine/index.js';
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

  it('a decimal range with a step (a form’s step="0.1" min="0.1" max="50") gives only values in range and on the step, run after run', async () => {
    const schema = {
      type: 'object',
      properties: { weight: { type: 'number', minimum: 0.1, maximum: 50, multipleOf: 0.1 } },
      required: ['weight'],
      additionalProperties: false,
    };
    const weights = new Set<number>();
    for (let seed = 1; seed <= 30; seed++) {
      const result = await engine.complete('Weight:', { schema, seed, temperature: 1, max_tokens: 60 }).result;
      expect(result.finishReason, `seed ${seed}: ${result.error?.message ?? ''} ${result.text}`).to.equal('stop');
      const { weight } = result.value as { weight: number };
      expect(weight, `seed ${seed}: ${result.text}`).to.be.within(0.1, 50);
      expect(Math.abs(weight * 10 - Math.round(weight * 10)), `seed ${seed}: ${weight} is on the 0.1 step`).to.be.below(
        1e-9,
      );
      weights.add(weight);
    }
    expect(weights.size, 'sampling still varies within the range').to.be.greaterThan(3);
  });

  it('decimal ranges without a step, negative ones and exclusive bounds hold too, run after run', async () => {
    const schema = {
      type: 'object',
      properties: {
        price: { type: 'number', minimum: 0.5, maximum: 20 },
        delta: { type: 'number', exclusiveMinimum: -2.5, maximum: -0.25 },
        ratio: { type: 'number', minimum: 0, exclusiveMaximum: 1, multipleOf: 0.01 },
        quarter: { type: 'number', minimum: -1, maximum: 3, multipleOf: 0.25 },
      },
      required: ['price', 'delta', 'ratio', 'quarter'],
      additionalProperties: false,
    };
    for (let seed = 1; seed <= 20; seed++) {
      const result = await engine.complete('Price:', { schema, seed, temperature: 1, max_tokens: 120 }).result;
      expect(result.finishReason, `seed ${seed}: ${result.error?.message ?? ''} ${result.text}`).to.equal('stop');
      const value = result.value as Record<string, number>;
      expect(value.price).to.be.within(0.5, 20);
      expect(value.delta).to.be.above(-2.5).and.at.most(-0.25);
      expect(value.ratio).to.be.at.least(0).and.below(1);
      expect(Math.round((value.ratio as number) * 100) / 100).to.equal(value.ratio);
      expect(value.quarter).to.be.within(-1, 3);
      expect(((value.quarter as number) * 4) % 1, `${value.quarter} is on the 0.25 step`).to.equal(0);
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

  it('an integer cut off by max_tokens (20 of 2000…) is never a value, though what was written parses', async () => {
    let parsed = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const result = await engine.complete('Number:', {
        schema: { type: 'integer', minimum: 0, maximum: 999999999 },
        max_tokens: 2,
        seed,
        temperature: 1,
      }).result;
      if (/^\d+\s*$/.test(result.text)) parsed++;
      expect(result.finishReason, `seed ${seed}: ${result.text}`).to.equal('error');
      expect(result.error).to.include({ code: 'invalid-output' });
      expect(result.error?.message).to.match(/cut off by max_tokens/);
      expect(result.value).to.equal(undefined);
    }
    expect(parsed, 'some cut-off answers were numbers that parse').to.be.greaterThan(0);
  });
});

/** Runs a request that must be refused before the model runs: its code, a message naming what to change, nothing generated. */
async function expectRefused(
  engine: Engine,
  options: GenerationOptions,
  code: string,
  names: RegExp,
  how: 'complete' | 'chat' = 'complete',
) {
  const statuses: string[] = [];
  const onStatus = (event: Event) => statuses.push((event as Event & { status: string }).status);
  engine.addEventListener('statuschange', onStatus);
  try {
    const generation =
      how === 'chat'
        ? engine.chat([{ role: 'user', content: 'Order:' }], { max_tokens: 20, ...options })
        : engine.complete('Order:', { max_tokens: 20, ...options });
    const result = await generation.result;
    const label = `${JSON.stringify(options)} → ${result.error?.code ?? result.finishReason}: ${result.error?.message ?? result.text}`;
    expect(result.finishReason, label).to.equal('error');
    expect(result.error?.code, label).to.equal(code);
    expect(result.error?.message, label).to.match(names);
    expect(result.error?.message, `${label}: no developer internals`).to.not.match(
      /typed array|Generation failed|at \w+ \(/,
    );
    expect(result.text, `${label}: nothing was generated`).to.equal('');
    expect(result.promptTokens, label).to.equal(0);
    expect(statuses, `${label}: refused before generating`).to.not.include('generating');
  } finally {
    engine.removeEventListener('statuschange', onStatus);
  }
}

describe('structured output: bad requests are refused up front, naming what to change (real llama.cpp)', () => {
  let engine: Engine;
  before(async () => {
    engine = new Engine({ source: MODEL_URL });
    await engine.load();
  });
  after(() => engine.unload());

  it('a schema that is not a schema object is invalid-request, never inference nor a silent unconstrained run', async () => {
    const bad: unknown[] = [true, false, 'string', 42, [], null];
    for (const schema of bad) {
      await expectRefused(
        engine,
        { schema: schema as JsonSchema },
        'invalid-request',
        /schema must be a JSON Schema object/,
      );
    }
  });

  it('a keyword with a wrong value, or a $ref that is remote or missing, is invalid-request naming the keyword', async () => {
    const cases: Array<[JsonSchema, RegExp]> = [
      [{ type: 'strin' }, /"type" must be one of .*"string".* not the string "strin"/],
      [{ type: 'number', minimum: 'abc' }, /"minimum" must be a number, not the string "abc"/],
      [
        { type: 'object', properties: { a: { $ref: 'https://example.com/a.json' } } },
        /"\$ref": "https:\/\/example.com\/a.json" points outside the schema.*\$defs/,
      ],
      [
        { type: 'object', properties: { a: { $ref: '#/$defs/missing' } } },
        /"\$ref": "#\/\$defs\/missing" refers to nothing/,
      ],
      [{ type: 'string', pattern: '^(a$' }, /"pattern" is not a valid regular expression/],
      [{ type: 'string', minLength: 5, maxLength: 2 }, /"minLength" \(5\) is above "maxLength" \(2\)/],
      [
        { type: 'object', properties: { a: { type: 'integer', minimum: 3.5, maximum: 3.9 } }, required: ['a'] },
        /no value can satisfy/,
      ],
    ];
    for (const [schema, names] of cases) await expectRefused(engine, { schema }, 'invalid-request', names);
  });

  it('a keyword the grammar cannot enforce or the validator does not check is unsupported, naming it ($dynamicRef, not, if/then/else, …)', async () => {
    const tree = {
      $defs: {
        node: {
          $dynamicAnchor: 'node',
          type: 'object',
          properties: { v: { type: 'integer' }, kids: { type: 'array', items: { $dynamicRef: '#node' } } },
        },
      },
      $ref: '#/$defs/node',
    };
    const cases: Array<[JsonSchema, string]> = [
      [tree, '$dynamicAnchor'],
      [{ type: 'array', items: { $dynamicRef: '#node' } }, '$dynamicRef'],
      [{ type: 'string', pattern: 'abc' }, 'pattern'],
      [{ type: 'string', pattern: '^(?=a)[a-z]+$' }, 'pattern'],
      [{ type: 'string', pattern: '^(a)\\1$' }, 'pattern'],
      [{ type: 'string', pattern: '^\\bword$' }, 'pattern'],
      [{ not: { type: 'string' } }, 'not'],
      [{ type: 'object', if: { required: ['a'] }, then: { required: ['b'] }, else: {} }, 'if'],
      [{ type: 'object', patternProperties: { '^x': { type: 'string' } } }, 'patternProperties'],
      [{ type: 'object', properties: { a: { type: 'integer' } }, minProperties: 1 }, 'minProperties'],
      [{ type: 'array', contains: { const: 1 } }, 'contains'],
      [{ type: 'array', items: { type: 'string' }, uniqueItems: true }, 'uniqueItems'],
      [{ type: 'string', format: 'email' }, 'format'],
      [{ type: 'number', multipleOf: 0.3 }, 'multipleOf'],
      [{ type: 'object', propertyNames: { maxLength: 3 } }, 'propertyNames'],
      [
        { type: 'object', properties: { a: { type: 'string' } }, unevaluatedProperties: false },
        'unevaluatedProperties',
      ],
      [{ type: 'string', 'x-widget': 'textarea' }, 'x-widget'],
    ];
    for (const [schema, keyword] of cases) {
      const quoted = new RegExp(`"${keyword.replace(/\$/g, '\\$')}"`);
      await expectRefused(engine, { schema }, 'unsupported', quoted);
    }
  });

  it('a grammar that is not GBNF llama.cpp can run is invalid-request, with what to change', async () => {
    const cases: Array<[unknown, RegExp]> = [
      ['', /grammar is empty/],
      ['   # only a comment', /grammar is empty/],
      [42, /grammar must be a GBNF grammar as text, not 42/],
      [null, /grammar must be a GBNF grammar as text, not null/],
      ['root ::= "a', /not valid GBNF \(line 1: a literal is not closed/],
      ['root ::= "a" \nitem ::= [a-z', /line 2: a character class is not closed/],
      ['root := "a"', /expected "::=" after the rule name "root"/],
      ['root ::= item', /rule "root" uses the rule "item", which is not defined/],
      ['item ::= "a"', /no "root" rule/],
      ['root ::= root "a" | "b"', /"root" is left-recursive/],
      ['root ::= "a" )', /unexpected "\)"/],
      ['root ::= "a"{3,1}', /maximum below its minimum/],
    ];
    for (const [grammar, names] of cases) {
      await expectRefused(engine, { grammar: grammar as string }, 'invalid-request', names);
    }
  });

  it('a refused request does not load the model: the check comes before the lazy load', async () => {
    const lazy = new Engine({ source: MODEL_URL });
    try {
      const result = await lazy.complete('x', { schema: { type: 'strin' } }).result;
      expect(result.error).to.include({ code: 'invalid-request' });
      expect(lazy.status, 'no load was started for a request that cannot run').to.equal('idle');
    } finally {
      await lazy.unload();
    }
  });
});

describe('structured output on the plain-transcript chat (a model without a chat template)', () => {
  let engine: Engine;
  before(async () => {
    engine = new Engine({ source: MODEL_URL });
    await engine.load();
  });
  after(() => engine.unload());

  it('a constrained answer is not cut at the transcript’s own stop strings ("\\nUser:")', async () => {
    const grammar = 'root ::= "Name: Ann\\nUser: Bob\\nAssistant: Cy"';
    const result = await engine.chat([{ role: 'user', content: 'Who?' }], { grammar, temperature: 0, max_tokens: 40 })
      .result;
    expect(result.text).to.equal('Name: Ann\nUser: Bob\nAssistant: Cy');
    expect(result.finishReason).to.equal('stop');
  });

  it('a schema’s answer is not cut either, and the caller’s own stop strings still apply', async () => {
    const schema = {
      type: 'object',
      properties: { who: { const: 'Ann\nUser: Bob' } },
      required: ['who'],
      additionalProperties: false,
    };
    const result = await engine.chat([{ role: 'user', content: 'Who?' }], { schema, temperature: 0, max_tokens: 60 })
      .result;
    expect(result.finishReason, result.error?.message).to.equal('stop');
    expect(result.value).to.deep.equal({ who: 'Ann\nUser: Bob' });
    const grammar = 'root ::= "Name: Ann\\nUser: Bob"';
    const cut = await engine.chat([{ role: 'user', content: 'Who?' }], {
      grammar,
      stop: ['Ann'],
      temperature: 0,
      max_tokens: 40,
    }).result;
    expect(cut.text, 'the caller asked to stop there').to.equal('Name: ');
  });
});

describe('structured output where a backend cannot constrain (stand-in of the Prompt API)', () => {
  let standIn: ReturnType<typeof installPromptApi> | null = null;
  afterEach(() => standIn?.uninstall());

  it('the browser’s model takes a schema as responseConstraint, and refuses a grammar with unsupported instead of unconstrained text', async () => {
    standIn = installPromptApi({ answer: () => '{"size":"M","quantity":2}' });
    const engine = new Engine({ source: { browserModel: true } });
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
      expect(refused.error?.message).to.equal('The browser-model backend cannot constrain a chat to a GBNF grammar.');
      expect(standIn.record.prompts, 'nothing was prompted for the refused request').to.have.length(1);
    } finally {
      await engine.unload();
    }
  });

  it('the same up-front checks apply before the browser’s model: a bad or unenforceable schema is never prompted', async () => {
    standIn = installPromptApi({ answer: () => '{"v":3,"kids":[false]}' });
    const engine = new Engine({ source: { browserModel: true } });
    try {
      const refused = await engine.chat([{ role: 'user', content: 'x' }], {
        schema: { type: 'object', properties: { kids: { type: 'array', items: { $dynamicRef: '#node' } } } },
      }).result;
      expect(refused.error).to.include({ code: 'unsupported' });
      expect(refused.error?.message).to.match(/"\$dynamicRef"/);
      const malformed = await engine.chat([{ role: 'user', content: 'x' }], { schema: { type: 'strin' } }).result;
      expect(malformed.error).to.include({ code: 'invalid-request' });
      expect(standIn.record.prompts, 'nothing was prompted').to.have.length(0);
    } finally {
      await engine.unload();
    }
  });

  it('an answer the schema does not allow is invalid-output, naming where', async () => {
    standIn = installPromptApi({ answer: () => '{"size":"XL"}' });
    const engine = new Engine({ source: { browserModel: true } });
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
