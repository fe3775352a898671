import type { LitElement, ReactiveController } from 'lit';

type Host = LitElement;

/**
 * Keeps the conversation scrolled to its end while it grows (a streaming answer, restored messages),
 * unless the visitor has scrolled up to read: then it stays where they are, and `away` is true (the
 * chat offers Jump to latest: `jump()`).
 */
export class ChatScrollController implements ReactiveController {
  private stickToBottom = true;
  // Made on first use, not here: constructors also run where there is no DOM (SSR).
  private resizeObserver?: ResizeObserver;
  /** The log's content, as observed now. */
  private observed: Element | null = null;
  private readonly host: Host;
  private readonly log: () => HTMLElement | null;

  constructor(host: Host, log: () => HTMLElement | null) {
    this.host = host;
    this.log = log;
    host.addController(this);
  }

  /** Whether the visitor has scrolled away from the end (the log does not follow). */
  get away(): boolean {
    return !this.stickToBottom;
  }

  /** Follows the end again (the visitor sent a message). */
  follow(): void {
    this.setStick(true);
  }

  /** Scrolls to the end and follows it again; the log takes the focus from the Jump button, which goes. */
  readonly jump = (): void => {
    this.follow();
    const log = this.log();
    if (!log) return;
    log.scrollTop = log.scrollHeight;
    log.focus({ preventScroll: true });
  };

  /** The log's scroll listener: following stops when the visitor scrolls away from the end. */
  readonly onScroll = (): void => {
    const log = this.log();
    if (log) this.setStick(log.scrollHeight - log.scrollTop - log.clientHeight < 32);
  };

  private setStick(stick: boolean): void {
    if (stick === this.stickToBottom) return;
    this.stickToBottom = stick;
    this.host.requestUpdate(); // Jump to latest shows or goes
  }

  hostConnected(): void {
    if (this.host.hasUpdated) this.observe();
  }

  hostUpdated(): void {
    this.observe();
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.observed = null;
  }

  private observe(): void {
    // DOM-less test environments (jsdom) have no ResizeObserver: the log then just does not follow.
    if (typeof ResizeObserver === 'undefined') return;
    const content = this.log()?.firstElementChild ?? null;
    if (!content || content === this.observed) return;
    this.resizeObserver ??= new ResizeObserver(() => {
      const log = this.log();
      if (this.stickToBottom && log) log.scrollTop = log.scrollHeight;
    });
    this.resizeObserver.disconnect();
    this.resizeObserver.observe(content);
    this.observed = content;
  }
}
