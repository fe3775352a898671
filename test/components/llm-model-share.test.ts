// <llm-model share>: by default the <llm-model>s of one model share one engine (across tabs, and
// within a page, which stands in for two tabs here); share="none" keeps an engine of its own.
// The end-to-end tests with several pages are in test/e2e/shared-engine.test.mjs.
import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import '../../src/index.js';
import type { LlmChat, LlmModel } from '../../src/index.js';
import { uniqueModelUrl } from '../helpers/model.js';

async function twoModels(url: string, secondAttributes = '') {
  const root = await fixture<HTMLElement>(`
    <div>
      <llm-model id="a" src="${url}" loading="manual"><llm-chat temperature="0" max-tokens="20"></llm-chat></llm-model>
      <llm-model id="b" src="${url}" loading="manual" ${secondAttributes}>
        <llm-chat temperature="0" max-tokens="20"></llm-chat>
      </llm-model>
    </div>`);
  const a = root.querySelector<LlmModel>('#a')!;
  const b = root.querySelector<LlmModel>('#b')!;
  await a.load();
  await b.load();
  return { a, b, chatOf: (model: LlmModel) => model.querySelector<LlmChat>('llm-chat')! };
}

describe('<llm-model share>', () => {
  afterEach(() => fixtureCleanup());

  it("tabs (default): a second <llm-model> of the same model runs in the first one's engine, and its chat answers", async () => {
    const { a, b, chatOf } = await twoModels(uniqueModelUrl('once'));
    expect(a.share).to.equal('tabs');
    expect(a.backendKind).to.equal('wllama-wasm');
    expect(b.backendKind).to.equal('another-tab');
    expect(b.backendReason).to.match(/another tab/);
    const answer = await chatOf(b).send('Once upon a time');
    expect(answer?.text).to.match(/\w{2,}/);
    expect((await chatOf(a).send('Once upon a time'))?.text).to.equal(answer?.text);
  });

  it('none: the element loads an engine of its own', async () => {
    const { b, chatOf } = await twoModels(uniqueModelUrl('once'), 'share="none"');
    expect(b.backendKind).to.equal('wllama-wasm');
    expect(b.backendReason).not.to.match(/another tab/);
    expect((await chatOf(b).send('Once upon a time'))?.text).to.match(/\w{2,}/);
  });
});
