import { isServer, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { format } from '../../base/format.js';
import { GeneratingElement } from '../../base/generating-element.js';
import type { ChatMessage } from '../../engine/core/types.js';
import type { Tool, ToolChoice } from '../../engine/tools/tool-types.js';
import type { LlmResponseDetail } from '../../events/llm-response.js';
import { answerRequest } from './chat-answer-state.js';
import { Conversation, isChatTurn } from './chat-conversation.js';
import { createEntry, type Entry, type ReasoningDisplay } from './chat-entry.js';
import { messagesPending } from './chat-view.js';
import { ChatScrollController } from './chat-scroll.controller.js';
import type * as Storage from './chat-storage.js';
import type { LlmChatStrings } from './llm-chat.strings.js';
import { contentWithAttachments, readSavedAttachments } from './chat-attachment-text.js';
import type { MessageWithAttachments } from './chat-attachments.js';
import type { ChatAttachments } from './chat-attachments-view.js';
import type { ChatTools } from './chat-tools.js';
import type { ChatSources } from './chat-sources.js';

/** The code that saves conversations, once a chat with `persist` has loaded it. */
let storage: typeof Storage | undefined;

/**
 * What `<llm-chat>` is under its template and its public actions: the conversation (every version of
 * every message), answering into it, and saving it (`persist`).
 */
export abstract class ChatBase extends GeneratingElement<LlmChatStrings> {
  /** System prompt sent before the conversation. */
  @property() system = '';

  /** A storage key: the conversation (every version) is saved in localStorage under it and restored on reload. */
  @property() persist?: string;

  /**
   * Lets the visitor attach text files (`.txt`, `.md`, `.csv`, `.json`, source code) to a message, by
   * the Attach button or by dropping them on the chat: each shows as a chip with its size in tokens,
   * and one that cannot fit the model's context is refused in plain words, never cut.
   */
  @property({ type: Boolean }) attach = false;

  /**
   * Functions of the page the model may call while it answers (JS only; see `Tool`). Each call shows
   * in its answer as a step (its arguments, then its result); a tool with `confirm` asks the visitor
   * first, with Allow and Deny.
   */
  @property({ attribute: false }) tools?: Tool[];

  /** With `tools`: whether the model must call one (`ToolChoice`: `auto`, the default; `required`; `none`; `{name}`). */
  @property({ attribute: false }) toolChoice?: ToolChoice;

  /** With `tools`: rounds of calls before the model must answer in words (the engine's default: 4). */
  @property({ attribute: 'max-tool-rounds', type: Number }) maxToolRounds?: number;

  /** The tools' code, once loaded (with `tools` or an `<llm-tool>` child). */
  private toolsCode?: ChatTools;

  /**
   * With sources (`<llm-source>`): the cosine similarity (-1 to 1) a passage needs to the question to
   * be given to the model; when none has it, the chat says it found nothing instead of answering.
   * Default 0.35, for sentence-embedding models (`embed-src`); a chat model that embeds scores
   * everything higher: raise it.
   */
  @property({ attribute: 'min-score', type: Number }) minScore?: number;

  /** With sources: the most passages given to the model for an answer (default 4), within 40% of its context. */
  @property({ attribute: 'max-sources', type: Number }) maxSources?: number;

  /** The sources' code, once loaded (with an `<llm-source>` in the chat or its model). */
  private sourcesCode?: ChatSources;

  /** The files attached to the next message (its code loads with `attach`). */
  @state() protected files?: ChatAttachments;
  /** That code loading (`updateComplete` waits for it once). */
  private filesLoad?: { rendered: Promise<void> };

  /**
   * How a reasoning model's thinking shows above its answer: `collapsed` (default: "Thinking…", then
   * "Thought for 4 s"), `expanded`, or `hidden`. Never in the answer's text nor `messages` (so never sent back).
   */
  @property({ reflect: true }) reasoning: ReasoningDisplay = 'collapsed';

  @state() protected notice = '';
  @state() protected storageNotice = '';
  @state() protected announcement = '';

  @query('textarea') protected input!: HTMLTextAreaElement;
  @query('.log') protected log!: HTMLElement;

  protected readonly follower = new ChatScrollController(this, () => this.log);
  protected readonly conversation = new Conversation<Entry>(createEntry);
  /** The storage code loading (with the first `persist`). */
  private storageLoad?: Promise<void>;
  /** What `updateComplete` waits for while it loads (the same object each time: waited for once). */
  private storageRendering?: { rendered: Promise<void> };
  /** The messages shown: the chosen version of each. */
  protected get entries(): readonly Entry[] {
    return this.conversation.path;
  }

  /**
   * The conversation shown (`{role, content}[]`, the chosen version of each message, without the
   * system prompt): what the model is sent. Set it to restore one (without earlier versions).
   */
  @property({ attribute: false })
  get messages(): MessageWithAttachments[] {
    return this.conversation.path.map(({ role, content, attachments }) =>
      attachments ? { role, content, attachments } : { role, content },
    );
  }
  set messages(messages: readonly MessageWithAttachments[]) {
    const old = this.messages;
    this.generation.abort();
    const turns = messages.filter(isChatTurn);
    this.conversation.reset(turns);
    // The files sent with a message come with it (checked where they are shown and sent).
    this.conversation.path.forEach((entry, i) => {
      entry.attachments = readSavedAttachments((turns[i] as MessageWithAttachments | undefined)?.attachments);
    });
    this.requestUpdate('messages', old);
  }

  /** Whether an answer is streaming (or waiting for its turn). */
  get streaming(): boolean {
    return this.generation.running;
  }

  /** Neither streaming nor disabled: messages can be edited, answers regenerated. */
  protected get idle(): boolean {
    return !this.streaming && !this.disabled;
  }

  /** The conversation changed outside a generation: show and save it. */
  protected changed(): void {
    this.requestUpdate();
    this.save();
  }

  protected async answer(entry: Entry): Promise<LlmResponseDetail> {
    this.requestUpdate();
    // The tools' code loads with the first answer that may call them (and `<llm-tool>`'s with it).
    const scope = this.closest('llm-model') ?? this;
    if (!this.toolsCode && (this.tools?.length || scope.querySelector('llm-tool'))) await this.loadTools();
    // The sources' code loads with the first answer of a chat that has some (and `<llm-source>`'s with it).
    await this.loadSources();
    return this.generation.run({
      // Read when the run starts, after any answer it replaced has settled into the conversation.
      start: (engine, signal) => {
        // An entry with text is continued: the model goes on with it (chat-answer-state.ts).
        const { messages, continueLast } = answerRequest(this.conversationBefore(entry), entry);
        const ask = (sent: ChatMessage[], stop: AbortSignal) =>
          engine.chat(sent, {
            ...this.samplingOptions(),
            fit: 'drop-oldest',
            continueLast,
            signal: stop,
            // Continuing an answer's words calls no more tools: its calls are done.
            ...(continueLast ? {} : this.toolsCode?.options(entry, stop)),
          });
        // From the sources: the passages found for the question go with it (continuing: as before).
        if (this.sourcesCode && !continueLast) {
          return this.sourcesCode.answer(entry, messages, this.uiStrings, signal, ask);
        }
        return ask(messages, signal);
      },
      onTool: (step) => this.toolsCode?.step(entry, step),
      onReasoning: (delta) => {
        entry.reasoning = (entry.reasoning ?? '') + delta;
        if (entry.thinking) entry.thinking.append(delta);
        else this.requestUpdate(); // its section comes with the next render
      },
      onDelta: (delta) => {
        entry.thinking?.end();
        entry.content += delta;
        // The markdown view renders only its unfinished tail, throttled: no per-token re-render.
        entry.view?.append(delta);
      },
      onEnd: (detail) => this.settle(entry, detail),
    });
  }

  /** The system prompt and every turn before `entry`, as the model should see them. */
  protected conversationBefore(entry: Entry): ChatMessage[] {
    return [
      ...(this.system ? [{ role: 'system' as const, content: this.system }] : []),
      // Files go to the model inside the message they were sent with (chat-attachments.ts).
      // An answer's calls of tools and their results go before it, as the model made them.
      ...this.conversation
        .before(entry)
        .flatMap(({ role, content, attachments, toolMessages }) => [
          ...(toolMessages ?? []),
          { role, content: contentWithAttachments(content, attachments) },
        ]),
    ];
  }

  /** Shows, announces and saves an answer that ended, before the page hears of it. */
  private settle(entry: Entry, detail: LlmResponseDetail): void {
    entry.view?.finish();
    if (detail.stats.reasoningMs !== undefined) entry.reasoningMs = detail.stats.reasoningMs;
    this.toolsCode?.settle(entry, detail.stats);
    this.sourcesCode?.settle(entry, this.uiStrings);
    entry.thinking?.end();
    const before = this.conversation.path[this.conversation.path.indexOf(entry) - 1];
    this.notice = detail.stats.droppedMessages
      ? format(this.uiStrings.trimmed, { count: detail.stats.droppedMessages })
      : '';
    // An answer with no text (failed, or stopped before its first token) leaves no empty turn behind.
    if (!entry.content && entry.reasoning === undefined && !entry.toolSteps) this.conversation.remove(entry);
    else {
      entry.stopped = detail.finishReason === 'abort';
      entry.cutOff = detail.finishReason === 'length';
      // After Continue, `text` is what this run added; the message is the whole answer.
      detail.message = { role: 'assistant', content: entry.content };
      if (!detail.error) this.announcement = format(this.uiStrings.answered, { text: entry.content });
    }
    if (detail.error?.code === 'too-long' && before) this.takeBackTooLong(before);
    this.changed();
  }

  /**
   * The message too long for the model goes back from the conversation to the empty message field,
   * so the visitor can shorten it; if they have typed something since, it stays put.
   */
  private takeBackTooLong(message: Entry): void {
    if (message.role !== 'user' || !this.input || this.input.value.trim()) return;
    this.input.value = message.content;
    // Its files go back to be sent again, or removed.
    if (this.files && message.attachments) this.files.pending = [...message.attachments];
    this.conversation.remove(message);
  }

  private save(): void {
    if (!this.persist) return;
    if (!storage) return void this.withStorage(() => this.save());
    const error = storage.saveChat(this.persist, storage.saveTree(this.conversation), this.uiStrings);
    this.storageNotice = error?.message ?? '';
    if (error) this.emit('llm-error', { code: error.code, message: error.message, error });
  }

  private restore(): void {
    if (!this.persist || isServer) return; // the saved copy is in the visitor's browser
    if (!storage) return void this.withStorage(() => this.entries.length === 0 && this.restore());
    const { messages, notice } = storage.restoreChat(this.persist, this.uiStrings);
    if (messages) storage.loadTree(this.conversation, messages);
    this.storageNotice = notice;
    this.requestUpdate(); // the restored conversation shows (an update asked before it was read shows none)
  }

  /** Loads the storage code, then does `then`; `updateComplete` waits for it. */
  private withStorage(then: () => void): Promise<void> {
    this.storageLoad ??= import('./chat-storage.js').then((module) => {
      storage = module;
      this.requestUpdate();
    });
    const done = this.storageLoad.then(then);
    this.storageRendering ??= { rendered: done };
    return done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('persist') && this.entries.length === 0) this.restore();
    // Restored messages' files show as chips too, with or without `attach`.
    if (!this.files && !isServer && (this.attach || this.entries.some((entry) => entry.attachments))) {
      this.filesLoad ??= { rendered: this.loadAttachments() };
    }
    super.willUpdate(changed);
  }

  /** Loads the tools' code (with `tools` or `<llm-tool>` children), and with it `<llm-tool>`'s. */
  private async loadTools(): Promise<void> {
    const { ChatTools } = await import('./chat-tools.js');
    this.toolsCode ??= new ChatTools(this, (say) => (this.announcement = say(this.uiStrings)));
  }

  /** Loads the sources' code when the chat or its model has an `<llm-source>` (and `<llm-source>`'s with it). */
  protected async loadSources(): Promise<ChatSources | undefined> {
    if (!this.sourcesCode && (this.closest('llm-model') ?? this).querySelector('llm-source')) {
      const { ChatSources } = await import('./chat-sources.js');
      this.sourcesCode ??= new ChatSources(
        this,
        () => this.model.handle,
        (text) => (this.notice = text),
      );
    }
    return this.sourcesCode;
  }

  /** Loads the attachments' code (with `attach`), for files picked or dropped on this chat. */
  private async loadAttachments(): Promise<void> {
    const { ChatAttachments, attachStrings, attachViewStrings } = await import('./chat-attachments-view.js');
    this.files = new ChatAttachments(this, () => this.model.engine, {
      ...attachViewStrings,
      ...attachStrings,
      ...this.strings,
    });
  }

  protected override renderings() {
    const views = this.entries.flatMap((entry) => (entry.view ? [entry.view] : []));
    const loads = [this.storageRendering, messagesPending(this.entries), this.filesLoad].flatMap((load) =>
      load ? [load] : [],
    );
    return [...views, ...loads];
  }
}
