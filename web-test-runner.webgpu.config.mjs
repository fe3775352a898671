// The *.webgpu.test.ts files, in a Chromium started with --enable-unsafe-webgpu: on machines without
// a GPU that gives a software (SwiftShader) adapter without shader-f16, so the real detection and
// selection code meet a real adapter.
import { createConfig } from './web-test-runner.config.mjs';

export default createConfig({
  isolated: true,
  files: ['test/**/*.webgpu.test.ts'],
  chromeArgs: ['--enable-unsafe-webgpu'],
});
