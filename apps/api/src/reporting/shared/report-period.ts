import type { FieldCondition } from '@casetrail/readmodels';
import { ValidationProblemException } from '../../problems/validation-problem.exception';
import { requireExactTime } from '../../shared/exact-instant';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** A date, or a date and time with an offset (a bare local time would depend on the server's zone). */
export const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/i;
const DAY_MS = 86_400_000;
/** The first day a four-digit year writes (year 0 is 1 BC, and before it years turn negative). */
const FIRST_DAY = '0001-01-01';

/** A half-open period `[from, to)` of instants (UTC, canonical ISO strings). */
export interface InstantPeriod {
  from?: string;
  to?: string;
}

/**
 * `from`/`to` query parameters as instants. A date (`2026-03-01`) means that whole UTC day: as
 * `from` its start, as `to` its end (so `from=2026-03-01&to=2026-03-31` covers March). An instant
 * is taken as given, `from` inclusive and `to` exclusive. Every date's end is the next day's start,
 * 9999-12-31's too: `+010000-01-01T00:00:00.000Z` (ISO 8601's expanded year), an instant no stored
 * one reaches (see instantsWithin), rather than a last millisecond the exclusive `to` would leave out.
 *
 * A period with no instant in it is refused (400 naming `to`), not answered with zeros: like a
 * filter that names nothing, it would read as a quiet period. That is the case of equal instants
 * (`to` excludes itself), which the day-based daily report cannot meet (its `to` day is included).
 */
export function instantPeriod(from: string | undefined, to: string | undefined): InstantPeriod {
  const start = from === undefined ? undefined : startOf(requireValid('from', from));
  const end = to === undefined ? undefined : endOf(requireValid('to', to));
  if (start !== undefined && end !== undefined && end <= start)
    throw emptyPeriod(end === start && to !== undefined && !DATE_ONLY.test(to));
  return { from: isoInstant(start), to: isoInstant(end) };
}

/**
 * The period as a condition on a stored instant, or undefined when it has no bound. Stored instants
 * have four-digit years and are compared as strings, where `+010000-...` would sort before them
 * all: a `to` past year 9999 lies after every stored instant (no bound), a `from` past it after
 * every one too (nothing matches).
 */
export function instantsWithin(period: InstantPeriod): FieldCondition | undefined {
  const beyondStored = (bound: string) => Date.parse(bound) > LAST_INSTANT_MS;
  const from =
    period.from === undefined ? {} : beyondStored(period.from) ? { gt: LAST_INSTANT } : { gte: period.from };
  const to = period.to === undefined || beyondStored(period.to) ? {} : { lt: period.to };
  const condition = { ...from, ...to };
  return Object.keys(condition).length === 0 ? undefined : condition;
}

/** Whole UTC days `[from, to]`, both inclusive, as `YYYY-MM-DD`; at most `maxDays`. */
export function dayPeriod(
  from: string,
  to: string,
  maxDays: number,
): { from: string; to: string; days: string[] } {
  requireDate('from', from);
  requireDate('to', to);
  if (from > to)
    throw new ValidationProblemException([{ field: 'to', message: 'to must not be before from' }]);
  const days: string[] = [];
  for (
    let day = Date.parse(`${from}T00:00:00.000Z`);
    day <= Date.parse(`${to}T00:00:00.000Z`);
    day += DAY_MS
  ) {
    days.push(new Date(day).toISOString().slice(0, 10));
    if (days.length > maxDays) {
      throw new ValidationProblemException([
        { field: 'to', message: `a report covers at most ${maxDays} days` },
      ]);
    }
  }
  return { from, to, days };
}

/** A whole UTC day as `YYYY-MM-DD` that exists, or a 400 naming `field`. */
export function requireDate(field: 'from' | 'to', value: string): string {
  if (!DATE_ONLY.test(value))
    throw new ValidationProblemException([{ field, message: `${field} must be a date (YYYY-MM-DD)` }]);
  // Year 0 is 1 BC: a period counted back from it would need years no date here can write.
  if (value < FIRST_DAY)
    throw new ValidationProblemException([{ field, message: `${field} must not be before 0001-01-01` }]);
  // Said as a date: "date or instant" would suggest an instant, which these periods refuse.
  if (!isRealDay(value)) {
    throw new ValidationProblemException([
      { field, message: `${field} must be a date (YYYY-MM-DD) that exists: ${value} is not a day` },
    ]);
  }
  return value;
}

/** The UTC date `days` days before the one `instant` falls on, never before 0001-01-01. */
export function daysBefore(instant: string, days: number): string {
  const day = new Date(Date.parse(instant.slice(0, 10)) - days * DAY_MS).toISOString().slice(0, 10);
  return day < FIRST_DAY ? FIRST_DAY : day;
}

/**
 * The last day of a day period whose client named only the first: today, but never before `from`
 * (a period that starts in the future is that one day) and never more than `maxDays` days in all
 * (an old `from` gets the longest period allowed). The default thus always makes a valid period:
 * a client is never refused over a `to` it did not send.
 */
export function defaultLastDay(from: string, today: string, maxDays: number): string {
  if (today < from) return from;
  const longest = daysAfter(from, maxDays - 1);
  return today > longest ? longest : today;
}

/** The UTC date `days` days after `date`, never after 9999-12-31 (a day a four-digit year writes). */
function daysAfter(date: string, days: number): string {
  const ms = Math.min(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS, LAST_INSTANT_MS);
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Shapes pass the DTO's pattern; this catches days that do not exist (2026-02-30) and times that
 * Date.parse would quietly bend (see requireExactTime).
 */
function requireValid(field: 'from' | 'to', value: string): string {
  requireExactTime(field, value);
  if (!DATE_OR_INSTANT.test(value) || !isRealDay(value.slice(0, 10)) || Number.isNaN(Date.parse(value))) {
    throw new ValidationProblemException([{ field, message: `${field} is not a valid date or instant` }]);
  }
  return value;
}

/** Date.parse rolls 2026-02-30 over to March; a day that does not round-trip does not exist. */
function isRealDay(day: string): boolean {
  const ms = Date.parse(day);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/** The instant a `from` starts at, in milliseconds. */
function startOf(value: string): number {
  return DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00.000Z`) : Date.parse(value);
}

/** The instant a `to` ends at (excluded), in milliseconds: a date's next day's start. */
function endOf(value: string): number {
  return DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00.000Z`) + DAY_MS : Date.parse(value);
}

/** The last instant with a four-digit year, the last one stored (stored instants compare as strings). */
const LAST_INSTANT = '9999-12-31T23:59:59.999Z';
const LAST_INSTANT_MS = Date.parse(LAST_INSTANT);

/** Canonical ISO, with ISO 8601's expanded year past 9999 (which only instantsWithin compares). */
function isoInstant(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/**
 * Why `[from, to)` holds no instant, in words true of what the client sent: an instant `to` equal
 * to `from`, or else a `to` before `from` (a date `to` whose day ends where `from` starts lies
 * wholly before it).
 */
function emptyPeriod(instantToAtFrom: boolean): ValidationProblemException {
  const message = instantToAtFrom
    ? 'to must be later than from: to is exclusive, so a period that ends where it starts is empty'
    : 'to must not be before from';
  return new ValidationProblemException([{ field: 'to', message }]);
}
