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

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant in the viewer's time zone (or the one given), e.g. `Mon 2 Mar 2026, 09:00 UTC`. */
export function formatInstant(iso: string | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const key = timeZone ?? '';
  let format = instantFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
    instantFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

const shortFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** A short form for dense tables: `2 Mar, 09:00`. */
export function formatShortInstant(iso: string | undefined): string {
  return iso ? shortFormat.format(new Date(iso)) : '—';
}

const preciseFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** For audit tables, where order within a minute matters: `2 Mar, 09:00:05`. */
export function formatPreciseTime(iso: string): string {
  return preciseFormat.format(new Date(iso));
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
