import { css } from 'lit';

/**
 * The mark on the fields a fill changed. The fields are the page's light DOM, out of reach of the
 * element's shadow styles, so this small sheet is adopted into the root the form lives in (the
 * document, or the shadow root of a component around it): constructable, so a strict
 * `style-src` allows it. `:where()` keeps it at zero specificity (any page rule wins), and a field
 * with keyboard focus shows its focus ring instead.
 */
const filledStyles = css`
  :where(llm-form [data-llm-filled]:not(:focus-visible)) {
    outline: var(--llm-filled-outline, 2px solid var(--llm-accent, light-dark(#1d4ed8, #93c5fd)));
    outline-offset: var(--llm-filled-outline-offset, 1px);
  }
  @supports not (color: light-dark(#000, #fff)) {
    :where(llm-form [data-llm-filled]:not(:focus-visible)) {
      outline: var(--llm-filled-outline, 2px solid var(--llm-accent, #1d4ed8));
    }
  }
`;

/** Adopts the filled-field sheet into `element`'s root, once per root. */
export function showFilled(element: Element): void {
  const root = element.getRootNode();
  const sheet = filledStyles.styleSheet;
  if (!sheet || !(root instanceof Document || root instanceof ShadowRoot)) return;
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
