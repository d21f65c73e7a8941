import { Logger } from '@nestjs/common';
import { parseSupportPolicy } from '@casetrail/domain';
import { goalMillisOf } from './business-durations';

const HOUR = 3_600_000;
const policy = parseSupportPolicy({
  version: 'calendars-1',
  calendars: { 'de-public-holidays': { publicHolidays: { country: 'DE' } } },
});
/** Tuesday 30 April 2024 11:00 to Thursday 2 May 11:00 in Berlin, over Labour Day (1 May). */
const overLabourDay: [string, string][] = [['2024-04-30T09:00:00.000Z', '2024-05-02T09:00:00.000Z']];

describe('goalMillisOf', () => {
  it("measures business time on the case's own calendar: a German case does not count Labour Day", () => {
    const german = { timeZone: 'Europe/Berlin', calendar: 'de-public-holidays' };
    expect(goalMillisOf(policy, 'business', german, overLabourDay)).toBe(24 * HOUR);
    expect(goalMillisOf(policy, 'business', { timeZone: 'Europe/Berlin' }, overLabourDay)).toBe(48 * HOUR);
  });

  it('measures a case whose calendar the policy dropped on the default calendar (with a warning)', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const gone = { timeZone: 'Europe/Berlin', calendar: 'fr-public-holidays' };
    expect(goalMillisOf(policy, 'business', gone, overLabourDay)).toBe(48 * HOUR);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"fr-public-holidays"'));
    warn.mockRestore();
  });

  it('measures a wall-clock goal in every hour, whatever the calendar', () => {
    const german = { timeZone: 'Europe/Berlin', calendar: 'de-public-holidays' };
    expect(goalMillisOf(policy, 'wall', german, overLabourDay)).toBe(48 * HOUR);
  });
});
