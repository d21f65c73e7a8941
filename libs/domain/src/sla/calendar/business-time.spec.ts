import type { SlaDuration } from '../time/sla-duration';
import { defaultBusinessCalendar, type BusinessCalendar } from './business-calendar';
import {
  addBusinessDuration,
  businessDurationBetween,
  businessMillisBetween,
  isWorkingTime,
  nextWorkingTime,
} from './business-time';

const businessDays = (amount: number): SlaDuration => ({ amount, unit: 'days', clock: 'business' });
const businessHours = (amount: number): SlaDuration => ({ amount, unit: 'hours', clock: 'business' });
const wallHours = (amount: number): SlaDuration => ({ amount, unit: 'hours', clock: 'wall' });

const WEEKDAYS_9_TO_5 = {
  monday: ['09:00-17:00'],
  tuesday: ['09:00-17:00'],
  wednesday: ['09:00-17:00'],
  thursday: ['09:00-17:00'],
  friday: ['09:00-17:00'],
};
const ALL_DAY = ['00:00-24:00'];
const EVERY_DAY_ALL_DAY = {
  monday: ALL_DAY,
  tuesday: ALL_DAY,
  wednesday: ALL_DAY,
  thursday: ALL_DAY,
  friday: ALL_DAY,
  saturday: ALL_DAY,
  sunday: ALL_DAY,
};

describe('business time on the default calendar (Monday to Friday, all day, UTC)', () => {
  const calendar = defaultBusinessCalendar();

  it('makes a severity 2 case opened on Friday at 15:00 due on Monday at 15:00', () => {
    expect(addBusinessDuration(calendar, '2024-05-24T15:00:00Z', businessDays(1))).toBe(
      '2024-05-27T15:00:00.000Z',
    );
  });

  it('counts one business day as 24 working hours', () => {
    expect(addBusinessDuration(calendar, '2024-05-24T15:00:00Z', businessHours(24))).toBe(
      '2024-05-27T15:00:00.000Z',
    );
    expect(businessDurationBetween(calendar, '2024-05-24T15:00:00Z', '2024-05-27T15:00:00Z')).toEqual(
      businessHours(24),
    );
  });

  it('counts a weekend start from Monday 00:00', () => {
    expect(addBusinessDuration(calendar, '2024-05-25T10:00:00Z', businessDays(1))).toBe(
      '2024-05-28T00:00:00.000Z',
    );
    expect(addBusinessDuration(calendar, '2024-05-25T10:00:00Z', businessHours(1))).toBe(
      '2024-05-27T01:00:00.000Z',
    );
  });

  it('answers a severity 1 case opened at 23:30 on Saturday within one wall-clock hour, weekend or not', () => {
    expect(addBusinessDuration(calendar, '2024-05-25T23:30:00Z', wallHours(1))).toBe(
      '2024-05-26T00:30:00.000Z',
    );
  });

  it('uses the account time zone', () => {
    const sofia = defaultBusinessCalendar('Europe/Sofia');
    // Friday 15:00 in Sofia (EEST, UTC+3) to Monday 15:00 in Sofia.
    expect(addBusinessDuration(sofia, '2024-05-24T12:00:00Z', businessDays(1))).toBe(
      '2024-05-27T12:00:00.000Z',
    );
    expect(addBusinessDuration(sofia, '2024-05-24T15:00:00+03:00', businessDays(1))).toBe(
      '2024-05-27T12:00:00.000Z',
    );
  });

  it('adds nothing for a zero duration, even outside working time', () => {
    expect(addBusinessDuration(calendar, '2024-05-25T10:00:00Z', businessDays(0))).toBe(
      '2024-05-25T10:00:00.000Z',
    );
  });

  it('refuses negative amounts and instants without an offset', () => {
    expect(() => addBusinessDuration(calendar, '2024-05-24T15:00:00Z', businessDays(-1))).toThrow(RangeError);
    expect(() => addBusinessDuration(calendar, '2024-05-24T15:00:00', businessDays(1))).toThrow(RangeError);
  });
});

describe('holidays', () => {
  it('skips a custom holiday on the Monday after the weekend', () => {
    const calendar: BusinessCalendar = { ...defaultBusinessCalendar(), holidays: ['2024-05-27'] };
    expect(addBusinessDuration(calendar, '2024-05-24T15:00:00Z', businessDays(1))).toBe(
      '2024-05-28T15:00:00.000Z',
    );
    expect(businessMillisBetween(calendar, '2024-05-24T15:00:00Z', '2024-05-28T15:00:00Z')).toBe(
      24 * 3_600_000,
    );
  });

  it('skips US Memorial Day from date-holidays', () => {
    const calendar: BusinessCalendar = {
      ...defaultBusinessCalendar('America/New_York'),
      publicHolidays: { country: 'US' },
    };
    // Friday 24 May 2024 15:00 EDT; Monday 27 May is Memorial Day.
    expect(addBusinessDuration(calendar, '2024-05-24T19:00:00Z', businessDays(1))).toBe(
      '2024-05-28T19:00:00.000Z',
    );
    expect(isWorkingTime(calendar, '2024-05-27T16:00:00Z')).toBe(false);
  });

  it('skips the Bulgarian Easter holidays (Good Friday to Easter Monday, 2024)', () => {
    const calendar: BusinessCalendar = {
      ...defaultBusinessCalendar('Europe/Sofia'),
      publicHolidays: { country: 'BG' },
    };
    // Thursday 2 May 10:00 EEST; Friday 3 May and Monday 6 May are public holidays.
    expect(addBusinessDuration(calendar, '2024-05-02T07:00:00Z', businessDays(1))).toBe(
      '2024-05-07T07:00:00.000Z',
    );
  });

  it('works on observances that are not public holidays', () => {
    const calendar: BusinessCalendar = {
      ...defaultBusinessCalendar('Europe/Sofia'),
      publicHolidays: { country: 'BG' },
    };
    // 8 March (Women's Day) is an observance in Bulgaria, a normal working Friday.
    expect(isWorkingTime(calendar, '2024-03-08T10:00:00Z')).toBe(true);
  });
});

describe('a 09:00-17:00 calendar', () => {
  const calendar: BusinessCalendar = { timeZone: 'UTC', workingHours: WEEKDAYS_9_TO_5 };

  it('carries business hours across the weekend', () => {
    expect(addBusinessDuration(calendar, '2024-05-24T15:00:00Z', businessHours(4))).toBe(
      '2024-05-27T11:00:00.000Z',
    );
  });

  it('makes one business day eight working hours: Friday 15:00 to Monday 15:00', () => {
    expect(addBusinessDuration(calendar, '2024-05-24T15:00:00Z', businessDays(1))).toBe(
      '2024-05-27T15:00:00.000Z',
    );
    expect(addBusinessDuration(calendar, '2024-05-24T15:00:00Z', businessHours(8))).toBe(
      '2024-05-27T15:00:00.000Z',
    );
  });

  it('lands on the end of the working day rather than the next morning', () => {
    expect(addBusinessDuration(calendar, '2024-05-24T15:00:00Z', businessHours(2))).toBe(
      '2024-05-24T17:00:00.000Z',
    );
    expect(addBusinessDuration(calendar, '2024-05-27T09:00:00Z', businessDays(1))).toBe(
      '2024-05-27T17:00:00.000Z',
    );
  });

  it('starts counting after hours from the next opening', () => {
    expect(addBusinessDuration(calendar, '2024-05-24T18:00:00Z', businessHours(1))).toBe(
      '2024-05-27T10:00:00.000Z',
    );
    expect(addBusinessDuration(calendar, '2024-05-25T12:00:00Z', businessDays(1))).toBe(
      '2024-05-27T17:00:00.000Z',
    );
    expect(nextWorkingTime(calendar, '2024-05-25T12:00:00Z')).toBe('2024-05-27T09:00:00.000Z');
  });

  it('skips the lunch break of a split day', () => {
    const split: BusinessCalendar = {
      timeZone: 'UTC',
      workingHours: { monday: ['09:00-12:00', '13:00-17:00'] },
    };
    expect(addBusinessDuration(split, '2024-05-27T11:00:00Z', businessHours(2))).toBe(
      '2024-05-27T14:00:00.000Z',
    );
    expect(isWorkingTime(split, '2024-05-27T12:30:00Z')).toBe(false);
  });

  it('measures business time between two instants, negative backwards', () => {
    expect(businessDurationBetween(calendar, '2024-05-24T15:00:00Z', '2024-05-27T11:00:00Z')).toEqual(
      businessHours(4),
    );
    expect(businessDurationBetween(calendar, '2024-05-27T11:00:00Z', '2024-05-24T15:00:00Z')).toEqual(
      businessHours(-4),
    );
    expect(businessDurationBetween(calendar, '2024-05-24T13:00:00Z', '2024-05-28T13:00:00Z', 'days')).toEqual(
      businessDays(2),
    );
  });
});

describe('business days when weekdays have different hours', () => {
  // Monday to Thursday 09:00-17:00, a short Friday 09:00-13:00.
  const calendar: BusinessCalendar = {
    timeZone: 'UTC',
    workingHours: { ...WEEKDAYS_9_TO_5, friday: ['09:00-13:00'] },
  };

  it('lands at the same share of the next working day: Thursday 15:00 (75%) + 1 = Friday 12:00 (75%)', () => {
    expect(addBusinessDuration(calendar, '2024-05-23T15:00:00Z', businessDays(1))).toBe(
      '2024-05-24T12:00:00.000Z',
    );
  });

  it('lands at the same share from the short day: Friday 11:00 (50%) + 1 = Monday 13:00 (50%)', () => {
    expect(addBusinessDuration(calendar, '2024-05-24T11:00:00Z', businessDays(1))).toBe(
      '2024-05-27T13:00:00.000Z',
    );
  });

  it('adds back a measured amount carrying float noise without spilling into the next morning', () => {
    // 14 working days measured from Tuesday 10:06:55.226 across a holiday come out as
    // 14.000000000000002; from Thursday 17:00 they end on Thursday 17:00, two weeks later.
    const withHoliday: BusinessCalendar = { ...calendar, holidays: ['2024-06-14'] };
    const measured = businessDurationBetween(
      withHoliday,
      '2024-06-04T10:06:55.226Z',
      '2024-06-25T10:06:55.226Z',
      'days',
    );
    expect(measured.amount).not.toBe(14);
    expect(addBusinessDuration(withHoliday, '2024-06-06T17:00:00Z', measured)).toBe(
      '2024-06-27T17:00:00.000Z',
    );
  });

  it('whereas business hours count the short day as four hours', () => {
    expect(addBusinessDuration(calendar, '2024-05-23T15:00:00Z', businessHours(8))).toBe(
      '2024-05-27T11:00:00.000Z',
    );
  });
});

describe('daylight-saving changes', () => {
  describe('a 09:00-17:00 day stays eight hours', () => {
    it.each([
      // Europe/Sofia springs forward on Sunday 31 March 2024: Friday 15:00 EET (13:00Z) to Monday 11:00 EEST (08:00Z).
      ['Europe/Sofia', '2024-03-29T13:00:00Z', '2024-04-01T08:00:00.000Z'],
      // Europe/Sofia falls back on Sunday 27 October 2024: Friday 15:00 EEST (12:00Z) to Monday 11:00 EET (09:00Z).
      ['Europe/Sofia', '2024-10-25T12:00:00Z', '2024-10-28T09:00:00.000Z'],
      // America/New_York springs forward on Sunday 10 March 2024.
      ['America/New_York', '2024-03-08T20:00:00Z', '2024-03-11T15:00:00.000Z'],
      // America/New_York falls back on Sunday 3 November 2024.
      ['America/New_York', '2024-11-01T19:00:00Z', '2024-11-04T16:00:00.000Z'],
    ])('in %s from %s', (timeZone, start, due) => {
      const calendar: BusinessCalendar = { timeZone, workingHours: WEEKDAYS_9_TO_5 };
      expect(addBusinessDuration(calendar, start, businessHours(4))).toBe(due);
      expect(businessMillisBetween(calendar, start, due)).toBe(4 * 3_600_000);
    });

    it('on the change day itself when it is worked (Sunday 09:00-17:00 in New York)', () => {
      const calendar: BusinessCalendar = {
        timeZone: 'America/New_York',
        workingHours: { sunday: ['09:00-17:00'] },
      };
      expect(businessMillisBetween(calendar, '2024-03-10T00:00:00Z', '2024-03-11T00:00:00Z')).toBe(
        8 * 3_600_000,
      );
      expect(businessMillisBetween(calendar, '2024-11-03T00:00:00Z', '2024-11-04T00:00:00Z')).toBe(
        8 * 3_600_000,
      );
    });
  });

  describe('an all-day working day that has the change', () => {
    const newYork: BusinessCalendar = { timeZone: 'America/New_York', workingHours: EVERY_DAY_ALL_DAY };
    const sofia: BusinessCalendar = { timeZone: 'Europe/Sofia', workingHours: EVERY_DAY_ALL_DAY };

    it('holds 23 real working hours when springing forward and 25 when falling back', () => {
      expect(businessMillisBetween(newYork, '2024-03-10T05:00:00Z', '2024-03-11T04:00:00Z')).toBe(
        23 * 3_600_000,
      );
      expect(businessMillisBetween(newYork, '2024-11-03T04:00:00Z', '2024-11-04T05:00:00Z')).toBe(
        25 * 3_600_000,
      );
      expect(businessMillisBetween(sofia, '2024-03-30T22:00:00Z', '2024-03-31T21:00:00Z')).toBe(
        23 * 3_600_000,
      );
      expect(businessMillisBetween(sofia, '2024-10-26T21:00:00Z', '2024-10-27T22:00:00Z')).toBe(
        25 * 3_600_000,
      );
    });

    it('is still one business day, landing at the same wall-clock time', () => {
      // Saturday 15:00 EST to Sunday 15:00 EDT (23 real hours).
      expect(addBusinessDuration(newYork, '2024-03-09T20:00:00Z', businessDays(1))).toBe(
        '2024-03-10T19:00:00.000Z',
      );
      // Saturday 15:00 EDT to Sunday 15:00 EST (25 real hours).
      expect(addBusinessDuration(newYork, '2024-11-02T19:00:00Z', businessDays(1))).toBe(
        '2024-11-03T20:00:00.000Z',
      );
      // Saturday 15:00 EET to Sunday 15:00 EEST in Sofia, and back in October.
      expect(addBusinessDuration(sofia, '2024-03-30T13:00:00Z', businessDays(1))).toBe(
        '2024-03-31T12:00:00.000Z',
      );
      expect(addBusinessDuration(sofia, '2024-10-26T12:00:00Z', businessDays(1))).toBe(
        '2024-10-27T13:00:00.000Z',
      );
    });

    it('while 24 business hours are 24 real working hours', () => {
      expect(addBusinessDuration(newYork, '2024-03-09T20:00:00Z', businessHours(24))).toBe(
        '2024-03-10T20:00:00.000Z',
      );
      expect(addBusinessDuration(newYork, '2024-11-02T19:00:00Z', businessHours(24))).toBe(
        '2024-11-03T19:00:00.000Z',
      );
    });

    it('lands a wall-clock time the change skips at the first instant after the jump', () => {
      // Saturday 02:30 EST + 1 business day: Sunday 02:30 does not exist; 03:00 EDT is when it has passed.
      expect(addBusinessDuration(newYork, '2024-03-09T07:30:00Z', businessDays(1))).toBe(
        '2024-03-10T07:00:00.000Z',
      );
    });

    it('lands a repeated wall-clock time on its first occurrence', () => {
      // Saturday 01:30 EDT + 1 business day: Sunday 01:30 happens twice; the first is 01:30 EDT (05:30Z).
      expect(addBusinessDuration(newYork, '2024-11-02T05:30:00Z', businessDays(1))).toBe(
        '2024-11-03T05:30:00.000Z',
      );
    });
  });

  describe('24x7 wall-clock goals count real elapsed time', () => {
    it.each([
      // 01:30 EST + 1 hour = 03:30 EDT.
      ['America/New_York spring forward', '2024-03-10T06:30:00Z', '2024-03-10T07:30:00.000Z'],
      // 01:30 EDT + 1 hour = 01:30 EST.
      ['America/New_York fall back', '2024-11-03T05:30:00Z', '2024-11-03T06:30:00.000Z'],
      // 02:30 EET + 1 hour = 04:30 EEST.
      ['Europe/Sofia spring forward', '2024-03-31T00:30:00Z', '2024-03-31T01:30:00.000Z'],
      // 03:30 EEST + 1 hour = 03:30 EET.
      ['Europe/Sofia fall back', '2024-10-27T00:30:00Z', '2024-10-27T01:30:00.000Z'],
    ])('%s', (name, start, due) => {
      const timeZone = name.split(' ')[0];
      expect(addBusinessDuration(defaultBusinessCalendar(timeZone), start, wallHours(1))).toBe(due);
    });
  });
});
