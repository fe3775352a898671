import { html, nothing, type TemplateResult } from 'lit';

/** What the error view shows. */
export interface ErrorView {
  /** The message for the visitor; nothing shows when it is empty. */
  message: string;
  /** What Retry does; no Retry button without it (retrying cannot help). */
  retry?: () => void;
  /** The Retry button's text. */
  retryLabel?: string;
  /** A class for the Retry button, to match the element's other buttons. */
  buttonClass?: string;
}

/**
 * The error view, the same in every element: the message as `part="error"` (an alert, so screen
 * readers read it, and only it, at once) and, where retrying can help, a `part="retry"` button beside it.
 */
export function errorView({
  message,
  retry,
  retryLabel,
  buttonClass = '',
}: ErrorView): TemplateResult | typeof nothing {
  if (!message) return nothing;
  const button = retry
    ? html`<button type="button" class=${buttonClass} part="retry" @click=${retry}>${retryLabel}</button>`
    : nothing;
  return html`<div class="error"><span part="error" role="alert">${message}</span>${button}</div>`;
}
