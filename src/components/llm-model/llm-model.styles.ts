import { css } from 'lit';
import { choices } from '../../themes/tokens.styles.js';

/**
 * `<llm-model>` draws no box of its own: its children lay out as if it were not there, and the
 * `--llm-*` tokens set on it still inherit to every element inside. So do its theme choices:
 * `theme` as the inherited `color-scheme`, `contrast` and `density` as the properties the elements'
 * tokens read.
 */
export const styles = css`
  :host {
    display: contents;
  }
  /* display: contents would otherwise win over the browser's own [hidden] rule. */
  :host([hidden]) {
    display: none !important;
  }
  ${choices}
`;
