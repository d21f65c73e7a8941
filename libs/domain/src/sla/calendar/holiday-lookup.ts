import Holidays, { type HolidaysTypes } from 'date-holidays';
import type { PublicHolidaysSource } from './business-calendar';
import type { LocalInterval } from './validate-business-calendar';

const DAY_MS = 86_400_000;
const WHOLE_DAY: LocalInterval = { startMs: 0, endMs: DAY_MS };
/** `date-holidays`' `date`: local start as `YYYY-MM-DD hh:mm:ss`, then an offset when it moved `start`. */
const LIBRARY_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?: ([+-])(\d{2})(\d{2}))?$/;

/**
 * Answers "is this local date a holiday?" for one calendar: its custom dates plus, when configured,
 * the country's public holidays (type `public` only; bank, school and observance days are worked).
 * Every local date a public holiday covers is a holiday, so a multi-day entry (Korea's Seollal,
 * Russia's New-Year holidays, an Eid of three or four days) takes all its days off.
 *
 * A holiday that covers only part of a day (Guatemala's Nochebuena from 12:00, Iceland's
 * Aðfangadagur from 13:00) takes only that part off: the working hours before it are worked.
 *
 * `date-holidays` computes a whole year at a time, so each year is computed once and kept.
 */
export class HolidayLookup {
  private readonly custom: ReadonlySet<string>;
  private readonly library?: Holidays;
  private readonly publicByYear = new Map<number, ReadonlyMap<string, LocalInterval>>();

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
    return this.offPartOf(date, year) !== undefined;
  }

  /**
   * The part of local date `date` (of year `year`) that is a holiday, in milliseconds since its
   * local midnight (`{0, DAY_MS}` for the whole day), or undefined when it is a working date.
   */
  offPartOf(date: string, year: number): LocalInterval | undefined {
    if (this.custom.has(date)) return WHOLE_DAY;
    return this.library === undefined ? undefined : this.publicHolidaysOf(year).get(date);
  }

  private publicHolidaysOf(year: number): ReadonlyMap<string, LocalInterval> {
    let parts = this.publicByYear.get(year);
    if (!parts) {
      const inYear = new Map<string, LocalInterval>();
      // A holiday of the previous year may run into this one (Eswatini's Incwala from 28 December).
      for (const holiday of [
        ...this.publicHolidaysListedIn(year - 1),
        ...this.publicHolidaysListedIn(year),
      ]) {
        for (const [date, part] of localPartsCovered(holiday)) {
          if (Number(date.slice(0, 4)) !== year) continue;
          // Two holidays on one date: off from the earlier start to the later end.
          const known = inYear.get(date);
          inYear.set(
            date,
            known
              ? { startMs: Math.min(known.startMs, part.startMs), endMs: Math.max(known.endMs, part.endMs) }
              : part,
          );
        }
      }
      parts = inYear;
      this.publicByYear.set(year, parts);
    }
    return parts;
  }

  private publicHolidaysListedIn(year: number): HolidaysTypes.Holiday[] {
    return (this.library?.getHolidays(year) ?? []).filter((holiday) => holiday.type === 'public');
  }
}

/**
 * The local dates (`YYYY-MM-DD`) that `[start, end)` of a holiday computed in UTC touches, each with
 * the part of it the holiday covers.
 */
function localPartsCovered(holiday: HolidaysTypes.Holiday): [string, LocalInterval][] {
  // Islamic and Hebrew days begin at sunset: the library starts them at 18:00 the evening before and
  // marks that in `date` (`2024-04-10 00:00:00 -0600`). The day off is the civil date, so undo the shift.
  const offset = LIBRARY_DATE.exec(holiday.date);
  const shiftMs = offset?.[1]
    ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000
    : 0;
  const start = holiday.start.getTime() - shiftMs;
  const end = holiday.end.getTime() - shiftMs;
  const parts: [string, LocalInterval][] = [];
  for (let day = Math.floor(start / DAY_MS) * DAY_MS; day < end; day += DAY_MS) {
    const part = { startMs: Math.max(start, day) - day, endMs: Math.min(end, day + DAY_MS) - day };
    parts.push([new Date(day).toISOString().slice(0, 10), part]);
  }
  return parts;
}
