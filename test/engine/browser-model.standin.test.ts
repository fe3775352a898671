// The browser-model backend (Chrome's built-in model) against a scripted stand-in of the Prompt API
// (test/helpers/scripted-prompt-api.ts): this Chromium has no built-in model. The real code path
// for a browser without one (the page's own model, with the reason) runs in browser-model.test.ts.
// The first describe runs before any user action on this page: the browser's download needs one.
import { expect, oneEvent } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { Engine, type EngineFallbackEvent, type GenerationResult, type LoadProgress } from '../../src/engine/index.js';
import { BrowserModelBackend, samplingModeFor } from '../../src/engine/backends/browser-model.js';
import { DEFAULT_ANSWER, installPromptApi, type PromptScript } from '../helpers/scripted-prompt-api.js';
import { MODEL_URL } from '../helpers/model.js';

let installed: ReturnType<typeof installPromptApi> | null = null;
const engines: Engine[] = [];

function standIn(script: PromptScript = {}) {
  installed?.uninstall();
  installed = installPromptApi(script);
  return installed.record;
}

function engine(source: ConstructorParameters<typeof Engine>[0] = {}) {
  const made = new Engine({ source: { browserModel: true }, ...source });
  engines.push(made);
  return made;
}

/** Streams an answer and keeps its deltas. */
async function answer(target: Engine, messages: Parameters<Engine['chat']>[0], options = {}) {
  const generation = target.chat(messages, options);
  const deltas: string[] = [];
  for await (const delta of generation) deltas.push(delta);
  return { result: await generation.result, deltas };
}

afterEach(async () => {
  for (const made of engines.splice(0)) await made.unload();
  installed?.uninstall();
  installed = null;
});

describe('browser-model backend (stand-in of the Prompt API): before any user action on the page', () => {
  it('a model the browser must download first waits for a click: not-allowed with a message to press Retry, and create() is not called', async () => {
    expect(navigator.userActivation.hasBeenActive, 'no user action yet on this page').to.equal(false);
    const record = standIn({ availability: 'downloadable' });
    const target = engine();
    const error = await target.load().catch((e: unknown) => e);
    expect(error).to.include({ code: 'not-allowed' });
    expect(String((error as Error).message)).to.match(/click or key press.*press Retry/);
    expect(target.status).to.equal('error');
    expect(record.creates, 'nothing asked the browser to download').to.have.length(0);
  });

  it('an available model needs no user action: it loads at once, reported as already on the device', async () => {
    standIn({ availability: 'available', contextWindow: 4096 });
    const target = engine();
    const info = await target.load();
    expect(target.selection?.kind).to.equal('browser-model');
    expect(target.selection?.reason).to.match(
      /^Chrome’s built-in model \(Gemini Nano\): already on this device, nothing to download; the browser runs it on this device, so no text leaves it\.$/,
    );
    expect(info).to.include({ architecture: 'browser-model', contextSize: 4096, chatFormat: 'library', sizeBytes: 0 });
    expect(target.capabilities?.browserModel).to.deep.equal({
      api: 'LanguageModel',
      availability: 'available',
      name: 'Chrome’s built-in model (Gemini Nano)',
    });
  });
});

describe('browser-model backend (stand-in of the Prompt API)', () => {
  before(async () => {
    // A real click (through the browser's input pipeline): the user action the download waits for.
    await sendMouse({ type: 'click', position: [5, 5] });
    expect(navigator.userActivation.hasBeenActive).to.equal(true);
  });

  it('a downloadable model: the browser downloads it, its progress reaches the engine, and the session is created for the page’s languages', async () => {
    const record = standIn({ availability: 'downloadable', downloadSteps: [0.25, 0.5, 0.75] });
    const target = engine({ source: { browserModel: { languages: ['en'] } } });
    const fractions: number[] = [];
    target.addEventListener('progress', (event) => fractions.push(event.progress.fraction));
    await target.load();
    expect(target.selection?.reason).to.match(/the browser downloads it once, for every site/);
    // Thousandths of the browser's fraction (it reports no bytes), 1 when ready.
    const steps = fractions.filter((f) => f > 0 && f < 1);
    expect(steps.map((f) => f.toFixed(4))).to.deep.equal(['0.2475', '0.4950', '0.7425', '0.9900']);
    expect(fractions.at(-1)).to.equal(1);
    expect(target.progress).to.deep.include({ fraction: 1 } satisfies Partial<LoadProgress>);
    expect(record.creates[0]).to.deep.include({
      expectedInputs: [{ type: 'text', languages: ['en'] }],
      expectedOutputs: [{ type: 'text', languages: ['en'] }],
    });
  });

  it('streams a chat answer in pieces, with token counts from the browser’s measure', async () => {
    standIn();
    const target = engine();
    const { result, deltas } = await answer(target, [
      { role: 'system', content: 'You tell short stories.' },
      { role: 'user', content: 'Tell me a story' },
    ]);
    expect(deltas.length, 'streamed, not all at once').to.be.greaterThan(5);
    expect(deltas.join('')).to.equal(DEFAULT_ANSWER);
    expect(result).to.include({ text: DEFAULT_ANSWER, finishReason: 'stop' });
    // The stand-in counts a word as a token plus 2 per message: system (4+2) and user (4+2).
    expect(result.promptTokens).to.equal(12);
    expect(result.completionTokens).to.equal(DEFAULT_ANSWER.split(' ').length);
    expect(result.timeToFirstTokenMs).to.be.greaterThan(0);
  });

  it('continues a conversation on a clone of its session: a later turn prompts only the new message, and a retry continues the same turn', async () => {
    const record = standIn();
    const target = engine();
    const system = { role: 'system' as const, content: 'You tell short stories.' };
    const first = { role: 'user' as const, content: 'Tell me a story' };
    const turn1 = await answer(target, [system, first]);
    expect(record.creates).to.have.length(2); // the root session at load, the conversation's
    expect(record.creates[1]?.initialPrompts).to.deep.equal([system]);

    const second = { role: 'user' as const, content: 'Another one please' };
    const history = [system, first, { role: 'assistant' as const, content: turn1.result.text }, second];
    const clonesBefore = record.clones;
    const turn2 = await answer(target, history);
    expect(record.creates, 'no new session for the next turn').to.have.length(2);
    expect(record.clones).to.equal(clonesBefore + 1);
    expect(record.prompts.at(-1)?.input, 'only the new message is sent').to.equal(second.content);
    // The history the session already held is reused, not processed again.
    expect(turn2.result.cachedPromptTokens).to.equal(6 + 6 + DEFAULT_ANSWER.split(' ').length + 2);
    expect(turn2.result.promptTokens).to.equal((turn2.result.cachedPromptTokens ?? 0) + 5);

    // Retry: the same messages again start from the session before the answer, not after it.
    const retry = await answer(target, history);
    expect(retry.result.finishReason).to.equal('stop');
    expect(record.prompts.at(-1)?.input).to.equal(second.content);
    expect(record.creates).to.have.length(2);

    // An edited answer: the longest start still held (the system prompt's session) is continued
    // with the turns after it, in one prompt.
    const edited = [system, first, { role: 'assistant' as const, content: 'Edited.' }, second];
    await answer(target, edited);
    expect(record.creates).to.have.length(2);
    expect(record.prompts.at(-1)?.input).to.deep.equal(edited.slice(1));

    // Another conversation (another system prompt) gets a session of its own, its history as initialPrompts.
    const other = [
      { role: 'system' as const, content: 'Be brief.' },
      first,
      { role: 'assistant' as const, content: 'Ok.' },
      second,
    ];
    await answer(target, other);
    expect(record.creates).to.have.length(3);
    expect(record.creates[2]?.initialPrompts).to.deep.equal(other.slice(0, 3));
    expect(record.prompts.at(-1)?.input).to.equal(second.content);
  });

  it('sessions the browser ended (its model unloaded or updated) are made again: the next turn still answers', async () => {
    const record = standIn();
    const target = engine();
    const system = { role: 'system' as const, content: 'You tell short stories.' };
    const first = await answer(target, [system, { role: 'user', content: 'Tell me a story' }]);
    installed?.endSessions();
    const creates = record.creates.length;
    const next = await answer(target, [
      system,
      { role: 'user', content: 'Tell me a story' },
      { role: 'assistant', content: first.result.text },
      { role: 'user', content: 'Another' },
    ]);
    expect(next.result).to.include({ finishReason: 'stop', text: DEFAULT_ANSWER });
    expect(record.creates.length, 'a new root and a new conversation session').to.equal(creates + 2);
    expect(record.creates.at(-1)?.initialPrompts).to.have.length(3);
  });

  it('a completion is a single user turn, on a clone of the root session, and its session is not kept', async () => {
    const record = standIn();
    const target = engine();
    const generation = target.complete('Once upon a time');
    const result = await generation.result;
    expect(result).to.include({ text: DEFAULT_ANSWER, finishReason: 'stop' });
    expect(record.prompts.at(-1)?.input).to.equal('Once upon a time');
    expect(record.creates).to.have.length(1);
    expect(record.live.size, 'only the root session stays').to.equal(1);
  });

  it('aborts one request mid-answer: the browser’s stream is aborted, the text so far stays, and the next request answers', async () => {
    const record = standIn({ holdAfter: 3 });
    const target = engine();
    const controller = new AbortController();
    const generation = target.chat([{ role: 'user', content: 'Tell me a story' }], { signal: controller.signal });
    let seen = '';
    for await (const delta of generation) {
      seen += delta;
      if (seen.split(' ').length >= 3) controller.abort();
    }
    const result = await generation.result;
    expect(result.finishReason).to.equal('abort');
    expect(result.text).to.equal('Once upon a');
    expect(record.aborted).to.equal(1);
    installed?.uninstall();
    installed = installPromptApi({}); // the same page, a browser that now answers in full
    const fresh = engine();
    const next = await answer(fresh, [{ role: 'user', content: 'Tell me a story' }]);
    expect(next.result).to.include({ finishReason: 'stop', text: DEFAULT_ANSWER });
  });

  it('a request queued behind another waits its turn (our FIFO queue), then answers', async () => {
    standIn();
    const target = engine();
    const a = target.chat([{ role: 'user', content: 'first' }]);
    const b = target.chat([{ role: 'user', content: 'second' }]);
    expect(target.queueLength).to.equal(1);
    const [ra, rb] = await Promise.all([a.result, b.result]);
    expect(ra.finishReason).to.equal('stop');
    expect(rb.finishReason).to.equal('stop');
  });

  it('ends an answer at max_tokens, which the API does not have: finish reason length, the browser’s stream stopped', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const record = standIn({ answer: () => long });
    const target = engine();
    const { result } = await answer(target, [{ role: 'user', content: 'Go on' }], { max_tokens: 8 });
    expect(result.finishReason).to.equal('length');
    expect(result.completionTokens, 'at most a piece or two past the limit').to.be.within(8, 11);
    expect(result.text.split(' ').length).to.be.within(8, 11);
    expect(record.aborted, 'the browser stopped generating').to.equal(1);
    expect(record.chunks.length).to.be.lessThan(20);
  });

  it('a prompt over the context window (QuotaExceededError) is an inference error that says so; the engine answers the next one', async () => {
    standIn({ promptError: { name: 'QuotaExceededError', at: 1 } });
    const target = engine();
    const failed = await target.chat([{ role: 'user', content: 'A very long text' }]).result;
    expect(failed.finishReason).to.equal('error');
    expect(failed.error).to.include({ code: 'inference' });
    expect(failed.error?.message).to.match(/no longer fits the context window/);
    expect(target.status).to.equal('ready');
    const next = await answer(target, [{ role: 'user', content: 'Short' }]);
    expect(next.result.finishReason).to.equal('stop');
  });

  it('a model the browser cannot run (NotSupportedError) falls back to src, on real llama.cpp, and says why', async () => {
    standIn({ createError: 'NotSupportedError' });
    const target = engine({ source: { browserModel: true, gguf: MODEL_URL } });
    const fallback = oneEvent(target, 'fallback') as Promise<EngineFallbackEvent>;
    await target.load();
    const event = await fallback;
    expect(event.from).to.equal('browser-model');
    expect(event.to).to.equal('wllama-wasm');
    expect(target.selection?.reason).to.match(/The browser’s model failed: .*cannot run here/);
    const next = await answer(target, [{ role: 'user', content: 'Once upon a time' }], { max_tokens: 8 });
    expect(next.result.finishReason).to.be.oneOf(['stop', 'length']);
    expect(next.result.text.length).to.be.greaterThan(0);
  });

  it('without src, a refusal is a visible load error (backend-unavailable) and no fallback', async () => {
    standIn({ createError: 'NotSupportedError' });
    const target = engine();
    const error = await target.load().catch((e: unknown) => e);
    expect(error).to.include({ code: 'backend-unavailable' });
    expect(target.status).to.equal('error');
  });

  it('a download that fails (NetworkError) is a network error', async () => {
    standIn({ availability: 'downloadable', createError: 'NetworkError' });
    const error = await engine()
      .load()
      .catch((e: unknown) => e);
    expect(error).to.include({ code: 'network' });
    expect(String((error as Error).message)).to.match(/^The browser could not download Chrome’s built-in model/);
  });

  it('a browser download that stops making progress ends, within the stall limit, in a network error the user can retry', async () => {
    const record = standIn({ availability: 'downloadable', downloadSteps: [0.1], stallDownload: true });
    const target = engine({ loadOptions: { stallTimeoutMs: 300 } });
    const error = await target.load().catch((e: unknown) => e);
    expect(record.stalled).to.equal(true);
    expect(error).to.include({ code: 'network' });
    expect(String((error as Error).message)).to.match(
      /^The browser's download of Chrome’s built-in model \(Gemini Nano\) made no progress for 0\.3 s\. Check the connection, then retry\.$/,
    );
    expect(record.createAborted, 'the browser was told to stop waiting').to.equal(true);
    expect(target.status).to.equal('error');
  });

  it('an answer that stops coming (no text within the bound) ends in an inference error; the engine answers the next one', async () => {
    const record = standIn({ holdAfter: 2 });
    const target = engine({
      backends: { 'browser-model': async () => new BrowserModelBackend({ answerStallMs: 300 }) },
    });
    const result = await target.chat([{ role: 'user', content: 'Tell me a story' }]).result;
    expect(result.finishReason).to.equal('error');
    expect(result.error).to.include({ code: 'inference' });
    expect(result.error?.message).to.equal('Chrome’s built-in model (Gemini Nano) gave no text for 0.3 s. Retry.');
    expect(result.text, 'the text so far stays').to.equal('Once upon');
    expect(record.aborted, 'the browser’s stream was stopped').to.equal(1);
    expect(target.status).to.equal('ready');
  });

  it('maps temperature and top_k to the raw parameters where the browser offers them (greedy at 0), else to a sampling mode, and warns once of what it ignores', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      let record = standIn({ params: { defaultTopK: 3, maxTopK: 128, defaultTemperature: 1, maxTemperature: 2 } });
      let target = engine();
      await answer(target, [{ role: 'user', content: 'hi' }], { temperature: 0.3, top_k: 5 });
      expect(record.creates.at(-1)).to.include({ temperature: 0.3, topK: 5 });
      await answer(target, [{ role: 'user', content: 'hi' }], { temperature: 0 });
      expect(record.creates.at(-1)).to.include({ temperature: 0, topK: 1 });
      await answer(target, [{ role: 'user', content: 'hi' }], { temperature: 5 });
      expect(record.creates.at(-1), 'clamped to the maximum').to.include({ temperature: 2, topK: 3 });
      await target.unload();

      record = standIn({ samplingModes: true });
      target = engine();
      await answer(target, [{ role: 'user', content: 'hi' }], { temperature: 0, top_p: 0.5 });
      await answer(target, [{ role: 'user', content: 'hi' }], { temperature: 0.9, top_p: 0.5, top_k: 4 });
      expect(record.creates.map((c) => c.samplingMode).filter(Boolean)).to.deep.equal(['most-predictable', 'balanced']);
      expect(
        warnings.filter((w) => w.includes('top_p')),
        'once per page',
      ).to.have.length(1);
      expect(warnings.some((w) => w.includes('top_k') && w.includes('only extensions'))).to.equal(true);
    } finally {
      console.warn = warn;
    }
    expect(samplingModeFor(1.2)).to.equal('creative');
    expect(samplingModeFor(2)).to.equal('most-creative');
  });

  it('the earlier shape (ai.languageModel, capabilities(), cumulative stream chunks, tokensSoFar): the same answer, in deltas', async () => {
    const record = standIn({ shape: 'ai.languageModel' });
    const target = engine();
    const { result, deltas } = await answer(target, [{ role: 'user', content: 'Tell me a story' }]);
    expect(target.capabilities?.browserModel?.api).to.equal('ai.languageModel');
    expect(deltas.join('')).to.equal(DEFAULT_ANSWER);
    expect(deltas.length).to.be.greaterThan(5);
    expect(result.completionTokens).to.equal(DEFAULT_ANSWER.split(' ').length);
    expect(record.prompts).to.have.length(1);
  });

  it('unload destroys every session it made', async () => {
    const record = standIn();
    const target = engine();
    await answer(target, [{ role: 'user', content: 'one' }]);
    await answer(target, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'two' },
    ]);
    expect(record.live.size).to.be.greaterThan(1);
    await target.unload();
    expect(record.live.size).to.equal(0);
  });

  it('results keep the same shape as every backend’s', async () => {
    standIn();
    const { result } = await answer(engine(), [{ role: 'user', content: 'hi' }]);
    const keys: Array<keyof GenerationResult> = [
      'text',
      'finishReason',
      'promptTokens',
      'completionTokens',
      'tokensPerSecond',
      'timeToFirstTokenMs',
      'durationMs',
      'droppedMessages',
    ];
    for (const key of keys) expect(result).to.have.property(key);
  });

  it('the deprecated source.browser still runs the browser model, until the next release', async () => {
    standIn();
    const target = engine({ source: { browser: true } });
    const { result } = await answer(target, [{ role: 'user', content: 'hi' }]);
    expect(target.selection?.kind).to.equal('browser-model');
    expect(result.text).to.equal(DEFAULT_ANSWER);
  });
});
