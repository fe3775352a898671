import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { LlmElement } from '../../base/llm-element.js';
import { LlmError } from '../../engine/core/errors.js';
import type { PassageInput } from '../../engine/retrieval/passage-index.js';
import { passageContext, splitPassages, textFragmentUrl, type PagePassage } from './split-passages.js';

/** How long another page may take to arrive before the source reports it (ms). */
const FETCH_TIMEOUT_MS = 15_000;

/** A passage of a source: what is embedded and shown, where it is, and (in this page) its element. */
export interface SourcePassage extends PassageInput {
  href: string;
  data: { headings: string[]; element?: Element; label: string };
}

/**
 * @summary A source of knowledge for the chats of its `<llm-model>`: passages of this page (a CSS selector), of another page of the site (`href`), or its own content, searched on the device so that answers cite them.
 * @tagname llm-source
 * @status experimental
 *
 * @description
 * Put it inside `<llm-chat>` (that chat's source) or inside its `<llm-model>` outside any chat (a
 * source of every chat of the model). Its text is split into passages along its structure (headings,
 * paragraphs, list items, table rows, definitions), embedded on the device and kept in this browser's
 * storage by content, so an unchanged page is not embedded again and a changed one only where it
 * changed. For each question the chat finds the closest passages, gives them to the model and shows
 * them as numbered sources under the answer: a link scrolls to the passage and highlights it (or opens
 * the other page at it).
 *
 * Without `selector` and `href`, its own content is the source, shown as it is (inside `<llm-chat>`,
 * which shows only its conversation, it is not shown, and is read all the same).
 *
 * @slot - Content that is itself the source (when neither `selector` nor `href` is set). Shown as it is.
 *
 * @fires {LlmErrorEvent} llm-error - When its page cannot be read (`network`: fetch failed or took over 15 s; `model-not-found`: HTTP 404) or its selector matches nothing (`invalid-request`). The chat answers from its other sources.
 */
export class LlmSource extends LlmElement {
  static override styles = css`
    :host {
      display: contents;
    }
    :host([hidden]) {
      display: none;
    }
  `;

  /** CSS selector of the parts of this page that are the source (e.g. `main`, `#faq, #shipping`). */
  @property() selector = '';

  /** URL of another page of the site whose content is the source (with `selector`: those parts of it; else its `main`, or its body). */
  @property() href = '';

  /** A name for the source, shown with its passages under an answer (default: the page's title). */
  @property() label = '';

  protected override render() {
    return html`<slot></slot>`;
  }

  /** The source's name in the search index: where its content comes from. */
  get key(): string {
    if (this.href) return `${new URL(this.href, document.baseURI).href} ${this.selector}`.trim();
    if (this.selector) return `${location.pathname} ${this.selector}`;
    const all = [...document.querySelectorAll('llm-source:not([selector]):not([href])')];
    return `${location.pathname} #${this.id || all.indexOf(this)}`;
  }

  /** The passages of its content now (fetched for `href`). An unreadable source reports `llm-error` and has none. */
  async passages(signal?: AbortSignal): Promise<SourcePassage[]> {
    try {
      if (this.href) return await this.fetchedPassages(signal);
      // Own content inside a chat is not shown (the chat shows its conversation): read as written.
      const own = this.parentElement?.closest('llm-chat') ? (this.cloneNode(true) as Element) : this;
      const roots = this.selector ? [...document.querySelectorAll(this.selector)] : [own];
      if (!roots.length) throw new LlmError('invalid-request', `No element of this page matches "${this.selector}".`);
      const label = this.label || document.title;
      return roots.flatMap((root) => splitPassages(root)).map((passage) => this.sourcePassage(passage, label));
    } catch (error) {
      const llmError = LlmError.is(error) ? error : new LlmError('invalid-request', String(error), { cause: error });
      if (llmError.code !== 'aborted')
        this.emit('llm-error', { code: llmError.code, message: llmError.message, error: llmError });
      throw llmError;
    }
  }

  private sourcePassage(passage: PagePassage, label: string, url?: string): SourcePassage {
    const { element } = passage;
    // A passage of this page is found by its element; another page's by a text fragment of its words.
    const words = (element.textContent ?? passage.text).replace(/\s+/g, ' ').trim();
    const href = url
      ? textFragmentUrl(url, words || passage.text)
      : element.id
        ? `#${element.id}`
        : textFragmentUrl(location.href, words || passage.text);
    return {
      text: passage.text,
      embedText: passageContext(passage),
      href,
      data: { headings: passage.headings, element: url ? undefined : element, label },
    };
  }

  private async fetchedPassages(signal?: AbortSignal): Promise<SourcePassage[]> {
    const url = new URL(this.href, document.baseURI).href;
    const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      if (signal?.aborted) throw new LlmError('aborted', 'The operation was aborted.');
      const why = timeout.aborted ? `it did not answer within ${FETCH_TIMEOUT_MS / 1000} s` : String(error);
      throw new LlmError('network', `The source ${url} could not be read: ${why}.`, { cause: error });
    }
    if (!response.ok) {
      const code = response.status === 404 ? 'model-not-found' : 'network';
      throw new LlmError(code, `The source ${url} could not be read: HTTP ${response.status}.`);
    }
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const roots = this.selector ? [...page.querySelectorAll(this.selector)] : [page.querySelector('main') ?? page.body];
    if (!roots.length) throw new LlmError('invalid-request', `No element of ${url} matches "${this.selector}".`);
    const label = this.label || page.title || url;
    return roots.flatMap((root) => splitPassages(root)).map((passage) => this.sourcePassage(passage, label, url));
  }
}
