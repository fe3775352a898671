// engine.chat() with tools on the browser's built-in model, against the scripted stand-in of the
// Prompt API (this Chromium has no built-in model): the browser runs the calls itself during an
// answer (each tool's `execute`, given at create()), and the engine answers them: arguments checked
// against the tool's schema, confirmation asked, the tool run, the result (or why not) returned.
import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { Engine, type Tool } from '../../src/engine/index.js';
import { WebLlmBackend } from '../../src/engine/backends/web-llm.js';
import { scriptedGpuDevice } from '../helpers/capabilities.js';
import { ScriptedMlcEngine, STORY, type Script, scriptedFactory } from '../helpers/scripted-mlc-engine.js';
import { installPromptApi, type PromptScript } from '../helpers/scripted-prompt-api.js';
import { within } from '../helpers/wait.js';
import { weather } from '../helpers/weather-tool.js';

const question = [{ role: 'user' as const, content: 'Is it raining in Paris?' }];

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

  it("through a shared engine: the holder's browser model calls, the follower (whose tools they are) answers", async () => {
    const { record } = await start({ toolCalls: [{ name: 'get_weather', args: { city: 'Tokyo' } }] });
    const shared = new Engine({ source: { browserModel: true }, share: 'tabs' });
    const sharedHolder = new Engine({ source: { browserModel: true }, share: 'tabs' });
    try {
      await within(sharedHolder.load(), 10_000, 'the shared holder loaded');
      expect(sharedHolder.selection?.kind).to.equal('browser-model');
      await within(shared.load(), 10_000, 'the follower ready');
      expect(shared.selection?.kind).to.equal('another-tab');
      const calls: Array<Record<string, unknown>> = [];
      const result = await within(
        shared.chat(question, { tools: [weather(calls, { confirm: true })], approve: () => true }).result,
        10_000,
        "the follower's answer",
      );
      expect(result.finishReason, result.error?.message).to.equal('stop');
      expect(calls, 'the tool ran in the follower').to.deep.equal([{ city: 'Tokyo' }]);
      expect(result.toolSteps?.map((step) => step.status)).to.deep.equal(['done']);
      expect(record.toolResults.at(-1), "the holder's model read the follower's result").to.equal('{"sky":"rain"}');
      expect(result.text).to.equal('The tools said: {"sky":"rain"}');
    } finally {
      await shared.unload();
      await sharedHolder.unload();
    }
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

describe('engine.chat() with tools on web-llm (scripted stand-in of its engine)', () => {
  const engines: Engine[] = [];
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.unload();
  });

  async function webLlm(id: string, script: Script = {}) {
    const scripted = new ScriptedMlcEngine(script);
    const createEngine = scriptedFactory(scripted);
    const engine = new Engine({
      source: { mlc: { id } },
      detectCapabilities: scriptedGpuDevice,
      backends: { 'web-llm': async () => new WebLlmBackend({ createEngine }) },
    });
    engines.push(engine);
    await engine.load();
    expect(engine.selection?.kind).to.equal('web-llm');
    return { engine, scripted };
  }

  it('a function-calling build calls, the tool runs, and the model answers in words once it has the result', async () => {
    const { engine, scripted } = await webLlm('Hermes-3-Llama-3.1-8B-q4f16_1-MLC', {
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
    });
    const calls: Array<Record<string, unknown>> = [];
    const chat = [{ role: 'system' as const, content: 'You help travellers.' }, ...question];
    const deltas: string[] = [];
    const generation = engine.chat(chat, { tools: [weather(calls)] });
    for await (const delta of generation) deltas.push(delta);
    const result = await generation.result;
    expect(result.finishReason, result.error?.message).to.equal('stop');
    expect(calls).to.deep.equal([{ city: 'Paris' }]);
    expect(result.toolSteps?.map((step) => step.status)).to.deep.equal(['done']);
    expect(deltas.join(''), "the calls' JSON is not shown as the answer").to.equal(STORY.join(''));
    const [calling, answering] = scripted.requests as Array<{
      tools?: unknown[];
      messages: Array<{ role: string; content: string }>;
    }>;
    expect(calling?.tools).to.have.length(1);
    expect(
      calling?.messages.map((m) => m.role),
      'web-llm takes no system prompt beside its own',
    ).to.deep.equal(['user']);
    expect(calling?.messages[0]?.content).to.equal('You help travellers.\n\nIs it raining in Paris?');
    expect(answering?.tools, 'with the result in hand, no tools: an answer in words').to.equal(undefined);
    expect(answering?.messages.map((m) => m.role)).to.deep.equal(['system', 'user', 'assistant', 'tool']);
  });

  it('arguments that are not JSON are refused with the reason, as on llama.cpp: the tool does not run', async () => {
    const { engine } = await webLlm('Hermes-3-Llama-3.1-8B-q4f16_1-MLC', {
      toolCalls: [{ name: 'get_weather', arguments: '{"city": "Par' }],
    });
    const calls: Array<Record<string, unknown>> = [];
    const result = await engine.chat(question, { tools: [weather(calls)] }).result;
    expect(calls, 'not run').to.deep.equal([]);
    expect(result.toolSteps?.map((step) => step.status)).to.deep.equal(['invalid']);
    expect(result.toolSteps?.[0]?.error).to.equal('The arguments are not a JSON object: {"city": "Par');
  });

  it('a build without function calling: unsupported, before anything runs', async () => {
    const { engine, scripted } = await webLlm('Scripted-0.5B-Instruct-q4f16_1-MLC');
    const result = await engine.chat(question, { tools: [weather([])] }).result;
    expect(result.error?.code).to.equal('unsupported');
    expect(result.error?.message).to.match(/web-llm backend cannot call them/);
    expect(scripted.requests).to.have.length(0);
  });
});
