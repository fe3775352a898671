// The same tests' harness without COOP/COEP: the page is not cross-origin isolated, so wllama must
// fall back to its single-thread path. Runs only the *.single-thread.test.ts files.
import { createConfig } from './web-test-runner.config.mjs';

export default createConfig({ isolated: false, files: ['test/**/*.single-thread.test.ts'] });
