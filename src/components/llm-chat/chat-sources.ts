import { emit } from '../../base/llm-element.js';
import { format } from '../../base/format.js';
import type { ModelHandle } from '../../context/model-context.js';
import type { ModelRetrieval } from '../llm-model/model-retrieval.js';
import { deferredGeneration } from '../../engine/core/deferred-generation.js';
import type { Engine } from '../../engine/core/engine.js';
import type { Generation } from '../../engine/core/generation.js';
import { LlmError } from '../../engine/core/errors.js';
import type { ChatMessage } from '../../engine/core/types.js';
import type { ScoredPassage } from '../../engine/retrieval/passage-index.js';
import '../llm-source/llm-source.js';
import type { LlmSource, SourcePassage } from '../llm-source/llm-source.component.js';
import type { Citation, Entry } from './chat-entry.js';
import { linkCitations } from './chat-sources-view.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// What `<llm-chat>` does with sources (`<llm-source>`): before each answer, the passages closest to
// the question (the model's search index, model-retrieval.ts) go to the model with an instruction to
// cite them; without a passage above the floor the chat says it found nothing, without asking the
// model. Loaded with the first answer of a chat that has sources; `<llm-source>`'s code with it.

/** Passages given to the model at most, unless `max-sources` says otherwise. */
export const DEFAULT_MAX_SOURCES = 4;
/** Cosine similarity under which a passage is not about the question, unless `min-score` says otherwise. */
export const DEFAULT_MIN_SCORE = 0.35;
/** Share of the context window the passages may take. */
const SOURCE_SHARE = 0.4;
/** How long reading the sources on focus may take (the first visit embeds them all); the question reads on. */
const PREPARE_LIMIT_MS = 10 * 60_000;

/** What the sources need of the chat. */
export interface ChatSourcesHost extends HTMLElement {
  minScore?: number;
  maxSources?: number;
  requestUpdate(): void;
}

/** The default words, for strings a page did not replace. */
const WORDS = {
  sourcesNone: "I found nothing about that in this site's pages.",
  sourcesReading: 'Reading the site’s pages for answers · {done} of {total}',
  sourcesInstruction:
    "Answer from these passages of the site's pages. Cite each passage you use by its number in brackets, like [1]. If they do not answer the question, say that the pages do not say.",
} as const;

export class ChatSources {
  constructor(
    private readonly host: ChatSourcesHost,
    private readonly handle: () => ModelHandle | undefined,
    /** Shows a note under the conversation (empty: none): how the reading of the sources goes. */
    private readonly notice: (text: string) => void,
  ) {}

  /**
   * The answer to `messages` (its last message the question): from the passages found for it, or
   * "found nothing" when none is close enough. `chat` makes the model's request.
   */
  answer(
    entry: Entry,
    messages: ChatMessage[],
    strings: LlmChatStrings,
    signal: AbortSignal,
    chat: (messages: ChatMessage[], signal: AbortSignal) => Generation,
  ): Generation {
    if (!declaredSources(this.host).length) return chat(messages, signal);
    return deferredGeneration(signal, async (linked) => {
      const question = [...messages].reverse().find((message) => message.role === 'user')?.content ?? '';
      const handle = this.handle();
      // A first visit embeds every passage before the first answer: the chat says how far it is.
      const model = this.host.closest('llm-model');
      const reading = (event: Event) => {
        const { done, total } = (event as CustomEvent<{ done: number; total: number }>).detail;
        this.notice(done < total ? format(strings.sourcesReading ?? WORDS.sourcesReading, { done, total }) : '');
      };
      model?.addEventListener('llm-index-progress', reading);
      const passages = await this.find(question, handle, linked).finally(() => {
        model?.removeEventListener('llm-index-progress', reading);
        this.notice('');
      });
      emit(this.host, 'llm-retrieve', { query: question, passages });
      entry.citations = passages.map((passage, i) => citation(passage, i + 1));
      this.host.requestUpdate();
      if (!passages.length) return { text: strings.sourcesNone ?? WORDS.sourcesNone };
      return chat(withPassages(messages, passages, strings), linked);
    });
  }

  /** Reads the sources into the index now (the visitor is typing a question), once at a time; failures wait for the question. */
  prepare(): void {
    this.reading ??= this.read(AbortSignal.timeout(PREPARE_LIMIT_MS))
      .catch(() => [])
      .finally(() => (this.reading = undefined));
  }

  private reading?: Promise<unknown>;

  /** The answer for `entry` has ended: its citations ("[1]") become links to its sources. */
  settle(entry: Entry, strings: LlmChatStrings): void {
    void linkCitations(entry, strings);
  }

  /** The passages of the chat's sources closest to `question`, best first, within the budget. */
  private async find(question: string, handle: ModelHandle | undefined, signal: AbortSignal): Promise<ScoredPassage[]> {
    const { keys, retrieval } = await this.read(signal);
    if (!keys.length || !handle) return [];
    const engine: Engine = handle.engine;
    return retrieval.search(question, {
      limit: this.host.maxSources ?? DEFAULT_MAX_SOURCES,
      minScore: this.host.minScore ?? DEFAULT_MIN_SCORE,
      maxTokens: Math.floor(engine.contextSize * SOURCE_SHARE),
      sources: keys,
      signal,
    });
  }

  /** Reads the chat's sources into the index (only changed passages are embedded); resolves with their keys. */
  private async read(signal: AbortSignal): Promise<{ keys: string[]; retrieval: ModelRetrieval }> {
    const handle = this.handle();
    if (!handle?.retrieval) throw new LlmError('not-loaded', 'Sources need an <llm-model> around the chat.');
    const retrieval = await handle.retrieval();
    const keys: string[] = [];
    for (const source of declaredSources(this.host)) {
      let passages: SourcePassage[];
      try {
        passages = await source.passages(signal);
      } catch (error) {
        if (signal.aborted) throw error;
        continue; // it said why (llm-error); the other sources still answer
      }
      keys.push(source.key);
      await retrieval.update(source.key, passages, signal);
    }
    // Sources stored by an earlier visit that this page no longer has leave the index.
    const scope = this.host.closest('llm-model') ?? this.host;
    await retrieval.index.retain([...scope.querySelectorAll<LlmSource>('llm-source')].map((source) => source.key));
    return { keys, retrieval };
  }
}

/** What an answer keeps of a passage it was given: shown as source `n` under it. */
function citation(passage: ScoredPassage, n: number): Citation {
  const data = passage.data as SourcePassage['data'] | undefined;
  return {
    n,
    text: passage.text,
    headings: data?.headings ?? [],
    label: data?.label ?? '',
    href: passage.href ?? '',
    score: passage.score,
    element: data?.element,
  };
}

/** `messages` with the passages (numbered) and the instruction to cite them in the system prompt. */
function withPassages(messages: ChatMessage[], passages: ScoredPassage[], strings: LlmChatStrings): ChatMessage[] {
  const numbered = passages
    .map((passage, i) => {
      const headings = (passage.data as SourcePassage['data'] | undefined)?.headings ?? [];
      return `[${i + 1}] ${headings.length ? `${headings.join(' › ')}: ` : ''}${passage.text}`;
    })
    .join('\n\n');
  const sources = `${strings.sourcesInstruction ?? WORDS.sourcesInstruction}\n\n${numbered}`;
  const [first, ...rest] = messages;
  if (first?.role === 'system') return [{ ...first, content: `${first.content}\n\n${sources}` }, ...rest];
  return [{ role: 'system', content: sources }, ...messages];
}

/**
 * The `<llm-source>` elements of `chat`: inside it, or in its `<llm-model>` but not inside another
 * chat (as for tools: a source of the model is every chat's).
 */
export function declaredSources(chat: Element): LlmSource[] {
  const scope = chat.closest('llm-model') ?? chat;
  return [...scope.querySelectorAll<LlmSource>('llm-source')].filter((source) => {
    const owner = source.parentElement?.closest('llm-chat');
    return !owner || owner === chat;
  });
}
