#!/usr/bin/env node
// Fails when custom-elements.json is not what the analyzer makes from the current sources, or when
// it is wrong for the tools that read it. Run after `npm run build` (as `npm run verify` does): paths
// are checked in dist/, and the generated types are compiled against it.
//
//  1. paths: every module, superclass, inheritedFrom and export path is a file in dist/;
//  2. definitions: exactly one `custom-element-definition` export per tag, naming that element's class;
//  3. types: each attribute's type as tools read it (`parsedType`, else `type`) is primitives and
//     literals (`'lazy' | 'eager' | 'manual'`), not an alias (`LoadMode`);
//  4. read-only: a member documented "Read-only." is `readonly`;
//  5. attributes: no attribute name, nor the property behind one, twice in an element;
//  6. Storybook: each element's story uses the argTypes of stories/shared.ts, which give a select for
//     each union of literals, no control for read-only state, and one control per attribute;
//  7. React wrappers: ELEMENT_EVENTS in src/react.ts lists exactly each element's events, and each
//     wrapper takes its events from there;
//  8. the React 19 JSX types, the Vue types (types/) and the React wrappers (dist/react.d.ts) compile
//     strictly for a consumer that uses every event and every value of every enum attribute.
// That types/ and the README are fresh is checked by `integrations.mjs --check` and `readme-api.mjs --check`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const problems = [];
const fail = (message) => problems.push(message);

// 0. Freshness. The analyzer resolves --outdir against the working directory, so the scratch copy lives in .cache/.
const outdir = join('.cache', 'cem-check');
try {
  execFileSync(
    'npx',
    ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir, '--quiet'],
    { stdio: 'inherit' },
  );
  const fresh = readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (JSON.stringify(JSON.parse(fresh)) !== JSON.stringify(JSON.parse(committed))) {
    fail('custom-elements.json is stale: run `npm run analyze` and commit the result.');
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const modules = manifest.modules ?? [];
const elements = modules.flatMap((module) =>
  (module.declarations ?? []).filter((d) => d.tagName).map((declaration) => ({ module, declaration })),
);
const tags = elements.map(({ declaration }) => declaration.tagName);

// 1. Paths.
if (!existsSync('dist/index.js')) {
  fail('dist/ is missing: run `npm run build` first (the manifest paths are checked in dist/).');
} else {
  const checkPath = (path, where) => {
    if (!path) return;
    if (!path.startsWith('dist/') || !existsSync(path)) fail(`${where}: ${path} is not a file in dist/`);
  };
  for (const module of modules) {
    checkPath(module.path, 'module');
    for (const e of module.exports ?? []) {
      if (!e.declaration?.package) checkPath(e.declaration?.module, `${module.path} export ${e.name}`);
    }
    for (const d of module.declarations ?? []) {
      if (d.superclass && !d.superclass.package) checkPath(d.superclass.module, `${d.name} superclass`);
      for (const item of [...(d.members ?? []), ...(d.attributes ?? []), ...(d.events ?? [])]) {
        if (item.inheritedFrom && !item.inheritedFrom.package) {
          checkPath(item.inheritedFrom.module, `${d.name}.${item.name} inheritedFrom`);
        }
      }
    }
  }
}

// 2. Definitions.
const definitions = modules.flatMap((module) =>
  (module.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => ({ module, e })),
);
for (const { module, e } of definitions) {
  const element = elements.find(
    ({ module: m, declaration }) => m.path === e.declaration?.module && declaration.name === e.declaration?.name,
  );
  if (!/^[a-z][a-z0-9._]*-[a-z0-9._-]*$/.test(e.name)) {
    fail(`${module.path}: definition "${e.name}" is not a custom element name`);
  } else if (!element) {
    fail(`${module.path}: definition <${e.name}> names ${e.declaration?.name}, which is no element declaration`);
  } else if (element.declaration.tagName !== e.name) {
    fail(
      `${module.path}: definition <${e.name}> names ${e.declaration.name}, whose tag is <${element.declaration.tagName}>`,
    );
  }
}
for (const tag of tags) {
  const count = definitions.filter(({ e }) => e.name === tag).length;
  if (count !== 1) fail(`<${tag}> has ${count} custom-element-definition exports (expected exactly 1)`);
}

// 3–5. Types, read-only, attributes.
const PRIMITIVES = new Set(['string', 'number', 'boolean', 'null', 'undefined']);
const LITERAL = /^(['"]).*\1$|^-?\d+(\.\d+)?$|^true$|^false$/;
const unionOf = (text) => text.split('|').map((part) => part.trim());
const stringLiterals = (text) => {
  const parts = unionOf(text ?? '');
  return parts.length > 1 && parts.every((p) => /^'.*'$/.test(p)) ? parts.map((p) => p.slice(1, -1)) : null;
};
const shownType = (item) => (item.parsedType ?? item.type)?.text;

for (const { declaration: el } of elements) {
  const fields = (el.members ?? []).filter((m) => m.kind === 'field' && !m.static);
  for (const attribute of el.attributes ?? []) {
    const text = shownType(attribute);
    if (text && !unionOf(text).every((part) => PRIMITIVES.has(part) || LITERAL.test(part))) {
      fail(`<${el.tagName}> attribute ${attribute.name}: type "${text}" is not expanded to its values (parsedType)`);
    }
  }
  for (const field of fields) {
    if (/^Read-only\b/.test(field.description ?? '') && !field.readonly) {
      fail(`<${el.tagName}>.${field.name} is documented read-only but not marked readonly`);
    }
  }
  const twice = (names) => names.filter((name, i) => name && names.indexOf(name) !== i);
  for (const name of twice((el.attributes ?? []).map((a) => a.name))) fail(`<${el.tagName}> attribute ${name} twice`);
  for (const name of twice((el.attributes ?? []).map((a) => a.fieldName))) {
    fail(`<${el.tagName}> property ${name} behind two attributes`);
  }
  for (const name of twice(fields.map((f) => f.name))) fail(`<${el.tagName}> property ${name} twice`);
}

// React 19 and Vue set a property, not the attribute, whenever the element has a member of that
// name, so an attribute named like another member (a method) would be unusable from them: the
// former `<llm-model load="eager">` replaced the `load()` method.
for (const { declaration: el } of elements) {
  for (const attribute of el.attributes ?? []) {
    const member = (el.members ?? []).find((m) => m.name === attribute.name && m.name !== attribute.fieldName);
    if (member) {
      fail(
        `<${el.tagName} ${attribute.name}>: React 19 and Vue would set the ${member.kind} \`${member.name}\`, not the attribute; rename one of them`,
      );
    }
  }
}

// 6. Storybook: the argTypes the stories get from @wc-toolkit/storybook-helpers, made here the same way.
globalThis.window ??= globalThis;
globalThis.__STORYBOOK_CUSTOM_ELEMENTS_MANIFEST__ = manifest;
const { getStorybookHelpers, setStorybookHelpersConfig } = await import('@wc-toolkit/storybook-helpers');
setStorybookHelpersConfig({ typeRef: 'parsedType' }); // as .storybook/preview.ts
await new Promise((resolve) => setTimeout(resolve)); // the helpers read their config on the next task
const stories = readdirSync('stories').filter((file) => file.endsWith('.stories.ts'));
for (const { declaration: el } of elements) {
  const story = stories.find((file) =>
    readFileSync(join('stories', file), 'utf8').includes(`component: '${el.tagName}'`),
  );
  if (!story) fail(`<${el.tagName}> has no story with \`component: '${el.tagName}'\``);
  else if (!readFileSync(join('stories', story), 'utf8').includes(`elementArgTypes('${el.tagName}')`)) {
    fail(
      `stories/${story}: argTypes should be elementArgTypes('${el.tagName}') (selects and read-only from the manifest)`,
    );
  }
  const argTypes = getStorybookHelpers(el.tagName).argTypes;
  const fields = new Map((el.members ?? []).filter((m) => m.kind === 'field').map((m) => [m.name, m]));
  for (const attribute of el.attributes ?? []) {
    const argType = argTypes[attribute.name];
    const field = fields.get(attribute.fieldName);
    if (!argType) {
      fail(`Storybook <${el.tagName}>: no control for attribute ${attribute.name}`);
      continue;
    }
    if (attribute.fieldName !== attribute.name && !argTypes[attribute.fieldName]?.table?.disable) {
      fail(`Storybook <${el.tagName}>: attribute ${attribute.name} shows twice (also as ${attribute.fieldName})`);
    }
    const values = stringLiterals(shownType(attribute));
    if (field?.readonly) {
      if (argType.control !== false) fail(`Storybook <${el.tagName}>: read-only ${attribute.name} has a control`);
    } else if (values) {
      if (argType.control?.type !== 'select' || JSON.stringify(argType.options) !== JSON.stringify(values)) {
        fail(`Storybook <${el.tagName}>: ${attribute.name} should be a select of ${values.join(', ')}`);
      }
    }
  }
  for (const field of fields.values()) {
    const attribute = (el.attributes ?? []).find((a) => a.fieldName === field.name);
    const argType = argTypes[attribute?.name ?? field.name];
    if (field.readonly && argType && argType.control !== false) {
      fail(`Storybook <${el.tagName}>: read-only ${field.name} has a control`);
    }
  }
}

// 7. React wrappers: ELEMENT_EVENTS and the createComponent() calls in src/react.ts.
const reactSource = ts.createSourceFile(
  'src/react.ts',
  readFileSync('src/react.ts', 'utf8'),
  ts.ScriptTarget.Latest,
  true,
);
const unwrap = (node) =>
  ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)
    ? unwrap(node.expression)
    : node;
const propertyName = (property) =>
  property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && property.name.text;
let wrapperEvents = null;
const wrappers = [];
(function visit(node) {
  if (ts.isVariableDeclaration(node) && node.name.getText() === 'ELEMENT_EVENTS' && node.initializer) {
    const object = unwrap(node.initializer);
    if (ts.isObjectLiteralExpression(object)) {
      wrapperEvents = new Map(
        object.properties.filter(ts.isPropertyAssignment).map((property) => {
          const list = unwrap(property.initializer);
          const names = ts.isArrayLiteralExpression(list)
            ? list.elements
                .map(unwrap)
                .filter(ts.isStringLiteral)
                .map((s) => s.text)
            : [];
          return [propertyName(property), names];
        }),
      );
    }
  }
  if (ts.isCallExpression(node) && node.expression.getText() === 'createComponent') {
    const options = node.arguments[0] && unwrap(node.arguments[0]);
    const get = (name) =>
      options && ts.isObjectLiteralExpression(options)
        ? options.properties.find((p) => ts.isPropertyAssignment(p) && propertyName(p) === name)?.initializer
        : undefined;
    const tagName = get('tagName');
    wrappers.push({
      tag: tagName && ts.isStringLiteral(tagName) ? tagName.text : null,
      events: get('events')?.getText(),
    });
  }
  ts.forEachChild(node, visit);
})(reactSource);
if (!wrapperEvents) fail('src/react.ts: no ELEMENT_EVENTS object literal');
else {
  for (const { declaration: el } of elements) {
    const expected = (el.events ?? []).map((e) => e.name).filter(Boolean);
    const listed = wrapperEvents.get(el.tagName);
    if (!listed) {
      fail(`src/react.ts: ELEMENT_EVENTS has no entry for <${el.tagName}>`);
      continue;
    }
    const missing = expected.filter((name) => !listed.includes(name));
    const extra = listed.filter((name) => !expected.includes(name));
    if (missing.length) fail(`src/react.ts: <${el.tagName}> wrapper misses ${missing.join(', ')}`);
    if (extra.length) fail(`src/react.ts: <${el.tagName}> wrapper lists ${extra.join(', ')}, which it does not fire`);
  }
  for (const tag of wrapperEvents.keys())
    if (!tags.includes(tag)) fail(`src/react.ts: ELEMENT_EVENTS lists unknown <${tag}>`);
}
for (const tag of tags) {
  const wrapper = wrappers.filter((w) => w.tag === tag);
  if (wrapper.length !== 1) fail(`src/react.ts: ${wrapper.length} createComponent() calls for <${tag}> (expected 1)`);
  else if (wrapper[0].events !== `eventProps(ELEMENT_EVENTS['${tag}'])`) {
    fail(`src/react.ts: the <${tag}> wrapper's events should be eventProps(ELEMENT_EVENTS['${tag}'])`);
  }
}

// 8. A consumer of the generated types, compiled strictly (no skipLibCheck) against dist/.
if (existsSync('dist/index.js')) {
  const dir = join('.cache', 'types-check');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pascal = (name) => name.replace(/(^|-)(\w)/g, (_, _dash, c) => c.toUpperCase());
  const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
  const enums = (el) =>
    (el.attributes ?? [])
      .filter((a) => !(el.members ?? []).find((m) => m.name === a.fieldName)?.readonly)
      .map((a) => [a, stringLiterals(shownType(a))])
      .filter(([, values]) => values);
  const lines = { react19: ["import type {} from 'llm-elements/react-jsx';"], react18: [], vue: [] };
  lines.vue.push("import type { GlobalComponents } from 'vue';", "import type {} from 'llm-elements/vue';");
  const wrapperNames = elements.map(({ declaration }) => declaration.name);
  lines.react18.push(`import { ${wrapperNames.join(', ')} } from 'llm-elements/react';`);
  for (const { declaration: el } of elements) {
    const events = (el.events ?? []).map((e) => e.name);
    const id = `${pascal(el.tagName)}Example`;
    // Every event's handler gets a typed event (`.detail` exists; a made-up field does not, so it is not `any`).
    const jsxEvents = events.map((name) => `on${name}={(e) => e.detail}`).join(' ');
    const reactEvents = events.map((name) => `on${pascal(name)}={(e) => e.detail}`).join(' ');
    // Vue (vue-tsc) reads `@llm-send` as the prop `onLlmSend` and `:max-tokens` as `maxTokens`.
    const vueEvents = events.map((name) => `on${pascal(name)}: (e) => e.detail`).join(', ');
    lines.react19.push(`export const ${id} = <${el.tagName} ${jsxEvents} />;`);
    lines.react18.push(`export const ${id} = <${el.name} ${reactEvents} />;`);
    lines.vue.push(`export const ${id}: GlobalComponents['${el.tagName}']['props'] = { ${vueEvents} };`);
    if (events[0]) {
      lines.react19.push(
        `// @ts-expect-error`,
        `export const ${id}Any = <${el.tagName} on${events[0]}={(e) => e.detail.notAField} />;`,
      );
      lines.react18.push(
        `// @ts-expect-error`,
        `export const ${id}Any = <${el.name} on${pascal(events[0])}={(e) => e.detail.notAField} />;`,
      );
      lines.vue.push(
        `// @ts-expect-error`,
        `export const ${id}Any: GlobalComponents['${el.tagName}']['props'] = { on${pascal(events[0])}: (e) => e.detail.notAField };`,
      );
    }
    for (const [attribute, values] of enums(el)) {
      // React 19 and Vue set a member of the attribute's name if there is one (`load()`): such an
      // attribute is typed by its property (a safeguard: step 5 fails on such a name).
      const collides = (el.members ?? []).some((m) => m.name === attribute.name && m.name !== attribute.fieldName);
      const jsxName = collides ? attribute.fieldName : attribute.name;
      const vueName = collides ? attribute.fieldName : camel(attribute.name);
      const name = `${id}${pascal(attribute.name)}`;
      for (const [i, value] of values.entries()) {
        lines.react19.push(`export const ${name}${i} = <${el.tagName} ${jsxName}="${value}" />;`);
        lines.vue.push(
          `export const ${name}${i}: GlobalComponents['${el.tagName}']['props'] = { ${vueName}: '${value}' };`,
        );
      }
      lines.react19.push(
        `// @ts-expect-error`,
        `export const ${name}Bad = <${el.tagName} ${jsxName}="not-a-value" />;`,
      );
      lines.vue.push(
        `// @ts-expect-error`,
        `export const ${name}Bad: GlobalComponents['${el.tagName}']['props'] = { ${vueName}: 'not-a-value' };`,
      );
      if (collides) {
        lines.react19.push(
          `// @ts-expect-error`,
          `export const ${name}Member = <${el.tagName} ${attribute.name}="${values[0]}" />;`,
        );
      }
    }
  }
  // Vue itself is not installed here: the smallest `vue` module the generated file augments.
  const vueStub =
    "declare module 'vue' {\n  export type DefineComponent<P> = { props: P };\n  export interface GlobalComponents {}\n}\n";
  const write = (name, text) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
  };
  // React and Vue each augment JSX.IntrinsicElements, so each consumer is its own program, as in an app.
  const programs = {
    'React 19 JSX types (types/react-jsx.d.ts)': [write('react19.tsx', lines.react19.join('\n') + '\n')],
    'React wrappers (dist/react.d.ts)': [write('react18.tsx', lines.react18.join('\n') + '\n')],
    'Vue types (types/vue.d.ts)': [write('vue-stub.d.ts', vueStub), write('vue.ts', lines.vue.join('\n') + '\n')],
  };
  for (const [name, files] of Object.entries(programs)) {
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(files, options));
    for (const diagnostic of diagnostics.slice(0, 10)) {
      const where = diagnostic.file
        ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}: `
        : '';
      fail(`${name}: ${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
    }
  }
}

if (problems.length) {
  console.error(`custom-elements.json: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `custom-elements.json is up to date and sound: ${tags.length} elements, one definition each, paths in dist/, ` +
    'expanded types, Storybook controls, React wrapper events, and the generated types compile.',
);
