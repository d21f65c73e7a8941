/**
 * An instant as an ISO-8601 string with an offset, e.g. `2024-05-24T15:00:00.000Z`.
 *
 * This is the one time representation of the SLA engine's public API: it goes into events as is,
 * reads well in the history, and survives JSON. Results are always UTC with milliseconds
 * (`Date.prototype.toISOString`), so equal instants compare equal as strings. Inputs may carry any
 * offset (`2024-05-24T18:00:00+03:00`). The `*Ms` variants of the arithmetic take epoch
 * milliseconds for hot loops (benchmarks, timers).
 */
export type IsoInstant = string;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch milliseconds of an ISO-8601 instant; throws a RangeError for anything without an offset. */
export function instantToMillis(instant: IsoInstant): number {
  const millis = parseIsoInstant(instant);
  if (Number.isNaN(millis)) {
    throw new RangeError(`Not an ISO-8601 instant with an offset: ${JSON.stringify(instant)}`);
  }
  return millis;
}

export function millisToInstant(millis: number): IsoInstant {
  return new Date(millis).toISOString();
}

export function isIsoInstant(value: unknown): value is IsoInstant {
  return typeof value === 'string' && !Number.isNaN(parseIsoInstant(value));
}

/** Epoch milliseconds of an ISO-8601 instant with an offset on a date that exists; NaN for anything else. */
function parseIsoInstant(value: string): number {
  const canonical = canonicalUtcMillis(value);
  return canonical === undefined ? parseAnyIsoInstant(value) : canonical;
}

/**
 * The instants the engine writes (`2024-05-24T15:00:00.000Z`, `millisToInstant`) read digit by
 * digit: a rebuild reads several per event, and the regular expression, the `Date.parse` and the
 * arrays of the general reader were a fair part of its time. Undefined for anything else,
 * including fields out of range and years before 100 (which `Date.UTC` would take as 19xx), left
 * to the general reader so that every answer stays that of `Date.parse`.
 */
function canonicalUtcMillis(value: string): number | undefined {
  if (value.length !== 24 || value.charCodeAt(23) !== Z) return undefined;
  for (let i = 0; i < 23; i++) {
    const code = value.charCodeAt(i);
    if (CANONICAL_SEPARATORS[i] === 0 ? code < DIGIT_0 || code > DIGIT_9 : code !== CANONICAL_SEPARATORS[i])
      return undefined;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, digits(value, 20, 3));
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const Z = 90;
/** `YYYY-MM-DDTHH:MM:SS.sss`: 0 where a digit goes, else the separator's code. */
const CANONICAL_SEPARATORS = Array.from('0000-00-00T00:00:00.000', (char) =>
  char === '0' ? 0 : char.charCodeAt(0),
);

/** The number written by `length` digits from `start` (already checked to be digits). */
function digits(value: string, start: number, length: number): number {
  let number = 0;
  for (let i = start; i < start + length; i++) number = number * 10 + value.charCodeAt(i) - DIGIT_0;
  return number;
}

/** `parseIsoInstant` for every form the type allows (any offset, seconds and fractions optional). */
function parseAnyIsoInstant(value: string): number {
  const match = ISO_INSTANT.exec(value);
  if (!match) return Number.NaN;
  const [year, month, day] = match.slice(1, 4).map(Number);
  // Date.parse rolls a day past its month's end over into the next month (February 30th becomes
  // March 2nd). The date as written must exist, whatever the offset then makes of it in UTC; the
  // rest (month 13, day 0, minute 60, second 60, a bad offset) Date.parse already refuses.
  if (day > daysInMonth(year, month)) return Number.NaN;
  return Date.parse(value);
}

/** Days in a month of the proleptic Gregorian calendar ISO-8601 dates are written in; 31 for a month that is not one. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
