import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { GenerationController, retryCanHelp } from '../controllers/generation-controller.js';
import { ModelController } from '../controllers/model-controller.js';
import type { LlmError } from '../engine/core/errors.js';
import type { GenerationOptions } from '../engine/core/types.js';
import type { LlmResponseDetail } from '../events/llm-response.js';
import { errorView } from './error-view.js';
import { LlmElement } from './llm-element.js';
import type { ElementStatus } from './status.js';

/** The strings every generating element has. */
export interface GeneratingStrings {
  /** Shown when there is no `<llm-model>` around the element. */
  noProvider: string;
  /** The Retry button after a failure. */
  retry: string;
}

/** The sampling settings every generating element takes, as the engine names them. */
export type SamplingOptions = Pick<GenerationOptions, 'temperature' | 'max_tokens' | 'top_k' | 'top_p'>;

/** Whatever markdown an element is still rendering. */
interface Rendering {
  readonly rendered: Promise<void>;
}

/**
 * The base of every element that generates (`<llm-chat>`, `<llm-text>`, `<llm-complete>`, `<llm-form>`):
 * the model of the nearest `<llm-model>`, one generation at a time, the sampling attributes, `disabled`,
 * the status (a read-only `status`, the custom state `:state(<status>)` and the `status` attribute),
 * `stop()`, `retry()`, the error view and the `strings` of the element.
 */
export abstract class GeneratingElement<Strings extends GeneratingStrings = GeneratingStrings> extends LlmElement {
  /** Keeps the element from generating (and, where it has controls, disables them). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Sampling temperature; 0 always picks the most likely token. Each element has its own default. */
  @property({ type: Number }) temperature?: number;

  /** Most tokens to generate. Each element has its own default. */
  @property({ attribute: 'max-tokens', type: Number }) maxTokens?: number;

  /** Sample only from the k most likely tokens. */
  @property({ attribute: 'top-k', type: Number }) topK?: number;

  /** Sample from the smallest set of tokens whose probability adds up to p. */
  @property({ attribute: 'top-p', type: Number }) topP?: number;

  /** Replaces any of the texts the element shows or announces, for other languages. */
  @property({ attribute: false }) strings: Partial<Strings> = {};

  /** The element's texts before the page's replacements. */
  protected abstract readonly defaultStrings: Strings;

  protected readonly model = new ModelController(this);
  protected readonly generation = new GenerationController(this, this.model, {
    noProviderMessage: () => this.uiStrings.noProvider,
  });

  /**
   * Read-only. `idle | loading | ready | waiting | generating | error`: this element's request first
   * (waiting, generating, failed), then the model's (idle, loading, ready, failed to load). CSS reads
   * it as a custom state (`llm-chat:state(generating)`), or as the `status` attribute the element sets
   * on itself (`llm-chat[status='generating']`, also in browsers without custom states).
   */
  get status(): ElementStatus {
    return this.generation.status;
  }

  /** The default strings with the page's replacements. */
  protected get uiStrings(): Strings {
    return { ...this.defaultStrings, ...this.strings };
  }

  /** Stops the request in progress; what was generated so far stays. */
  stop(): void {
    this.generation.abort();
  }

  /**
   * What the Retry button does: after a failed load, loads the model again; then asks again.
   * Resolves with null when nothing was asked.
   */
  abstract retry(): Promise<LlmResponseDetail | null>;

  /** The sampling attributes as engine options, over the element's own defaults. */
  protected samplingOptions(defaults: SamplingOptions = {}): SamplingOptions {
    return {
      temperature: this.temperature ?? defaults.temperature,
      max_tokens: this.maxTokens ?? defaults.max_tokens,
      top_k: this.topK ?? defaults.top_k,
      top_p: this.topP ?? defaults.top_p,
    };
  }

  /**
   * The error part: no `<llm-model>` around the element, or the last failure (its own, or the
   * model's failed load) with Retry, unless trying again cannot help (`retryable`).
   */
  protected renderError(buttonClass = '', retryable: (error: LlmError) => boolean = retryCanHelp) {
    const t = this.uiStrings;
    if (this.model.noProvider) return errorView({ message: t.noProvider });
    const own = this.generation.error;
    return errorView({
      message: this.generation.errorMessage,
      retry: !own || retryable(own) ? () => void this.retry() : undefined,
      retryLabel: t.retry,
      buttonClass,
    });
  }

  /** Markdown the element is rendering: `updateComplete` waits for it too. */
  protected renderings(): Iterable<Rendering> {
    return [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.showStatus(this.status);
  }

  /** Also waits until the element's markdown is rendered (restored messages, a finished answer). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    // A view whose code loads first renders again once it has, with new renderings of its own: wait
    // for those too, until a round brings none (a few rounds at most).
    const waited = new Set<Rendering>();
    for (let round = 0; round < 4; round++) {
      const fresh = Array.from(this.renderings()).filter((view) => !waited.has(view));
      if (!fresh.length) break;
      fresh.forEach((view) => waited.add(view));
      await Promise.all(fresh.map((view) => view.rendered));
      result = await super.getUpdateComplete();
    }
    return result;
  }
}
