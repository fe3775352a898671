// The script-tag build's entry: every element, and the WebGPU backend for MLC builds (its code is a
// separate file, fetched only when a page's model has an MLC build and the device has WebGPU).
// The engine's device reading and backend choice (selectBackend(), detectCapabilities(), …) load with
// the first model instead (npm's `llm-elements/engine` exports them).
import './web-llm.js';

export * from './elements.js';
export * from './engine/runtime.js';
export { configureWebLlm } from './web-llm.js';
