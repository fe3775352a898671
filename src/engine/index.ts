// The engine layer: usable without any element, e.g. `new Engine({ source }).complete('Once upon a time')`.
export * from './runtime.js';
export { detectCapabilities } from './capabilities.js';
export { selectBackend, chooseThreads, missingForMainBuild } from './select-backend.js';
