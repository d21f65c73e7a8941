import Holidays, { type HolidaysTypes } from 'date-holidays';
import type { PublicHolidaysSource } from './business-calendar';

const DAY_MS = 86_400_000;
/** `date-holidays`' `date`: local start as `YYYY-MM-DD hh:mm:ss`, then an offset when it moved `start`. */
const LIBRARY_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?: ([+-])(\d{2})(\d{2}))?$/;

/**
 * Answers "is this local date a holiday?" for one calendar: its custom dates plus, when configured,
 * the country's public holidays (type `public` only; bank, school and observance days are worked).
 * Every local date a public holiday covers is a holiday, so a multi-day entry (Korea's Seollal,
 * Russia's New-Year holidays, an Eid of three or four days) takes all its days off.
 *
 * A holiday that covers only part of a day (Guatemala's Nochebuena from 12:00, Iceland's
 * Aðfangadagur from 13:00) takes the whole day off: the engine plans holidays as whole days, so it
 * never counts a holiday hour as working time, at the price of the working hours before it.
 * Taking off only the holiday's part needs `CompiledCalendar.buildPlan` to ask this class for the
 * day's remaining intervals instead of a yes or no.
 *
 * `date-holidays` computes a whole year at a time, so each year is computed once and kept.
 */
export class HolidayLookup {
  private readonly custom: ReadonlySet<string>;
  private readonly library?: Holidays;
  private readonly publicByYear = new Map<number, ReadonlySet<string>>();

  constructor(customDates: readonly string[] = [], source?: PublicHolidaysSource) {
    this.custom = new Set(customDates);
    // In UTC the library's `start` and `end` carry the holiday's local wall-clock times as their UTC
    // fields, with no daylight-saving change in between; holiday dates are local dates of the calendar.
    if (source) {
      this.library = new Holidays(source.country, source.state ?? '', source.region ?? '', {
        timezone: 'UTC',
      });
    }
  }

  /** `date` is a local date as `YYYY-MM-DD`; `year` is its year. */
  isHoliday(date: string, year: number): boolean {
    return this.custom.has(date) || (this.library !== undefined && this.publicHolidaysOf(year).has(date));
  }

  private publicHolidaysOf(year: number): ReadonlySet<string> {
    let dates = this.publicByYear.get(year);
    if (!dates) {
      const inYear = new Set<string>();
      // A holiday of the previous year may run into this one (Eswatini's Incwala from 28 December).
      for (const holiday of [
        ...this.publicHolidaysListedIn(year - 1),
        ...this.publicHolidaysListedIn(year),
      ]) {
        for (const date of localDatesCovered(holiday)) {
          if (Number(date.slice(0, 4)) === year) inYear.add(date);
        }
      }
      dates = inYear;
      this.publicByYear.set(year, dates);
    }
    return dates;
  }

  private publicHolidaysListedIn(year: number): HolidaysTypes.Holiday[] {
    return (this.library?.getHolidays(year) ?? []).filter((holiday) => holiday.type === 'public');
  }
}

/** The local dates (`YYYY-MM-DD`) that `[start, end)` of a holiday computed in UTC touches. */
function localDatesCovered(holiday: HolidaysTypes.Holiday): string[] {
  // Islamic and Hebrew days begin at sunset: the library starts them at 18:00 the evening before and
  // marks that in `date` (`2024-04-10 00:00:00 -0600`). The day off is the civil date, so undo the shift.
  const offset = LIBRARY_DATE.exec(holiday.date);
  const shiftMs = offset?.[1]
    ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000
    : 0;
  const start = holiday.start.getTime() - shiftMs;
  const end = holiday.end.getTime() - shiftMs;
  const dates: string[] = [];
  for (let day = Math.floor(start / DAY_MS) * DAY_MS; day < end; day += DAY_MS) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}
