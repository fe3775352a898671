// The engine layer: usable without any element, e.g. `new Engine({ source }).complete('Once upon a time')`.
export * from './runtime.js';
export { detectCapabilities } from './device/capabilities.js';
export { selectBackend, chooseThreads, missingForMainBuild } from './device/select-backend.js';
