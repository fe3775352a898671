// The "ask this page" composition (Compositions/AskThisPage): a product's FAQ page, and beside it a
// chat whose source (`<llm-source>`) is that FAQ: answers come with the passages they were given,
// numbered under them, each a link that scrolls to the passage and highlights it.
import { html } from 'lit';
import '../src/components/llm-source/llm-source.js'; // the script tag loads it with the first chat that has a source
import { MODEL_URL } from './shared.js';

/**
 * The maker's BERT embedding test model (scripts/make-models.mjs, preset `minilm-embed-q8_0`:
 * all-MiniLM-L6-v2's shape on random weights), served by .storybook/main.ts from .cache/models.
 */
export const EMBED_MODEL_URL = './models/random-minilm-l6-embed-q8_0-v3.gguf';

const SYSTEM = 'You answer questions about the Trailbird 2 tent from its FAQ page. Answer in one or two sentences.';

/** The FAQ: headings, paragraphs, a list and a table, as a product page has them. */
const faq = html`
  <article id="tent-faq" style="flex: 1 1 20rem; max-width: 34rem">
    <h2 style="margin-top: 0">Trailbird 2 tent: questions and answers</h2>
    <h3>Shipping and returns</h3>
    <p id="faq-shipping">
      Orders leave our warehouse the next working day. Shipping within the EU takes 2 to 4 working days and is free
      above 50 euros.
    </p>
    <p id="faq-returns">
      You can return the tent within 30 days, unused and in its bag, for a full refund. Return shipping is on us.
    </p>
    <h3>Pitching the tent</h3>
    <p>The Trailbird 2 pitches in about five minutes, by one person:</p>
    <ul>
      <li>Lay out the footprint and the inner tent, door facing away from the wind.</li>
      <li>Clip the two crossing poles into the corner grommets.</li>
      <li>Throw the flysheet over, buckle its corners and stake out the six guy lines.</li>
    </ul>
    <h3>Specifications</h3>
    <table>
      <thead>
        <tr>
          <th scope="col">Property</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>Weight</td>
          <td>1.6 kg packed</td>
        </tr>
        <tr>
          <td>Sleeps</td>
          <td>2 people</td>
        </tr>
        <tr>
          <td>Waterproof rating</td>
          <td>3,000 mm flysheet, 5,000 mm floor</td>
        </tr>
      </tbody>
    </table>
    <h3>Care and warranty</h3>
    <p>Dry the tent fully before storing it, loosely rolled. The warranty covers the poles and seams for five years.</p>
  </article>
`;

/** The story: the FAQ beside the model, its status and the chat that answers from the FAQ. */
export function renderAskThisPage() {
  return html`
    <div style="display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start">
      ${faq}
      <!-- <llm-model> lays out as its children (display: contents): this box is the flex item. -->
      <div style="flex: 1 1 20rem; min-width: 0">
        <llm-model src=${MODEL_URL} embed-src=${EMBED_MODEL_URL}>
          <llm-status></llm-status>
          <llm-chat
            style="--llm-chat-height: 24rem; margin-top: 1rem"
            system=${SYSTEM}
            placeholder="Ask about the tent, e.g. how long does shipping take?"
            max-tokens="80"
          >
            <llm-source selector="#tent-faq" label="Trailbird 2 FAQ"></llm-source>
          </llm-chat>
        </llm-model>
      </div>
    </div>
  `;
}
