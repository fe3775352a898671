// The remote backend in Chromium against a real llama.cpp (node-llama-cpp on stories260K) behind an
// OpenAI-compatible test server (test/servers/openai-server.mjs, started on first use by the dev
// server): streaming, usage and time to first token, structured output, abort mid-stream reaching the
// server, each refusal a server gives, a stream that stops, malformed events, and the fallback from a
// device that cannot run the model. Cross-origin, as a real server is (CORS).
import { expect } from '@open-wc/testing';
import { Engine, LlmError, type EngineFallbackEvent, type ModelSpec } from '../../src/engine/index.js';
import { testDevice } from '../helpers/capabilities.js';
import { within } from '../helpers/wait.js';

let origin = '';
const detectCapabilities = async () => testDevice({});
const question = [{ role: 'user' as const, content: 'Once upon a time' }];

function remote(path = '/v1', endpoint: Partial<NonNullable<ModelSpec['endpoint']>> = {}, stallTimeoutMs?: number) {
  return new Engine({
    source: { endpoint: { url: `${origin}${path}`, model: 'stories260k', ...endpoint } },
    detectCapabilities,
    loadOptions: { stallTimeoutMs },
  });
}

type Stats = { requests: number; aborted: number; active: number; refused: number };
async function stats(): Promise<Stats> {
  return (await fetch(`${origin}/__test/stats`)).json() as Promise<Stats>;
}

describe('the remote backend (a real llama.cpp behind an OpenAI-compatible server)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ origin } = (await (await fetch('/__test/openai-server')).json()) as { origin: string });
  });

  it('streams an answer in pieces, with usage and time to first token; the reason names the server', async () => {
    const engine = remote();
    const deltas: string[] = [];
    const generation = engine.chat(question, { max_tokens: 16, temperature: 0 });
    for await (const delta of generation) deltas.push(delta);
    const result = await generation.result;
    expect(result.finishReason).to.equal('length');
    expect(deltas.length).to.be.greaterThan(4);
    expect(result.text).to.equal(deltas.join(''));
    expect(result.promptTokens).to.be.greaterThan(0);
    expect(result.completionTokens).to.equal(16);
    expect(result.timeToFirstTokenMs).to.be.greaterThan(0);
    expect(engine.selection?.kind).to.equal('remote');
    expect(engine.selection?.reason).to.contain(new URL(origin).host);
    // Greedy: the same text again.
    expect((await engine.chat(question, { max_tokens: 16, temperature: 0 }).result).text).to.equal(result.text);
  });

  it('constrains an answer to a JSON Schema (response_format)', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' } },
      required: ['name'],
      additionalProperties: false,
    };
    const result = await remote().chat([{ role: 'user', content: 'A cat' }], { max_tokens: 60, temperature: 0, schema })
      .result;
    expect(result.finishReason, result.error?.message).to.equal('stop');
    expect(result.value).to.have.property('name').that.is.a('string');
  });

  it('an abort mid-stream ends the request at once and the server stops generating', async () => {
    const before = await stats();
    const generation = remote().chat(question, { max_tokens: 400 });
    for await (const _ of generation) {
      generation.abort();
      break;
    }
    expect((await generation.result).finishReason).to.equal('abort');
    await within(
      (async () => {
        for (;;) {
          const now = await stats();
          if (now.aborted > before.aborted && now.active === 0) return;
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
      })(),
      10_000,
      'the server counting the aborted request',
    );
  });

  const refusals: Array<[number, string, RegExp]> = [
    [401, 'not-allowed', /refused the request's credentials \(HTTP 401: Incorrect API key provided\)/],
    [403, 'not-allowed', /HTTP 403/],
    [404, 'model-not-found', /has no model "stories260k" \(HTTP 404/],
    [429, 'network', /too many requests.*try again in 2 s/],
    [500, 'network', /failed to answer \(HTTP 500.*Try again/],
    [503, 'network', /HTTP 503/],
  ];
  for (const [status, code, words] of refusals) {
    it(`HTTP ${status} from the server: ${code}, in words`, async () => {
      const result = await remote(`/__chat-status/${status}/v1`).chat(question, { max_tokens: 4 }).result;
      expect(result.error?.code).to.equal(code);
      expect(result.error?.message).to.match(words);
      if (status === 429) expect(result.error?.retryAfterMs).to.equal(2000);
    });
  }

  it('a model the server does not have fails the load, naming the ones it has', async () => {
    const error = await remote('/v1', { model: 'nope' })
      .load()
      .catch((caught: unknown) => caught);
    expect(LlmError.is(error) && error.code).to.equal('model-not-found');
    expect((error as Error).message).to.contain('has no model "nope"; it has stories260k');
  });

  it('credentials come from a function of the page, per request', async () => {
    let asked = 0;
    const headers = () => {
      asked++;
      return { Authorization: 'Bearer test-key' };
    };
    const result = await remote('/__auth/v1', { headers }).chat(question, { max_tokens: 4 }).result;
    expect(result.finishReason, result.error?.message).to.be.oneOf(['stop', 'length']);
    expect(asked).to.be.greaterThan(1); // the load's /models, then the chat
    const refused = await remote('/__auth/v1').chat(question, { max_tokens: 4 }).result;
    expect(refused.error?.code).to.equal('not-allowed');
  });

  it('a stream that stops sending fails after the no-data bound, with Retry-able network', async () => {
    const result = await remote('/__stall/v1', {}, 1500).chat(question, { max_tokens: 4 }).result;
    expect(result.error?.code).to.equal('network');
    expect(result.error?.message).to.match(/stopped sending the answer: nothing arrived for 2 s/);
  });

  it('malformed events fail the answer, quoting what came', async () => {
    const result = await remote('/__malformed/v1').chat(question, { max_tokens: 4 }).result;
    expect(result.error?.code).to.equal('inference');
    expect(result.error?.message).to.match(/sent an event that is not JSON/);
  });

  it('a server that does not allow this page (CORS) is told apart from one that cannot be reached', async () => {
    const cors = await remote('/__nocors/v1')
      .load()
      .catch((caught: unknown) => caught);
    // This page is cross-origin isolated: it cannot probe, so both causes are named (elsewhere, CORS alone).
    expect((cors as Error).message).to.match(/or it does not allow requests from .* \(CORS\)/);
    const down = await new Engine({
      source: { endpoint: { url: 'http://127.0.0.1:9/v1', model: 'x' } },
      detectCapabilities,
    })
      .load()
      .catch((caught: unknown) => caught);
    expect((down as Error).message).to.match(/Could not reach 127\.0\.0\.1:9/);
  });

  it('beside a local model the device cannot run, the server takes over, and says so', async () => {
    const engine = new Engine({
      source: {
        gguf: new URL('/__test/huge/x-stories260K.gguf', location.href).href,
        endpoint: { url: `${origin}/v1`, model: 'stories260k' },
      },
      detectCapabilities,
    });
    const fallbacks: EngineFallbackEvent[] = [];
    engine.addEventListener('fallback', (event) => fallbacks.push(event));
    const result = await engine.chat(question, { max_tokens: 8, temperature: 0 }).result;
    expect(result.finishReason, result.error?.message).to.equal('length');
    expect(engine.selection?.kind).to.equal('remote');
    expect(engine.selection?.reason).to.match(/This device cannot run the model .*: messages now go to /);
    expect(fallbacks.map((event) => [event.from, event.to])).to.deep.equal([['wllama-wasm', 'remote']]);
    expect(fallbacks[0]!.error.code).to.equal('too-large');
  });

  it('tools: the server’s calls (tool_calls) run on the page, their results go back, then the answer', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const result = await remote().chat([{ role: 'user', content: 'Is it raining in Paris?' }], {
      max_tokens: 24,
      temperature: 0,
      tool_choice: 'required',
      maxToolRounds: 1,
      tools: [
        {
          name: 'get_weather',
          description: 'The weather in a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string', enum: ['Paris', 'Lima'] } },
            required: ['city'],
            additionalProperties: false,
          },
          run: (args) => {
            calls.push(args);
            return { sky: 'rain' };
          },
        },
      ],
    }).result;
    expect(result.finishReason, result.error?.message).to.be.oneOf(['stop', 'length']);
    expect(result.toolSteps?.map((step) => step.status)).to.deep.equal(['done']);
    expect(calls).to.have.length(1);
    expect(calls[0]).to.have.property('city').that.is.oneOf(['Paris', 'Lima']);
    expect(result.toolMessages?.map((message) => message.role)).to.deep.equal(['assistant', 'tool']);
  });

  it('a 429 with a short Retry-After is waited for and tried once more before the error', async () => {
    const before = await stats();
    const result = await remote('/__chat-status/429/v1').chat(question, { max_tokens: 4 }).result;
    expect(result.error?.code).to.equal('network');
    expect((await stats()).refused - before.refused, 'the request, then one more after Retry-After').to.equal(2);
  });
});
