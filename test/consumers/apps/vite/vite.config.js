// What the README shows for Vite. Vite 7's dependency pre-bundling moves the package's modules away
// from the engine files they point at (new URL('…', import.meta.url)), so it is left out there;
// Vite 8 needs nothing.
export default {
  optimizeDeps: { exclude: ['llm-elements'] },
};
