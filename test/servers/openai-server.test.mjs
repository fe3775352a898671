// The OpenAI-compatible test server answers the way the remote engine's tests expect: real generation
// in OpenAI's framing, generation stopped when the client goes, and each scripted failure as named.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MODEL_ID, TEST_KEY, startOpenAiServer } from './openai-server.mjs';

let server;
let origin;

before(async () => {
  const start = performance.now();
  server = await startOpenAiServer();
  origin = new URL(server.url).origin;
  console.log(`[openai-server] started in ${Math.round(performance.now() - start)} ms at ${server.url}`);
});
after(() => server?.close());

const chatBody = (extra = {}) => ({
  model: MODEL_ID,
  messages: [
    { role: 'system', content: 'You tell stories.' },
    { role: 'user', content: 'Tell me a story about a cat.' },
  ],
  temperature: 0,
  max_tokens: 24,
  ...extra,
});

const post = (path, body, headers = {}, signal) =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  });

/** The `data:` payloads of an event stream's text. */
const events = (text) =>
  text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      assert.match(block, /^data: /, `every event is a data line: ${JSON.stringify(block)}`);
      return block.slice('data: '.length);
    });

/** Polls the server's counters until `condition` holds: aborts are seen by the server, not the client. */
async function statsWhen(condition, what, ms = 5000) {
  const deadline = performance.now() + ms;
  for (;;) {
    const stats = await (await fetch(`${origin}/__test/stats`)).json();
    if (condition(stats)) return stats;
    if (performance.now() > deadline)
      throw new Error(`${what} did not happen within ${ms / 1000} s: ${JSON.stringify(stats)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads a streamed response until a chunk with content arrives; returns the reader, still open. */
async function readUntilContent(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!/"content":"[^"]/.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before any content: ${text}`);
    text += value;
  }
  return { reader, text };
}

describe('the main route', () => {
  test('lists the one model, with CORS headers', async () => {
    const response = await fetch(`${server.url}/models`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(await response.json(), {
      object: 'list',
      data: [{ id: MODEL_ID, object: 'model', owned_by: 'test' }],
    });
  });

  test('answers a preflight with the headers a browser needs for a bearer token', async () => {
    const response = await fetch(`${server.url}/chat/completions`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://example.com', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-allow-headers'), /authorization/);
    assert.match(response.headers.get('access-control-allow-headers'), /content-type/);
  });

  test('streams a role chunk, content chunks, the finish, usage and [DONE]', async () => {
    const response = await post(
      '/v1/chat/completions',
      chatBody({ stream: true, stream_options: { include_usage: true } }),
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/event-stream/);
    const data = events(await response.text());
    assert.equal(data.at(-1), '[DONE]');
    const chunks = data.slice(0, -1).map((line) => JSON.parse(line));
    for (const chunk of chunks) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      assert.equal(chunk.model, MODEL_ID);
      assert.equal(chunk.id, chunks[0].id, 'one id for the whole completion');
    }
    assert.deepEqual(chunks[0].choices[0].delta, { role: 'assistant', content: '' });
    const usageChunk = chunks.at(-1);
    assert.deepEqual(usageChunk.choices, []);
    const finish = chunks.at(-2);
    assert.equal(finish.choices[0].finish_reason, 'length', 'max_tokens 24 cuts a story short');
    const contents = chunks.slice(1, -2).map((chunk) => chunk.choices[0].delta.content);
    assert.ok(contents.length >= 12, `about one chunk per token, got ${contents.length}`);
    assert.ok(contents.every((content) => typeof content === 'string' && content.length > 0));
    assert.equal(usageChunk.usage.completion_tokens, 24);
    assert.ok(usageChunk.usage.prompt_tokens > 10);
    assert.equal(usageChunk.usage.total_tokens, usageChunk.usage.prompt_tokens + 24);
  });

  test('answers without streaming with the same text (temperature 0) and its usage', async () => {
    const streamed = events(await (await post('/v1/chat/completions', chatBody({ stream: true }))).text())
      .slice(0, -1)
      .map((line) => JSON.parse(line).choices[0].delta.content ?? '')
      .join('');
    const response = await post('/v1/chat/completions', chatBody());
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.choices[0].message.role, 'assistant');
    assert.equal(body.choices[0].message.content, streamed);
    assert.equal(body.choices[0].finish_reason, 'length');
    assert.equal(body.usage.completion_tokens, 24);
  });

  test('stops at a stop string, which it leaves out', async () => {
    const free = (await (await post('/v1/chat/completions', chatBody())).json()).choices[0].message.content;
    const word = free.trim().split(/\s+/)[2];
    const body = await (await post('/v1/chat/completions', chatBody({ stop: [word] }))).json();
    assert.equal(body.choices[0].finish_reason, 'stop');
    assert.equal(body.choices[0].message.content, free.slice(0, free.indexOf(word)));
  });

  test('follows a json_schema response format', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, age: { type: 'integer' }, kind: { enum: ['cat', 'dog'] } },
      required: ['name', 'age', 'kind'],
      additionalProperties: false,
    };
    const response = await post(
      '/v1/chat/completions',
      chatBody({ max_tokens: 200, response_format: { type: 'json_schema', json_schema: { name: 'pet', schema } } }),
    );
    const content = (await response.json()).choices[0].message.content;
    const value = JSON.parse(content);
    assert.deepEqual(Object.keys(value).sort(), ['age', 'kind', 'name']);
    assert.equal(typeof value.name, 'string');
    assert.ok(Number.isInteger(value.age), `age is an integer: ${content}`);
    assert.ok(['cat', 'dog'].includes(value.kind));
  });

  test("names an unknown model in OpenAI's 404 body", async () => {
    const response = await post('/v1/chat/completions', chatBody({ model: 'gpt-9' }));
    assert.equal(response.status, 404);
    const { error } = await response.json();
    assert.equal(error.type, 'invalid_request_error');
    assert.equal(error.code, 'model_not_found');
    assert.match(error.message, /gpt-9/);
  });

  const weather = {
    type: 'function',
    function: {
      name: 'weather',
      description: 'The weather in a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { enum: ['celsius', 'fahrenheit'] } },
        required: ['city', 'unit'],
      },
    },
  };
  const toolChoice = { type: 'function', function: { name: 'weather' } };

  test("streams a forced tool call's arguments as tool_calls deltas", async () => {
    const body = chatBody({ stream: true, max_tokens: 100, tools: [weather], tool_choice: toolChoice });
    const chunks = events(await (await post('/v1/chat/completions', body)).text())
      .slice(0, -1)
      .map((line) => JSON.parse(line));
    const deltas = chunks.flatMap((chunk) => chunk.choices[0].delta.tool_calls ?? []);
    assert.ok(deltas.length > 1, 'the arguments come in pieces');
    assert.equal(deltas[0].type, 'function');
    assert.equal(deltas[0].function.name, 'weather');
    assert.match(deltas[0].id, /^call_/);
    assert.ok(deltas.every((delta) => delta.index === 0));
    assert.ok(deltas.slice(1).every((delta) => delta.id === undefined && delta.function.name === undefined));
    const args = JSON.parse(deltas.map((delta) => delta.function.arguments).join(''));
    assert.equal(typeof args.city, 'string');
    assert.ok(['celsius', 'fahrenheit'].includes(args.unit));
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'tool_calls');
  });

  test("answers tool_choice 'required' with a whole tool call, then reads its result", async () => {
    const body = chatBody({ max_tokens: 100, tools: [weather], tool_choice: 'required' });
    const { message, finish_reason } = (await (await post('/v1/chat/completions', body)).json()).choices[0];
    assert.equal(finish_reason, 'tool_calls');
    assert.equal(message.content, null);
    const [call] = message.tool_calls;
    assert.equal(call.function.name, 'weather');
    assert.equal(typeof JSON.parse(call.function.arguments).city, 'string');
    const followUp = chatBody({
      tools: [weather],
      messages: [...body.messages, message, { role: 'tool', tool_call_id: call.id, content: 'Sunny, 21 degrees' }],
    });
    const answer = await post('/v1/chat/completions', followUp);
    assert.equal(answer.status, 200);
    const { choices, usage } = await answer.json();
    assert.ok(usage.prompt_tokens > (await (await post('/v1/chat/completions', body)).json()).usage.prompt_tokens);
    assert.ok(['stop', 'length', 'tool_calls'].includes(choices[0].finish_reason));
  });

  test('stops generating when the client goes mid-stream', async () => {
    const before = await statsWhen((stats) => stats.active === 0, 'an idle server');
    const controller = new AbortController();
    const response = await post(
      '/v1/chat/completions',
      chatBody({ stream: true, max_tokens: 400 }),
      {},
      controller.signal,
    );
    const { reader } = await readUntilContent(response);
    controller.abort();
    await reader.closed.catch(() => {});
    const stats = await statsWhen((s) => s.aborted === before.aborted + 1 && s.active === 0, 'the abort');
    assert.equal(stats.requests, before.requests + 1);
    // The next request is served: the stopped generation freed the sequence.
    assert.equal((await post('/v1/chat/completions', chatBody({ max_tokens: 4 }))).status, 200);
  });
});

describe('the scripted failures', () => {
  for (const [status, code] of [
    [401, 'invalid_api_key'],
    [403, 'forbidden'],
    [404, 'model_not_found'],
    [429, 'rate_limit_exceeded'],
    [500, null],
    [503, null],
  ]) {
    test(`/__status/${status} answers ${status} with an OpenAI error body on every route`, async () => {
      for (const response of [
        await post(`/__status/${status}/v1/chat/completions`, chatBody({ stream: true })),
        await fetch(`${origin}/__status/${status}/v1/models`),
      ]) {
        assert.equal(response.status, status);
        assert.equal(response.headers.get('access-control-allow-origin'), '*');
        assert.equal(response.headers.get('retry-after'), status === 429 ? '2' : null);
        const { error } = await response.json();
        assert.equal(error.code, code);
        assert.equal(typeof error.message, 'string');
        assert.equal(typeof error.type, 'string');
      }
    });
  }

  test('/__chat-status lists the models but fails chat completions', async () => {
    assert.equal((await fetch(`${origin}/__chat-status/429/v1/models`)).status, 200);
    const response = await post('/__chat-status/429/v1/chat/completions', chatBody());
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '2');
  });

  test('/__stall sends its headers and first chunk, then holds the connection until the client goes', async () => {
    const before = await statsWhen((stats) => stats.active === 0, 'an idle server');
    const controller = new AbortController();
    const response = await post('/__stall/v1/chat/completions', chatBody({ stream: true }), {}, controller.signal);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/event-stream/);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const { value } = await reader.read();
    assert.deepEqual(JSON.parse(events(value)[0]).choices[0].delta, { role: 'assistant', content: '' });
    await statsWhen((stats) => stats.active === 1, 'the stalled request counted as open');
    controller.abort();
    await statsWhen((s) => s.active === 0 && s.aborted === before.aborted + 1, 'the server seeing the client go');
  });

  test('/__malformed streams events that are not JSON, then [DONE]', async () => {
    const response = await post('/__malformed/v1/chat/completions', chatBody({ stream: true }));
    assert.equal(response.status, 200);
    const data = events(await response.text());
    assert.equal(data.at(-1), '[DONE]');
    assert.ok(data.length > 2);
    for (const line of data.slice(0, -1)) assert.throws(() => JSON.parse(line), SyntaxError);
  });

  test('/__nocors answers without CORS headers, preflights included', async () => {
    const models = await fetch(`${origin}/__nocors/v1/models`);
    assert.equal(models.status, 200);
    const preflight = await fetch(`${origin}/__nocors/v1/chat/completions`, { method: 'OPTIONS' });
    for (const response of [models, preflight]) {
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      assert.equal(response.headers.get('access-control-allow-headers'), null);
    }
  });

  test('/__auth needs the bearer token, but not on the preflight', async () => {
    const refused = await fetch(`${origin}/__auth/v1/models`, { headers: { Authorization: 'Bearer wrong' } });
    assert.equal(refused.status, 401);
    assert.equal((await refused.json()).error.code, 'invalid_api_key');
    assert.equal((await post('/__auth/v1/chat/completions', chatBody())).status, 401);
    assert.equal((await fetch(`${origin}/__auth/v1/models`, { method: 'OPTIONS' })).status, 204);
    const authorization = { Authorization: `Bearer ${TEST_KEY}` };
    assert.equal((await fetch(`${origin}/__auth/v1/models`, { headers: authorization })).status, 200);
    const answered = await post('/__auth/v1/chat/completions', chatBody({ max_tokens: 4 }), authorization);
    assert.equal(answered.status, 200);
    assert.equal((await answered.json()).usage.completion_tokens, 4);
  });
});
