// The "shop assistant" composition (Compositions/ShopAssistant): a chat with two tools of the page,
// a catalogue search and an "add to cart" that asks the visitor first, beside the cart it fills.
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { LlmChat, Tool } from '../src/index.js';

/**
 * The maker's tool-calling test model (scripts/make-models.mjs, preset `15m-tools-q8_0`: Qwen2.5's
 * chat template on random weights), served by .storybook/main.ts from .cache/models.
 */
export const TOOLS_MODEL_URL = './models/random-stories15m-tools-q8_0-v3.gguf';

interface Product {
  sku: string;
  name: string;
  price: number;
}

const CATALOGUE: Product[] = [
  { sku: 'RJ-204', name: 'Rain jacket, navy', price: 59 },
  { sku: 'RS-310', name: 'Light rain shell, yellow', price: 42 },
  { sku: 'WB-118', name: 'Wool beanie, grey', price: 18 },
  { sku: 'TS-002', name: 'Trail socks, two pairs', price: 12 },
  { sku: 'UM-450', name: 'Pocket umbrella, black', price: 24 },
];

const SYSTEM =
  'You are the shop assistant of an outdoor clothing shop. Use search_catalogue to find products ' +
  'and add_to_cart to add one the customer asks for. Answer in one or two short sentences.';

/** Each word of `query` found in a product's name or SKU; a query that finds nothing, everything. */
function search(query: string): Product[] {
  const words = query.toLowerCase().split(/\W+/).filter(Boolean);
  const found = CATALOGUE.filter((product) =>
    words.some((word) => `${product.name} ${product.sku}`.toLowerCase().includes(word)),
  );
  return (found.length ? found : CATALOGUE).slice(0, 3);
}

/** The two tools, adding to `cart` and calling `changed` after. */
function shopTools(cart: Map<string, number>, changed: () => void): Tool[] {
  return [
    {
      name: 'search_catalogue',
      description: 'Finds products in the catalogue by words of their name; returns SKU, name and price in euros.',
      parameters: {
        type: 'object',
        properties: {
          query: { type: 'string', maxLength: 40, description: 'Words to look for, e.g. "rain jacket"' },
        },
        required: ['query'],
      },
      run: ({ query }) => search(String(query)),
    },
    {
      name: 'add_to_cart',
      description: "Adds a product to the customer's cart by its SKU.",
      parameters: {
        type: 'object',
        properties: {
          sku: { type: 'string', enum: CATALOGUE.map((product) => product.sku) },
          quantity: { type: 'integer', minimum: 1, maximum: 10 },
        },
        required: ['sku', 'quantity'],
      },
      // The visitor allows or denies each addition (Allow / Deny in the chat).
      confirm: true,
      run: ({ sku, quantity }) => {
        const product = CATALOGUE.find((candidate) => candidate.sku === sku);
        if (!product) throw new Error(`No product has the SKU ${String(sku)}.`); // the schema's enum lets none through
        cart.set(product.sku, (cart.get(product.sku) ?? 0) + Number(quantity));
        changed();
        return { added: product.name, quantity, inCart: cart.get(product.sku) };
      },
    },
  ];
}

/** The cart's lines in `list`, and its total in `total`. */
function renderCart(list: HTMLElement, total: HTMLElement, cart: Map<string, number>): void {
  const lines = CATALOGUE.filter((product) => cart.has(product.sku)).map((product) => ({
    product,
    quantity: cart.get(product.sku) ?? 0,
  }));
  const items = lines.map(({ product, quantity }) => {
    const item = document.createElement('li');
    item.textContent = `${quantity} × ${product.name}: ${quantity * product.price} €`;
    return item;
  });
  const sum = lines.reduce((all, { product, quantity }) => all + quantity * product.price, 0);
  const empty = document.createElement('li');
  empty.textContent = 'Empty';
  list.replaceChildren(...(items.length ? items : [empty]));
  total.textContent = `Total: ${sum} €`;
}

/** The story: the chat (its tools set once it is in the page) beside the cart. */
export function renderShopAssistant(toolChoice: 'auto' | 'required') {
  const cart = new Map<string, number>();
  let shown: { list: HTMLElement; total: HTMLElement } | undefined;
  const changed = () => shown && renderCart(shown.list, shown.total, cart);
  const setUp = (chat: Element | undefined) => {
    const shop = chat?.closest('.shop');
    const list = shop?.querySelector<HTMLElement>('.cart ul');
    const total = shop?.querySelector<HTMLElement>('.cart .total');
    if (!list || !total || (chat as LlmChat).tools?.length) return;
    Object.assign(chat as LlmChat, { tools: shopTools(cart, changed), toolChoice });
    shown = { list, total };
    changed();
  };
  return html`
    <llm-model src=${TOOLS_MODEL_URL}>
      <div class="shop" style="display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start">
        <llm-chat
          style="flex: 1 1 22rem; --llm-chat-height: 22rem"
          system=${SYSTEM}
          placeholder="Ask for a product, e.g. a rain jacket"
          max-tokens="150"
          max-tool-rounds="1"
          ${ref(setUp)}
        ></llm-chat>
        <aside class="cart" aria-label="Cart" style="flex: 0 1 14rem">
          <h3 style="margin-top: 0">Cart</h3>
          <ul aria-live="polite" style="padding-inline-start: 1.2rem"></ul>
          <p class="total" style="font-weight: 600"></p>
        </aside>
      </div>
    </llm-model>
  `;
}
