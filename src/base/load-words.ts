import type { LoadProgress } from '../engine/core/types.js';
import { format } from './format.js';
import { formatBytes } from './format-size.js';

/** The words of a load's figures, replaceable with an element's `strings`. */
export interface LoadFigureWords {
  /** `{loaded}` of `{total}` bytes (`120 MiB of 270 MiB`). */
  loadedOf: string;
  /** `{time}` left (`2 min left`); `{time}` is written by `Intl.NumberFormat` in the page's language. */
  timeLeft: string;
}

/**
 * What a visitor wants to know of a load, in the page's language: while downloading, the bytes so far
 * of all (`120 MiB of 270 MiB`) and the time left once measured (`2 min left`); while the model is
 * read from this device only the time left, when it is long enough to matter. Empty before anything
 * is known, and once every byte is in.
 */
export function loadFigures(progress: LoadProgress, words: LoadFigureWords, locale?: string): string[] {
  const { phase, loaded, total, secondsLeft } = progress;
  if (phase !== 'downloading' && phase !== 'reading-cache') return [];
  const figures: string[] = [];
  if (phase === 'downloading' && total > 0) {
    figures.push(format(words.loadedOf, { loaded: formatBytes(loaded, locale), total: formatBytes(total, locale) }));
  } else if (phase === 'downloading' && loaded > 0) {
    figures.push(formatBytes(loaded, locale));
  }
  const worthSaying = phase === 'downloading' ? 1 : 3;
  if (secondsLeft !== null && secondsLeft >= worthSaying) {
    figures.push(format(words.timeLeft, { time: duration(secondsLeft, locale) }));
  }
  return figures;
}

/** A download's speed as the byte formatter says sizes (`1.2 MiB/s`). */
export function speedText(bytesPerSecond: number, locale?: string): string {
  return `${formatBytes(bytesPerSecond, locale)}/s`;
}

/**
 * A time to wait, roughly, in the page's language: `5 sec`…`55 sec` (in steps of 5), `1 min`…`59 min`
 * (rounded up), then hours (`1.5 hr`). Rough on purpose: a speed that wavers should not make it jump.
 */
export function duration(seconds: number, locale?: string): string {
  const [value, unit] =
    seconds < 57.5
      ? [Math.max(5, Math.round(seconds / 5) * 5), 'second']
      : seconds < 3600
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.round(seconds / 360) / 10, 'hour'];
  const options: Intl.NumberFormatOptions = { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 };
  try {
    return new Intl.NumberFormat(locale || globalThis.navigator?.language, options).format(value);
  } catch {
    return new Intl.NumberFormat(undefined, options).format(value); // an invalid lang attribute
  }
}
