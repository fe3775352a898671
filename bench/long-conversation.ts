// The long-conversation benchmark: a chat restored with many messages, then scrolled from top to
// bottom a screen at a time, with every main-thread task over 50 ms recorded.
import type { ChatMessage, LlmChat } from '../src/index.js';
import { loadMarkdownRenderer } from '../src/render/streaming-markdown.js';

const WORDS = (
  'the model runs on this device so nothing you type leaves the page and every answer streams in as ' +
  'it is written while the browser keeps the conversation in local storage for the next visit'
).split(' ');

/** `count` words of running text, starting at `seed` (deterministic, so runs compare). */
function words(count: number, seed: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = WORDS[(seed + i * 7) % WORDS.length] ?? 'word';
    out.push(i % 17 === 5 ? `**${word}**` : i % 23 === 11 ? `\`${word}\`` : word);
  }
  return out.join(' ');
}

/**
 * An answer of about 100–300 words, as models write them: paragraphs, a list, and in turn a code
 * block, a table, a numbered list.
 */
export function answer(i: number): string {
  const parts = [`${words(40 + (i % 5) * 10, i)}.`, ''];
  parts.push(...Array.from({ length: 3 + (i % 3) }, (_, k) => `- ${words(8 + k, i + k)}`), '');
  if (i % 3 === 0)
    parts.push(
      '```ts',
      ...Array.from({ length: 6 + (i % 6) }, (_, k) => `const value${k} = compute(${k}, 'item ${i}');`),
      '```',
      '',
    );
  if (i % 3 === 1)
    parts.push(
      '| Setting | Default | What it does |',
      '| --- | --- | --- |',
      ...Array.from({ length: 4 }, (_, k) => `| option ${k} | ${k * 64} | ${words(6, i + k)} |`),
      '',
    );
  if (i % 3 === 2) parts.push(...Array.from({ length: 4 }, (_, k) => `${k + 1}. ${words(10, i * 3 + k)}`), '');
  parts.push(`${words(30 + (i % 7) * 10, i + 5)}.`);
  return parts.join('\n');
}

/** `count` messages, alternating user and assistant. */
export function conversation(count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? { role: 'user' as const, content: `Question ${i / 2 + 1}: ${words(10 + (i % 30), i)}?` }
      : { role: 'assistant' as const, content: answer(i) },
  );
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
/** After the next frame has been rendered (a task queued from its animation-frame callback). */
const rendered = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

export interface LongConversationResult {
  messages: number;
  /** Time from setting `messages` until `updateComplete` resolved and that frame was rendered, ms. */
  restore: number;
  /** Longest main-thread task while restoring / while scrolling, ms (0: none over 50 ms). */
  longestRestore: number;
  longestScroll: number;
  over50: number;
  over200: number;
  /** Time from each scroll of one screen until its frame was rendered, ms. */
  steps: number[];
  /** The jump from the end to the top, ms. */
  toTop: number;
  /** Every task over 50 ms: when it started (ms after the restore began) and how long it took. */
  tasks: Array<{ phase: 'restore' | 'scroll'; at: number; duration: number }>;
  /** Messages whose markdown rendered (a table, list or paragraph in every answer). */
  renderedAnswers: number;
}

/**
 * Restores `count` messages into a chat `height` px tall (appended to `stage`), then scrolls it from
 * top to bottom a screen at a time. With `contentVisibility: false` the messages' content-visibility
 * rule is switched off, to compare with it on in the same run.
 */
export async function longConversation(
  stage: HTMLElement,
  { count, height, contentVisibility }: { count: number; height: number; contentVisibility: boolean },
): Promise<LongConversationResult> {
  await loadMarkdownRenderer();
  const host = document.createElement('div');
  host.innerHTML = `<llm-chat style="--llm-chat-height: ${height}px"></llm-chat>`;
  stage.append(host);
  const chat = host.querySelector('llm-chat') as LlmChat;
  await chat.updateComplete;
  if (!contentVisibility) {
    const off = new CSSStyleSheet();
    off.replaceSync('.message { content-visibility: visible !important; contain-intrinsic-size: none !important; }');
    const root = chat.shadowRoot as ShadowRoot;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, off];
  }
  const messages = conversation(count);
  await rendered();

  let phase: 'restore' | 'scroll' = 'restore';
  const longest = { restore: 0, scroll: 0 };
  let over50 = 0;
  let over200 = 0;
  const tasks: LongConversationResult['tasks'] = [];
  let start = 0;
  const record = (entries: PerformanceEntryList) => {
    for (const entry of entries) {
      longest[phase] = Math.max(longest[phase], entry.duration);
      over50++;
      tasks.push({ phase, at: Math.round(entry.startTime - start), duration: Math.round(entry.duration) });
      if (entry.duration > 200) over200++;
    }
  };
  const observer = new PerformanceObserver((list) => record(list.getEntries()));
  observer.observe({ type: 'longtask', buffered: false });

  start = performance.now();
  chat.messages = messages;
  await chat.updateComplete;
  await rendered();
  const restore = performance.now() - start;
  record(observer.takeRecords());

  phase = 'scroll';
  const log = chat.shadowRoot?.querySelector('.log') as HTMLElement;
  let t = performance.now();
  log.scrollTop = 0;
  await rendered();
  const toTop = performance.now() - t;
  const steps: number[] = [];
  // A screen at a time, so every message comes into view once (the height may change as they render).
  while (log.scrollTop + log.clientHeight < log.scrollHeight - 1 && steps.length < 5000) {
    await frame();
    t = performance.now();
    log.scrollTop += log.clientHeight;
    await rendered();
    steps.push(performance.now() - t);
  }
  await rendered();
  record(observer.takeRecords());
  observer.disconnect();
  const renderedAnswers = [...(chat.shadowRoot?.querySelectorAll('.message.assistant .markdown') ?? [])].filter(
    (markdown) => markdown.querySelector('p, ul, ol, table'),
  ).length;
  host.remove();
  return {
    messages: count,
    restore,
    longestRestore: longest.restore,
    longestScroll: longest.scroll,
    over50,
    over200,
    steps,
    toTop,
    tasks,
    renderedAnswers,
  };
}
