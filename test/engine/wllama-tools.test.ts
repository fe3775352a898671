// The contract issue 28 builds on: wllama's own createChatCompletion (llama.cpp's server code, with
// `jinja: true` as our backend loads) calls tools through the model's chat template. The model is the
// maker's stories15M-shaped random llama with Qwen2.5-Instruct's tool template (preset 15m-tools-q8_0):
// it knows nothing, so every well-formed call here comes from the grammar llama.cpp derives from the
// template and the tools' JSON Schemas. Each step logs its time, for the tool loop's test budget.
import { expect } from '@open-wc/testing';
import { Validator, type Schema } from '@cfworker/json-schema';
import {
  Wllama,
  type ChatCompletionChunk,
  type ChatCompletionMessage,
  type ChatCompletionParams,
  type ChatCompletionTool,
  type ChatCompletionToolCall,
} from '@wllama/wllama';

const MODEL_URL = new URL('/models/random-stories15m-tools-q8_0-v3.gguf', location.href).href;
const WASM = new URL('/src/engine/backends/wllama.wasm', location.href).href;
const quiet = { debug: () => {}, log: () => {}, warn: () => {}, error: console.error };

// Bounded values (enums, integer ranges): a random model left free in a string rambles to max_tokens.
const TOOLS: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
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
    },
  },
  {
    type: 'function',
    function: {
      name: 'add_to_cart',
      description: 'Adds a product to the cart',
      parameters: {
        type: 'object',
        properties: {
          sku: { type: 'string', enum: ['A1', 'B2'] },
          quantity: { type: 'integer', minimum: 1, maximum: 9 },
        },
        required: ['sku', 'quantity'],
        additionalProperties: false,
      },
    },
  },
];
const SCHEMAS = new Map(TOOLS.map(({ function: f }) => [f.name, f.parameters as Schema]));
const QUESTION: ChatCompletionMessage[] = [{ role: 'user', content: 'Is it raining in Paris?' }];

/** The call's tool is one of ours and its arguments are JSON valid for that tool's schema. */
function expectWellFormed(call: { function: { name: string; arguments: string } }) {
  const schema = SCHEMAS.get(call.function.name);
  expect(schema, `known tool: ${call.function.name}`).to.exist;
  const args: unknown = JSON.parse(call.function.arguments);
  const { valid, errors } = new Validator(schema!, '2020-12', false).validate(args);
  expect(valid, `${call.function.arguments}: ${JSON.stringify(errors)}`).to.equal(true);
}

describe('wllama tool calling (raw library, Qwen2.5 template, random weights)', function () {
  this.timeout(120_000);
  let wllama: Wllama;

  before(async () => {
    const started = performance.now();
    wllama = new Wllama({ default: WASM }, { logger: quiet, suppressNativeLog: true });
    wllama.setCompat(null);
    const blob = await (await fetch(MODEL_URL)).blob();
    await wllama.loadModel([blob], { n_ctx: 4096, n_parallel: 1, jinja: true });
    console.log(`[tools] load ${Math.round(performance.now() - started)} ms`);
  });

  after(() => wllama?.exit());

  /** One answer, not streamed, timed and logged: its one choice's message, finish reason and calls. */
  async function answer(label: string, params: Omit<ChatCompletionParams, 'stream'>) {
    const started = performance.now();
    const response = await wllama.createChatCompletion({ temperature: 0, max_tokens: 200, ...params, stream: false });
    expect(response.choices).to.have.length(1);
    const { message, finish_reason: finish } = response.choices[0]!;
    console.log(
      `[tools] ${label}: ${Math.round(performance.now() - started)} ms, prompt ${response.usage.prompt_tokens} +` +
        ` ${response.usage.completion_tokens} tokens, finish ${finish}, message ${JSON.stringify(message)}`,
    );
    return { message, finish, calls: message.tool_calls ?? [], usage: response.usage };
  }

  /** One answer, streamed: its chunks, and the calls put together from their `delta.tool_calls` pieces. */
  async function stream(label: string, params: Omit<ChatCompletionParams, 'stream'>) {
    const started = performance.now();
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await wllama.createChatCompletion({
      temperature: 0,
      max_tokens: 200,
      ...params,
      stream: true,
    })) {
      chunks.push(chunk);
    }
    const calls: ChatCompletionToolCall[] = [];
    let content = '';
    for (const { delta } of chunks.flatMap((chunk) => chunk.choices)) {
      content += delta.content ?? '';
      for (const piece of delta.tool_calls ?? []) {
        const call = (calls[piece.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
        call.id += piece.id ?? '';
        call.function.name += piece.function?.name ?? '';
        call.function.arguments += piece.function?.arguments ?? '';
      }
    }
    const finish = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean);
    const deltas = chunks.flatMap((chunk) => chunk.choices.map((choice) => JSON.stringify(choice.delta)));
    console.log(
      `[tools] ${label} (streamed): ${Math.round(performance.now() - started)} ms, ${chunks.length} chunks,` +
        ` finish ${finish.join(',')}, deltas ${deltas.join(' ')}`,
    );
    return { chunks, calls, content, finish };
  }

  it("tool_choice 'required': one well-formed call, not streamed and streamed", async () => {
    const { calls, finish } = await answer('required', { messages: QUESTION, tools: TOOLS, tool_choice: 'required' });
    expect(calls).to.have.length(1);
    calls.forEach(expectWellFormed);
    expect(calls[0]!.id, 'each call has an id to answer').to.be.a('string').and.not.empty;
    expect(finish).to.equal('tool_calls');

    const streamed = await stream('required', { messages: QUESTION, tools: TOOLS, tool_choice: 'required' });
    streamed.calls.forEach(expectWellFormed);
    const named = (list: ChatCompletionToolCall[]) => list.map(({ function: f }) => [f.name, f.arguments]);
    expect(named(streamed.calls), 'greedy: the same call, in pieces').to.deep.equal(named(calls));
    expect(streamed.calls[0]!.id).to.be.a('string').and.not.empty;
    expect(streamed.finish).to.deep.equal(['tool_calls']);
  });

  it('a named tool: the object form is ignored by this build; offering that tool alone works', async () => {
    // llama.cpp logs "Wrong type supplied for parameter 'tool_choice' ... type must be string" and
    // falls back to 'auto': the model picks its own tool (add_to_cart, greedily), not the named one.
    const named = { type: 'function' as const, function: { name: 'get_weather' } };
    const ignored = await answer('named object', { messages: QUESTION, tools: TOOLS, tool_choice: named });
    expect(ignored.calls.map((call) => call.function.name)).to.deep.equal(['add_to_cart']);

    const only = TOOLS.filter((tool) => tool.function.name === 'get_weather');
    const alone = await answer('get_weather alone', { messages: QUESTION, tools: only, tool_choice: 'required' });
    expect(alone.calls.map((call) => call.function.name)).to.deep.equal(['get_weather']);
    alone.calls.forEach(expectWellFormed);
    const streamed = await stream('get_weather alone', { messages: QUESTION, tools: only, tool_choice: 'required' });
    expect(streamed.calls.map((call) => call.function.name)).to.deep.equal(['get_weather']);
    streamed.calls.forEach(expectWellFormed);
  });

  it("tool_choice 'auto' calls too (the planted bigrams), 'none' answers in text", async () => {
    const auto = await answer('auto', { messages: QUESTION, tools: TOOLS, tool_choice: 'auto' });
    expect(auto.calls).to.have.length(1);
    auto.calls.forEach(expectWellFormed);
    // No grammar and no parsing: the model's call markers come out as plain text.
    const none = await answer('none', { messages: QUESTION, tools: TOOLS, tool_choice: 'none', max_tokens: 12 });
    expect(none.calls).to.deep.equal([]);
    expect(none.message.content).to.be.a('string').and.not.empty;
    expect(none.finish).to.equal('length');
  });

  it('the result goes back in a tool message and the model answers', async () => {
    const first = await answer('call', { messages: QUESTION, tools: TOOLS, tool_choice: 'required' });
    const [call] = first.calls;
    expectWellFormed(call!);
    const followUp: ChatCompletionMessage[] = [
      ...QUESTION,
      { role: 'assistant', content: null, tool_calls: [call!] },
      { role: 'tool', tool_call_id: call!.id, content: JSON.stringify({ rain: false, celsius: 21 }) },
    ];
    const params = { messages: followUp, tools: TOOLS, tool_choice: 'none' as const, max_tokens: 16 };
    const final = await answer('final (none)', params);
    expect(final.usage.prompt_tokens, 'the call and its result are in the prompt').to.be.above(
      first.usage.prompt_tokens,
    );
    expect(final.calls).to.deep.equal([]);
    expect(final.message.content).to.be.a('string').and.not.empty;
    const streamed = await stream('final (none)', params);
    expect(streamed.content).to.equal(final.message.content);
    expect(streamed.calls).to.deep.equal([]);
    // 'auto' after a result: this model calls again (a page's loop needs its bound on rounds).
    const again = await answer('after result (auto)', { ...params, tool_choice: 'auto', max_tokens: 200 });
    expect(again.finish).to.equal('tool_calls');
    again.calls.forEach(expectWellFormed);
  });
});
