// <llm-model endpoint> in Chromium against real llama.cpp behind the OpenAI-compatible test server
// (test/servers/openai-server.mjs): a chat answers from the server and the status says where messages
// go; beside a local model this device cannot run, the server takes over with llm-fallback; the
// page's credentials come from endpointHeaders, never an attribute.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat, LlmModel, LlmStatus } from '../../src/index.js';
import { part } from '../helpers/chat.js';
import { nextEvent, waitFor, within } from '../helpers/wait.js';

let origin = '';

describe('<llm-model endpoint> (real llama.cpp behind an OpenAI-compatible test server)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ origin } = (await (await fetch('/__test/openai-server')).json()) as { origin: string });
  });

  it('alone: a chat answers from the server, and the status says the answers come from it', async () => {
    const model = await fixture<LlmModel>(html`
      <llm-model endpoint=${`${origin}/v1`} endpoint-model="stories260k">
        <llm-status></llm-status>
        <llm-chat max-tokens="8" temperature="0"></llm-chat>
      </llm-model>
    `);
    const chat = model.querySelector('llm-chat') as LlmChat;
    const answer = await within(chat.send('Once upon a time'), 30_000, 'the answer');
    expect(answer?.finishReason, answer?.error?.message).to.equal('length');
    expect(answer?.text).to.not.equal('');
    expect(model.backendKind).to.equal('remote');
    const status = model.querySelector('llm-status') as LlmStatus;
    await status.updateComplete;
    const host = new URL(origin).host;
    await waitFor(
      () => part(status, 'label')?.textContent?.includes(`answers come from ${host}`),
      5000,
      'the remote status',
    );
    await expect(status).to.be.accessible();
  });

  it('beside a model too large for this device: the server takes over, with llm-fallback naming it', async () => {
    const model = await fixture<LlmModel>(html`
      <llm-model
        src=${new URL('/__test/huge/r-stories260K.gguf', location.href).href}
        endpoint=${`${origin}/v1`}
        endpoint-model="stories260k"
      >
        <llm-chat max-tokens="8" temperature="0"></llm-chat>
      </llm-model>
    `);
    const fallback = nextEvent(model, 'llm-fallback', 30_000);
    const chat = model.querySelector('llm-chat') as LlmChat;
    const answer = await within(chat.send('Once upon a time'), 30_000, 'the answer');
    expect(answer?.finishReason, answer?.error?.message).to.equal('length');
    const { detail } = (await fallback) as CustomEvent<{ from: string; to: string; message: string }>;
    expect(detail.to).to.equal('remote');
    expect(model.backendReason).to.match(/This device cannot run the model .*messages now go to /);
  });

  it('credentials come from endpointHeaders; without them the server refuses, in words', async () => {
    const model = await fixture<LlmModel>(html`
      <llm-model endpoint=${`${origin}/__auth/v1`} endpoint-model="stories260k">
        <llm-chat max-tokens="4"></llm-chat>
      </llm-model>
    `);
    const chat = model.querySelector('llm-chat') as LlmChat;
    const refused = await within(chat.send('Hello'), 30_000, 'the refusal');
    expect(refused?.finishReason).to.equal('error');
    expect(model.error?.code ?? refused?.error?.code).to.equal('not-allowed');
    model.endpointHeaders = () => ({ Authorization: 'Bearer test-key' });
    await model.load();
    const answer = await within(chat.send('Hello'), 30_000, 'the answer');
    expect(answer?.finishReason, answer?.error?.message).to.be.oneOf(['stop', 'length']);
  });
});
