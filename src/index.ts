// The package entry. Elements register here as they are added; the engine is usable on its own.
export * from './engine/index.js';
