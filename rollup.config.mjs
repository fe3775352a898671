// Two builds:
// - npm (dist/): ES modules, one per source file, so a page imports only what it uses, with .d.ts;
//   lit, marked, DOMPurify and the engines stay dependencies for the app's bundler.
// - script tag (dist/cdn/): one module, llm-elements.js, that defines every element. It bundles
//   everything; the engines, the markdown renderer and wllama's wasm are separate files fetched only
//   when needed, relative to the script's own URL. .cache/cdn-bundle.json lists what loads when.
// The engine files (wllama's wasm builds) are shipped once, beside the script-tag build's chunks;
// the npm build's backend module points there (`new URL('../../cdn/chunks/wllama.wasm',
// import.meta.url)`), a pattern app bundlers (Vite, webpack) follow and emit.
// Source maps: the npm modules have them, with their sources inside; the script-tag folder, which
// sites copy as it is, holds only what runs.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import nodeResolve from '@rollup/plugin-node-resolve';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { ENGINE_ASSETS } from './scripts/engine-assets.mjs';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const external = (id) => dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

/**
 * The engine files beside the module that loads them: wllama.wasm, and wllama's compatibility build
 * (Safari: no Memory64/JSPI; the same exact version), its worker script copied as text (wllama runs
 * it from a blob, and an app's bundler must leave it alone).
 */
function engineAssets(folder) {
  return Object.entries(ENGINE_ASSETS).map(([name, from]) => copyAsset(from, `${folder}/${name}`));
}

/** Emits a file from node_modules into the build at a fixed path. */
function copyAsset(from, fileName) {
  return {
    name: 'copy-asset',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: await readFile(require.resolve(from)) });
    },
  };
}

/** Writes .cache/cdn-bundle.json: each file, whether it is the entry, and what it imports statically and lazily. */
function bundleManifest() {
  return {
    name: 'bundle-manifest',
    async writeBundle(_options, bundle) {
      const files = Object.values(bundle).map((item) =>
        item.type === 'chunk'
          ? {
              file: item.fileName,
              entry: item.isEntry,
              imports: item.imports,
              dynamicImports: item.dynamicImports,
              modules: Object.keys(item.modules).length,
            }
          : { file: item.fileName, asset: true },
      );
      await mkdir('.cache', { recursive: true });
      await writeFile('.cache/cdn-bundle.json', JSON.stringify({ files }, null, 2));
    },
  };
}

/**
 * The npm build's wllama backend finds the engine files where the script-tag build has them, so
 * the package holds one copy of each (the literal `new URL('…', import.meta.url)` stays, for bundlers).
 */
function shareEngineAssets() {
  return {
    name: 'share-engine-assets',
    renderChunk(code, chunk) {
      if (chunk.fileName !== 'engine/backends/wllama.js') return null;
      let replaced = 0;
      const out = code.replace(/new URL\('\.\/(wllama[\w-]*\.(?:wasm|txt))', import\.meta\.url\)/g, (_, name) => {
        replaced++;
        return `new URL('../../cdn/chunks/${name}', import.meta.url)`;
      });
      if (replaced !== Object.keys(ENGINE_ASSETS).length)
        this.error(`expected ${Object.keys(ENGINE_ASSETS).length} engine asset URLs in wllama.js, found ${replaced}`);
      return { code: out, map: null };
    },
  };
}

const npm = {
  input: {
    index: 'src/index.ts',
    elements: 'src/elements.ts',
    'engine/index': 'src/engine/index.ts',
    'engine/runtime': 'src/engine/runtime.ts',
    'web-llm': 'src/web-llm.ts',
    'components/llm-model/llm-model': 'src/components/llm-model/llm-model.ts',
    'components/llm-chat/llm-chat': 'src/components/llm-chat/llm-chat.ts',
    'components/llm-status/llm-status': 'src/components/llm-status/llm-status.ts',
    'components/llm-text/llm-text': 'src/components/llm-text/llm-text.ts',
    'components/llm-complete/llm-complete': 'src/components/llm-complete/llm-complete.ts',
    'components/llm-tool/llm-tool': 'src/components/llm-tool/llm-tool.ts',
    'components/llm-source/llm-source': 'src/components/llm-source/llm-source.ts',
    // React wrappers (llm-elements/react); react and @lit/react are peer dependencies, so external.
    react: 'src/react.ts',
    // Found by URL (new Worker(new URL('./web-llm.worker.js', import.meta.url))), not by import.
    'engine/backends/web-llm.worker': 'src/engine/backends/web-llm.worker.ts',
  },
  external,
  output: {
    dir: 'dist',
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: 'src',
    sourcemap: true,
  },
  plugins: [typescript({ tsconfig: './tsconfig.build.json' }), shareEngineAssets()],
};

const cdn = {
  input: {
    'llm-elements': 'src/cdn.ts',
    // Beside the web-llm backend chunk, where it looks for its worker.
    'chunks/web-llm.worker': 'src/engine/backends/web-llm.worker.ts',
  },
  // Lets the lazy chunks import from the entry itself instead of a shared chunk beside it.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist/cdn',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: false,
  },
  plugins: [
    nodeResolve({ browser: true }),
    // The elements' html`` and css`` templates, minified as terser minifies the code around them.
    minifyHtmlLiterals({ include: ['src/**/*.ts'], failOnError: true }),
    typescript({
      tsconfig: './tsconfig.build.json',
      declaration: false,
      declarationMap: false,
      sourceMap: false,
      inlineSources: false,
      outDir: 'dist/cdn',
      declarationDir: undefined,
    }),
    terser({ format: { comments: false }, ecma: 2022, module: true, compress: { passes: 2 } }),
    ...engineAssets('chunks'),
    bundleManifest(),
  ],
};

export default [npm, cdn];
