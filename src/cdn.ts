// The script-tag build's entry: every element, and the WebGPU backend for MLC builds (its code is a
// separate file, fetched only when a page's model has an MLC build and the device has WebGPU).
import './web-llm.js';

export * from './index.js';
export { configureWebLlm } from './web-llm.js';
