// engine.chat() with tools on the browser's built-in model, against the scripted stand-in of the
// Prompt API (this Chromium has no built-in model): the browser runs the calls itself during an
// answer (each tool's `execute`, given at create()), and the engine answers them: arguments checked
// against the tool's schema, confirmation asked, the tool run, the result (or why not) returned.
import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { Engine, type Tool } from '../../src/engine/index.js';
import { installPromptApi, type PromptScript } from '../helpers/scripted-prompt-api.js';
import { within } from '../helpers/wait.js';

const question = [{ role: 'user' as const, content: 'Is it raining in Paris?' }];

function weather(record: Array<Record<string, unknown>>, extra: Partial<Tool> = {}): Tool {
  return {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', enum: ['Paris', 'Tokyo'] } },
      required: ['city'],
      additionalProperties: false,
    },
    run: (args) => {
      record.push(args);
      return { sky: 'rain' };
    },
    ...extra,
  };
}

describe("engine.chat() with tools on the browser's model (stand-in of the Prompt API)", () => {
  let installed: ReturnType<typeof installPromptApi> | null = null;
  let engine: Engine | null = null;

  before(() => sendMouse({ type: 'click', position: [5, 5] }));
  async function start(script: PromptScript) {
    installed = installPromptApi({ availability: 'available', ...script });
    engine = new Engine({ source: { browserModel: true } });
    await engine.load();
    return { engine, record: installed.record };
  }
  afterEach(async () => {
    await engine?.unload();
    installed?.uninstall();
  });

  it('the browser calls the tool during its answer; the engine checks and runs it, and the browser reads the result', async () => {
    const { engine, record } = await start({ toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] });
    const calls: Array<Record<string, unknown>> = [];
    const result = await within(engine.chat(question, { tools: [weather(calls)] }).result, 10_000, 'the answer');
    expect(result.finishReason, result.error?.message).to.equal('stop');
    expect(record.tools.at(-1), 'the session was created with the tool').to.deep.equal(['get_weather']);
    expect(calls).to.deep.equal([{ city: 'Paris' }]);
    expect(record.toolResults).to.deep.equal(['{"sky":"rain"}']);
    expect(result.text).to.equal('The tools said: {"sky":"rain"}');
    expect(result.toolSteps?.map((step) => [step.call.name, step.status])).to.deep.equal([['get_weather', 'done']]);
  });

  it('arguments that do not match the schema are not run: the browser reads why', async () => {
    const { engine, record } = await start({ toolCalls: [{ name: 'get_weather', args: { city: 'Berlin' } }] });
    const calls: Array<Record<string, unknown>> = [];
    const result = await engine.chat(question, { tools: [weather(calls)] }).result;
    expect(calls).to.have.length(0);
    expect(result.toolSteps?.[0]?.status).to.equal('invalid');
    expect(JSON.parse(record.toolResults[0]!))
      .to.have.property('error')
      .that.matches(/#\/city/);
  });

  it('a tool that asks first: a denial reaches the browser, and the tool does not run', async () => {
    const { engine, record } = await start({ toolCalls: [{ name: 'get_weather', args: { city: 'Tokyo' } }] });
    const calls: Array<Record<string, unknown>> = [];
    const result = await engine.chat(question, { tools: [weather(calls, { confirm: true })], approve: () => false })
      .result;
    expect(calls).to.have.length(0);
    expect(result.toolSteps?.[0]?.status).to.equal('denied');
    expect(record.toolResults).to.deep.equal(['{"error":"The user did not allow this call."}']);
  });

  it('a required call cannot be asked of the browser: unsupported, before anything runs', async () => {
    const { engine, record } = await start({});
    const result = await engine.chat(question, { tools: [weather([])], tool_choice: 'required' }).result;
    expect(result.error?.code).to.equal('unsupported');
    expect(record.prompts).to.have.length(0);
  });

  it('an abort while the browser waits for a slow tool reaches the tool, and ends the request', async () => {
    const { engine } = await start({ toolCalls: [{ name: 'slow', args: {} }] });
    let seen: AbortSignal | null = null;
    let started = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    const slow: Tool = {
      name: 'slow',
      run: (_args, { signal }) => {
        seen = signal;
        started();
        return new Promise(() => {});
      },
    };
    const generation = engine.chat(question, { tools: [slow] });
    await within(running, 10_000, 'the tool runs');
    generation.abort();
    const result = await within(generation.result, 5_000, 'the aborted result');
    expect(result.finishReason).to.equal('abort');
    expect((seen as AbortSignal | null)?.aborted).to.equal(true);
  });
});
