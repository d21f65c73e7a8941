import { DateTime } from 'luxon';
import type { SlaDuration } from '../time/sla-duration';
import type { BusinessCalendar, PublicHolidaysSource } from './business-calendar';
import { addBusinessDuration, isWorkingTime } from './business-time';
import { HolidayLookup } from './holiday-lookup';

const NINE_TO_FIVE = ['09:00-17:00'];
const ALL_DAY = ['00:00-24:00'];
const weekdays = (hours: string[]) => ({
  monday: hours,
  tuesday: hours,
  wednesday: hours,
  thursday: hours,
  friday: hours,
});
const businessDays = (amount: number): SlaDuration => ({ amount, unit: 'days', clock: 'business' });

function calendarIn(timeZone: string, country: string, hours = NINE_TO_FIVE): BusinessCalendar {
  return { timeZone, workingHours: weekdays(hours), publicHolidays: { country } };
}

/** The instant of local wall time `HH:mm` on `date` in the calendar's zone, as an ISO instant. */
function at(calendar: BusinessCalendar, date: string, time: string): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: calendar.timeZone }).toUTC().toISO()!;
}

describe('public holidays that last several days', () => {
  it('takes every day of Seollal off, not only its first (Seoul, 09:00-18:00)', () => {
    const seoul = calendarIn('Asia/Seoul', 'KR', ['09:00-18:00']);
    // date-holidays: Seollal 2026 is Tuesday 17 to Thursday 19 February, one three-day entry.
    expect(isWorkingTime(seoul, '2026-02-18T10:00:00+09:00')).toBe(false);
    expect(isWorkingTime(seoul, '2026-02-19T10:00:00+09:00')).toBe(false);
    expect(addBusinessDuration(seoul, '2026-02-16T10:00:00+09:00', businessDays(1))).toBe(
      '2026-02-20T01:00:00.000Z',
    );
  });

  it.each<[string, string, string, string[], string[]]>([
    // [case, zone, country, local dates off, local dates worked around them]
    ['Chuseok 2025', 'Asia/Seoul', 'KR', ['2025-10-06', '2025-10-07'], ['2025-10-02', '2025-10-10']],
    [
      'the Russian New-Year holidays 2026 (1 to 8 January)',
      'Europe/Moscow',
      'RU',
      ['2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08'],
      ['2025-12-31', '2026-01-09'],
    ],
    [
      'Tết 2026 (16 to 20 February)',
      'Asia/Ho_Chi_Minh',
      'VN',
      ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
      ['2026-02-13', '2026-02-23'],
    ],
    [
      'Eid al-Adha 2026 in the UAE (three days)',
      'Asia/Dubai',
      'AE',
      ['2026-05-27', '2026-05-28', '2026-05-29'],
      ['2026-05-26', '2026-06-01'],
    ],
    [
      'Eid al-Adha 2026 in Saudi Arabia (four days from the day of Arafah)',
      'Asia/Riyadh',
      'SA',
      ['2026-05-26', '2026-05-27', '2026-05-28', '2026-05-29'],
      ['2026-05-25', '2026-06-01'],
    ],
    [
      'Eid al-Adha 2026 in Egypt (four days)',
      'Africa/Cairo',
      'EG',
      ['2026-05-27', '2026-05-28', '2026-05-29'],
      ['2026-05-26', '2026-06-01'],
    ],
    [
      'Ramazanski bajram 2025 in Bosnia, across the spring-forward change',
      'Europe/Sarajevo',
      'BA',
      ['2025-03-31', '2025-04-01'],
      ['2025-03-28', '2025-04-02'],
    ],
    [
      'the Armenian New Year and Christmas Eve holidays 2026',
      'Asia/Yerevan',
      'AM',
      ['2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06'],
      ['2026-01-07'],
    ],
    [
      "Eswatini's Incwala, from 28 December 2025 into the new year",
      'Africa/Mbabane',
      'SZ',
      ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02'],
      ['2026-01-05'],
    ],
  ])('%s: every day it covers is off', (_, timeZone, country, off, worked) => {
    const calendar = calendarIn(timeZone, country);
    for (const date of off)
      expect([date, isWorkingTime(calendar, at(calendar, date, '10:00'))]).toEqual([date, false]);
    for (const date of worked)
      expect([date, isWorkingTime(calendar, at(calendar, date, '10:00'))]).toEqual([date, true]);
  });

  it('ends a holiday at its exclusive end: the next local day is worked from midnight', () => {
    const seoul = calendarIn('Asia/Seoul', 'KR', ALL_DAY);
    expect(isWorkingTime(seoul, '2026-02-19T23:59:59+09:00')).toBe(false);
    expect(isWorkingTime(seoul, '2026-02-20T00:00:00+09:00')).toBe(true);
  });

  it("keeps the evening before a sunset-start holiday as working time (the library's day starts at 18:00)", () => {
    // date-holidays starts Eid al-Adha 2026 at 18:00 on Tuesday 26 May; the day off is Wednesday 27.
    const dubai = calendarIn('Asia/Dubai', 'AE', ALL_DAY);
    expect(isWorkingTime(dubai, '2026-05-26T20:00:00+04:00')).toBe(true);
    expect(isWorkingTime(dubai, '2026-05-27T00:00:00+04:00')).toBe(false);
  });

  it("applies the holiday's local dates in the calendar's own zone", () => {
    // A UTC calendar with Korean holidays has Seollal on 17 to 19 February, UTC dates.
    const utc = calendarIn('UTC', 'KR', ALL_DAY);
    expect(isWorkingTime(utc, '2026-02-16T23:59:59Z')).toBe(true);
    expect(isWorkingTime(utc, '2026-02-19T23:59:59Z')).toBe(false);
    expect(isWorkingTime(utc, '2026-02-20T00:00:00Z')).toBe(true);
  });
});

describe('public holidays that cover part of a day', () => {
  // Only the holiday's part is off: the working hours before it are worked.
  it.each<[string, string, string, string]>([
    ["Guatemala's Nochebuena from 12:00", 'America/Guatemala', 'GT', '2026-12-24'],
    ["Iceland's Aðfangadagur from 13:00", 'Atlantic/Reykjavik', 'IS', '2025-12-24'],
    ["China's International Women's Day from 12:00", 'Asia/Shanghai', 'CN', '2024-03-08'],
  ])('works the morning of %s and none of its hours', (_, timeZone, country, date) => {
    const calendar = calendarIn(timeZone, country);
    expect(isWorkingTime(calendar, at(calendar, date, '10:00'))).toBe(true);
    expect(isWorkingTime(calendar, at(calendar, date, '14:00'))).toBe(false);
    expect(isWorkingTime(calendar, at(calendar, date, '16:59'))).toBe(false);
  });

  it('counts the shortened day as a business day, as a short Friday: Wednesday 10:00 + 1 in Guatemala is Thursday 09:22:30', () => {
    // Wednesday 10:00 is an eighth into its 09:00-17:00 day; Thursday 24 December is worked 09:00-12:00,
    // and an eighth into those three hours is 09:22:30 (15:22:30 UTC).
    const guatemala = calendarIn('America/Guatemala', 'GT');
    expect(addBusinessDuration(guatemala, '2026-12-23T10:00:00-06:00', businessDays(1))).toBe(
      '2026-12-24T15:22:30.000Z',
    );
    const hours = { amount: 4, unit: 'hours', clock: 'business' } as const;
    // Three hours on the 24th (09:00-12:00), then the 25th is Christmas: the fourth is on the 28th.
    expect(addBusinessDuration(guatemala, '2026-12-24T09:00:00-06:00', hours)).toBe(
      '2026-12-28T16:00:00.000Z',
    );
  });
});

describe('HolidayLookup', () => {
  const korea: PublicHolidaysSource = { country: 'KR' };

  it('answers which part of a date is off: the whole day, or from the hour a holiday starts', () => {
    const lookup = new HolidayLookup(['2026-12-31'], { country: 'GT' });
    expect(lookup.offPartOf('2026-12-24', 2026)).toEqual({ startMs: 12 * 3_600_000, endMs: 86_400_000 });
    expect(lookup.offPartOf('2026-12-25', 2026)).toEqual({ startMs: 0, endMs: 86_400_000 });
    expect(lookup.offPartOf('2026-12-31', 2026)).toEqual({ startMs: 0, endMs: 86_400_000 });
    expect(lookup.offPartOf('2026-12-23', 2026)).toBeUndefined();
  });

  it('answers for every local date a public holiday covers', () => {
    const lookup = new HolidayLookup([], korea);
    const answers = ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((date) =>
      lookup.isHoliday(date, 2026),
    );
    expect(answers).toEqual([false, true, true, true, false]);
  });

  it('adds custom dates to the public holidays, and works without a country', () => {
    expect(new HolidayLookup(['2026-02-20'], korea).isHoliday('2026-02-20', 2026)).toBe(true);
    expect(new HolidayLookup(['2026-02-20']).isHoliday('2026-02-20', 2026)).toBe(true);
    expect(new HolidayLookup(['2026-02-20']).isHoliday('2026-02-18', 2026)).toBe(false);
  });

  it('ignores bank holidays and observances', () => {
    // 8 March is an observance in Bulgaria; Christmas Eve is a bank holiday in Germany.
    expect(new HolidayLookup([], { country: 'BG' }).isHoliday('2024-03-08', 2024)).toBe(false);
    expect(new HolidayLookup([], { country: 'DE' }).isHoliday('2024-12-24', 2024)).toBe(false);
  });
});
