/**
 * A business calendar as plain data (it can be stored in settings, events and policy files).
 * Treat it as immutable: the engine compiles each calendar object once and caches the result
 * by identity, so change a calendar by creating a new object.
 */
export interface BusinessCalendar {
  /** IANA time zone, e.g. `Europe/Sofia`; working hours and holiday dates are local to it. */
  timeZone: string;
  /**
   * Working intervals per weekday as `HH:mm-HH:mm` in local time, e.g. `['09:00-12:00', '13:00-17:00']`;
   * `00:00-24:00` is the whole day. A weekday that is missing or has an empty list is not worked.
   */
  workingHours: WorkingHours;
  /** Custom holidays: whole local days, `YYYY-MM-DD`. */
  holidays?: readonly string[];
  /** A country's public holidays (type `public` only) from the `date-holidays` library. */
  publicHolidays?: PublicHolidaysSource;
}

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** Index 0 is Monday, matching Luxon's `weekday - 1`. */
export const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

export type WorkingHours = Partial<Record<Weekday, readonly string[]>>;

/** Arguments of `new Holidays(country, state, region)` from `date-holidays`, e.g. `{ country: 'US' }`. */
export interface PublicHolidaysSource {
  country: string;
  state?: string;
  region?: string;
}

/** A calendar without its time zone: the policy's template, completed with each account's zone. */
export type BusinessCalendarTemplate = Omit<BusinessCalendar, 'timeZone'> & { timeZone?: string };

const ALL_DAY = ['00:00-24:00'] as const;

/** DOMAIN.md's default: Monday to Friday all day, no holidays. */
export const DEFAULT_CALENDAR_TEMPLATE: BusinessCalendarTemplate = Object.freeze({
  workingHours: Object.freeze({
    monday: ALL_DAY,
    tuesday: ALL_DAY,
    wednesday: ALL_DAY,
    thursday: ALL_DAY,
    friday: ALL_DAY,
  }),
  holidays: Object.freeze([]) as readonly string[],
});

/** The default calendar in the account's time zone (UTC when the account sets none). */
export function defaultBusinessCalendar(timeZone?: string): BusinessCalendar {
  return calendarFromTemplate(DEFAULT_CALENDAR_TEMPLATE, timeZone);
}

/**
 * Complete a template with an account's time zone. The zone falls back to the template's own
 * zone, then to UTC.
 */
export function calendarFromTemplate(
  template: BusinessCalendarTemplate,
  timeZone?: string,
): BusinessCalendar {
  return { ...template, timeZone: timeZone ?? template.timeZone ?? 'UTC' };
}
