// React wrappers (`llm-elements/react`), for React 18 and earlier, which pass every prop to a custom
// element as a string attribute and cannot listen for custom events. @lit/react's createComponent
// sets properties and maps each `llm-*` event to an `onLlm…` prop. React 19 needs no wrappers: it
// sets properties and listens for `onllm-send` itself; `llm-elements/react-jsx` types that.
//
//   import { LlmModel, LlmChat } from 'llm-elements/react';
//   <LlmModel src="/models/model.gguf"><LlmChat onLlmResponse={(e) => console.log(e.detail.text)} /></LlmModel>
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { LlmChat as LlmChatElement } from './components/llm-chat/llm-chat.js';
import { LlmComplete as LlmCompleteElement } from './components/llm-complete/llm-complete.js';
import { LlmForm as LlmFormElement } from './components/llm-form/llm-form.js';
import { LlmModel as LlmModelElement } from './components/llm-model/llm-model.js';
import { LlmStatus as LlmStatusElement } from './components/llm-status/llm-status.js';
import { LlmText as LlmTextElement } from './components/llm-text/llm-text.js';
import { LlmTool as LlmToolElement } from './components/llm-tool/llm-tool.js';
import { LlmSource as LlmSourceElement } from './components/llm-source/llm-source.js';

/**
 * Every `llm-*` event of each element, as custom-elements.json lists them (from the `@fires` tags).
 * `npm run check:manifest` fails when a list here and the manifest differ, so no event is missed.
 */
export const ELEMENT_EVENTS = {
  'llm-model': ['llm-progress', 'llm-ready', 'llm-error', 'llm-fallback', 'llm-removed', 'llm-index-progress'],
  'llm-chat': [
    'llm-send',
    'llm-token',
    'llm-response',
    'llm-continue',
    'llm-edit',
    'llm-regenerate',
    'llm-delete',
    'llm-version-change',
    'llm-attach',
    'llm-tool-call',
    'llm-tool-result',
    'llm-retrieve',
    'llm-error',
  ],
  'llm-text': ['llm-token', 'llm-response', 'llm-error'],
  'llm-complete': ['llm-accept', 'llm-dismiss', 'llm-token', 'llm-response', 'llm-error'],
  'llm-status': [],
  'llm-form': ['llm-fill', 'llm-token', 'llm-response', 'llm-error'],
  'llm-tool': ['llm-tool-run', 'llm-error'],
  'llm-source': ['llm-error'],
} as const satisfies Record<string, readonly (keyof HTMLElementEventMap)[]>;

type KebabToCamel<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<KebabToCamel<Tail>>}`
  : S;

/** `llm-send` → `onLlmSend`. */
export type EventProp<N extends string> = `on${Capitalize<KebabToCamel<N>>}`;

/** The `events` option of createComponent: `{ onLlmSend: 'llm-send' }`, each typed with its event. */
export type EventProps<N extends keyof HTMLElementEventMap> = {
  [K in N as EventProp<K>]: EventName<HTMLElementEventMap[K]>;
};

/** The `onLlm…` props of an element's events, typed from HTMLElementEventMap. */
export function eventProps<N extends keyof HTMLElementEventMap>(names: readonly N[]): EventProps<N> {
  const entries = names.map((name) => [
    `on${name.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase())}`,
    name,
  ]);
  return Object.fromEntries(entries) as EventProps<N>;
}

/** `<llm-model>` as a React component. */
export const LlmModel = createComponent({
  react: React,
  tagName: 'llm-model',
  elementClass: LlmModelElement,
  events: eventProps(ELEMENT_EVENTS['llm-model']),
  displayName: 'LlmModel',
});

/** `<llm-chat>` as a React component. */
export const LlmChat = createComponent({
  react: React,
  tagName: 'llm-chat',
  elementClass: LlmChatElement,
  events: eventProps(ELEMENT_EVENTS['llm-chat']),
  displayName: 'LlmChat',
});

/** `<llm-text>` as a React component. */
export const LlmText = createComponent({
  react: React,
  tagName: 'llm-text',
  elementClass: LlmTextElement,
  events: eventProps(ELEMENT_EVENTS['llm-text']),
  displayName: 'LlmText',
});

/** `<llm-complete>` as a React component. */
export const LlmComplete = createComponent({
  react: React,
  tagName: 'llm-complete',
  elementClass: LlmCompleteElement,
  events: eventProps(ELEMENT_EVENTS['llm-complete']),
  displayName: 'LlmComplete',
});

/** `<llm-form>` as a React component. */
export const LlmForm = createComponent({
  react: React,
  tagName: 'llm-form',
  elementClass: LlmFormElement,
  events: eventProps(ELEMENT_EVENTS['llm-form']),
  displayName: 'LlmForm',
});

/** `<llm-status>` as a React component. */
export const LlmStatus = createComponent({
  react: React,
  tagName: 'llm-status',
  elementClass: LlmStatusElement,
  events: eventProps(ELEMENT_EVENTS['llm-status']),
  displayName: 'LlmStatus',
});

/** `<llm-tool>` as a React component. */
export const LlmTool = createComponent({
  react: React,
  tagName: 'llm-tool',
  elementClass: LlmToolElement,
  events: eventProps(ELEMENT_EVENTS['llm-tool']),
  displayName: 'LlmTool',
});

/** `<llm-source>` as a React component. */
export const LlmSource = createComponent({
  react: React,
  tagName: 'llm-source',
  elementClass: LlmSourceElement,
  events: eventProps(ELEMENT_EVENTS['llm-source']),
  displayName: 'LlmSource',
});
