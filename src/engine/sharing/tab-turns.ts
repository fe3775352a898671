// Turns between tabs in the queue of an engine that other tabs share: the holder's requests and
// each other tab's take turns, so one busy tab does not starve the others. Loaded with the sharing
// code: a page that shares no engine runs its requests in order (request-queue.ts).
import { chooseNextWith, type WaitingRequest } from '../core/request-queue.js';
import type { GenerationOptions } from '../core/types.js';

/** The tab each request another tab sent was made for, by its options object. */
const askedBy = new WeakMap<GenerationOptions, string>();
/** Per queue: the turn each tab last had (a count of requests started), while it has requests waiting. */
const turnsOf = new WeakMap<readonly WaitingRequest[], { turn: number; lastTurn: Map<string, number> }>();

const tabOf = (request: WaitingRequest) => askedBy.get(request.options) ?? '';

/** Has every queue of the page take turns between tabs (a page whose engine others share). */
export function takeTurns(): void {
  chooseNextWith(nextInTurn);
}

/** Marks `options` as another tab's request (`tab`: its id). */
export function forTab<T extends GenerationOptions>(options: T, tab: string): T {
  askedBy.set(options, tab);
  return options;
}

/** The oldest request of the tab whose turn came longest ago ('': this tab); -1 when none waits. */
export function nextInTurn(queue: readonly WaitingRequest[]): number {
  let turns = turnsOf.get(queue);
  if (!turns) turnsOf.set(queue, (turns = { turn: 0, lastTurn: new Map() }));
  const { lastTurn } = turns;
  let next = -1;
  let since = Infinity;
  queue.forEach((request, index) => {
    const turn = lastTurn.get(tabOf(request)) ?? -1;
    if (turn < since) [next, since] = [index, turn];
  });
  if (next < 0) return next;
  const tab = tabOf(queue[next] as WaitingRequest);
  lastTurn.set(tab, ++turns.turn);
  // A tab with nothing else waiting forgets its turn: when it asks again, it has waited longest.
  for (const other of lastTurn.keys()) {
    if (other !== tab && !queue.some((request, index) => index !== next && tabOf(request) === other)) {
      lastTurn.delete(other);
    }
  }
  return next;
}
