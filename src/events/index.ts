export type * from './llm-error.js';
export type * from './llm-progress.js';
export type * from './llm-ready.js';
export type * from './llm-response.js';
export type * from './llm-send.js';
export type * from './llm-token.js';
export type * from './llm-accept.js';
export type * from './llm-dismiss.js';
