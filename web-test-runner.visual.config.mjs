// Visual regression tests (test/visual/*.visual.test.ts): each element's main states, screenshot in
// light, dark, dark-OS-on-a-light-page, forced colours and at 390 px, compared with the baselines in
// test/visual/baselines/. A screenshot that differs by more than FAILURE_THRESHOLD fails, and its
// diff (and the new screenshot) is saved under test/visual/failed/ (gitignored), path printed.
//
//   npm run test:visual          compare
//   npm run test:visual:update   rewrite the baselines (after an intended change of the looks)
//
// Chromium only (Debian's, as for every test), viewport fixed per test, device scale factor 1,
// reduced motion (test/visual/visual.ts, through the media-features command of createConfig's
// plugins); the test page sets one font family that this machine and CI both have (DejaVu).
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';
import { createConfig } from './web-test-runner.config.mjs';

/**
 * Share of pixels that may differ (in percent) before a screenshot fails: a few pixels of
 * anti-aliasing, while a button's border changing colour (about 0.03 % of a chat) fails.
 */
const FAILURE_THRESHOLD = 0.02;
/** How far a pixel's colour may move before it counts as different (pixelmatch's YIQ distance, 0..1; its default is 0.1). */
const PIXEL_THRESHOLD = 0.05;

const config = await createConfig({ isolated: true, files: ['test/visual/**/*.visual.test.ts'] });
const update = process.argv.includes('--update-visual-baseline');

export default {
  ...config,
  plugins: [
    ...config.plugins,
    visualRegressionPlugin({
      update,
      baseDir: 'test/visual',
      getBaselineName: ({ name }) => `baselines/${name}`,
      getFailedName: ({ name }) => `failed/${name}`,
      getDiffName: ({ name }) => `failed/${name}-diff`,
      diffOptions: { threshold: PIXEL_THRESHOLD },
      failureThreshold: FAILURE_THRESHOLD,
      failureThresholdType: 'percent',
    }),
  ],
};
