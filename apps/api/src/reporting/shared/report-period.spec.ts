import { ValidationProblemException } from '../../problems/validation-problem.exception';
import {
  dayPeriod,
  daysBefore,
  defaultLastDay,
  instantPeriod,
  instantsWithin,
  requireDate,
} from './report-period';

const fieldOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof ValidationProblemException)
      return error.fieldProblems.map((problem) => problem.field);
    throw error;
  }
  return [];
};

describe('report periods', () => {
  it('reads dates as whole UTC days: from their start, to their end', () => {
    expect(instantPeriod('2026-03-01', '2026-03-31')).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
  });

  it('takes instants as given, in UTC', () => {
    expect(instantPeriod('2026-03-01T10:00:00+02:00', undefined)).toEqual({
      from: '2026-03-01T08:00:00.000Z',
      to: undefined,
    });
  });

  describe('at the end of year 9999', () => {
    const END_OF_9999 = '+010000-01-01T00:00:00.000Z';

    it('ends 9999-12-31 at the next day’s start like every other date, not a millisecond early', () => {
      expect(instantPeriod('2026-01-01', '9999-12-30').to).toBe('9999-12-31T00:00:00.000Z');
      expect(instantPeriod('2026-01-01', '9999-12-31').to).toBe(END_OF_9999);
      expect(instantPeriod(undefined, '9999-12-31T23:30:00-05:00').to).toBe('+010000-01-01T04:30:00.000Z');
    });

    it('takes the last millisecond of 9999 through 9999-12-31 as a period of one millisecond', () => {
      expect(instantPeriod('9999-12-31T23:59:59.999Z', '9999-12-31')).toEqual({
        from: '9999-12-31T23:59:59.999Z',
        to: END_OF_9999,
      });
    });

    it('compares with stored instants, which sort as strings, without a bound no stored instant reaches', () => {
      expect(instantsWithin(instantPeriod('2026-01-01', '9999-12-31'))).toEqual({
        gte: '2026-01-01T00:00:00.000Z',
      });
      expect(instantsWithin(instantPeriod(undefined, '9999-12-31'))).toBeUndefined();
      expect(instantsWithin(instantPeriod('9999-12-31T23:59:59.999Z', '9999-12-31'))).toEqual({
        gte: '9999-12-31T23:59:59.999Z',
      });
      // A `from` past every stored instant matches none of them (`+010000` would sort before all).
      expect(instantsWithin(instantPeriod('9999-12-31T23:00:00-05:00', undefined))).toEqual({
        gt: '9999-12-31T23:59:59.999Z',
      });
      expect(instantsWithin(instantPeriod('2026-03-01', '2026-03-31'))).toEqual({
        gte: '2026-03-01T00:00:00.000Z',
        lt: '2026-04-01T00:00:00.000Z',
      });
      expect(instantsWithin({})).toBeUndefined();
    });
  });

  it('refuses days that do not exist and periods that end before they start, naming the field', () => {
    expect(fieldOf(() => instantPeriod('2026-02-30', undefined))).toEqual(['from']);
    expect(fieldOf(() => instantPeriod('2026-03-02', '2026-03-01'))).toEqual(['to']);
    expect(fieldOf(() => dayPeriod('2026-03-02', '2026-03-01', 31))).toEqual(['to']);
    expect(fieldOf(() => dayPeriod('2026-01-01', '2026-12-31', 31))).toEqual(['to']);
  });

  it('says a day that does not exist is not a date, where only dates are taken', () => {
    const problemsOf = (field: 'from' | 'to', value: string) => {
      try {
        requireDate(field, value);
      } catch (error) {
        return (error as ValidationProblemException).fieldProblems;
      }
      return undefined;
    };
    expect(problemsOf('from', '2026-02-30')).toEqual([
      { field: 'from', message: 'from must be a date (YYYY-MM-DD) that exists: 2026-02-30 is not a day' },
    ]);
    expect(problemsOf('to', '2026-13-01')).toEqual([
      { field: 'to', message: 'to must be a date (YYYY-MM-DD) that exists: 2026-13-01 is not a day' },
    ]);
    expect(problemsOf('to', '2028-02-29')).toBeUndefined();
  });

  it('refuses what Date.parse would bend: hour 24 and digits past the millisecond, naming the field', () => {
    const problemsOf = (from?: string, to?: string) => {
      try {
        instantPeriod(from, to);
      } catch (error) {
        return (error as ValidationProblemException).fieldProblems;
      }
      return undefined;
    };
    expect(problemsOf('2027-03-29T00:00:00.123456789Z')).toEqual([
      {
        field: 'from',
        message:
          'from must not be more precise than a millisecond: digits after the third decimal must be zeros',
      },
    ]);
    expect(problemsOf(undefined, '2027-03-29T00:00:00.1231Z')).toEqual([
      {
        field: 'to',
        message:
          'to must not be more precise than a millisecond: digits after the third decimal must be zeros',
      },
    ]);
    expect(problemsOf('2027-03-29T00:00:00.123000001Z')).toEqual([
      expect.objectContaining({ field: 'from' }),
    ]);
    expect(problemsOf('2027-03-29T24:00:00Z')).toEqual([
      { field: 'from', message: "from must have an hour from 00 to 23: write 24:00 as the next day's 00:00" },
    ]);
    expect(problemsOf(undefined, '2027-03-29t24:00+02:00')).toEqual([
      expect.objectContaining({ field: 'to' }),
    ]);
    // A millisecond, a tenth of a second, and the last instant of a day are as precise as stored.
    expect(instantPeriod('2027-03-29T00:00:00.123Z', '2027-03-29T23:59:59.9Z')).toEqual({
      from: '2027-03-29T00:00:00.123Z',
      to: '2027-03-29T23:59:59.900Z',
    });
  });

  describe('a period with no instant in it', () => {
    const messageOf = (from: string, to: string) => {
      try {
        instantPeriod(from, to);
      } catch (error) {
        return (error as ValidationProblemException).fieldProblems;
      }
      return undefined;
    };

    it('refuses an instant to equal to from as empty, not as "before from"', () => {
      const empty = [
        {
          field: 'to',
          message:
            'to must be later than from: to is exclusive, so a period that ends where it starts is empty',
        },
      ];
      expect(messageOf('2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z')).toEqual(empty);
      expect(messageOf('2026-11-20T12:00:00+02:00', '2026-11-20T10:00:00.000Z')).toEqual(empty);
      expect(messageOf('2026-11-20', '2026-11-20T00:00:00Z')).toEqual(empty);
    });

    it('refuses a to before from, including a date to whose day ends where from starts', () => {
      const before = [{ field: 'to', message: 'to must not be before from' }];
      expect(messageOf('2026-11-20T10:00:00Z', '2026-11-20T09:59:59Z')).toEqual(before);
      expect(messageOf('2026-11-20', '2026-11-19')).toEqual(before);
      expect(messageOf('2026-11-20T00:00:00Z', '2026-11-19')).toEqual(before);
    });

    it('takes a millisecond, and a single day', () => {
      expect(messageOf('2026-11-20T10:00:00Z', '2026-11-20T10:00:00.001Z')).toBeUndefined();
      expect(messageOf('2026-11-20', '2026-11-20')).toBeUndefined();
      expect(messageOf('2026-11-20T23:59:59.999Z', '2026-11-20')).toBeUndefined();
    });
  });

  it('lists every day of a day period, both ends included', () => {
    expect(dayPeriod('2026-02-27', '2026-03-02', 31).days).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(daysBefore('2026-03-02T15:00:00.000Z', 29)).toBe('2026-02-01');
  });

  describe('the last day when only the first was given', () => {
    it('is today when from is within the longest period before it', () => {
      expect(defaultLastDay('2026-02-01', '2026-03-05', 366)).toBe('2026-03-05');
    });

    it('is from itself when from is in the future', () => {
      expect(defaultLastDay('2027-01-01', '2026-03-05', 366)).toBe('2027-01-01');
    });

    it('is the last day of the longest period when from is older than that', () => {
      expect(defaultLastDay('2025-01-01', '2026-03-05', 366)).toBe('2026-01-01');
      expect(dayPeriod('2025-01-01', defaultLastDay('2025-01-01', '2026-03-05', 366), 366).days).toHaveLength(
        366,
      );
    });

    it('stays within year 9999', () => {
      expect(defaultLastDay('9999-12-01', '9999-12-31', 366)).toBe('9999-12-31');
      expect(defaultLastDay('9999-12-31', '2026-03-05', 366)).toBe('9999-12-31');
    });
  });
});
