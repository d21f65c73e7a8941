import { Logger } from '@nestjs/common';
import { parseSupportPolicy } from '@casetrail/domain';
import { businessCalendarOf, calendarsMissingFromPolicy } from './business-calendar-of';

describe('businessCalendarOf', () => {
  const policy = parseSupportPolicy({
    version: 'calendars-1',
    calendars: { 'de-public-holidays': { publicHolidays: { country: 'DE' } } },
  });
  let warn: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it("builds the case's named calendar in its zone, without a word", () => {
    const resolved = businessCalendarOf(policy, {
      timeZone: 'Europe/Berlin',
      calendar: 'de-public-holidays',
    });
    expect(resolved.calendar).toMatchObject({ timeZone: 'Europe/Berlin', publicHolidays: { country: 'DE' } });
    expect(warn).not.toHaveBeenCalled();
  });

  it('falls back to the default calendar for a name the policy dropped, warning once per name', () => {
    const first = businessCalendarOf(policy, { timeZone: 'Europe/Paris', calendar: 'fr-public-holidays' });
    businessCalendarOf(policy, { timeZone: 'Asia/Tokyo', calendar: 'fr-public-holidays' });
    businessCalendarOf(policy, { timeZone: 'Europe/Rome', calendar: 'it-public-holidays' });

    expect(first.calendar).toEqual({ ...policy.calendar, timeZone: 'Europe/Paris' });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0][0]).toMatch(/"fr-public-holidays".*calendars-1.*default calendar/);
    expect(warn.mock.calls[1][0]).toMatch(/"it-public-holidays"/);
    // What /health reports: the names met so far, for this policy only.
    expect(calendarsMissingFromPolicy(policy)).toEqual(['fr-public-holidays', 'it-public-holidays']);
    expect(calendarsMissingFromPolicy(parseSupportPolicy({ version: 'other' }))).toEqual([]);
  });
});
