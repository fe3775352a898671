// The web-llm backend against a scripted stand-in of web-llm's engine interface (web-llm cannot run
// here: it needs a GPU and a compiled model library from the network). The stand-in follows
// web-llm 0.2.86's interface (test/helpers/scripted-mlc-engine.ts); the worker test runs web-llm's
// real worker handler and client around it.
import { expect } from '@open-wc/testing';
import { Engine, LlmError } from '../../src/engine/index.js';
import { WebLlmBackend, mapWebLlmError } from '../../src/engine/backends/web-llm.js';
import { ScriptedMlcEngine, STORY, webLlmError, type Script, scriptedFactory } from '../helpers/scripted-mlc-engine.js';
import { MODEL_URL, STORY_WORDS } from '../helpers/model.js';
import { scriptedGpuDevice } from '../helpers/capabilities.js';

const withGpu = scriptedGpuDevice;
const MLC = { id: 'Scripted-0.5B-Instruct-q4f16_1-MLC' };

/** An engine whose web-llm backend runs on the scripted stand-in. */
function scriptedEngine(script: Script = {}) {
  const scripted = new ScriptedMlcEngine(script);
  const createEngine = scriptedFactory(scripted);
  const engine = new Engine({
    detectCapabilities: withGpu,
    backends: { 'web-llm': async () => new WebLlmBackend({ createEngine }) },
  });
  return { engine, scripted };
}

describe('llm-elements/web-llm (stand-in: the backend is registered, not run)', () => {
  it('without the import no engine has web-llm, and an MLC build is skipped with a reason that says how to add it; the import adds it to every engine', async () => {
    const before = new Engine({ detectCapabilities: withGpu });
    expect(before.availableBackends).not.to.include('web-llm');
    await before.load({ gguf: MODEL_URL, mlc: MLC });
    expect(before.selection?.kind).not.to.equal('web-llm');
    expect(before.selection?.reason).to.include("import 'llm-elements/web-llm'");
    await before.unload();
    await import('../../src/web-llm.js');
    expect(before.availableBackends, 'an engine made before the import').to.include('web-llm');
    expect(new Engine().availableBackends).to.include('web-llm');
  });
});

describe('web-llm backend (scripted stand-in of web-llm’s engine)', () => {
  let engine: Engine;
  afterEach(() => engine?.unload());

  it('is chosen for an MLC build on a capable GPU, maps progress, and streams a chat', async () => {
    const { engine: e, scripted } = scriptedEngine();
    engine = e;
    const fractions: number[] = [];
    await engine.load({ mlc: MLC, gguf: MODEL_URL }, { onProgress: (p) => fractions.push(p.fraction) });
    expect(engine.selection?.kind).to.equal('web-llm');
    expect(engine.selection?.reason).to.match(/WebGPU \(web-llm\)/);
    expect(scripted.loaded).to.equal(MLC.id);
    expect(fractions).to.include.members([0, 0.99 * 0.25, 0.99 * 0.5, 1]);

    const generation = engine.chat([{ role: 'user', content: 'Tell me a story' }], {
      max_tokens: 50,
      temperature: 0.5,
    });
    const deltas: string[] = [];
    for await (const delta of generation) deltas.push(delta);
    const result = await generation.result;
    expect(deltas).to.deep.equal(STORY);
    expect(result).to.include({
      text: STORY.join(''),
      finishReason: 'stop',
      promptTokens: 7,
      completionTokens: STORY.length,
    });
    expect(result.tokensPerSecond).to.equal(42, 'web-llm’s own decode speed');
    const request = scripted.requests[0] as Record<string, unknown>;
    expect(request).to.include({ stream: true, max_tokens: 50, temperature: 0.5 });
    expect(request.messages).to.deep.equal([{ role: 'user', content: 'Tell me a story' }]);
    expect(request.stream_options).to.deep.equal({ include_usage: true });
  });

  it('maps max_tokens to finish reason "length" and raw completion to completions.create', async () => {
    const { engine: e, scripted } = scriptedEngine();
    engine = e;
    await engine.load({ mlc: MLC });
    const result = await engine.complete('Once upon', { max_tokens: 3 }).result;
    expect(result).to.include({ finishReason: 'length', completionTokens: 3, text: 'Once upon a' });
    expect((scripted.requests[0] as { prompt: string }).prompt).to.equal('Once upon');
  });

  it('a chat with a schema goes to web-llm as response_format (json_object with the schema); a completion or a grammar is unsupported, not unconstrained', async () => {
    const { engine: e, scripted } = scriptedEngine({ tokens: ['{"size"', ':', '"M"}'] });
    engine = e;
    await engine.load({ mlc: MLC });
    const schema = { type: 'object', properties: { size: { enum: ['S', 'M'] } }, required: ['size'] };
    const result = await engine.chat([{ role: 'user', content: 'M' }], { schema }).result;
    expect(result.value).to.deep.equal({ size: 'M' });
    expect((scripted.requests[0] as { response_format?: unknown }).response_format).to.deep.equal({
      type: 'json_object',
      schema: JSON.stringify(schema),
    });
    const completion = await engine.complete('x', { schema }).result;
    expect(completion.error).to.include({ code: 'unsupported' });
    const grammar = await engine.chat([{ role: 'user', content: 'x' }], { grammar: 'root ::= "a"' }).result;
    expect(grammar.error).to.include({ code: 'unsupported' });
    expect(scripted.requests, 'neither reached web-llm').to.have.length(1);
  });

  it('aborting interrupts web-llm and drains its stream, so the next request runs', async () => {
    const { engine: e, scripted } = scriptedEngine({ tokenDelayMs: 20 });
    engine = e;
    await engine.load({ mlc: MLC });
    const generation = engine.complete('Once');
    let seen = 0;
    for await (const _delta of generation) if (++seen === 2) generation.abort();
    const aborted = await generation.result;
    expect(aborted.finishReason).to.equal('abort');
    expect(scripted.interrupted).to.equal(true);
    expect(scripted.drained).to.equal(scripted.started, 'the stream was read to its end');
    const next = await engine.complete('Once').result;
    expect(next.finishReason).to.equal('stop');
    expect(next.text).to.equal(STORY.join(''));
  });

  it('maps web-llm’s errors by name to stable codes', () => {
    const cases: Array<[unknown, string]> = [
      [webLlmError('WebGPUNotAvailableError'), 'backend-unavailable'],
      [webLlmError('ShaderF16SupportError'), 'backend-unavailable'],
      [webLlmError('DeviceLostError'), 'backend-unavailable'],
      [webLlmError('ModelNotFoundError'), 'model-not-found'],
      [webLlmError('ContextWindowSizeExceededError'), 'inference'],
      // From the worker an error arrives as err.toString().
      ['DeviceLostError: Device was lost during reload.', 'backend-unavailable'],
      ['ContextWindowSizeExceededError: Prompt tokens exceed context window size', 'inference'],
      [new TypeError('Failed to fetch'), 'network'],
      ['Error: GPU out of memory', 'too-large'],
    ];
    for (const [error, code] of cases) expect(mapWebLlmError(error, 'generate').code, String(error)).to.equal(code);
    expect(mapWebLlmError('Something odd', 'load').code).to.equal('load-failed');
    expect(mapWebLlmError('ContextWindowSizeExceededError: x', 'generate').message).to.match(/context window/);
  });

  it('an error when generating ends the request in error; the engine goes on', async () => {
    const { engine: e, scripted } = scriptedEngine({ failGenerate: 'ContextWindowSizeExceededError' });
    engine = e;
    await engine.load({ mlc: MLC });
    const result = await engine.chat([{ role: 'user', content: 'Hi' }]).result;
    expect(result.finishReason).to.equal('error');
    expect(result.error?.code).to.equal('inference');
    scripted.script.failGenerate = undefined;
    expect((await engine.chat([{ role: 'user', content: 'Hi' }]).result).finishReason).to.equal('stop');
  });

  it('talks to web-llm’s real worker handler through its message protocol', async () => {
    const workerUrl = new URL('./web-llm-standin.worker.ts', import.meta.url);
    engine = new Engine({
      detectCapabilities: withGpu,
      backends: { 'web-llm': async () => new WebLlmBackend({ workerUrl }) },
    });
    const fractions: number[] = [];
    await engine.load({ mlc: MLC }, { onProgress: (p) => fractions.push(p.fraction) });
    expect(fractions.at(-1)).to.equal(1);
    expect(fractions.length).to.be.greaterThan(3, 'progress crossed the worker boundary');
    const generation = engine.chat([{ role: 'user', content: 'Tell me a story' }]);
    let text = '';
    for await (const delta of generation) text += delta;
    expect(text).to.equal(STORY.join(''));
    expect((await generation.result).completionTokens).to.equal(STORY.length);

    const stopped = engine.chat([{ role: 'user', content: 'Again' }]);
    for await (const _delta of stopped) stopped.abort();
    expect((await stopped.result).finishReason).to.equal('abort');
    expect((await engine.chat([{ role: 'user', content: 'Once more' }]).result).text).to.equal(STORY.join(''));
  });
});

describe('falling back from WebGPU to WebAssembly (scripted WebGPU failure, real wllama)', () => {
  let engine: Engine;
  afterEach(() => engine?.unload());

  it('a web-llm load that fails (device lost) falls back to the real wasm backend and the chat answers', async () => {
    const { engine: e } = scriptedEngine({ failReload: 'DeviceLostError' });
    engine = e;
    const fallbacks: string[] = [];
    engine.addEventListener('fallback', (event) => fallbacks.push(`${event.from}→${event.to}: ${event.error.code}`));
    await engine.load({ mlc: MLC, gguf: MODEL_URL });
    expect(fallbacks).to.deep.equal(['web-llm→wllama-wasm: backend-unavailable']);
    expect(engine.selection?.kind).to.equal('wllama-wasm');
    expect(engine.selection?.reason).to.match(/WebGPU \(web-llm\) failed: .*DeviceLostError/);
    expect(await engine.complete('Once upon a time', { temperature: 0, max_tokens: 20 }).result).to.satisfy(
      (r: { text: string }) => STORY_WORDS.test(r.text),
    );
  });

  it('without a GGUF build there is nothing to fall back to: the error stands', async () => {
    const { engine: e } = scriptedEngine({ failReload: 'DeviceLostError' });
    engine = e;
    let caught: unknown;
    await engine.load({ mlc: MLC }).catch((error: unknown) => (caught = error));
    expect(LlmError.is(caught) && caught.code).to.equal('backend-unavailable');
    expect(engine.status).to.equal('error');
  });
});
