import { DEFAULT_SUPPORT_POLICY } from '../default-support-policy';
import type { SupportPolicy } from '../support-policy';
import { calendarsFingerprint, needsAdoption } from './policy-adoption';

const nineToFive = { workingHours: { monday: ['09:00-17:00'], friday: ['09:00-17:00'] } };
const v1: SupportPolicy = { ...DEFAULT_SUPPORT_POLICY, version: 'v1', calendar: nineToFive };

describe('needsAdoption', () => {
  it('Given an archive without the version, Then the policy in force is to be recorded', () => {
    expect(needsAdoption([], v1)).toBe(true);
    expect(needsAdoption([{ ...v1, version: 'v0' }], v1)).toBe(true);
  });

  it('Given the version recorded with the same calendars, Then nothing is recorded (other keys may differ: new built-in defaults)', () => {
    expect(needsAdoption([{ ...v1, atRiskShare: 0.5 }], v1)).toBe(false);
  });

  it('Given the version recorded with other calendars, Then it is refused naming the version', () => {
    const edited: SupportPolicy = { ...v1, calendar: { workingHours: { monday: ['10:00-12:00'] } } };
    expect(() => needsAdoption([v1], edited)).toThrow(
      /support policy version v1 was recorded with other calendars .* give the edited policy a new "version"/,
    );
    const named: SupportPolicy = {
      ...v1,
      calendars: { de: { ...nineToFive, publicHolidays: { country: 'DE' } } },
    };
    expect(() => needsAdoption([v1], named)).toThrow(/version v1/);
  });
});

describe('calendarsFingerprint', () => {
  it('does not depend on the order of keys in the file', () => {
    const reordered: SupportPolicy = {
      ...v1,
      calendar: { workingHours: { friday: ['09:00-17:00'], monday: ['09:00-17:00'] } },
    };
    expect(calendarsFingerprint(reordered)).toBe(calendarsFingerprint(v1));
  });
});
