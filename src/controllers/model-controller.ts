import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { modelContext, type ModelHandle } from '../context/model-context.js';
import type { Engine } from '../engine/core/engine.js';
import type { EngineStatus } from '../engine/core/types.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Connects an element to the engine of its nearest `<llm-model>` and re-renders it when the
 * engine's status, progress, last result or cache state change. Works whichever element upgrades first.
 */
export class ModelController implements ReactiveController {
  /** The handle of the nearest `<llm-model>`, once found. */
  handle: ModelHandle | undefined;
  /** True while the element is connected with no `<llm-model>` above it; the element should say so. */
  noProvider = false;

  private readonly host: Host;
  private subscribed: Engine | null = null;
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
    // An <llm-model> above (even one not upgraded yet: the ContextRoot replays the request when it
    // is) will answer; with none at all, say so at once.
    const missing = !this.handle && !hasAncestor(this.host, 'llm-model');
    if (missing && !this.noProvider) {
      console.warn(`[llm-elements] <${this.host.localName}> needs an <llm-model> ancestor to work.`, this.host);
    }
    this.noProvider = missing;
    if (missing) this.host.requestUpdate();
  }

  hostDisconnected(): void {
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
    engine.addEventListener('cachechange', this.onEngineChange);
  }

  private unsubscribe(): void {
    const engine = this.subscribed;
    this.subscribed = null;
    engine?.removeEventListener('statuschange', this.onEngineChange);
    engine?.removeEventListener('progress', this.onEngineChange);
    engine?.removeEventListener('result', this.onEngineChange);
    engine?.removeEventListener('cachechange', this.onEngineChange);
  }
}

/** Whether `element` has an ancestor named `tagName`, across shadow roots. */
function hasAncestor(element: Element, tagName: string): boolean {
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && node.localName === tagName) return true;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return false;
}
