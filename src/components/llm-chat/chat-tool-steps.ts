import { css, html, nothing } from 'lit';
import { format } from '../../base/format.js';
import type { RunningToolStep } from '../../engine/core/generation.js';
import type { ToolStep } from '../../engine/tools/tool-types.js';
import type { Entry } from './chat-entry.js';
import type { LlmChatStrings } from './llm-chat.strings.js';

// An answer's calls of tools (`tools`): each a disclosure, its tool's name and status as the summary,
// its arguments and its result (or error) inside as JSON text (Lit binds them as text: never markup);
// and, for a tool with `confirm`, the question with Allow and Deny. Loaded with the messages' view
// (chat-messages.ts), never with the script-tag entry; styled like the reasoning section.

/** Adopted with the messages' styles. */
export const toolStepStyles = css`
  .tool-step {
    color: var(--_muted);
    font-size: 0.875rem;
    margin-block-end: var(--_space);
  }
  .tool-step summary {
    cursor: pointer;
    width: fit-content;
    border-radius: var(--_radius-inner);
  }
  .tool-step summary:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .tool-body {
    margin-block-start: var(--_space);
    padding-inline-start: calc(2 * var(--_space));
    border-inline-start: 2px solid var(--_border);
  }
  /* A long result scrolls in its own box (focusable, so the keyboard scrolls it too): the answer
     after it stays in view. */
  .tool-body pre {
    font-family: var(--_font-mono);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-block-size: 12rem;
    overflow: auto;
    margin: 0 0 var(--_space);
    border-radius: var(--_radius-inner);
  }
  /* A failed call's error in the chat's colour for errors, as its failed answers show. */
  .tool-body .tool-error {
    color: var(--_danger);
  }
  .tool-body pre:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .tool-ask {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(2 * var(--_space));
    margin-block: 0 var(--_space);
  }
  /* What the tool would be given, on a line of its own above the buttons. */
  .tool-ask pre {
    flex-basis: 100%;
    margin: 0;
    font-family: var(--_font-mono);
    font-size: 0.875rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .tool-ask span {
    flex-basis: 100%;
  }
  /* Allow as the chat's main button (Send), Deny as its others (.secondary), at one size. */
  .tool-ask button {
    font: inherit;
    font-size: 0.875rem;
    line-height: 1.5;
    border-radius: var(--_radius-inner);
    padding: calc(1.2 * var(--_space)) calc(3 * var(--_space));
    cursor: pointer;
  }
  .tool-ask .allow {
    border: 1px solid transparent;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .tool-ask button:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  /* Nothing is being written while the visitor is asked: no typing dots under the question. */
  .tool-ask ~ .typing {
    display: none;
  }
  @media (forced-colors: active) {
    .tool-step summary:focus-visible,
    .tool-body pre:focus-visible,
    .tool-ask button:focus-visible {
      outline-color: Highlight;
    }
    .tool-ask .allow {
      color: ButtonText;
      background: ButtonFace;
      border-color: ButtonText;
    }
  }
`;

type Step = ToolStep | RunningToolStep;

/** What a status says in a step's summary. */
function statusOf(step: Step, t: LlmChatStrings): string {
  switch (step.status) {
    case 'confirming':
      return t.toolConfirming ?? 'waiting for you';
    case 'running':
      return t.toolRunning ?? 'running';
    case 'done':
      return t.toolDone ?? 'done';
    case 'error':
      return t.toolError ?? 'failed';
    case 'invalid':
      return t.toolInvalid ?? 'invalid call';
    case 'denied':
      return t.toolDenied ?? 'denied';
  }
}

/** Up to this many characters, JSON stays on one line (most calls' arguments): a short step stays short. */
const ONE_LINE = 60;

/** `value` as JSON text, on one line or indented (a string as it is; what JSON cannot write, as `String` writes it). */
function asJson(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const indented = JSON.stringify(value, null, 2) as string | undefined;
    if (indented === undefined) return String(value);
    // A newline in JSON text is always layout (a string's own is escaped): spaces instead, where lines may wrap.
    const line = indented.replace(/\n\s*/g, ' ');
    return line.length <= ONE_LINE ? line : indented;
  } catch {
    return String(value);
  }
}

/** How long a call that ran took, from a tenth of a second (`2.4 s`): none for one that did not run, or at once. */
function timeOf(step: Step, t: LlmChatStrings): string {
  if ((step.status !== 'done' && step.status !== 'error') || step.ms < 100) return '';
  return format(t.toolTime ?? ' in {seconds} s', { seconds: (step.ms / 1000).toFixed(1) });
}

function renderStep(step: Step, t: LlmChatStrings) {
  const status = statusOf(step, t) + timeOf(step, t);
  const summary = format(t.toolStep ?? 'Tool {name}: {status}', { name: step.call.name, status });
  const ended = step.status !== 'running' && step.status !== 'confirming';
  return html`<details class="tool-step" part="tool-step" data-status=${step.status}>
    <summary part="tool-summary">${summary}</summary>
    <div class="tool-body">
      <div>${t.toolArguments ?? 'Arguments'}</div>
      <pre part="tool-arguments" tabindex="0">${asJson(step.call.arguments)}</pre>
      ${
        ended && step.status === 'done'
          ? html`<div>${t.toolResult ?? 'Result'}</div>
              <pre part="tool-result" tabindex="0">${asJson(step.result)}</pre>`
          : nothing
      }
      ${
        step.error !== undefined
          ? html`<div>${t.toolErrorLabel ?? 'Error'}</div>
              <pre class="tool-error" part="tool-error" tabindex="0">${step.error}</pre>`
          : nothing
      }
    </div>
  </details>`;
}

/** The question before a tool with `confirm` runs: its name and what it would be given, Allow and Deny. */
function renderAsk(asking: NonNullable<Entry['asking']>, t: LlmChatStrings) {
  const question = format(t.toolConfirm ?? 'Run the tool {name}?', { name: asking.call.name });
  return html`<div class="tool-ask" part="tool-ask" role="group" aria-label=${question}>
    <span>${question}</span>
    <pre part="tool-ask-arguments">${asJson(asking.call.arguments)}</pre>
    <button type="button" class="allow" part="tool-allow" @click=${() => asking.answer(true)}>
      ${t.allow ?? 'Allow'}
    </button>
    <button type="button" class="secondary" part="tool-deny" @click=${() => asking.answer(false)}>
      ${t.deny ?? 'Deny'}
    </button>
  </div>`;
}

/** `entry`'s calls of tools, and the question waiting for the visitor; nothing without tools. */
export function renderToolSteps(entry: Entry, t: LlmChatStrings) {
  if (!entry.toolSteps && !entry.asking) return nothing;
  return html`${(entry.toolSteps ?? []).map((step) => renderStep(step, t))}
  ${entry.asking ? renderAsk(entry.asking, t) : nothing}`;
}
