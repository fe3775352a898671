// GBNF for JSON numbers inside a range and on a decimal step. llama.cpp's own converter bounds
// integers only; a decimal range there is any number, and most answers fail the schema. Here every
// bound and step is exact decimal arithmetic (BigInt), never floating point.

/** A number `digits × 10^-scale`, exactly as JavaScript prints it. */
interface Decimal {
  digits: bigint;
  scale: number;
}

function toDecimal(value: number): Decimal {
  const [mantissa = '0', exponent = '0'] = String(value).toLowerCase().split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** `value × 10^places`, rounded up or down to a whole number. */
function scaled(value: number, places: number, round: 'up' | 'down'): bigint {
  const { digits, scale } = toDecimal(value);
  if (scale <= places) return digits * pow10(places - scale);
  const divisor = pow10(scale - places);
  const quotient = digits / divisor; // truncates toward zero
  const exact = quotient * divisor === digits;
  if (exact) return quotient;
  if (round === 'up') return digits > 0n ? quotient + 1n : quotient;
  return digits < 0n ? quotient - 1n : quotient;
}

const literal = (text: string) => `"${text}"`;

function digitClass(from: number, to: number): string {
  return from === to ? `[${from}]` : `[${from}-${to}]`;
}

function digits(min: number, max: number | null): string {
  if (max === 0) return '';
  if (min === max) return min === 1 ? '[0-9]' : `[0-9]{${min}}`;
  if (min === 0 && max === 1) return '[0-9]?';
  return `[0-9]{${min},${max ?? ''}}`;
}

const alternatives = (items: string[]) => (items.length === 1 ? (items[0] as string) : `(${items.join(' | ')})`);

/** Digit strings of one length between `low` and `high` (same length, leading zeros allowed). */
function sameLength(low: string, high: string): string {
  if (low.length === 0) return '';
  let common = 0;
  while (common < low.length && low[common] === high[common]) common++;
  const prefix = common ? literal(low.slice(0, common)) : '';
  if (common === low.length) return prefix;
  const lowRest = low.slice(common + 1);
  const highRest = high.slice(common + 1);
  const a = Number(low[common]);
  const b = Number(high[common]);
  const n = lowRest.length;
  const parts: string[] = [];
  const lowFull = /^0*$/.test(lowRest);
  const highFull = /^9*$/.test(highRest);
  const from = lowFull ? a : a + 1;
  const to = highFull ? b : b - 1;
  if (!lowFull) parts.push(`[${a}] ${sameLength(lowRest, '9'.repeat(n))}`.trim());
  if (from <= to) parts.push(`${digitClass(from, to)} ${digits(n, n)}`.trim());
  if (!highFull) parts.push(`[${b}] ${sameLength('0'.repeat(n), highRest)}`.trim());
  return [prefix, alternatives(parts)].filter(Boolean).join(' ');
}

/** Most digits an integer part gets when nothing bounds it (as llama.cpp: 16). */
const OPEN_DIGITS = 16;

/** Whole numbers from `low` to `high` (null: no upper bound), written without leading zeros. */
function wholeRange(low: bigint, high: bigint | null): string {
  const parts: string[] = [];
  const lowText = low.toString();
  const highText = high?.toString();
  const longest = highText?.length ?? Math.max(OPEN_DIGITS, lowText.length);
  for (let length = lowText.length; length <= longest; length++) {
    const from = length === lowText.length ? lowText : `1${'0'.repeat(length - 1)}`;
    if (highText === undefined && length > lowText.length) {
      // Every longer number: one alternative.
      parts.push(`[1-9] ${digits(length - 1, longest - 1)}`.trim());
      break;
    }
    const to = length === highText?.length ? highText : '9'.repeat(length);
    parts.push(sameLength(from, to));
  }
  return alternatives(parts);
}

/**
 * Digit strings of 1 to `low.length` digits whose value, padded with zeros to that length, lies
 * from `low` to `high` (digit strings of the same length).
 */
function fraction(low: string, high: string): string {
  const n = low.length - 1;
  const zeros = /^0*$/;
  const nines = /^9*$/;
  if (zeros.test(low) && nines.test(high)) return digits(1, low.length);
  // After the first digit: nothing (when the rest of `low` is zeros), or more digits in range.
  const tail = (lowRest: string, highRest: string) => {
    if (!n) return '';
    const inner = fraction(lowRest, highRest);
    return zeros.test(lowRest) ? `(${inner})?` : inner;
  };
  const a = Number(low[0]);
  const b = Number(high[0]);
  if (a === b) return `[${a}] ${tail(low.slice(1), high.slice(1))}`.trim();
  const lowRest = low.slice(1);
  const highRest = high.slice(1);
  const lowFull = zeros.test(lowRest);
  const highFull = nines.test(highRest);
  const from = lowFull ? a : a + 1;
  const to = highFull ? b : b - 1;
  const parts: string[] = [];
  if (!lowFull) parts.push(`[${a}] ${tail(lowRest, '9'.repeat(n))}`.trim());
  if (from <= to) parts.push(`${digitClass(from, to)} ${digits(0, n)}`.trim());
  if (!highFull) parts.push(`[${b}] ${tail('0'.repeat(n), highRest)}`.trim());
  return alternatives(parts);
}

/** A point and fraction digits from `low` to `high`; nothing at all too when `low` is zero. */
function pointFraction(low: string, high: string): string {
  const body = `"." ${fraction(low, high)}`;
  return /^0*$/.test(low) ? `(${body})?` : body;
}

/** Non-negative numbers on the grid 10^-places, from `low` to `high` (scaled; null: unbounded). */
function nonNegative(low: bigint, high: bigint | null, places: number): string {
  if (places === 0) return wholeRange(low, high);
  const unit = pow10(places);
  const pad = (value: bigint) => value.toString().padStart(places, '0');
  const lowWhole = low / unit;
  const lowFraction = pad(low % unit);
  const nines = '9'.repeat(places);
  const zeros = '0'.repeat(places);
  if (high !== null && high / unit === lowWhole) {
    return `${literal(lowWhole.toString())} ${pointFraction(lowFraction, pad(high % unit))}`;
  }
  const parts = [`${literal(lowWhole.toString())} ${pointFraction(lowFraction, nines)}`];
  const highWhole = high === null ? null : high / unit;
  if (highWhole === null || lowWhole + 1n <= highWhole - 1n) {
    parts.push(
      `${wholeRange(lowWhole + 1n, highWhole === null ? null : highWhole - 1n)} ${pointFraction(zeros, nines)}`,
    );
  }
  if (high !== null && highWhole !== null) {
    parts.push(`${literal(highWhole.toString())} ${pointFraction(zeros, pad(high % unit))}`);
  }
  return alternatives(parts);
}

/** Numbers on the grid 10^-places from `low` to `high` (scaled; null: unbounded), never "-0". */
function gridRange(low: bigint | null, high: bigint | null, places: number): string | null {
  if (low !== null && high !== null && low > high) return null;
  const parts: string[] = [];
  if (low === null || low < 0n) {
    const negativeHigh = high === null || high > -1n ? -1n : high;
    parts.push(`"-" ${nonNegative(-negativeHigh, low === null ? null : -low, places)}`);
  }
  if (high === null || high >= 0n) parts.push(nonNegative(low === null || low < 0n ? 0n : low, high, places));
  return alternatives(parts);
}

/** Most values a step that is no power of ten may list (each one is an alternative of the grammar). */
const MAX_LISTED = 1000;

/** Digits after the point for a number without a step: enough for its bounds, at least 6. */
const FREE_PLACES = 6;
const MAX_PLACES = 20;

export interface NumberBounds {
  integer: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
}

/**
 * The GBNF (one expression, no rule names) for the numbers the bounds allow; `null` when none is
 * allowed; a string naming the keyword when they cannot be written as a grammar (a step that is no
 * power of ten, over too many values).
 */
export function numberGrammar(bounds: NumberBounds): { grammar: string } | { empty: true } | { unsupported: string } {
  const step = bounds.multipleOf === undefined ? null : toDecimal(bounds.multipleOf);
  let places: number;
  let factor = 1n; // values are multiples of factor × 10^-places
  if (step) {
    places = step.scale;
    factor = step.digits;
    // A step such as 10 is 10 × 10^0; an integer type takes whole steps only.
    if (bounds.integer && places > 0) {
      // Whole multiples of a fractional step: multiples of lcm(step, 1) in whole numbers.
      const unit = pow10(places);
      const lcm = (factor * unit) / gcd(factor, unit);
      factor = lcm / unit;
      places = 0;
    }
  } else {
    const scales = [bounds.minimum, bounds.maximum, bounds.exclusiveMinimum, bounds.exclusiveMaximum]
      .filter((v): v is number => v !== undefined)
      .map((v) => toDecimal(v).scale);
    places = bounds.integer ? 0 : Math.min(Math.max(FREE_PLACES, ...scales), MAX_PLACES);
  }
  let low: bigint | null = null;
  let high: bigint | null = null;
  const raise = (value: bigint) => (low = low === null || value > low ? value : low);
  const lower = (value: bigint) => (high = high === null || value < high ? value : high);
  if (bounds.minimum !== undefined) raise(scaled(bounds.minimum, places, 'up'));
  if (bounds.exclusiveMinimum !== undefined) raise(scaled(bounds.exclusiveMinimum, places, 'down') + 1n);
  if (bounds.maximum !== undefined) lower(scaled(bounds.maximum, places, 'down'));
  if (bounds.exclusiveMaximum !== undefined) lower(scaled(bounds.exclusiveMaximum, places, 'up') - 1n);
  if (factor === 1n) {
    const grammar = gridRange(low, high, places);
    return grammar === null ? { empty: true } : { grammar };
  }
  // A step such as 0.25 or 5: list its multiples in the range.
  if (low === null || high === null) return { unsupported: 'multipleOf' };
  const first = ceilDiv(low, factor);
  const last = floorDiv(high, factor);
  if (first > last) return { empty: true };
  if (last - first + 1n > BigInt(MAX_LISTED)) return { unsupported: 'multipleOf' };
  const values: string[] = [];
  for (let k = first; k <= last; k++) values.push(literal(formatScaled(k * factor, places)));
  return { grammar: alternatives(values) };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b !== a && a < 0n ? q - 1n : q;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b !== a && a > 0n ? q + 1n : q;
}

/** `value × 10^-places` as the shortest decimal text. */
function formatScaled(value: bigint, places: number): string {
  const sign = value < 0n ? '-' : '';
  const text = (value < 0n ? -value : value).toString().padStart(places + 1, '0');
  const whole = text.slice(0, text.length - places);
  const fractionText = places ? text.slice(-places).replace(/0+$/, '') : '';
  return `${sign}${whole}${fractionText ? `.${fractionText}` : ''}`;
}
