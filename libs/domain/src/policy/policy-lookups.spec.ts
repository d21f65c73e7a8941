import { DEFAULT_SUPPORT_POLICY } from './default-support-policy';
import { parseSupportPolicy } from './parse-support-policy';
import { calendarForAccount } from './policy-calendars';
import { isChannelAllowedForSeverity, planAllowsChannel } from './policy-lookups';

describe('policy lookups', () => {
  it('allows severity 1 by phone only and severity 2 by phone or web', () => {
    expect(isChannelAllowedForSeverity(DEFAULT_SUPPORT_POLICY, 1, 'web')).toBe(false);
    expect(isChannelAllowedForSeverity(DEFAULT_SUPPORT_POLICY, 1, 'phone')).toBe(true);
    expect(isChannelAllowedForSeverity(DEFAULT_SUPPORT_POLICY, 2, 'web')).toBe(true);
    expect(isChannelAllowedForSeverity(DEFAULT_SUPPORT_POLICY, 3, 'phone')).toBe(false);
  });

  it('ties phone support to the enterprise and mission-critical plans', () => {
    expect(planAllowsChannel(DEFAULT_SUPPORT_POLICY, 'standard', 'phone')).toBe(false);
    expect(planAllowsChannel(DEFAULT_SUPPORT_POLICY, 'standard', 'web')).toBe(true);
    expect(planAllowsChannel(DEFAULT_SUPPORT_POLICY, 'enterprise', 'phone')).toBe(true);
    expect(planAllowsChannel(DEFAULT_SUPPORT_POLICY, 'mission-critical', 'phone')).toBe(true);
  });

  it("puts the policy's calendar in the account's time zone, UTC when it has none", () => {
    expect(calendarForAccount(DEFAULT_SUPPORT_POLICY, 'Europe/Sofia').timeZone).toBe('Europe/Sofia');
    expect(calendarForAccount(DEFAULT_SUPPORT_POLICY).timeZone).toBe('UTC');
    expect(calendarForAccount(DEFAULT_SUPPORT_POLICY, null).workingHours).toEqual(
      DEFAULT_SUPPORT_POLICY.calendar.workingHours,
    );
  });

  it("falls back to the template's own zone and returns the same calendar object each time", () => {
    const policy = parseSupportPolicy({ version: '1', calendar: { timeZone: 'America/New_York' } });
    expect(calendarForAccount(policy).timeZone).toBe('America/New_York');
    expect(calendarForAccount(policy, 'Asia/Tokyo')).toBe(calendarForAccount(policy, 'Asia/Tokyo'));
  });
});
