import { DEFAULT_CALENDAR_TEMPLATE } from '../sla/calendar/business-calendar';
import { parseSupportPolicy } from './parse-support-policy';
import {
  calendarForAccount,
  hasPolicyCalendar,
  isCalendarName,
  policyCalendarNames,
  resolveCalendar,
} from './policy-calendars';

const policy = parseSupportPolicy({
  version: 'calendars-1',
  calendars: {
    'de-public-holidays': { publicHolidays: { country: 'DE' } },
    'us-office': { timeZone: 'America/New_York', workingHours: { monday: ['09:00-17:00'] } },
  },
});

describe('policy calendars', () => {
  it('names the calendars besides the default, in the order of the file', () => {
    expect(policyCalendarNames(policy)).toEqual(['de-public-holidays', 'us-office']);
    expect(hasPolicyCalendar(policy, 'de-public-holidays')).toBe(true);
    expect(hasPolicyCalendar(policy, 'constructor')).toBe(false);
  });

  it('accepts simple identifiers as calendar names', () => {
    expect(['de-public-holidays', 'us_east', 'DE2'].every(isCalendarName)).toBe(true);
    expect(['', '2025', 'de public', 'de.bavaria', '-de', 'x'.repeat(65), 42].some(isCalendarName)).toBe(
      false,
    );
  });

  it('builds the default calendar when none is named, in the given zone', () => {
    expect(resolveCalendar(policy, { timeZone: 'Europe/Sofia' })).toEqual({
      calendar: { ...DEFAULT_CALENDAR_TEMPLATE, timeZone: 'Europe/Sofia' },
    });
    expect(resolveCalendar(policy, { timeZone: null, calendar: null }).calendar.timeZone).toBe('UTC');
  });

  it("builds a named calendar in the account's or case's zone, the template's own zone when it has none", () => {
    const german = resolveCalendar(policy, { timeZone: 'Europe/Berlin', calendar: 'de-public-holidays' });
    expect(german).toMatchObject({
      name: 'de-public-holidays',
      calendar: { timeZone: 'Europe/Berlin', publicHolidays: { country: 'DE' } },
    });
    expect(resolveCalendar(policy, { calendar: 'us-office' }).calendar.timeZone).toBe('America/New_York');
    expect(calendarForAccount(policy, 'Europe/Sofia', 'us-office')).toMatchObject({
      timeZone: 'Europe/Sofia',
      workingHours: { monday: ['09:00-17:00'] },
    });
  });

  it('falls back to the default template in the same zone for a name the policy does not have, and says so', () => {
    const resolved = resolveCalendar(policy, { timeZone: 'Europe/Paris', calendar: 'fr-public-holidays' });
    expect(resolved).toEqual({
      calendar: { ...DEFAULT_CALENDAR_TEMPLATE, timeZone: 'Europe/Paris' },
      missing: 'fr-public-holidays',
    });
    expect(resolveCalendar(policy, { timeZone: 'Europe/Paris', calendar: 'constructor' }).missing).toBe(
      'constructor',
    );
  });

  it('returns the same calendar object for the same policy, calendar and zone (the compiled cache hits)', () => {
    const choice = { timeZone: 'Europe/Berlin', calendar: 'de-public-holidays' };
    expect(resolveCalendar(policy, choice).calendar).toBe(resolveCalendar(policy, { ...choice }).calendar);
    expect(resolveCalendar(policy, { timeZone: 'Europe/Berlin', calendar: 'gone' }).calendar).toBe(
      resolveCalendar(policy, { timeZone: 'Europe/Berlin' }).calendar,
    );
    expect(resolveCalendar(policy, choice).calendar).not.toBe(
      resolveCalendar(policy, { timeZone: 'Europe/Berlin' }).calendar,
    );
  });
});
