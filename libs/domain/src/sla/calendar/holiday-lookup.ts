import Holidays from 'date-holidays';
import type { PublicHolidaysSource } from './business-calendar';

/**
 * Answers "is this local date a holiday?" for one calendar: its custom dates plus, when configured,
 * the country's public holidays (type `public` only; bank, school and observance days are worked).
 * `date-holidays` computes a whole year at a time, so each year is computed once and kept.
 */
export class HolidayLookup {
  private readonly custom: ReadonlySet<string>;
  private readonly library?: Holidays;
  private readonly publicByYear = new Map<number, ReadonlySet<string>>();

  constructor(customDates: readonly string[] = [], source?: PublicHolidaysSource) {
    this.custom = new Set(customDates);
    if (source) this.library = new Holidays(source.country, source.state ?? '', source.region ?? '');
  }

  /** `date` is a local date as `YYYY-MM-DD`. */
  isHoliday(date: string, year: number): boolean {
    return this.custom.has(date) || (this.library !== undefined && this.publicHolidaysOf(year).has(date));
  }

  private publicHolidaysOf(year: number): ReadonlySet<string> {
    let dates = this.publicByYear.get(year);
    if (!dates) {
      dates = new Set(
        (this.library?.getHolidays(year) ?? [])
          .filter((holiday) => holiday.type === 'public')
          // The library's `date` is local to the country ("2024-05-27 00:00:00"); holidays are whole days.
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      this.publicByYear.set(year, dates);
    }
    return dates;
  }
}
