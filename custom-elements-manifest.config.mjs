// custom-elements.json, generated from the JSDoc of the sources. Paths point at the built files in
// dist/, which is what consumers of the npm package (and Storybook) load.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      name: 'llm-elements/dist-paths',
      packageLinkPhase({ customElementsManifest }) {
        const toDist = (path) => path?.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
        // The analyzer lists files in the order its globbing finds them, which varies between runs.
        customElementsManifest.modules?.sort((a, b) => a.path.localeCompare(b.path));
        for (const module of customElementsManifest.modules ?? []) {
          module.path = toDist(module.path);
          for (const item of [...(module.exports ?? []), ...(module.declarations ?? [])]) {
            if (item.declaration?.module) item.declaration.module = toDist(item.declaration.module);
            if (item.superclass?.module) item.superclass.module = toDist(item.superclass.module);
            if (item.inheritedFrom?.module) item.inheritedFrom.module = toDist(item.inheritedFrom.module);
          }
        }
      },
    },
  ],
};
