// The browser's built-in model and WebGPU (web-llm) through one engine shared by tabs
// (EngineOptions.share = 'tabs'). Neither can run here (no built-in model, no GPU), so the holder's
// backend runs on the scripted stand-ins of the other stand-in tests (the Prompt API's, web-llm's
// engine's); the sharing itself is real: Web Locks and a BroadcastChannel between two Engines of one
// page, which stand in for two tabs as in shared-engine.test.ts.
import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { Engine, type ChatMessage } from '../../src/engine/index.js';
import { WebLlmBackend } from '../../src/engine/backends/web-llm.js';
import { DEFAULT_ANSWER, installPromptApi } from '../helpers/scripted-prompt-api.js';
import { ScriptedMlcEngine, STORY, scriptedFactory } from '../helpers/scripted-mlc-engine.js';
import { scriptedGpuDevice } from '../helpers/capabilities.js';
import { MODEL_URL } from '../helpers/model.js';
import { within } from '../helpers/wait.js';

const messages: ChatMessage[] = [{ role: 'user', content: 'Tell me a story.' }];
const engines: Engine[] = [];

function make(options: ConstructorParameters<typeof Engine>[0]): Engine {
  const engine = new Engine({ share: 'tabs', ...options });
  engines.push(engine);
  return engine;
}

/** Streams a chat and keeps its deltas. */
async function answer(engine: Engine, options: Parameters<Engine['chat']>[1] = {}) {
  const generation = engine.chat(messages, options);
  const deltas: string[] = [];
  for await (const delta of generation) deltas.push(delta);
  return { result: await within(generation.result, 15_000, 'the answer'), deltas };
}

afterEach(async () => {
  // Followers first, so none takes over from the holder as the test ends.
  for (const engine of engines.splice(0).reverse()) await engine.unload();
});

describe("the browser's built-in model through a shared engine (stand-in of the Prompt API)", () => {
  let installed: ReturnType<typeof installPromptApi> | null = null;
  before(async () => {
    await sendMouse({ type: 'click', position: [5, 5] }); // the user action a browser model may need
    installed = installPromptApi({ availability: 'available', contextWindow: 4096 });
  });
  after(() => installed?.uninstall());

  it("a follower's chat streams the holder's built-in model's answer; what that model cannot do is refused at once", async () => {
    const holder = make({ source: { browserModel: true } });
    await within(holder.load(), 15_000, 'the holder loaded');
    expect(holder.selection?.kind).to.equal('browser-model');
    const follower = make({ source: { browserModel: true } });
    await within(follower.load(), 15_000, 'the follower ready');
    expect(follower.selection?.kind).to.equal('another-tab');

    const { result, deltas } = await answer(follower);
    expect(result.text).to.equal(DEFAULT_ANSWER);
    expect(deltas.length, 'streamed in several deltas').to.be.greaterThan(1);
    expect(result.finishReason).to.equal('stop');

    // The Prompt API takes a JSON Schema but no GBNF grammar, and does not continue a message: the
    // holder refuses, in words that name its backend (not the follower's 'another-tab').
    const refused = await follower.chat(messages, { grammar: 'root ::= "yes"' }).result;
    expect(refused.finishReason).to.equal('error');
    expect(refused.error?.code).to.equal('unsupported');
    expect(refused.error?.message).to.match(/^The browser-model backend cannot constrain a chat to a GBNF grammar/);
    const continued = await follower.chat([...messages, { role: 'assistant', content: 'Once' }], {
      continueLast: true,
    }).result;
    expect(continued.error?.code).to.equal('unsupported');
    expect(continued.error?.message).to.match(/^The browser-model backend cannot continue an answer/);
    const constrained = await within(
      follower.chat(messages, { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } }).result,
      15_000,
      'a constrained answer',
    );
    expect(installed?.record.constraints.at(-1), "the schema reached the holder's model").to.be.an('object');
    expect(constrained.error?.code ?? 'none', 'the stand-in answers prose, which is not the schema').to.equal(
      'invalid-output',
    );
    expect(installed?.record.prompts.length, 'the refused requests never reached the model').to.equal(2);
  });

  it("a follower counts tokens with the holder's model", async () => {
    const holder = make({ source: { browserModel: true } });
    await within(holder.load(), 15_000, 'the holder loaded');
    const follower = make({ source: { browserModel: true } });
    await within(follower.load(), 15_000, 'the follower ready');
    const text = 'Three little pigs built three little houses.';
    const own = await holder.countTokens(text);
    const theirs = await within(follower.countTokens(text), 15_000, "the follower's count");
    expect(own.exact).to.equal(true);
    expect(theirs).to.deep.equal(own);
  });
});

describe('WebGPU (web-llm) through a shared engine (scripted stand-in of web-llm’s engine)', () => {
  const source = { gguf: MODEL_URL, mlc: { id: 'Scripted-0.5B-Instruct-q4f16_1-MLC' } };

  it("a follower's chat runs on the holder's GPU model; a follower with no GPU of its own still gets it", async () => {
    const scripted = new ScriptedMlcEngine({});
    const createEngine = scriptedFactory(scripted);
    const holder = make({
      source,
      detectCapabilities: scriptedGpuDevice,
      backends: { 'web-llm': async () => new WebLlmBackend({ createEngine }) },
    });
    await within(holder.load(), 15_000, 'the holder loaded');
    expect(holder.selection?.kind).to.equal('web-llm');
    // This "tab" has no web-llm registered and no GPU: it needs neither to follow.
    const follower = make({ source });
    await within(follower.load(), 15_000, 'the follower ready');
    expect(follower.selection?.kind).to.equal('another-tab');
    expect(follower.modelInfo?.name).to.equal(holder.modelInfo?.name);

    const { result, deltas } = await answer(follower, { temperature: 0 });
    expect(result.text).to.equal(STORY.join(''));
    expect(deltas.length).to.be.greaterThan(1);
    expect(result.completionTokens).to.be.greaterThan(0);
  });
});
