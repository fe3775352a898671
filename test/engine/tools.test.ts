// engine.chat() with tools, on real llama.cpp (wllama) in Chromium: the maker's stories15M-shaped
// random llama with Qwen2.5's tool template (preset 15m-tools-q8_0; see wllama-tools.test.ts for
// what llama.cpp itself does with it). It knows nothing: its calls are well formed because llama.cpp
// constrains them by a grammar from the template and the tools' schemas, and it calls whenever it may
// (bigrams planted by the maker), so `tool_choice` and the rounds bound decide when it answers.
import { expect } from '@open-wc/testing';
import { Engine, type Tool, type ToolStep } from '../../src/engine/index.js';
import { MODEL_URL as STORIES } from '../helpers/model.js';
import { within } from '../helpers/wait.js';

const TOOLS_MODEL = new URL('/models/random-stories15m-tools-q8_0-v3.gguf', location.href).href;
const question = [{ role: 'user' as const, content: 'Is it raining in Paris?' }];
const short = { temperature: 0, max_tokens: 200 } as const;

/** A tool that records its calls. */
function weather(record: Array<Record<string, unknown>>, extra: Partial<Tool> = {}): Tool {
  return {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', enum: ['Paris', 'Tokyo', 'Lima'] },
        unit: { type: 'string', enum: ['c', 'f'] },
      },
      required: ['city'],
      additionalProperties: false,
    },
    run: (args) => {
      record.push(args);
      return { sky: 'rain', celsius: 12 };
    },
    ...extra,
  };
}

function cart(
  record: Array<Record<string, unknown>>,
  quantity: object = { type: 'integer', minimum: 1, maximum: 9 },
): Tool {
  return {
    name: 'add_to_cart',
    description: 'Adds a product to the cart',
    parameters: {
      type: 'object',
      properties: { sku: { type: 'string', enum: ['A1', 'B2'] }, quantity },
      required: ['sku', 'quantity'],
      additionalProperties: false,
    },
    run: (args) => {
      record.push(args);
      return 'added';
    },
  };
}

describe('engine.chat() with tools (real llama.cpp, a tool-calling test model)', function () {
  this.timeout(120_000);
  let engine: Engine;

  before(async () => {
    engine = new Engine();
    await within(engine.load(TOOLS_MODEL), 60_000, 'the tools model loaded');
  });
  after(() => engine.unload());

  it('runs the whole loop: a required call, its arguments checked and run, the result fed back, then an answer', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const steps: ToolStep[] = [];
    const generation = engine.chat(question, {
      ...short,
      tools: [weather(calls), cart(calls)],
      tool_choice: 'required',
      maxToolRounds: 1,
    });
    for await (const part of generation.parts())
      if (part.type === 'tool' && part.step.status === 'done') steps.push(part.step);
    const result = await generation.result;
    expect(result.finishReason, result.error?.message).to.be.oneOf(['stop', 'length']);
    expect(result.toolSteps?.length, 'one round of calls').to.be.greaterThan(0);
    expect(result.toolSteps?.every((step) => step.status === 'done')).to.equal(true);
    expect(steps, 'each finished call streamed as a part').to.deep.equal(result.toolSteps);
    expect(calls, "run() got each call's parsed arguments, in order").to.deep.equal(
      result.toolSteps!.map((step) => step.call.arguments),
    );
    // The conversation the loop kept: the call, then each result tied to its call.
    const [turn, ...replies] = result.toolMessages!;
    expect(turn).to.include({ role: 'assistant' });
    expect(turn!.toolCalls).to.deep.equal(result.toolSteps!.map((step) => step.call));
    expect(replies.map((reply) => reply.toolCallId)).to.deep.equal(turn!.toolCalls!.map((call) => call.id));
    expect(result.promptTokens, 'both rounds counted').to.be.greaterThan(500);
  });

  it('a named tool_choice calls that tool', async () => {
    const added: Array<Record<string, unknown>> = [];
    const result = await within(
      engine.chat(question, {
        ...short,
        tools: [weather([]), cart(added)],
        tool_choice: { name: 'add_to_cart' },
        maxToolRounds: 1,
      }).result,
      60_000,
      'the answer',
    );
    expect(result.toolSteps?.[0]?.call.name, result.error?.message).to.equal('add_to_cart');
    expect(result.toolSteps?.[0]?.status, JSON.stringify(result.toolSteps)).to.equal('done');
    expect(added[0]).to.have.keys(['sku', 'quantity']);
  });

  it('continuing an answer (continueLast) into a call: the next round answers the results instead of continuing', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const result = await within(
      engine.chat([...question, { role: 'assistant', content: '<tool_call>\n' }], {
        ...short,
        tools: [weather(calls)],
        tool_choice: 'required',
        continueLast: true,
        maxToolRounds: 1,
      }).result,
      60_000,
      'the answer',
    );
    expect(result.error?.message).to.equal(undefined);
    expect(result.finishReason).to.be.oneOf(['stop', 'length']);
    expect(result.toolSteps?.map((step) => step.status)).to.deep.equal(['done']);
    expect(calls).to.have.length(1);
  });

  it('stops after maxToolRounds rounds of calls and answers in words', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const result = await within(
      engine.chat(question, { ...short, tools: [weather(calls)], tool_choice: 'auto', maxToolRounds: 2 }).result,
      90_000,
      'the answer',
    );
    expect(result.finishReason, result.error?.message).to.be.oneOf(['stop', 'length']);
    const rounds = result.toolMessages?.filter((message) => message.role === 'assistant').length;
    expect(rounds, 'the model calls whenever it may: two rounds, then words').to.equal(2);
  });

  it('a tool that asks first runs only when allowed; a denial is told to the model', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const asked: string[] = [];
    const tools = [weather(calls, { confirm: true })];
    const denied = await engine.chat(question, {
      ...short,
      tools,
      tool_choice: 'required',
      maxToolRounds: 1,
      approve: (call) => (asked.push(call.name), false),
    }).result;
    expect(asked).to.deep.equal(['get_weather']);
    expect(denied.toolSteps?.[0]?.status).to.equal('denied');
    expect(calls, 'not run').to.have.length(0);
    expect(JSON.parse(denied.toolMessages![1]!.content)).to.deep.equal({ error: 'The user did not allow this call.' });

    const allowed = await engine.chat(question, {
      ...short,
      tools,
      tool_choice: 'required',
      maxToolRounds: 1,
      approve: () => true,
    }).result;
    expect(allowed.toolSteps?.[0]?.status).to.equal('done');
    expect(calls).to.have.length(1);
    const unasked = await engine.chat(question, { ...short, tools, tool_choice: 'required', maxToolRounds: 1 }).result;
    expect(unasked.toolSteps?.[0]?.status, 'without approve, a tool that asks is denied').to.equal('denied');
  });

  it('refuses arguments that do not match the schema: the tool does not run and the model is told why', async () => {
    // llama.cpp's grammar does not enforce multipleOf: the model may write any of 1–9, only 7 is valid.
    const added: Array<Record<string, unknown>> = [];
    const strict = cart(added, { type: 'integer', minimum: 1, maximum: 9, multipleOf: 7 });
    const result = await engine.chat(question, { ...short, tools: [strict], tool_choice: 'required', maxToolRounds: 1 })
      .result;
    const step = result.toolSteps?.[0];
    expect(step?.call.name, result.error?.message).to.equal('add_to_cart');
    if (step?.call.arguments.quantity === 7)
      throw new Error('the model wrote the one valid quantity: pick another multipleOf');
    expect(step?.status).to.equal('invalid');
    expect(step?.error).to.match(/do not match the tool's parameters \(#\/quantity: /);
    expect(added, 'not run').to.have.length(0);
  });

  it('an abort reaches a slow tool through its signal, and ends the request at once', async () => {
    let seen: AbortSignal | null = null;
    const slow: Tool = {
      name: 'slow_search',
      parameters: { type: 'object', properties: { q: { type: 'string', enum: ['shoes'] } }, required: ['q'] },
      run: (_args, { signal }) => {
        seen = signal;
        return new Promise(() => {}); // never answers by itself
      },
    };
    const generation = engine.chat(question, { ...short, tools: [slow], tool_choice: 'required', maxToolRounds: 1 });
    for await (const part of generation.parts()) {
      if (part.type === 'tool' && part.step.status === 'running') break;
    }
    generation.abort();
    const result = await within(generation.result, 5_000, 'the aborted result');
    expect(result.finishReason).to.equal('abort');
    expect((seen as AbortSignal | null)?.aborted, "the tool's signal").to.equal(true);
    // The engine serves the next request.
    const next = await within(engine.chat(question, { ...short, max_tokens: 8 }).result, 60_000, 'the next answer');
    expect(next.finishReason, next.error?.message).to.be.oneOf(['stop', 'length']);
  });

  it('refuses bad tools before anything runs', async () => {
    const bad = async (tools: Tool[], more = {}) =>
      (await engine.chat(question, { ...short, tools, ...more }).result).error;
    expect(await bad([{ name: 'has space', run: () => 1 }])).to.include({ code: 'invalid-request' });
    expect(await bad([weather([]), weather([])])).to.include({ code: 'invalid-request' });
    expect(await bad([weather([])], { tool_choice: { name: 'nope' } })).to.include({ code: 'invalid-request' });
    expect(await bad([{ name: 'x', parameters: [] as unknown as Record<string, unknown>, run: () => 1 }])).to.include({
      code: 'invalid-request',
    });
  });
});

describe('engine.chat() with tools where they cannot run', () => {
  it('a model without a chat template: unsupported, before anything runs', async () => {
    const engine = new Engine();
    await engine.load(STORIES);
    try {
      const result = await engine.chat(question, { tools: [weather([])], max_tokens: 4 }).result;
      expect(result.error?.code).to.equal('unsupported');
      expect(result.completionTokens).to.equal(0);
    } finally {
      await engine.unload();
    }
  });
});

describe('engine.chat() with tools through an engine shared by tabs (two engines of one page)', function () {
  this.timeout(120_000);

  it("the follower's tools run in the follower; the holder's model calls them", async () => {
    const holder = new Engine({ share: 'tabs' });
    const follower = new Engine({ share: 'tabs' });
    try {
      await within(holder.load(TOOLS_MODEL), 60_000, 'the holder loaded');
      await within(follower.load(TOOLS_MODEL), 15_000, 'the follower ready');
      expect(follower.selection?.kind).to.equal('another-tab');
      const calls: Array<Record<string, unknown>> = [];
      const options = {
        ...short,
        tools: [weather(calls), cart(calls)],
        tool_choice: 'required' as const,
        maxToolRounds: 1,
      };
      const theirs = await within(follower.chat(question, options).result, 60_000, "the follower's answer");
      expect(theirs.finishReason, theirs.error?.message).to.be.oneOf(['stop', 'length']);
      expect(theirs.toolSteps?.length).to.be.greaterThan(0);
      expect(calls).to.deep.equal(theirs.toolSteps!.map((step) => step.call.arguments));
      const own = await within(holder.chat(question, options).result, 60_000, "the holder's answer");
      // The same model, greedy: the same calls (their ids are llama.cpp's random ones).
      expect(theirs.toolSteps!.map((step) => [step.call.name, step.call.arguments])).to.deep.equal(
        own.toolSteps!.map((step) => [step.call.name, step.call.arguments]),
      );
    } finally {
      await follower.unload();
      await holder.unload();
    }
  });
});
