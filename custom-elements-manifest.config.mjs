// custom-elements.json, generated from the JSDoc of the sources. Paths point at the built files in
// dist/, which is what consumers of the npm package (and Storybook) load. scripts/check-manifest.mjs
// checks the result (paths in dist/, one definition per tag, expanded types, …); the editor and
// framework files in types/ are made from it by scripts/integrations.mjs.
import { posix, relative } from 'node:path';
import { getTsProgram, typeParserPlugin } from '@wc-toolkit/type-parser';

/** `number | undefined` reads as `number` (an unset optional), so Storybook picks the right control. */
const withoutUndefined = (type) => type && { ...type, text: type.text.replace(/\s*\|\s*undefined\b/g, '') };

/** A valid custom element name (lower case, with a hyphen), as `customElements.define()` requires. */
const CUSTOM_ELEMENT_NAME = /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/;

/** A source path (absolute, `/src/…`, `./src/…` or `src/…`) as a package-relative path. */
const normalize = (path) => {
  if (!path) return path;
  const rel = path.startsWith(process.cwd()) ? relative(process.cwd(), path) : path;
  return rel
    .split('\\')
    .join('/')
    .replace(/^\.?\//, '');
};

/** `src/x/y.ts` → `dist/x/y.js`: where the npm build puts each module (see rollup.config.mjs). */
const toDist = (path) =>
  normalize(path)
    ?.replace(/^src\//, 'dist/')
    .replace(/\.ts$/, '.js');

/** An import specifier of `fromModule` (`./x.js`) as a package path (`src/dir/x.js`); packages stay as they are. */
const resolveSpecifier = (fromModule, specifier) =>
  specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(normalize(fromModule)), specifier)) : specifier;

/**
 * The expanded type where it names the values (`'lazy' | 'eager' | 'manual'`), on the elements only:
 * expansions of objects (`LlmError`, `Partial<LlmChatStrings>`) help no tool and bloat the manifest.
 */
function keepParsedType(item, isElement) {
  const { parsedType, ...rest } = item;
  if (!parsedType || !isElement || parsedType.text.includes('{')) return rest;
  return { ...rest, parsedType: withoutUndefined(parsedType) };
}

/** Keeps the documented API public: no private or protected members, no registration helper. */
function tidyPublicApi(declaration) {
  const isElement = Boolean(declaration.customElement);
  declaration.members = declaration.members
    ?.filter((member) => !member.privacy || member.privacy === 'public')
    .filter((member) => !(member.static && member.name === 'define'))
    .map((member) =>
      keepParsedType(member.type ? { ...member, type: withoutUndefined(member.type) } : member, isElement),
    );
  declaration.attributes = declaration.attributes?.map((attribute) =>
    keepParsedType(attribute.type ? { ...attribute, type: withoutUndefined(attribute.type) } : attribute, isElement),
  );
  declaration.events = declaration.events?.map((event) => keepParsedType(event, isElement));
  // The generic base (GeneratingElement) calls them `Strings`; each element has its own `Llm…Strings`.
  for (const member of declaration.members ?? []) {
    if (isElement && member.name === 'strings' && member.type?.text === 'Partial<Strings>')
      member.type = { text: `Partial<${declaration.name}Strings>` };
  }
}

/**
 * The type-parser warns about every type it leaves unexpanded, and it reads every class and alias
 * in src/ (engine internals, DOM types): dozens of lines that say nothing about the elements. Those
 * warnings are counted instead; check-manifest fails if an element's attribute type is left unexpanded.
 */
const quietTypeParser = {
  skipped: 0,
  warn: console.warn,
  start() {
    console.warn = (...args) => {
      if (String(args.at(-1)).startsWith('[type-parser] - Skipped parsing type')) this.skipped++;
      else this.warn(...args);
    };
  },
  stop() {
    console.warn = this.warn;
  },
};

/**
 * What the analyzer cannot see by itself, collected while it walks each source file:
 * - the elements' registrations: each `<tag>.ts` calls `Class.define('llm-…')` (LlmElement.define),
 *   not `customElements.define('llm-…', Class)`, so the analyzer records no definition for them and
 *   a bogus one (`tag` → `anonymous_0`) for the `customElements.define(tag, this)` inside define();
 * - which exports are type-only (`export type …`): they are not in the JavaScript modules;
 * - what each module imports, so re-exports (`export default LlmChat`) point at the declaring module;
 * - the event types (`type LlmSendEvent = CustomEvent<LlmSendDetail>`), expanded for the tools that
 *   need the detail type (the type-parser plugin expands attribute and property types, not events).
 */
function sourceFacts() {
  const definitions = new Map(); // module → [{ tag, className }]
  const typeOnly = new Map(); // module → Set of export names (`*:<module>` for `export type *`)
  const imports = new Map(); // module → Map(local name → { name, module })
  const eventTypes = new Map(); // alias → `CustomEvent<Detail>`
  const add = (map, key, factory) => map.get(key) ?? map.set(key, factory()).get(key);

  return {
    name: 'llm-elements/source-facts',
    analyzePhase({ ts, node, moduleDoc }) {
      const path = normalize(moduleDoc.path);
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) {
            add(imports, path, () => new Map()).set(element.name.text, {
              name: (element.propertyName ?? element.name).text,
              module: resolveSpecifier(path, node.moduleSpecifier.text),
            });
          }
        }
      }
      if (ts.isExportDeclaration(node)) {
        const names = add(typeOnly, path, () => new Set());
        const from = node.moduleSpecifier && resolveSpecifier(path, node.moduleSpecifier.text);
        if (!node.exportClause) {
          if (node.isTypeOnly && from) names.add(`*:${toDist(from.replace(/\.js$/, '.ts'))}`);
        } else if (ts.isNamedExports(node.exportClause)) {
          for (const element of node.exportClause.elements) {
            if (node.isTypeOnly || element.isTypeOnly) names.add(element.name.text);
          }
        }
      }
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'define' &&
        ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text !== 'customElements' &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        add(definitions, path, () => []).push({
          tag: node.arguments[0].text,
          className: node.expression.expression.text,
        });
      }
      if (
        ts.isTypeAliasDeclaration(node) &&
        ts.isTypeReferenceNode(node.type) &&
        node.type.typeName.getText() === 'CustomEvent' &&
        node.type.typeArguments?.length === 1
      ) {
        eventTypes.set(node.name.text, node.type.getText());
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules ?? [];
      const elementClasses = new Set(
        modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement).map((d) => d.name)),
      );
      for (const module of modules) {
        const path = normalize(module.path);
        const local = new Set((module.declarations ?? []).map((d) => d.name));
        const imported = imports.get(path) ?? new Map();
        const types = typeOnly.get(path) ?? new Set();
        module.exports = (module.exports ?? [])
          // Only literal, valid tag names of real element classes (drops `tag` → `anonymous_0`).
          .filter(
            (e) =>
              e.kind !== 'custom-element-definition' ||
              (CUSTOM_ELEMENT_NAME.test(e.name) && elementClasses.has(e.declaration?.name)),
          )
          .filter((e) => {
            if (e.name === '*') return !types.has(`*:${toDist(resolveSpecifier(path, e.declaration?.module ?? ''))}`);
            return !types.has(e.name);
          })
          .map((e) => {
            const declaration = { ...e.declaration };
            // `import { X } from './x.js'; export default X;` is declared in ./x.js, not here.
            const source = imported.get(declaration.name);
            if (source && !local.has(declaration.name) && normalize(declaration.module ?? path) === path) {
              declaration.name = source.name;
              declaration.module = source.module;
            } else if (declaration.module) {
              declaration.module = resolveSpecifier(path, declaration.module);
            }
            return { ...e, declaration };
          });
        for (const { tag, className } of definitions.get(path) ?? []) {
          const source = imported.get(className);
          module.exports.push({
            kind: 'custom-element-definition',
            name: tag,
            declaration: source ? { name: source.name, module: source.module } : { name: className, module: path },
          });
        }
        for (const declaration of module.declarations ?? []) {
          for (const event of declaration.events ?? []) {
            const expanded = eventTypes.get(event.type?.text);
            if (expanded) event.parsedType = { text: expanded };
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  // Not modules of the npm tree: src/cdn.ts is bundled into dist/cdn/llm-elements.js, and
  // src/react.ts holds React wrappers, not elements.
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/**/*.styles.ts', 'src/cdn.ts', 'src/react.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  // The type-parser plugin resolves type aliases (LoadMode, BackendPreference, ElementStatus) with
  // TypeScript's checker, so it needs a program.
  overrideModuleCreation({ ts, globs }) {
    quietTypeParser.start();
    const program = getTsProgram(ts, globs, 'tsconfig.build.json');
    return program.getSourceFiles().filter((sf) => globs.find((glob) => sf.fileName.endsWith(glob)));
  },
  plugins: [
    // Adds `parsedType` ('lazy' | 'eager' | 'manual') beside each aliased `type` (LoadMode): Storybook's
    // selects (@wc-toolkit/storybook-helpers), the editors' value lists and the framework types read it.
    typeParserPlugin(),
    sourceFacts(),
    {
      name: 'llm-elements/dist-paths',
      packageLinkPhase({ customElementsManifest }) {
        // The analyzer lists files in the order its globbing finds them, which varies between runs.
        customElementsManifest.modules?.sort((a, b) => normalize(a.path).localeCompare(normalize(b.path)));
        // Modules that declare and export nothing at run time (type-only: events, status) are not
        // in dist/ as JavaScript, and have nothing to say about the elements.
        customElementsManifest.modules = customElementsManifest.modules?.filter(
          (module) => module.declarations?.length || module.exports?.length,
        );
        for (const module of customElementsManifest.modules ?? []) {
          module.path = toDist(module.path);
          for (const declaration of module.declarations ?? []) tidyPublicApi(declaration);
          for (const item of [
            ...(module.exports ?? []),
            ...(module.declarations ?? []),
            ...(module.declarations ?? []).flatMap((d) => [
              ...(d.members ?? []),
              ...(d.attributes ?? []),
              ...(d.events ?? []),
            ]),
          ]) {
            if (item.declaration?.module) item.declaration.module = toDist(item.declaration.module);
            if (item.superclass?.module) item.superclass.module = toDist(item.superclass.module);
            if (item.inheritedFrom?.module) item.inheritedFrom.module = toDist(item.inheritedFrom.module);
          }
        }
        quietTypeParser.stop();
      },
    },
  ],
};
