// npm build: ES modules in dist/ (one per source file, so pages import only what they use), with
// .d.ts files; lit and the engines stay dependencies. wllama's wasm is copied beside the backend
// module that loads it (`new URL('./wllama.wasm', import.meta.url)`), which bundlers also follow.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import typescript from '@rollup/plugin-typescript';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const external = (id) => dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

/** Emits a file from node_modules into the build at a fixed path. */
function copyAsset(from, fileName) {
  return {
    name: 'copy-asset',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: await readFile(require.resolve(from)) });
    },
  };
}

export default {
  input: {
    index: 'src/index.ts',
    'engine/index': 'src/engine/index.ts',
  },
  external,
  output: {
    dir: 'dist',
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: 'src',
    sourcemap: true,
  },
  plugins: [
    typescript({ tsconfig: './tsconfig.build.json' }),
    copyAsset('@wllama/wllama/esm/wasm/wllama.wasm', 'engine/backends/wllama.wasm'),
  ],
};
