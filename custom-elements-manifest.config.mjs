// custom-elements.json, generated from the JSDoc of the sources. Paths point at the built files in
// dist/, which is what consumers of the npm package (and Storybook) load.
/** `number | undefined` reads as `number` (an unset optional), so Storybook picks the right control. */
const withoutUndefined = (type) => type && { ...type, text: type.text.replace(/\s*\|\s*undefined\b/g, '') };

/** Keeps the documented API public: no private or protected members, no registration helper. */
function tidyPublicApi(declaration) {
  if (!declaration.members) return;
  declaration.members = declaration.members
    .filter((member) => !member.privacy || member.privacy === 'public')
    .filter((member) => !(member.static && member.name === 'define'))
    .map((member) => (member.type ? { ...member, type: withoutUndefined(member.type) } : member));
  declaration.attributes = declaration.attributes?.map((attribute) =>
    attribute.type ? { ...attribute, type: withoutUndefined(attribute.type) } : attribute,
  );
}

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
          for (const declaration of module.declarations ?? []) tidyPublicApi(declaration);
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
