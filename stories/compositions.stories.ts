import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { renderAskThisPage } from './ask-this-page.js';
import { MODEL_URL } from './shared.js';
import { renderShopAssistant } from './shop-assistant.js';

const meta: Meta = { title: 'Compositions' };
export default meta;

type Story = StoryObj;

/** Two chats and a status under one `<llm-model>`: one download, one engine, answers in turn. */
export const TwoChatsOneModel: Story = {
  render: () => html`
    <llm-model src=${MODEL_URL}>
      <llm-status></llm-status>
      <div style="display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin-top: 1rem">
        <llm-chat placeholder="Chat one" style="--llm-chat-height: 16rem"></llm-chat>
        <llm-chat placeholder="Chat two" style="--llm-chat-height: 16rem"></llm-chat>
      </div>
    </llm-model>
  `,
};

/**
 * A model URL that answers 404: `<llm-model>` reports it once (`llm-error`), and both elements show
 * it with a Retry button and `status="error"`; fixing `src` recovers.
 */
export const ErrorState: Story = {
  render: () => html`
    <llm-model src="./models/missing.gguf" loading="eager">
      <llm-status></llm-status>
      <llm-chat></llm-chat>
    </llm-model>
  `,
};

/** What a CMS template author writes: attributes only, no JavaScript. */
export const CmsPage: Story = {
  render: () => html`
    <llm-model src=${MODEL_URL}>
      <article style="max-width: 40rem">
        <h2>The little dog</h2>
        <p id="story-start">One day, a little dog found a red ball in the garden.</p>
        <h3>What happens next</h3>
        <llm-text for="story-start" prompt="{text}" max-tokens="60"></llm-text>
        <h3>Write your own ending</h3>
        <llm-complete stop-at="sentence">
          <textarea rows="3" style="width: 100%" aria-label="Your ending">The dog</textarea>
        </llm-complete>
      </article>
    </llm-model>
  `,
};

/**
 * A shop assistant: `<llm-chat>` with two tools of the page, `search_catalogue({query})` (a small
 * catalogue in the story) and `add_to_cart({sku, quantity})` with `confirm: true` (Allow / Deny),
 * filling the cart beside it. Each call shows as a step in the answer (open it for its arguments
 * and result). The model here is the project's tool-calling test model (random weights with
 * Qwen2.5's chat template; scripts/make-models.mjs makes it into .cache/models the first time
 * Storybook or the unit tests serve it): it calls a tool (`toolChoice: 'required'`, one round:
 * `max-tool-rounds="1"`), but its arguments and words are nonsense. With a real model, e.g.
 * Qwen2.5-0.5B-Instruct's GGUF as `src`, it answers for real: leave `toolChoice` at `auto` and
 * allow a few rounds (search, then add, in one turn).
 */
export const ShopAssistant: Story = {
  render: () => renderShopAssistant('required'),
};

/**
 * Ask this page: a product's FAQ (headings, paragraphs, a list, a table) and beside it a chat whose
 * source is that FAQ (`<llm-source selector="#tent-faq">`). For each question the chat finds the
 * FAQ's passages closest to it, on this device, gives them to the model with an instruction to cite
 * them, and shows them numbered under the answer (`part="sources"`): a link scrolls to its passage
 * and highlights it. A question about nothing in the FAQ gets _"I found nothing about that in this
 * site's pages."_, without asking the model. `<llm-status>` shows the FAQ being read the first time;
 * the passages stay in this browser's storage by content, so a reload embeds nothing again.
 *
 * The models here are the project's test models: `embed-src` is a BERT embedding model of
 * all-MiniLM-L6-v2's shape with random weights (it finds passages that share a question's words),
 * and the chat model is stories260K, which only tells children's stories. They show the structure
 * (which passages, the sources list, the highlight), not real answers. With a real embedding model
 * (`embed-src="bge-small-en"`) and a real chat model as `src` (e.g. Qwen2.5-0.5B-Instruct's GGUF),
 * the answers are real, cite the FAQ ("[1]") and link to it.
 */
export const AskThisPage: Story = {
  render: () => renderAskThisPage(),
};
