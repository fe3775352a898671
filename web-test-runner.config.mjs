// Tests run in a real headless Chromium against real llama.cpp (wllama) and the stories260K model.
// This config serves pages cross-origin isolated (COOP/COEP), so wllama can run multi-threaded;
// web-test-runner.single-thread.config.mjs runs the *.single-thread.test.ts files without isolation.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { isolationHeaders, modelRoutes, wllamaWasm } from './scripts/dev-server-plugins.mjs';
import { CHROME_ARGS, findChrome } from './scripts/find-chrome.mjs';
import { resolveModelDir } from './scripts/resolve-model.mjs';

/** @param {{ isolated: boolean, files: string[] }} options */
export async function createConfig({ isolated, files }) {
  let executablePath;
  try {
    executablePath = findChrome();
  } catch (error) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  const modelDir = await resolveModelDir();
  return {
    files,
    nodeResolve: true,
    // One file at a time: each test file runs llama.cpp threads, and CI machines have 2 cores.
    concurrency: 1,
    testsFinishTimeout: 10 * 60_000,
    browserStartTimeout: 60_000,
    testFramework: { config: { timeout: 60_000 } },
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
    middleware: [isolationHeaders(isolated), wllamaWasm(), modelRoutes({ modelDir })],
    browsers: [
      chromeLauncher({
        launchOptions: { executablePath, headless: true, args: CHROME_ARGS },
      }),
    ],
  };
}

export default createConfig({
  isolated: true,
  files: ['test/**/*.test.ts', '!test/**/*.single-thread.test.ts'],
});
