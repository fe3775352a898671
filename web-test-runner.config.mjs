// Tests run in a real headless Chromium against real llama.cpp (wllama) and the stories260K model.
// This config serves pages cross-origin isolated (COOP/COEP), so wllama can run multi-threaded;
// web-test-runner.single-thread.config.mjs runs the *.single-thread.test.ts files without isolation,
// and web-test-runner.webgpu.config.mjs the *.webgpu.test.ts files with --enable-unsafe-webgpu.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { assetRestoreRoute, isolationHeaders, modelRoutes, wllamaWasm } from './scripts/dev-server-plugins.mjs';
import { CHROME_ARGS, findChrome } from './scripts/find-chrome.mjs';
import { ensureModel } from './scripts/make-models.mjs';
import { mediaFeatures } from './scripts/media-features-plugin.mjs';
import { resolveModelDir } from './scripts/resolve-model.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { openAiServerRoute } from './test/servers/openai-server-route.mjs';

/** @param {{ isolated: boolean, files: string[], chromeArgs?: string[] }} options */
export async function createConfig({ isolated, files, chromeArgs = [] }) {
  let executablePath;
  try {
    executablePath = findChrome();
  } catch (error) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  let modelDir;
  try {
    modelDir = await resolveModelDir();
    // Realistic files for download and memory tests, made here once (seconds) and cached.
    await ensureModel('135m-q8_0');
    await ensureModel('split:135m-q8_0:3');
    await ensureModel('15m-tools-q8_0'); // tool calling: Qwen2.5's template on a small shape
    await ensureModel('minilm-embed-q8_0'); // embeddings: a BERT of all-MiniLM-L6-v2's shape
  } catch (error) {
    console.error(`\nCould not resolve the test model: ${error.message}`);
    console.error('Set LLM_ELEMENTS_MODELS to a folder holding stories260K.gguf, or allow the download.\n');
    process.exit(1);
  }
  return {
    files,
    nodeResolve: true,
    reporters: [defaultReporter(), summaryReporter()],
    // One file at a time: each test file runs llama.cpp threads, and CI machines have 2 cores.
    concurrency: 1,
    testsFinishTimeout: 10 * 60_000,
    browserStartTimeout: 60_000,
    testFramework: { config: { timeout: 60_000 } },
    // A failed assertion on a DOM node reports instead of hanging the run (see the helper).
    testRunnerHtml: (framework) =>
      `<!doctype html><html><body><script type="module" src="/test/helpers/cloneable-results.ts"></script>` +
      `<script type="module" src="${framework}"></script></body></html>`,
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), mediaFeatures()],
    middleware: [
      isolationHeaders(isolated),
      assetRestoreRoute(),
      wllamaWasm(),
      openAiServerRoute(),
      modelRoutes({ modelDir }),
    ],
    browsers: [
      chromeLauncher({
        launchOptions: { executablePath, headless: true, args: [...CHROME_ARGS, ...chromeArgs] },
      }),
    ],
  };
}

export default createConfig({
  isolated: true,
  files: ['test/**/*.test.ts', '!test/**/*.single-thread.test.ts', '!test/**/*.webgpu.test.ts', '!test/visual/**'],
});
