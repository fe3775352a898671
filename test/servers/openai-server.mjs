// An OpenAI-compatible Chat Completions server for the remote engine's tests: real llama.cpp
// (node-llama-cpp) on stories260K behind /v1, plus scripted failures under path prefixes that still look
// like an API base, so a client pointed at `${origin}/__status/429/v1` meets a rate limit:
//   /v1/…                       models and chat completions (stream or not, json_schema output)
//   /__status/CODE/v1/…         every route answers CODE (401, 403, 404, 429 + Retry-After: 2, 500, 503)
//   /__chat-status/CODE/v1/…    models listed; chat completions answer CODE
//   /__stall/v1/…               the stream sends its headers and first chunk, then nothing until the client goes
//   /__malformed/v1/…           events whose data is not JSON, then [DONE]
//   /__nocors/v1/…              as /v1 without CORS headers (a browser refuses it)
//   /__auth/v1/…                as /v1, but only with `Authorization: Bearer test-key`
//   tools: tool_choice 'required' or named forces a call (arguments grammar-constrained); 'auto' lets the model choose
//   /__test/stats               { requests, aborted, active, refused } of chat completions
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { generate, loadChat, unloadChat } from './llama-chat.mjs';

export const MODEL_ID = 'stories260k';
export const TEST_KEY = 'test-key';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, content-type',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  // A page reads a 429's Retry-After only when the server exposes it (it is not a safelisted header).
  'Access-Control-Expose-Headers': 'Retry-After',
};

/** OpenAI's error bodies for the scripted statuses. */
const ERRORS = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'forbidden', message: 'You are not allowed to use this model.' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again in 2s.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request.' },
  503: { type: 'server_error', code: null, message: 'The server is overloaded or not ready yet.' },
};

/** `/__chat-status/429/v1/models` → { mode: 'chat-status', code: 429, route: '/models' }. */
function parseRoute(pathname) {
  const match = /^(?:\/__(status|chat-status)\/(\d{3})|\/__(stall|malformed|nocors|auth))?\/v1(\/.*)$/.exec(pathname);
  if (!match) return undefined;
  const [, statusMode, code, mode, route] = match;
  return { mode: statusMode ?? mode ?? 'main', code: code && Number(code), route };
}

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res, status, headers, overrides = {}) {
  const error = { ...(ERRORS[status] ?? ERRORS[500]), param: null, ...overrides };
  sendJson(res, status, { error }, { ...headers, ...(status === 429 ? { 'Retry-After': '2' } : {}) });
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function openStream(res, headers) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    ...headers,
  });
  res.flushHeaders();
}

const event = (data) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** A request's completion ids and chunk shape. */
function completionShape(count) {
  return { id: `chatcmpl-test${count}`, created: Math.floor(Date.now() / 1000), model: MODEL_ID };
}

/**
 * OpenAI tools → node-llama-cpp functions. tool_choice 'auto' lets the model call one; 'required'
 * (the first tool) or a named function forces the call, its arguments constrained to the parameters.
 */
function readTools({ tools, tool_choice: choice }) {
  if (!tools?.length || choice === 'none') return {};
  const functions = Object.fromEntries(
    tools.map(({ function: f }) => [f.name, { description: f.description, params: f.parameters }]),
  );
  const forcedTool = choice === 'required' ? tools[0].function.name : choice?.function?.name;
  if (forcedTool && !functions[forcedTool]) {
    return { error: [400, { message: `tool_choice names no tool: ${forcedTool}`, param: 'tool_choice' }] };
  }
  return { tools: functions, forcedTool };
}

/** Validates the body; returns an error response (status + overrides) or the generation options. */
function readRequest(body) {
  if (body.model !== MODEL_ID) {
    if (!body.model) return { error: [400, { message: 'You must provide a model parameter.', param: 'model' }] };
    const message = `The model \`${body.model}\` does not exist or you do not have access to it.`;
    return { error: [404, { message }] };
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return { error: [400, { message: "'messages' must be a non-empty array.", param: 'messages' }] };
  }
  const tools = readTools(body);
  if (tools.error) return tools;
  const unknownRole = body.messages.find(
    (m) => !['system', 'developer', 'user', 'assistant', 'tool'].includes(m?.role),
  );
  if (unknownRole) return { error: [400, { message: `Unsupported message role: ${unknownRole?.role}` }] };
  const format = body.response_format;
  if (format && format.type !== 'text' && format.type !== 'json_schema') {
    return { error: [400, { message: `response_format ${format.type} is not supported`, param: 'response_format' }] };
  }
  return {
    options: {
      messages: body.messages,
      maxTokens: body.max_completion_tokens ?? body.max_tokens ?? 256,
      temperature: body.temperature ?? 1,
      topP: body.top_p ?? 1,
      seed: body.seed ?? undefined,
      stop: body.stop == null ? [] : [body.stop].flat(),
      schema: format?.type === 'json_schema' ? format.json_schema?.schema : undefined,
      ...tools,
    },
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
  };
}

let running = 0;

/** Starts the server on 127.0.0.1 with the model loaded; `url` is its API base (…/v1). */
export async function startOpenAiServer({ port = 0 } = {}) {
  await loadChat();
  running++;
  // refused: chat completions answered with a scripted status (/__status, /__chat-status).
  const stats = { requests: 0, aborted: 0, active: 0, refused: 0 };
  const sockets = new Set();

  async function chat(req, res, mode, headers) {
    stats.requests++;
    stats.active++;
    const controller = new AbortController();
    // The response closing before it ended means the client went: stop generating.
    res.on('close', () => {
      if (!res.writableEnded) controller.abort();
    });
    const shape = completionShape(stats.requests);
    try {
      let request;
      try {
        request = readRequest(await readJson(req));
      } catch {
        return sendError(res, 400, headers, { message: 'The request body is not valid JSON.' });
      }
      if (request.error) return sendError(res, request.error[0], headers, request.error[1]);
      if (mode === 'stall') return await stall(res, headers, shape, controller.signal);
      if (mode === 'malformed') return malformed(res, headers, request.stream);
      if (request.stream) await stream(res, headers, shape, request, controller.signal);
      else await whole(res, headers, shape, request, controller.signal);
    } finally {
      stats.active--;
    }
  }

  async function stream(res, headers, shape, { options, includeUsage }, signal) {
    openStream(res, headers);
    const chunk = (delta, finishReason = null) => ({
      ...shape,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    });
    res.write(event(chunk({ role: 'assistant', content: '' })));
    const send = (delta) => {
      if (!res.destroyed) res.write(event(chunk(delta)));
    };
    const started = new Set();
    // A call's first delta names it; the next ones carry more of its arguments.
    const onToolText = (index, name, text) => {
      const call = started.has(index)
        ? { index, function: { arguments: text } }
        : { index, id: callId(shape, index), type: 'function', function: { name, arguments: text } };
      started.add(index);
      send({ tool_calls: [call] });
    };
    const result = await generate({ ...options, signal, onText: (content) => send({ content }), onToolText });
    if (result.aborted) return void stats.aborted++;
    res.write(event(chunk({}, result.finishReason)));
    if (includeUsage)
      res.write(event({ ...shape, object: 'chat.completion.chunk', choices: [], usage: usage(result) }));
    res.end(event('[DONE]'));
  }

  async function whole(res, headers, shape, { options }, signal) {
    const result = await generate({ ...options, signal });
    if (result.aborted) return void stats.aborted++;
    sendJson(
      res,
      200,
      {
        ...shape,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: result.toolCalls.length && !result.text ? null : result.text,
              refusal: null,
              ...(result.toolCalls.length ? { tool_calls: toolCalls(shape, result.toolCalls) } : {}),
            },
            logprobs: null,
            finish_reason: result.finishReason,
          },
        ],
        usage: usage(result),
      },
      headers,
    );
  }

  /** Headers and a first chunk, then silence until the client gives up. */
  async function stall(res, headers, shape, signal) {
    openStream(res, headers);
    const first = { index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null };
    res.write(event({ ...shape, object: 'chat.completion.chunk', choices: [first] }));
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    stats.aborted++;
  }

  function malformed(res, headers, streamed) {
    if (!streamed) {
      res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
      return res.end('{"id": "chatcmpl-broken", "choices": [');
    }
    openStream(res, headers);
    for (let i = 0; i < 5; i++) res.write(event(`{"choices": [{"delta": {"content": "broken ${i}"`));
    res.end(event('[DONE]'));
  }

  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    const parsed = parseRoute(pathname);
    const headers = parsed?.mode === 'nocors' ? {} : CORS;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, headers);
      return res.end();
    }
    if (pathname === '/__test/stats') return sendJson(res, 200, stats, CORS);
    if (!parsed) return sendJson(res, 404, { error: { ...ERRORS[404], code: null, message: 'Not found.' } }, headers);
    const { mode, code, route } = parsed;
    if (mode === 'status') return sendError(res, code, headers);
    if (mode === 'auth' && req.headers.authorization !== `Bearer ${TEST_KEY}`) return sendError(res, 401, headers);
    if (route === '/models' && req.method === 'GET') {
      return sendJson(
        res,
        200,
        { object: 'list', data: [{ id: MODEL_ID, object: 'model', owned_by: 'test' }] },
        headers,
      );
    }
    if (route === '/chat/completions' && req.method === 'POST') {
      if (mode === 'chat-status') {
        stats.refused++;
        return sendError(res, code, headers);
      }
      return chat(req, res, mode, headers).catch((error) => {
        if (!res.headersSent) sendError(res, 500, headers, { message: String(error?.message ?? error) });
        else res.destroy();
      });
    }
    return sendJson(
      res,
      404,
      { error: { ...ERRORS[404], code: null, message: `No route ${req.method} ${pathname}` } },
      headers,
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/v1`,
    stats,
    /** Stops listening and ends open streams (a stalled one would keep the server up forever). */
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          // The model's native handles would keep the process alive once the last server is gone.
          if (--running === 0) unloadChat().then(resolve, resolve);
          else resolve();
        });
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const callId = (shape, index) => `call_${shape.id.slice('chatcmpl-'.length)}_${index}`;

function toolCalls(shape, calls) {
  return calls.map((call, index) => ({
    id: callId(shape, index),
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
}

function usage({ promptTokens, completionTokens }) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

// `node test/servers/openai-server.mjs [port]`: run it by hand, e.g. for a page on the dev server.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url, close } = await startOpenAiServer({ port: Number(process.argv[2] ?? 0) });
  console.log(`OpenAI-compatible test server at ${url}`);
  process.once('SIGINT', () => close().then(() => process.exit(0)));
}
