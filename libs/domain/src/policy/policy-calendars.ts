import {
  calendarFromTemplate,
  type BusinessCalendar,
  type BusinessCalendarTemplate,
} from '../sla/calendar/business-calendar';
import type { SupportPolicy } from './support-policy';

/**
 * How a named calendar is spelled in the policy file, on an account and in a case's events: a
 * letter, then letters, digits, `-` or `_` (e.g. `de-public-holidays`), so a name reads the same in
 * JSON paths, logs and URLs and can never be a dotted path or an object's built-in key.
 */
const CALENDAR_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function isCalendarName(value: unknown): value is string {
  return typeof value === 'string' && CALENDAR_NAME.test(value);
}

/** The names of the policy's calendars besides the default, in the policy file's order. */
export function policyCalendarNames(policy: SupportPolicy): string[] {
  return Object.keys(policy.calendars);
}

/** Whether the policy has a calendar of that name (own keys only: `constructor` is not a calendar). */
export function hasPolicyCalendar(policy: SupportPolicy, name: string): boolean {
  return Object.hasOwn(policy.calendars, name);
}

/**
 * Whose business time is counted where: an account (its current settings) or a case (the settings
 * recorded when it was opened). `calendar` absent or null means the policy's default calendar;
 * `timeZone` absent or null means the template's own zone, then UTC.
 */
export interface CalendarChoice {
  timeZone?: string | null;
  calendar?: string | null;
}

export interface ResolvedCalendar {
  calendar: BusinessCalendar;
  /** The policy calendar it was built from; undefined for the default. */
  name?: string;
  /**
   * The name asked for when the policy in force does not have it (a later policy file dropped or
   * renamed it): `calendar` is then the default template in the same zone. The caller says so.
   */
  missing?: string;
}

const calendarsByPolicy = new WeakMap<SupportPolicy, Map<string, BusinessCalendar>>();

/**
 * The business calendar of an account or a case: the policy's calendar of that name (the default
 * `calendar` when it names none) completed with its time zone. A name the policy no longer has
 * falls back to the default template in the same zone, so business time keeps running rather
 * than a case becoming impossible to work; `missing` tells the caller to warn about it.
 * Returns the same calendar object for the same policy, template and zone, so the compiled
 * calendar cache hits by identity.
 */
export function resolveCalendar(policy: SupportPolicy, choice: CalendarChoice): ResolvedCalendar {
  const asked = choice.calendar ?? undefined;
  const name = asked !== undefined && hasPolicyCalendar(policy, asked) ? asked : undefined;
  const template = name === undefined ? policy.calendar : policy.calendars[name];
  const calendar = cachedCalendar(policy, name, template, choice.timeZone ?? undefined);
  if (asked !== undefined && name === undefined) return { calendar, missing: asked };
  return name === undefined ? { calendar } : { calendar, name };
}

/**
 * The policy's calendar in an account's time zone (the template's zone, then UTC, when it has none):
 * the named one when `calendarName` is given and the policy has it, else the default.
 */
export function calendarForAccount(
  policy: SupportPolicy,
  timeZone?: string | null,
  calendarName?: string | null,
): BusinessCalendar {
  return resolveCalendar(policy, { timeZone, calendar: calendarName }).calendar;
}

function cachedCalendar(
  policy: SupportPolicy,
  name: string | undefined,
  template: BusinessCalendarTemplate,
  timeZone: string | undefined,
): BusinessCalendar {
  let byKey = calendarsByPolicy.get(policy);
  if (!byKey) calendarsByPolicy.set(policy, (byKey = new Map()));
  // A name cannot hold a space, so the key is unambiguous; '' is the default calendar.
  const key = `${name ?? ''} ${timeZone ?? ''}`;
  let calendar = byKey.get(key);
  if (!calendar) byKey.set(key, (calendar = Object.freeze(calendarFromTemplate(template, timeZone))));
  return calendar;
}
