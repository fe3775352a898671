// Patterns for date and time inputs that admit only the values the input accepts: real dates (no
// 31 April, which the input would empty), within its `min` / `max` (and a time's step in minutes).
// Their strings sort as their moments do, so a range is a range of digits, part by part.

/** One numeric part of a value (a year, a month…): the text before it, its width, the values it can take. */
interface Part {
  before: string;
  width: number;
  /** Its values, given the value of the part before (a day depends on its month). */
  values(previous: number): number[];
}

const span = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Years 1900–2099: a year 0000 is no date to the input; no 29 February and no week 53, as most years lack them.
const YEAR: Part = { before: '', width: 4, values: () => span(1900, 2099) };
const MONTH: Part = { before: '-', width: 2, values: () => span(1, 12) };
const DAY: Part = {
  before: '-',
  width: 2,
  values: (month) => span(1, month === 2 ? 28 : [4, 6, 9, 11].includes(month) ? 30 : 31),
};
const WEEK: Part = { before: '-W', width: 2, values: () => span(1, 52) };
const hour = (before: string): Part => ({ before, width: 2, values: () => span(0, 23) });
/** Minutes, only those on the step when the step is whole minutes that divide an hour. */
function minute(stepSeconds: number, baseMinute: number): Part {
  const step = stepSeconds % 60 === 0 && 3600 % stepSeconds === 0 ? stepSeconds / 60 : 1;
  return {
    before: ':',
    width: 2,
    values: () => span(0, 59).filter((m) => (((m - baseMinute) % step) + step) % step === 0),
  };
}

/** The types this file writes patterns for. */
export const DATED_TYPES = new Set(['date', 'month', 'week', 'time', 'datetime-local']);

function partsOf(type: string, stepSeconds: number, baseMinute: number): Part[] {
  const minutes = minute(stepSeconds, baseMinute);
  switch (type) {
    case 'date':
      return [YEAR, MONTH, DAY];
    case 'month':
      return [YEAR, MONTH];
    case 'week':
      return [YEAR, WEEK];
    case 'time':
      return [hour(''), minutes];
    default:
      return [YEAR, MONTH, DAY, hour('T'), minutes];
  }
}

/** A bound's numbers, part by part (seconds and beyond ignored); undefined when it is not of the type's shape. */
function numbersOf(parts: Part[], text: string): number[] | undefined {
  const shape = new RegExp(
    `^${parts.map((p) => `${escape(p.before)}([0-9]{${p.width}${p === YEAR ? ',' : ''}})`).join('')}`,
  );
  return shape.exec(text)?.slice(1).map(Number);
}

/** The literal between parts ('-', '-W', 'T', ':') has no character a regex would read otherwise. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Alternatives as one atom: a group when there are several. */
const group = (alternatives: string[]) =>
  alternatives.length === 1 ? (alternatives[0] ?? '') : `(${alternatives.join('|')})`;

/** A regex (no top-level `|`) for the digit strings of one width from `lo` to `hi`. */
function digitRange(lo: string, hi: string): string {
  if (lo === hi) return lo;
  const rest = lo.length - 1;
  if (rest === 0) return `[${lo}-${hi}]`;
  if (lo[0] === hi[0]) return lo[0] + digitRange(lo.slice(1), hi.slice(1));
  const any = rest === 1 ? '[0-9]' : `[0-9]{${rest}}`;
  const alternatives: string[] = [];
  let from = Number(lo[0]);
  let to = Number(hi[0]);
  // The first digit's run starts whole unless lo's rest is above zeros, and ends whole unless hi's is below nines.
  if (lo.slice(1) !== '0'.repeat(rest)) {
    alternatives.push(lo[0] + digitRange(lo.slice(1), '9'.repeat(rest)));
    from++;
  }
  const hiWhole = hi.slice(1) === '9'.repeat(rest);
  if (!hiWhole) to--;
  if (from <= to) alternatives.push((from === to ? `${from}` : `[${from}-${to}]`) + any);
  if (!hiWhole) alternatives.push(hi[0] + digitRange('0'.repeat(rest), hi.slice(1)));
  return group(alternatives);
}

/** A regex (no top-level `|`) for a set of numbers written at one width: a digit range per run. */
function numberSet(values: number[], width: number): string {
  const runs: Array<[number, number]> = [];
  for (const value of values) {
    const last = runs.at(-1);
    if (last && value === last[1] + 1) last[1] = value;
    else runs.push([value, value]);
  }
  return group(runs.map(([from, to]) => digitRange(pad(from, width), pad(to, width))));
}

/**
 * The regex for parts `index` onwards, between the bounds' remaining numbers (undefined: unbounded
 * on that side); null when no value fits. Values with the same continuation share one digit range.
 */
function partsPattern(
  parts: Part[],
  index: number,
  previous: number,
  lo: number[] | undefined,
  hi: number[] | undefined,
  memo: Map<string, string | null>,
): string | null {
  const part = parts[index];
  if (!part) return '';
  const key = `${index}:${previous}`;
  const cached = memo.get(key);
  if (!lo && !hi && cached !== undefined) return cached;
  const [low, high] = [lo?.[0], hi?.[0]];
  const byTail = new Map<string, number[]>();
  for (const value of part.values(previous)) {
    if ((low !== undefined && value < low) || (high !== undefined && value > high)) continue;
    const tail = partsPattern(
      parts,
      index + 1,
      value,
      value === low ? lo?.slice(1) : undefined,
      value === high ? hi?.slice(1) : undefined,
      memo,
    );
    if (tail === null) continue;
    byTail.set(tail, [...(byTail.get(tail) ?? []), value]);
  }
  const pattern = byTail.size
    ? escape(part.before) + group([...byTail].map(([tail, values]) => numberSet(values, part.width) + tail))
    : null;
  if (!lo && !hi) memo.set(key, pattern);
  return pattern;
}

/**
 * An anchored pattern for the values a `date`, `month`, `week`, `time` or `datetime-local` input
 * accepts, within its `min` and `max` (a bound the input ignores is ignored too; a time whose `min`
 * is after its `max` wraps past midnight, as the input reads it). Null when no value can fit.
 */
export function datedPattern(input: HTMLInputElement): string | null {
  const type = input.type;
  // The input's own reading of its bounds: one it cannot parse, it ignores.
  const bound = (text: string) => {
    if (!text) return undefined;
    const probe = document.createElement('input');
    probe.type = type;
    probe.value = text;
    return probe.value ? text : undefined;
  };
  const min = bound(input.min);
  const max = bound(input.max);
  const step = Number(input.getAttribute('step'));
  const stepSeconds = type === 'time' || type === 'datetime-local' ? (step > 0 ? step : 60) : 60;
  const lo = min ? numbersOf(partsOf(type, 60, 0), min) : undefined;
  // A time's step counts from its min.
  const baseMinute = type === 'time' || type === 'datetime-local' ? (lo?.at(-1) ?? 0) : 0;
  const parts = partsOf(type, stepSeconds, baseMinute);
  const hi = max ? numbersOf(parts, max) : undefined;
  const memo = new Map<string, string | null>();
  let body: string | null;
  if (type === 'time' && min && max && min > max) {
    const alternatives = [
      partsPattern(parts, 0, 0, lo, undefined, memo),
      partsPattern(parts, 0, 0, undefined, hi, memo),
    ];
    const some = alternatives.filter((a): a is string => a !== null);
    body = some.length ? `(${some.join('|')})` : null;
  } else {
    body = partsPattern(parts, 0, 0, lo, hi, memo);
  }
  return body === null ? null : `^${body}$`;
}
