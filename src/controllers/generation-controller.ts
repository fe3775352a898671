import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Generation } from '../engine/generation.js';
import type { FinishReason, GenerationResult } from '../engine/types.js';
import type { LlmResponseDetail } from '../events/llm-response.js';

/** The `llm-response` detail of a finished generation whose answer reads `text`. */
export function responseDetail(
  text: string,
  result: GenerationResult,
  finishReason: FinishReason = result.finishReason,
): LlmResponseDetail {
  const { text: _text, finishReason: _reason, error: _error, ...stats } = result;
  return { message: { role: 'assistant', content: text }, text, stats, finishReason };
}

/**
 * One generation at a time for an element: a new one replaces (aborts) the old, `stop()` aborts it,
 * and removing the element from the page aborts it (the @lit/task shape, for streams).
 */
export class GenerationController implements ReactiveController {
  /** The generation in progress, or null. */
  current: Generation | null = null;
  private readonly host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Makes `generation` the current one; re-renders the host when it starts and ends. */
  track(generation: Generation): Generation {
    this.current?.abort();
    this.current = generation;
    this.host.requestUpdate();
    void generation.result.then(() => {
      if (this.current !== generation) return;
      this.current = null;
      this.host.requestUpdate();
    });
    return generation;
  }

  stop(): void {
    this.current?.abort();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }
}
