import { DomainError } from '../../shared/domain-error';
import { defaultBusinessCalendar } from './business-calendar';
import { addBusinessDuration } from './business-time';
import { validateBusinessCalendar } from './validate-business-calendar';

function validationError(calendar: unknown): DomainError {
  try {
    validateBusinessCalendar(calendar);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the calendar to be refused');
}

describe('validateBusinessCalendar', () => {
  it('accepts the default calendar and split, all-day and holiday settings', () => {
    expect(validateBusinessCalendar(defaultBusinessCalendar('Europe/Sofia'))).toEqual(
      defaultBusinessCalendar('Europe/Sofia'),
    );
    const calendar = {
      timeZone: 'America/New_York',
      workingHours: { monday: ['13:00-17:00', '08:00-12:00'], saturday: ['00:00-24:00'], sunday: [] },
      holidays: ['2024-12-24'],
      publicHolidays: { country: 'de', state: 'by' },
    };
    expect(validateBusinessCalendar(calendar).publicHolidays).toEqual({ country: 'DE', state: 'BY' });
  });

  it.each([
    [
      'an unknown time zone',
      { timeZone: 'Europe/Atlantis', workingHours: { monday: ['09:00-17:00'] } },
      'calendar.timeZone',
    ],
    ['a missing time zone', { workingHours: { monday: ['09:00-17:00'] } }, 'calendar.timeZone'],
    [
      'an unknown weekday',
      { timeZone: 'UTC', workingHours: { funday: ['09:00-17:00'] } },
      'calendar.workingHours.funday',
    ],
    [
      'a malformed interval',
      { timeZone: 'UTC', workingHours: { monday: ['9-17'] } },
      'calendar.workingHours.monday.0',
    ],
    [
      'an hour past 24:00',
      { timeZone: 'UTC', workingHours: { monday: ['09:00-24:30'] } },
      'calendar.workingHours.monday.0',
    ],
    [
      'an empty interval',
      { timeZone: 'UTC', workingHours: { monday: ['09:00-09:00'] } },
      'calendar.workingHours.monday.0',
    ],
    [
      'overlapping intervals',
      { timeZone: 'UTC', workingHours: { monday: ['09:00-13:00', '12:00-17:00'] } },
      'calendar.workingHours.monday.1',
    ],
    [
      'a week without working time',
      { timeZone: 'UTC', workingHours: { monday: [] } },
      'calendar.workingHours',
    ],
    [
      'an impossible holiday',
      { timeZone: 'UTC', workingHours: { monday: ['09:00-17:00'] }, holidays: ['2024-02-30'] },
      'calendar.holidays.0',
    ],
    [
      'an unknown holiday country',
      { timeZone: 'UTC', workingHours: { monday: ['09:00-17:00'] }, publicHolidays: { country: 'XX' } },
      'calendar.publicHolidays.country',
    ],
    [
      'a region without a state',
      {
        timeZone: 'UTC',
        workingHours: { monday: ['09:00-17:00'] },
        publicHolidays: { country: 'DE', region: 'A' },
      },
      'calendar.publicHolidays.region',
    ],
  ])('refuses %s, naming the field', (_, calendar, field) => {
    const error = validationError(calendar);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'validation', code: 'invalid-business-calendar', field });
  });

  it('is applied before any arithmetic', () => {
    const calendar = { timeZone: 'Nowhere/Special', workingHours: { monday: ['09:00-17:00'] } };
    expect(() =>
      addBusinessDuration(calendar, '2024-05-24T15:00:00Z', { amount: 1, unit: 'hours', clock: 'business' }),
    ).toThrow(DomainError);
  });
});
