#!/usr/bin/env node
// Writes types/ from custom-elements.json with the wc-toolkit generators: React 19 JSX types
// (react-jsx.d.ts), Vue's GlobalComponents (vue.d.ts), VS Code's HTML and CSS custom data
// (vscode.*-custom-data.json) and JetBrains' web-types.json. `npm run analyze` runs it after the
// analyzer; `--check` (in `npm run check:manifest`) fails instead when a file in types/ is stale.
//
// types/ is committed and shipped beside custom-elements.json, not in dist/: `npm run build` empties
// dist/, and these files are made from the committed manifest, so they are reviewed and checked with it.
// They reference the built classes and event types through ../dist/index.js.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateJsxTypes } from '@wc-toolkit/jsx-types';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import * as prettier from 'prettier';

export const TYPES_DIR = 'types';
/** The classes and event detail types, as the generated .d.ts files in types/ import them. */
const TYPES_FROM = '../dist/index.js';

/**
 * A copy of the manifest as the generators need it: only the registered elements count as custom
 * elements (not the LlmElement base class, which has no tag and is not exported from the package
 * entry the types import from), and event types are what each generator expects. The manifest has
 * the declared alias (`LlmSendEvent`) in `type` and its expansion (`CustomEvent<LlmSendDetail>`) in
 * `parsedType`: the JSX generator imports the detail type of a `CustomEvent<…>`; the Vue generator
 * wraps the type it is given in `CustomEvent<…>`, so it gets the detail type.
 */
function view(manifest, eventType) {
  const copy = structuredClone(manifest);
  for (const module of copy.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName) delete declaration.customElement;
      for (const event of declaration.events ?? []) {
        event.type = { text: eventType(event.parsedType?.text ?? event.type?.text ?? 'Event') };
      }
    }
  }
  return copy;
}

/**
 * `CustomEvent<LlmSendDetail>` → `import('../dist/index.js').LlmSendDetail`: an inline import, since
 * the Vue generator lists a detail type once per element in one import and so repeats shared ones.
 */
const detailOf = (text) => {
  const detail = /^CustomEvent<(\w+)>$/.exec(text)?.[1];
  return detail ? `import('${TYPES_FROM}').${detail}` : 'unknown';
};

const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());

/**
 * React 19 and Vue set a property, not the attribute, whenever the element has a member of that
 * name: `<llm-model loading="eager">` would replace the `load()` method. Their views key such an
 * attribute by its property, so the types reject the name that would misbehave (none does today).
 */
function settableNames(manifest, key = (name) => name) {
  for (const module of manifest.modules ?? []) {
    for (const declaration of (module.declarations ?? []).filter((d) => d.tagName)) {
      const members = new Set((declaration.members ?? []).map((m) => m.name));
      for (const attribute of declaration.attributes ?? []) {
        const collides = members.has(attribute.name) && attribute.name !== attribute.fieldName;
        attribute.name = collides ? attribute.fieldName : key(attribute.name);
      }
    }
  }
  return manifest;
}

/**
 * Vue's template type-checking (vue-tsc) reads `:max-tokens` as the prop `maxTokens` and
 * `@llm-response` as the prop `onLlmResponse`, while the generator keys props by attribute name and
 * events as `on` + name: so the Vue view has camelCase attribute names and PascalCase event names.
 */
function vueView(manifest) {
  settableNames(manifest, camel);
  for (const module of manifest.modules ?? []) {
    for (const declaration of (module.declarations ?? []).filter((d) => d.tagName)) {
      for (const event of (declaration.events ?? []).filter((e) => e.name)) {
        const name = camel(event.name);
        event.description = `\`${event.name}\`: ${event.description ?? ''}`.trim();
        event.name = name[0].toUpperCase() + name.slice(1);
      }
    }
  }
  return manifest;
}

/** Runs every generator into `outdir` (a scratch folder, so their "Generated …" lines are left out). */
function generate(manifest, outdir) {
  const log = console.log;
  console.log = () => {};
  try {
    runGenerators(manifest, outdir);
  } finally {
    console.log = log;
  }
}

function runGenerators(manifest, outdir) {
  generateJsxTypes(settableNames(view(manifest, (text) => text)), {
    outdir,
    fileName: 'react-jsx.d.ts',
    globalTypePath: TYPES_FROM,
    // `onllm-send={(event) => …}`: React 19 listens for the event named after `on`.
    stronglyTypedEvents: true,
  });
  generateVuejsTypes(vueView(view(manifest, detailOf)), {
    outdir,
    fileName: 'vue.d.ts',
    globalTypePath: TYPES_FROM,
    // The events are listed on each `onLlm…` prop, by their real names (the view renames them).
    hideEventDocs: true,
    hideLogs: true,
  });
  generateVsCodeCustomElementData(
    view(manifest, (text) => text),
    {
      outdir,
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      // Value lists for attributes such as `load` ('lazy' | 'eager' | 'manual').
      typesSrc: 'parsedType',
      hideMethodDocs: true,
      hideLogs: true,
    },
  );
  generateJetBrainsWebTypes(
    view(manifest, (text) => text),
    {
      outdir,
      webTypesFileName: 'web-types.json',
      typesSrc: 'parsedType',
      hideMethodDocs: true,
      hideLogs: true,
      // The module that declares each element's class, from the package root (see "web-types" in package.json).
      modulePathTemplate: (_name, modulePath) => `./${modulePath}`,
    },
  );
}

/** What types/ should hold: file name → contents, formatted as `npm run lint` expects. */
export async function expectedFiles(manifest) {
  const scratch = mkdtempSync(join(tmpdir(), 'llm-elements-types-'));
  try {
    generate(manifest, scratch);
    const files = new Map();
    for (const name of readdirSync(scratch).sort()) {
      const text = readFileSync(join(scratch, name), 'utf8');
      const filepath = join(TYPES_DIR, name);
      const options = (await prettier.resolveConfig(filepath)) ?? {};
      files.set(name, await prettier.format(text, { ...options, filepath }));
    }
    return files;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The names of the files in types/ that differ from `expected` (missing, stale or extra). */
export function staleFiles(expected, dir = TYPES_DIR) {
  const present = existsSync(dir) ? readdirSync(dir) : [];
  const names = new Set([...expected.keys(), ...present]);
  return [...names].sort().filter((name) => {
    const path = join(dir, name);
    return !expected.has(name) || !existsSync(path) || readFileSync(path, 'utf8') !== expected.get(name);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const expected = await expectedFiles(manifest);
  const stale = staleFiles(expected);
  if (process.argv.includes('--check')) {
    if (stale.length) {
      console.error(`${TYPES_DIR}/ is stale (${stale.join(', ')}): run \`npm run analyze\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${TYPES_DIR}/ is up to date.`);
  } else {
    mkdirSync(TYPES_DIR, { recursive: true });
    for (const name of stale) {
      if (expected.has(name)) writeFileSync(join(TYPES_DIR, name), expected.get(name));
      else rmSync(join(TYPES_DIR, name));
    }
    console.log(stale.length ? `${TYPES_DIR}/ updated: ${stale.join(', ')}.` : `${TYPES_DIR}/ is up to date.`);
  }
}
