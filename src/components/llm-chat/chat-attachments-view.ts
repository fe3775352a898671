// The chat's attachments on screen: the Attach button, the chips of files waiting to be sent (and of
// those sent with a message), refusals in a polite live region, and dropping files on the chat.
// Loaded with import() by <llm-chat>, so the script-tag entry does not carry it.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { emit } from '../../base/llm-element.js';
import { format } from '../../base/format.js';
import { attachmentStyles } from './chat-attachments.styles.js';
import { DEFAULT_MAX_TOKENS } from '../../engine/core/request-queue.js';
import {
  ACCEPT,
  readAttachments,
  readSavedAttachments,
  type AttachEngine,
  type AttachStrings,
  type Attachment,
} from './chat-attachments.js';

export * from './chat-attachments.js';

export interface AttachViewStrings {
  attach: string;
  attachLabel: string;
  attachedFiles: string;
  removeFile: string;
  fileTokens: string;
  dropFiles: string;
}

export const attachViewStrings: AttachViewStrings = {
  attach: 'Attach',
  attachLabel: 'Attach text files',
  attachedFiles: 'Attached files',
  removeFile: 'Remove {name}',
  fileTokens: '{tokens} tokens',
  dropFiles: 'Drop text files to attach them',
};

/**
 * What the controller reads of the chat: its public properties (`system`, `disabled`, `maxTokens`)
 * and its message field, so the chat wires it with one line.
 */
export type AttachHost = ReactiveControllerHost &
  HTMLElement & { system?: string; disabled?: boolean; maxTokens?: number; attach?: boolean };

/** The files waiting to go with the next message, and what the visitor was told about them. */
export class ChatAttachments implements ReactiveController {
  /** Attached, not yet sent. */
  pending: Attachment[] = [];
  /** Why files were refused, in plain words (a polite live region). */
  notice = '';
  /** Files are being read and counted. */
  busy = false;
  /** Files are dragged over the chat. */
  dragging = false;
  private readonly host: AttachHost;
  private readonly engine: () => AttachEngine | null | undefined;
  private readonly strings: AttachViewStrings & Partial<AttachStrings>;

  /** `engine`: the engine that counts (none while the chat has no model). */
  constructor(
    host: AttachHost,
    engine: () => AttachEngine | null | undefined,
    strings: AttachViewStrings & Partial<AttachStrings> = attachViewStrings,
  ) {
    this.host = host;
    this.engine = engine;
    this.strings = strings;
    host.addController(this);
    if (host.isConnected) this.hostConnected();
  }

  hostConnected(): void {
    const root = this.host.shadowRoot;
    const sheet = attachmentStyles.styleSheet;
    if (root && sheet && !root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    this.host.addEventListener('dragover', this.onDragOver);
    this.host.addEventListener('dragleave', this.onDragLeave);
    this.host.addEventListener('drop', this.onDrop);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('dragover', this.onDragOver);
    this.host.removeEventListener('dragleave', this.onDragLeave);
    this.host.removeEventListener('drop', this.onDrop);
  }

  /** Reads, counts and attaches `files`; refusals go to `notice`. Resolves with those attached. */
  async add(files: readonly File[]): Promise<Attachment[]> {
    const engine = this.engine();
    const host = this.host;
    if (!files.length || !engine || host.disabled) return [];
    this.busy = true;
    this.host.requestUpdate();
    try {
      const { strings } = this;
      const outcome = await readAttachments(files, {
        engine,
        pending: this.pending,
        // The system prompt and the typed message go with the files, and the answer needs its room.
        fixed: [host.system ?? '', host.shadowRoot?.querySelector('textarea')?.value ?? ''],
        reserve: host.maxTokens ?? DEFAULT_MAX_TOKENS,
        strings: strings.fileNotText ? (strings as AttachStrings) : undefined,
      });
      this.notice = outcome.refused.join(' ');
      const accepted = outcome.accepted;
      const acceptedFiles = files.filter((file) => accepted.some((a) => a.name === file.name));
      if (
        !accepted.length ||
        !emit(this.host, 'llm-attach', { files: acceptedFiles, attachments: accepted }, { cancelable: true })
      ) {
        return [];
      }
      this.pending = [...this.pending, ...accepted];
      return accepted;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  remove(attachment: Attachment): void {
    this.pending = this.pending.filter((a) => a !== attachment);
    this.notice = '';
    this.host.requestUpdate();
  }

  /** The pending files (none: undefined), for the message being sent; the list empties. */
  take(): Attachment[] | undefined {
    const taken = this.pending;
    this.pending = [];
    this.notice = '';
    this.host.requestUpdate();
    return taken.length ? taken : undefined;
  }

  /** The Attach button: a labelled, visually hidden file input, so it is reached and used by keyboard. */
  renderButton() {
    const disabled = !!this.host.disabled || this.busy;
    const onChange = (event: Event) => {
      const input = event.currentTarget as HTMLInputElement;
      const files = [...(input.files ?? [])];
      input.value = ''; // the same file can be picked again
      void this.add(files);
    };
    return html`<label class="attach" part="attach" aria-disabled=${disabled ? 'true' : 'false'}
      ><input
        class="visually-hidden"
        type="file"
        multiple
        accept=${ACCEPT}
        aria-label=${this.strings.attachLabel}
        ?disabled=${disabled}
        @change=${onChange}
      /><span aria-hidden="true">${this.strings.attach}</span></label
    >`;
  }

  /** The files waiting to be sent, each with Remove; the refusal notice; the drop hint while dragging. */
  renderPending() {
    return html`${this.dragging ? html`<div class="drop-hint" part="drop-hint">${this.strings.dropFiles}</div>` : nothing}
      ${this.renderChips(this.pending, true)}
      <p class="attach-notice" part="attach-notice" role="status" aria-live="polite">${this.notice}</p>`;
  }

  /** Chips of `attachments` (a sent message's, without Remove). */
  renderChips(saved: unknown, removable = false) {
    const attachments = readSavedAttachments(saved);
    if (!attachments) return nothing;
    const t = this.strings;
    return html`<ul class="attachments" aria-label=${t.attachedFiles}>
      ${attachments.map(
        (a) =>
          html`<li class="chip" part="attachment">
            <span class="chip-name">${a.name}</span>
            <span class="chip-tokens">${format(t.fileTokens, { tokens: a.tokens.toLocaleString('en') })}</span>${
              removable
                ? html`<button
                    type="button"
                    class="chip-remove"
                    aria-label=${format(t.removeFile, { name: a.name })}
                    @click=${() => this.remove(a)}
                  >
                    ×
                  </button>`
                : nothing
            }
          </li>`,
      )}
    </ul>`;
  }

  private readonly onDragOver = (event: DragEvent) => {
    // A chat without `attach` shows the files of restored messages, and takes none.
    if (this.host.disabled || this.host.attach === false || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault(); // allows the drop
    event.dataTransfer.dropEffect = 'copy';
    if (!this.dragging) {
      this.dragging = true;
      this.host.requestUpdate();
    }
  };

  private readonly onDragLeave = (event: DragEvent) => {
    // Leaving for a child of the chat is no leaving.
    if (event.relatedTarget instanceof Node && this.host.contains(event.relatedTarget)) return;
    this.dragging = false;
    this.host.requestUpdate();
  };

  private readonly onDrop = (event: DragEvent) => {
    if (!this.dragging) return;
    event.preventDefault();
    this.dragging = false;
    void this.add([...(event.dataTransfer?.files ?? [])]);
  };
}
