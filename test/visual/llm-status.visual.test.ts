// <llm-status>'s states, as a visitor sees them, in every variant (see visual.ts).
import '../../src/index.js';
import { LlmError } from '../../src/engine/index.js';
import { part } from '../helpers/chat.js';
import { waitFor } from '../helpers/wait.js';
import { MiB, providing, standInEngine, type StandInScript } from './stand-in-engine.js';
import { snap, stage, useVariant, VARIANTS } from './visual.js';

/** A status on the stand-in engine, its load started (and ended, unless the script holds it). */
async function statusOn(script: StandInScript, attributes = '') {
  const engine = standInEngine(script);
  const root = await stage(providing(engine, `<llm-status ${attributes}></llm-status>`));
  const status = root.querySelector('llm-status')!;
  const loaded = engine.load().catch(() => {});
  if (script.load !== 'hold') await loaded;
  // What this browser stores of the model is read once the load ends: the same answer each time.
  else await waitFor(() => engine.progress.loaded > 0, 5000, 'the stand-in load reports progress');
  await engine.checkCache().catch(() => {});
  return { root, status, engine };
}

for (const variant of VARIANTS) {
  describe(`<llm-status> (${variant.name})`, () => {
    before(() => useVariant(variant));
    const name = (state: string) => `llm-status/${state}/${variant.name}`;

    it('downloading', async () => {
      const { root, engine } = await statusOn({ progress: { loaded: 120 * MiB, total: 270 * MiB }, load: 'hold' });
      await snap(root, name('downloading'));
      await engine.unload();
    });

    it('loading from this browser', async () => {
      const { root, engine } = await statusOn({
        progress: { loaded: 120 * MiB, total: 270 * MiB, fromCache: true },
        load: 'hold',
      });
      await snap(root, name('loading-cached'));
      await engine.unload();
    });

    it('downloading, compact (one line)', async () => {
      const { root, engine } = await statusOn(
        { progress: { loaded: 120 * MiB, total: 270 * MiB }, load: 'hold' },
        'variant="compact"',
      );
      await snap(root, name('downloading-compact'));
      await engine.unload();
    });

    it('ready', async () => {
      const { root } = await statusOn({});
      await snap(root, name('ready'));
    });

    it('ready, with the details open (backend and why)', async () => {
      const { root } = await statusOn({}, 'details');
      await snap(root, name('ready-details'));
    });

    it('failed to load, with Retry', async () => {
      const { root, status } = await statusOn({
        load: new LlmError('network', 'The model could not be downloaded: the connection was lost.'),
      });
      await waitFor(() => part(status, 'retry'), 5000, 'the Retry button');
      await snap(root, name('error'));
    });
  });
}
