import { css } from 'lit';

/**
 * `<llm-model>` draws no box of its own: its children lay out as if it were not there, and the
 * `--llm-*` tokens set on it still inherit to every element inside.
 */
export const styles = css`
  :host {
    display: contents;
  }
  /* display: contents would otherwise win over the browser's own [hidden] rule. */
  :host([hidden]) {
    display: none !important;
  }
`;
