// Engines sharing one model across tabs (EngineOptions.share = 'tabs'), on real llama.cpp (wllama)
// and stories260K in Chromium. Two Engines in one page stand in for two tabs: Web Locks and
// BroadcastChannel work between objects of one page just as between pages of one origin (each
// BroadcastChannel object hears the others; a lock held by one engine makes the other wait).
// The end-to-end tests with several real pages are in test/e2e (next).
import { expect } from '@open-wc/testing';
import { Engine, type ChatMessage, type Generation } from '../../src/engine/index.js';
import { resolveSource } from '../../src/engine/models/model-source.js';
import { HELLO_TIMEOUT_MS } from '../../src/engine/sharing/tab-backend.js';
import { shareKey, shareName } from '../../src/engine/sharing/share-key.js';
import type { TabMessage } from '../../src/engine/sharing/tab-protocol.js';
import { MODEL_URL } from '../helpers/model.js';
import { waitFor, within } from '../helpers/wait.js';

const messages: ChatMessage[] = [{ role: 'user', content: 'Once upon a time' }];
const greedy = { temperature: 0, max_tokens: 24 } as const;
/** Long enough to be stopped mid-answer. */
const long = { temperature: 0, max_tokens: 1500 } as const;

async function firstDelta(generation: Generation): Promise<void> {
  await within(generation[Symbol.asyncIterator]().next(), 15_000, 'the first delta');
}

/**
 * A holder played by the test: it takes the lock for MODEL_URL's default settings and answers on the
 * channel only as `answer` says, so a follower can meet a holder that stalls or goes while loading.
 */
async function fakeHolder(answer: (message: TabMessage, reply: (message: object) => void) => void) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const name = shareName(shareKey(resolveSource(MODEL_URL), {}));
  await new Promise<void>((granted) => void navigator.locks.request(name, () => (granted(), held)));
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent<TabMessage>) =>
    answer(event.data, (message) => channel.postMessage({ ...message, from: 'fake', to: event.data.from }));
  return {
    release: () => {
      channel.close();
      release();
    },
  };
}

const FAKE_MODEL = {
  name: 'fake',
  architecture: 'llama',
  contextSize: 2048,
  trainedContextSize: 2048,
  chatTemplate: null,
  chatFormat: 'none',
  sizeBytes: 1,
} as const;

describe('One engine shared by tabs (two engines of one page)', () => {
  let engines: Engine[] = [];
  const make = (options: ConstructorParameters<typeof Engine>[0] = { share: 'tabs' }) => {
    const engine = new Engine(options);
    engines.push(engine);
    return engine;
  };

  /** An engine that loaded MODEL_URL itself, and a second one following it. */
  const holderAndFollower = async () => {
    const holder = make();
    await within(holder.load(MODEL_URL), 30_000, 'the holder loaded');
    const follower = make();
    await within(follower.load(MODEL_URL), 15_000, 'the follower ready');
    return { holder, follower };
  };

  afterEach(async () => {
    // Followers first, so no follower takes over from the holder while the test ends.
    for (const engine of engines.reverse()) await engine.unload();
    engines = [];
  });

  it('makes the second engine a follower that answers exactly as the holder does', async () => {
    const holder = make();
    await within(holder.load(MODEL_URL), 30_000, 'the holder loaded');
    expect(holder.selection?.kind).to.equal('wllama-wasm');
    const follower = make();
    const info = await within(follower.load(MODEL_URL), 15_000, 'the follower ready');
    expect(follower.selection?.kind).to.equal('another-tab');
    expect(follower.selection?.reason).to.match(/another tab/i);
    expect(info.name).to.equal(holder.modelInfo?.name);
    expect(follower.status).to.equal('ready');

    const own = await within(holder.chat(messages, greedy).result, 15_000, "the holder's answer");
    const theirs = await within(follower.chat(messages, greedy).result, 15_000, "the follower's answer");
    expect(own.text).to.not.equal('');
    expect(theirs.finishReason).to.equal(own.finishReason);
    expect(theirs.text).to.equal(own.text);
    expect(follower.lastResult?.text).to.equal(own.text);
  });

  it('ends a request the follower aborts, and the holder stays usable', async () => {
    const { holder, follower } = await holderAndFollower();
    const ended: string[] = [];
    holder.addEventListener('result', (event) => ended.push(event.result.finishReason));

    const generation = follower.chat(messages, long);
    await firstDelta(generation);
    generation.abort();
    const result = await within(generation.result, 5_000, 'the aborted request ended');
    expect(result.finishReason).to.equal('abort');
    await waitFor(() => ended.includes('abort'), 5_000, "the holder's run stopped");

    const own = await within(holder.chat(messages, greedy).result, 15_000, "the holder's answer");
    expect(own.finishReason).to.not.equal('error');
    const theirs = await within(follower.chat(messages, greedy).result, 15_000, "the follower's next answer");
    expect(theirs.text).to.equal(own.text);
  });

  it('ends the follower’s request with a retryable error when the holder unloads mid-answer, then the follower loads the model and answers', async () => {
    const { holder, follower } = await holderAndFollower();
    const own = await within(holder.chat(messages, greedy).result, 15_000, "the holder's answer");

    const generation = follower.chat(messages, long);
    await firstDelta(generation);
    await holder.unload();
    const result = await within(generation.result, 5_000, "the follower's request ended");
    expect(result.finishReason).to.equal('error');
    expect(result.error?.code).to.equal('engine-moved');
    expect(result.error?.message).to.match(/try again/i);

    await waitFor(
      () => follower.selection?.kind === 'wllama-wasm' && follower.status === 'ready',
      30_000,
      'the follower loaded the model itself',
    );
    const again = await within(follower.chat(messages, greedy).result, 15_000, 'the answer after the takeover');
    expect(again.text).to.equal(own.text);
  });

  it('runs a completion with structured output for the follower, as the holder runs it', async () => {
    const { holder, follower } = await holderAndFollower();
    const schema = {
      type: 'object',
      properties: { n: { type: 'integer', minimum: 1, maximum: 9 } },
      required: ['n'],
      additionalProperties: false,
    };
    const options = { schema, seed: 3, temperature: 1, max_tokens: 60 };
    const own = await within(holder.complete('Count:', options).result, 15_000, "the holder's answer");
    const theirs = await within(follower.complete('Count:', options).result, 15_000, "the follower's answer");
    expect(own.finishReason, own.error?.message).to.equal('stop');
    expect(theirs.finishReason, theirs.error?.message).to.equal('stop');
    expect(theirs.value).to.deep.equal(own.value);
    expect((theirs.value as { n: number }).n).to.be.within(1, 9);
  });

  it('takes turns between tabs: a tab that asks three times at once waits for each other tab asking once', async () => {
    const holder = make();
    await within(holder.load(MODEL_URL), 30_000, 'the holder loaded');
    const [second, third] = [make(), make()];
    await within(Promise.all([second.load(MODEL_URL), third.load(MODEL_URL)]), 15_000, 'the followers ready');
    const order: string[] = [];
    const ask = (engine: Engine, name: string) =>
      engine.complete('Once upon a time', greedy).result.then((result) => {
        expect(result.finishReason, result.error?.message).to.be.oneOf(['stop', 'length']);
        order.push(name);
      });
    // The holder's tab asks first, three times; the two others once each, just after.
    const asked = [1, 2, 3].map((n) => ask(holder, `holder ${n}`));
    asked.push(ask(second, 'second'), ask(third, 'third'));
    await within(Promise.all(asked), 60_000, 'the five answers');
    expect(order).to.deep.equal(['holder 1', 'second', 'third', 'holder 2', 'holder 3']);
  });

  it("counts tokens with the holder's tokenizer, and continues a cut-off answer as the holder does", async () => {
    const { holder, follower } = await holderAndFollower();
    const text = 'Lily and Tom went to the park to play with the big red ball.';
    const own = await holder.countTokens(text);
    expect(own.exact, 'llama.cpp counts it').to.equal(true);
    expect(await within(follower.countTokens(text), 15_000, "the follower's count")).to.deep.equal(own);

    const cut = await within(holder.chat(messages, { ...greedy, max_tokens: 8 }).result, 15_000, 'a cut answer');
    const turn: ChatMessage[] = [...messages, { role: 'assistant', content: cut.text }];
    const options = { ...greedy, max_tokens: 8, continueLast: true };
    const ownMore = await within(holder.chat(turn, options).result, 15_000, "the holder's continuation");
    const theirMore = await within(follower.chat(turn, options).result, 15_000, "the follower's continuation");
    expect(theirMore.finishReason, theirMore.error?.message).to.equal(ownMore.finishReason);
    expect(theirMore.text).to.equal(ownMore.text);
    expect(theirMore.text.length).to.be.greaterThan(0);
  });

  it('does not share between engines with different context sizes', async () => {
    const holder = make({ share: 'tabs', loadOptions: { contextSize: 1024 } });
    await within(holder.load(MODEL_URL), 30_000, 'the first engine loaded');
    const other = make({ share: 'tabs', loadOptions: { contextSize: 512 } });
    await within(other.load(MODEL_URL), 30_000, 'the second engine loaded');
    expect(holder.selection?.kind).to.equal('wllama-wasm');
    expect(other.selection?.kind).to.equal('wllama-wasm');
    expect(other.contextSize).to.equal(512);
  });

  it("does not share with an engine whose share is 'none'", async () => {
    const holder = make();
    await within(holder.load(MODEL_URL), 30_000, 'the first engine loaded');
    const own = make({ share: 'none' });
    await within(own.load(MODEL_URL), 30_000, 'the second engine loaded');
    expect(own.selection?.kind).to.equal('wllama-wasm');
    expect(own.selection?.reason).to.not.match(/another tab/i);
  });

  it('fails the load with a clear error, within its bound, when the tab holding the lock never answers', async () => {
    // A holder that took the lock and went silent (a frozen tab): nobody answers hello.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const name = shareName(shareKey(resolveSource(MODEL_URL), {}));
    await new Promise<void>((granted) => void navigator.locks.request(name, () => (granted(), held)));
    try {
      const follower = make();
      const started = performance.now();
      const error = await within(
        follower.load(MODEL_URL).then(
          () => null,
          (e: unknown) => e,
        ),
        HELLO_TIMEOUT_MS + 5_000,
        'the load failed',
      );
      expect(performance.now() - started).to.be.at.least(HELLO_TIMEOUT_MS - 100);
      expect(error).to.have.property('code', 'backend-unavailable');
      expect((error as Error).message).to.match(/tab that holds the model did not answer/);
      expect(follower.status).to.equal('error');
    } finally {
      release();
    }
  });

  it('loads its own model, and says why, in a browser without Web Locks', async () => {
    Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
    try {
      const engine = make();
      await within(engine.load(MODEL_URL), 30_000, 'the engine loaded');
      expect(engine.selection?.kind).to.equal('wllama-wasm');
      expect(engine.selection?.reason).to.match(/[^.]; not shared with other tabs: this browser has no Web Locks/);
    } finally {
      delete (navigator as { locks?: unknown }).locks;
    }
    expect(navigator.locks).to.exist;
  });

  it('ends a follower request with a retryable error when the holder sends nothing for the stall bound', async () => {
    const holder = await fakeHolder((message, reply) => {
      if (message.kind === 'hello') reply({ kind: 'ready', model: FAKE_MODEL, status: 'ready' });
      // A request is taken and never answered.
    });
    try {
      const follower = make({ share: 'tabs', loadOptions: { stallTimeoutMs: 1000 } });
      // The key leaves stallTimeoutMs out: this follower meets the fake holder.
      await within(follower.load(MODEL_URL), 5_000, 'the follower ready');
      expect(follower.selection?.kind).to.equal('another-tab');
      const result = await within(follower.complete('Once', greedy).result, 5_000, 'the stalled request ended');
      expect(result.finishReason).to.equal('error');
      expect(result.error?.code).to.equal('network');
      expect(result.error?.message).to.match(/has not answered for 1 s/);
    } finally {
      holder.release();
    }
  });

  it('takes the model over when the holder goes while it is still loading', async () => {
    let asked: () => void = () => {};
    const hello = new Promise<void>((resolve) => (asked = resolve));
    const holder = await fakeHolder((message, reply) => {
      if (message.kind !== 'hello') return;
      reply({ kind: 'loading', loaded: 1, total: 10 });
      asked();
    });
    const follower = make();
    const loaded = follower.load(MODEL_URL);
    await within(hello, 5_000, 'the follower asked the holder');
    holder.release();
    await within(loaded, 30_000, 'the follower loaded the model itself');
    expect(follower.selection?.kind).to.equal('wllama-wasm');
    const answer = await within(follower.complete('Once', greedy).result, 15_000, 'its answer');
    expect(answer.finishReason).to.not.equal('error');
  });
});
