import Holidays from 'date-holidays';
import { IANAZone } from 'luxon';
import {
  invalid,
  join,
  readArray,
  readObject,
  readString,
  rejectUnknownKeys,
} from '../../policy/json-validation';
import type {
  BusinessCalendar,
  BusinessCalendarTemplate,
  PublicHolidaysSource,
  WorkingHours,
} from './business-calendar';
import { WEEKDAYS, type Weekday } from './business-calendar';

const CODE = 'invalid-business-calendar';
const INTERVAL = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A working interval in milliseconds since local midnight, end exclusive. */
export interface LocalInterval {
  startMs: number;
  endMs: number;
}

/**
 * Validate a calendar (as data from a settings document or a request) and return it typed.
 * Throws a validation DomainError naming the bad field (`calendar.timeZone`,
 * `calendar.workingHours.friday.0`, ...): unknown zone, malformed or overlapping intervals, a week
 * without any working time, malformed holiday dates, an unknown holiday country.
 */
export function validateBusinessCalendar(calendar: unknown, path = 'calendar'): BusinessCalendar {
  const template = validateCalendarTemplate(calendar, path);
  readTimeZone((calendar as { timeZone?: unknown }).timeZone, join(path, 'timeZone'));
  return template as BusinessCalendar;
}

/** As `validateBusinessCalendar`, for a policy's template whose time zone is optional. */
export function validateCalendarTemplate(template: unknown, path = 'calendar'): BusinessCalendarTemplate {
  const object = readObject(CODE, template, path);
  rejectUnknownKeys(CODE, object, ['timeZone', 'workingHours', 'holidays', 'publicHolidays'], path);
  const result: BusinessCalendarTemplate = {
    workingHours: readWorkingHours(object.workingHours, join(path, 'workingHours')),
  };
  if (object.timeZone !== undefined) result.timeZone = readTimeZone(object.timeZone, join(path, 'timeZone'));
  if (object.holidays !== undefined)
    result.holidays = readHolidayDates(object.holidays, join(path, 'holidays'));
  if (object.publicHolidays !== undefined) {
    result.publicHolidays = readPublicHolidays(object.publicHolidays, join(path, 'publicHolidays'));
  }
  return result;
}

/** Parse `HH:mm-HH:mm` (end may be `24:00`) into milliseconds since local midnight. */
export function parseWorkingInterval(text: string, path = 'interval'): LocalInterval {
  const match = INTERVAL.exec(text);
  if (!match) throw invalid(CODE, path, `must look like 09:00-17:00, got ${JSON.stringify(text)}`);
  const [startHour, startMinute, endHour, endMinute] = match.slice(1).map(Number);
  if (
    startHour > 23 ||
    startMinute > 59 ||
    endMinute > 59 ||
    endHour > 24 ||
    (endHour === 24 && endMinute > 0)
  ) {
    throw invalid(CODE, path, `${text} is not a time of day (00:00 to 24:00)`);
  }
  const startMs = (startHour * 60 + startMinute) * 60_000;
  const endMs = (endHour * 60 + endMinute) * 60_000;
  if (endMs <= startMs) throw invalid(CODE, path, `${text} must end after it starts`);
  return { startMs, endMs };
}

function readTimeZone(value: unknown, path: string): string {
  const zone = readString(CODE, value, path);
  if (!IANAZone.isValidZone(zone))
    throw invalid(CODE, path, `${JSON.stringify(zone)} is not an IANA time zone`);
  return zone;
}

function readWorkingHours(value: unknown, path: string): WorkingHours {
  const object = readObject(CODE, value, path);
  rejectUnknownKeys(CODE, object, WEEKDAYS, path);
  const hours: WorkingHours = {};
  let anyWorkingTime = false;
  for (const weekday of Object.keys(object) as Weekday[]) {
    const dayPath = join(path, weekday);
    const texts = readArray(CODE, object[weekday], dayPath).map((item, index) =>
      readString(CODE, item, join(dayPath, index)),
    );
    const intervals = texts.map((text, index) => parseWorkingInterval(text, join(dayPath, index)));
    assertNoOverlap(intervals, texts, dayPath);
    hours[weekday] = texts;
    anyWorkingTime ||= intervals.length > 0;
  }
  if (!anyWorkingTime) throw invalid(CODE, path, 'must contain at least one working interval in the week');
  return hours;
}

function assertNoOverlap(intervals: LocalInterval[], texts: string[], path: string): void {
  const order = intervals
    .map((_, index) => index)
    .sort((a, b) => intervals[a].startMs - intervals[b].startMs);
  for (let i = 1; i < order.length; i++) {
    if (intervals[order[i]].startMs < intervals[order[i - 1]].endMs) {
      throw invalid(CODE, join(path, order[i]), `${texts[order[i]]} overlaps ${texts[order[i - 1]]}`);
    }
  }
}

function readHolidayDates(value: unknown, path: string): string[] {
  return readArray(CODE, value, path).map((item, index) => {
    const itemPath = join(path, index);
    const date = readString(CODE, item, itemPath);
    const parsed = DATE.test(date) ? new Date(`${date}T00:00:00Z`) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
      throw invalid(CODE, itemPath, `must be a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
    }
    return date;
  });
}

function readPublicHolidays(value: unknown, path: string): PublicHolidaysSource {
  const object = readObject(CODE, value, path);
  rejectUnknownKeys(CODE, object, ['country', 'state', 'region'], path);
  const country = readString(CODE, object.country, join(path, 'country')).toUpperCase();
  const catalogue = new Holidays();
  if (!catalogue.getCountries()[country]) {
    throw invalid(
      CODE,
      join(path, 'country'),
      `${JSON.stringify(country)} is not a country known to date-holidays`,
    );
  }
  const source: PublicHolidaysSource = { country };
  if (object.state !== undefined) {
    const state = readString(CODE, object.state, join(path, 'state')).toUpperCase();
    if (!catalogue.getStates(country)?.[state]) {
      throw invalid(CODE, join(path, 'state'), `${JSON.stringify(state)} is not a state of ${country}`);
    }
    source.state = state;
  }
  if (object.region !== undefined) {
    const region = readString(CODE, object.region, join(path, 'region')).toUpperCase();
    if (!source.state || !catalogue.getRegions(country, source.state)?.[region]) {
      throw invalid(
        CODE,
        join(path, 'region'),
        `${JSON.stringify(region)} is not a region of ${country}/${source.state ?? '?'}`,
      );
    }
    source.region = region;
  }
  return source;
}
