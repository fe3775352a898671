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
  /** Where the follower last scrolled the log to: the scroll event that follows is its own, not the visitor's. */
  private scrolledTo = -1;
  /** The next frame's observing again, after a scroll (see `follow()`). */
  private frame = 0;
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
    this.toEnd(log);
    log.focus({ preventScroll: true });
  };

  /** The log's scroll listener: following stops when the visitor scrolls away from the end. */
  readonly onScroll = (): void => {
    const log = this.log();
    if (!log) return;
    // The follower's own scroll: messages that came into view since may have grown (they are laid
    // out only when in view), which moves the end away, but the visitor did not scroll.
    const own = this.scrolledTo >= 0 && Math.abs(log.scrollTop - this.scrolledTo) < 1;
    this.scrolledTo = -1;
    if (!own) this.setStick(log.scrollHeight - log.scrollTop - log.clientHeight < 32);
  };

  /** Scrolls to the end; whether the log moved (then a scroll event follows, the follower's own). */
  private toEnd(log: HTMLElement): boolean {
    const before = log.scrollTop;
    log.scrollTop = log.scrollHeight;
    if (log.scrollTop === before) return false;
    this.scrolledTo = log.scrollTop;
    return true;
  }

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
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.observed = null;
  }

  private observe(): void {
    // DOM-less test environments (jsdom) have no ResizeObserver: the log then just does not follow.
    if (typeof ResizeObserver === 'undefined' || this.frame) return;
    const content = this.log()?.firstElementChild ?? null;
    if (!content || content === this.observed) return;
    this.resizeObserver ??= new ResizeObserver(() => this.onResize());
    this.resizeObserver.disconnect();
    this.resizeObserver.observe(content);
    this.observed = content;
  }

  /**
   * The conversation changed size: to the end again, if following. Scrolling lays out the messages
   * that come into view, which can change the size again in this frame: observing stops until the
   * next frame (whose first observation measures again), so the browser is never left with a change
   * it could not report (a "ResizeObserver loop" error on the page).
   */
  private onResize(): void {
    const log = this.log();
    if (!this.stickToBottom || !log) return;
    if (!this.toEnd(log)) return;
    this.resizeObserver?.disconnect();
    this.observed = null;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.observe();
    });
  }
}
