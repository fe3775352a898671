import { isServer, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { GenerationController } from '../../controllers/generation-controller.js';
import type { GenerationOptions } from '../../engine/core/types.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import type { StreamingMarkdown } from '../../render/streaming-markdown.js';

/** What the controller reads from its element when it runs. */
export interface PromptTextSettings {
  /** The prompt; `{text}` stands for the text of the `for` element. */
  prompt: string;
  /** The id of an element whose text feeds the prompt. */
  htmlFor?: string;
  /** Send the prompt as a user message through the model's chat template. */
  instruct: boolean;
  options: Omit<GenerationOptions, 'signal'>;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Prompt → text: composes the prompt (with the text of the `for` element), runs it through the
 * element's GenerationController, and streams the answer into sanitized markdown.
 */
export class PromptTextController implements ReactiveController {
  #view?: StreamingMarkdown;
  #loading?: Promise<void>;
  /** Whether the last run's text is complete (the view, if it comes later, is finished at once). */
  #finished = false;

  /** Whether a run started (its markdown view is made, or loading). */
  get started(): boolean {
    return this.#loading !== undefined;
  }

  /**
   * What the template shows: the markdown view once its code has loaded (with the first run), the
   * plain text until then and on the server.
   */
  get content(): HTMLElement | string {
    return this.#view?.element ?? this.text;
  }

  /** Resolves once the text so far is rendered (the view's code loaded, the markdown rendered). */
  get rendered(): Promise<void> {
    return (this.#loading ?? Promise.resolve()).then(() => this.#view?.rendered);
  }

  /** The text generated so far. */
  text = '';

  private readonly host: Host;
  private readonly generation: GenerationController;
  private runs = 0;

  constructor(host: Host, generation: GenerationController) {
    this.host = host;
    this.generation = generation;
    host.addController(this);
  }

  /** Generates (again), replacing the text so far. Resolves with null when there is no prompt. */
  async run(settings: PromptTextSettings): Promise<LlmResponseDetail | null> {
    const prompt = this.compose(settings);
    if (!prompt) return null;
    const id = ++this.runs;
    this.text = '';
    this.#finished = false;
    this.#view?.set('');
    void this.loadView();
    const { instruct, options } = settings;
    const detail = await this.generation.run({
      start: (engine, signal) =>
        instruct
          ? engine.chat([{ role: 'user', content: prompt }], { ...options, signal })
          : engine.complete(prompt, { ...options, signal }),
      onDelta: (delta) => {
        this.text += delta;
        this.#view?.append(delta);
      },
      onEnd: () => {
        if (id !== this.runs) return; // a newer run owns the view now
        this.#finished = true;
        this.#view?.finish();
      },
    });
    return detail;
  }

  hostConnected(): void {}

  /** Loads the markdown view (once, and never on the server: it needs a DOM) and catches it up. */
  loadView(): Promise<void> {
    if (isServer) return Promise.resolve();
    return (this.#loading ??= import('../../render/streaming-markdown.js').then(({ StreamingMarkdown }) => {
      const view = (this.#view = new StreamingMarkdown());
      view.set(this.text);
      if (this.#finished) view.finish();
      this.host.requestUpdate();
    }));
  }

  /** The markdown view, once loaded (`loadView()`). */
  get view(): StreamingMarkdown | undefined {
    return this.#view;
  }

  /** Whether the text of `htmlFor` is a field the visitor can edit (shorten, say) before a Retry. */
  readsField(htmlFor: string | undefined): boolean {
    const source = htmlFor ? this.source(htmlFor) : null;
    return (source instanceof HTMLTextAreaElement || source instanceof HTMLInputElement) && !source.readOnly;
  }

  private source(htmlFor: string): HTMLElement | null {
    return (this.host.getRootNode() as Document | ShadowRoot).getElementById?.(htmlFor) ?? null;
  }

  private compose({ prompt, htmlFor }: PromptTextSettings): string {
    if (!htmlFor) return prompt;
    const source = this.source(htmlFor);
    const text = (
      source instanceof HTMLTextAreaElement || source instanceof HTMLInputElement
        ? source.value
        : (source?.textContent ?? '')
    ).trim();
    if (prompt.includes('{text}')) return prompt.replaceAll('{text}', text);
    return prompt ? `${prompt}\n\n${text}` : text;
  }
}
