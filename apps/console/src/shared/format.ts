import type { SlaGoal } from '../api/api-types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A length of time as people read a countdown: seconds only in the last hour (so it visibly
 * ticks when it matters), then hours and minutes, then days and hours.
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000) * 1000);
  if (total < MINUTE) return `${Math.floor(total / 1000)}s`;
  if (total < HOUR) return `${Math.floor(total / MINUTE)}m ${Math.floor((total % MINUTE) / 1000)}s`;
  if (total < DAY) return `${Math.floor(total / HOUR)}h ${Math.floor((total % HOUR) / MINUTE)}m`;
  return `${Math.floor(total / DAY)}d ${Math.floor((total % DAY) / HOUR)}h`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

const ABBREVIATION = /^[A-Z]{2,5}$/;

/**
 * The zone an instant is shown in, as people name it: British English knows CET, EET, GMT and
 * BST but calls Los Angeles "GMT-8"; American English knows PST and EST but calls Berlin "GMT+1".
 * So the first abbreviation either offers, else the offset ("GMT+9"). Specific, not generic
 * ("PST"/"PDT", not "PT"): the reader should not have to know whether summer time applies.
 */
export function zoneName(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  const named = (locale: string) =>
    cachedFormat(locale, { timeZoneName: 'short', ...(timeZone ? { timeZone } : {}) })
      .formatToParts(date)
      .find((part) => part.type === 'timeZoneName')?.value ?? '';
  const british = named('en-GB');
  if (ABBREVIATION.test(british)) return british;
  const american = named('en-US');
  return ABBREVIATION.test(american) ? american : british;
}

function withZone(iso: string, options: Intl.DateTimeFormatOptions, timeZone?: string): string {
  const format = cachedFormat('en-GB', { ...options, ...(timeZone ? { timeZone } : {}) });
  return `${format.format(new Date(iso))} ${zoneName(iso, timeZone)}`;
}

/**
 * An instant in the viewer's time zone (or the one given), e.g. `Mon 2 Mar 2026, 09:00 UTC`, or
 * `09:00:05` with seconds (see `formatInstantsApart`).
 */
export function formatInstant(
  iso: string | undefined,
  timeZone?: string,
  precision: { seconds?: boolean } = {},
): string {
  if (!iso) return '—';
  return withZone(
    iso,
    {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(precision.seconds ? { second: '2-digit' } : {}),
    },
    timeZone,
  );
}

/**
 * Two instants shown side by side ("Met …, was due …"), with seconds when they fall in the same
 * minute: to the minute, an answer 11 s late reads "Met 05:16 · was due 05:16" beside "Met late".
 */
export function formatInstantsApart(first: string, second: string, timeZone?: string): [string, string] {
  const minute = (iso: string) => Math.floor(Date.parse(iso) / MINUTE);
  const seconds = minute(first) === minute(second);
  return [formatInstant(first, timeZone, { seconds }), formatInstant(second, timeZone, { seconds })];
}

/**
 * An instant as the mails say it: in the zone given (the account's, the case's) with UTC beside it ("Sun 29 Nov 2026, 22:14 CET (21:14 UTC)"; the UTC date too when it
 * falls on another day), or UTC alone for a zone that reads as UTC or none (a reader who may not read the account's).
 */
export function formatWithUtc(iso: string | null | undefined, timeZone: string | null | undefined): string {
  if (!iso) return '—';
  const utc = formatInstant(iso, 'UTC');
  const there = formatInstant(iso, timeZone ?? 'UTC');
  if (there === utc) return utc;
  const day = (text: string) => text.slice(0, text.lastIndexOf(', '));
  const utcTime = utc.slice(utc.lastIndexOf(', ') + 2);
  return `${there} (${day(there) === day(utc) ? utcTime : utc})`;
}

/**
 * The instant in the case's zone, for a reader elsewhere; undefined when it reads the same as in
 * the viewer's zone (an engineer in the customer's zone needs it once, not twice).
 */
export function formatInCaseZone(iso: string | undefined, caseZone: string): string | undefined {
  if (!iso) return undefined;
  const there = formatInstant(iso, caseZone);
  return there === formatInstant(iso) ? undefined : there;
}

/** A short form for dense tables, with the viewer's zone: `2 Mar, 09:00 CET`. */
export function formatShortInstant(iso: string | undefined): string {
  return iso ? withZone(iso, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }) : '—';
}

/** For audit tables, where order within a minute matters: `2 Mar, 09:00:05 CET`. */
export function formatPreciseTime(iso: string): string {
  return withZone(iso, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** An SLA goal as the policy states it, e.g. `1 business day`, `1 hour (wall clock)`. */
export function formatGoal(goal: SlaGoal): string {
  const unit = goal.amount === 1 ? goal.unit.slice(0, -1) : goal.unit;
  return goal.clock === 'business'
    ? `${goal.amount} business ${unit}`
    : `${goal.amount} ${unit} (wall clock)`;
}

/** `YYYY-MM-DD` of an instant, in UTC (the day the daily report files it under). */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY);
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${Math.round(value * 10) / 10}%`;
}

/** The support policy's calendar a case's SLA clocks count on (absent from older API answers). */
export function businessCalendarName(calendar: string | null | undefined): string {
  return calendar ?? 'policy default';
}
