import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { modelContext, type ModelHandle } from '../context/model-context.js';
import type { Engine } from '../engine/engine.js';
import type { EngineStatus } from '../engine/types.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Connects an element to the engine of its nearest `<llm-model>` and re-renders it when the
 * engine's status, progress or last result change. Works whichever element upgrades first.
 */
export class ModelController implements ReactiveController {
  /** The handle of the nearest `<llm-model>`, once found. */
  handle: ModelHandle | undefined;
  /** True when no `<llm-model>` answered after connecting; the element should say so. */
  noProvider = false;

  private readonly host: Host;
  private subscribed: Engine | null = null;
  private providerCheck = 0;
  private readonly onEngineChange = () => this.host.requestUpdate();

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
    new ContextConsumer(host, {
      context: modelContext,
      subscribe: true,
      callback: (handle) => this.attach(handle),
    });
  }

  get engine(): Engine | undefined {
    return this.handle?.engine;
  }

  get status(): EngineStatus {
    return this.engine?.status ?? 'idle';
  }

  hostConnected(): void {
    if (this.handle) this.subscribe(this.handle.engine);
    // Give a late provider (or a ContextRoot replay) a moment before calling the context missing.
    clearTimeout(this.providerCheck);
    this.providerCheck = window.setTimeout(() => {
      if (this.handle || !this.host.isConnected) return;
      this.noProvider = true;
      console.warn(`[llm-elements] <${this.host.localName}> needs an <llm-model> ancestor to work.`, this.host);
      this.host.requestUpdate();
    }, 50);
  }

  hostDisconnected(): void {
    clearTimeout(this.providerCheck);
    this.unsubscribe();
  }

  private attach(handle: ModelHandle | undefined): void {
    this.handle = handle;
    this.noProvider = false;
    this.unsubscribe();
    if (handle) this.subscribe(handle.engine);
    this.host.requestUpdate();
  }

  private subscribe(engine: Engine): void {
    if (this.subscribed === engine) return;
    this.unsubscribe();
    this.subscribed = engine;
    engine.addEventListener('statuschange', this.onEngineChange);
    engine.addEventListener('progress', this.onEngineChange);
    engine.addEventListener('result', this.onEngineChange);
  }

  private unsubscribe(): void {
    const engine = this.subscribed;
    this.subscribed = null;
    engine?.removeEventListener('statuschange', this.onEngineChange);
    engine?.removeEventListener('progress', this.onEngineChange);
    engine?.removeEventListener('result', this.onEngineChange);
  }
}
