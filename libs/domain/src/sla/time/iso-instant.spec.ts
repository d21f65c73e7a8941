import { instantToMillis, isIsoInstant, millisToInstant } from './iso-instant';
import { describeDuration } from './sla-duration';

describe('ISO-8601 instants', () => {
  it('reads any offset and writes UTC with milliseconds', () => {
    expect(instantToMillis('2024-05-24T18:00:00+03:00')).toBe(Date.UTC(2024, 4, 24, 15));
    expect(millisToInstant(Date.UTC(2024, 4, 24, 15))).toBe('2024-05-24T15:00:00.000Z');
  });

  it('refuses local times without an offset and impossible dates', () => {
    expect(isIsoInstant('2024-05-24T15:00:00')).toBe(false);
    expect(isIsoInstant('2024-05-24')).toBe(false);
    expect(isIsoInstant('2024-13-24T15:00:00Z')).toBe(false);
    expect(() => instantToMillis('tomorrow')).toThrow(RangeError);
  });

  // Date.parse rolls a day past the month's end over into the next month: February 30th would be
  // taken as March 2nd, November 31st as December 1st.
  it('refuses a day the month does not have, which Date.parse would roll over', () => {
    for (const impossible of [
      '2026-02-30T18:26:03Z',
      '2026-02-29T00:00:00Z',
      '2100-02-29T12:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-06-31T00:00:00.000Z',
      '2026-09-31T23:59:59+02:00',
      '2026-11-31T00:00:00Z',
    ]) {
      expect({ impossible, valid: isIsoInstant(impossible) }).toEqual({ impossible, valid: false });
      expect(() => instantToMillis(impossible)).toThrow(RangeError);
    }
  });

  it('takes February 29th in leap years and the 31st of 31-day months', () => {
    expect(instantToMillis('2024-02-29T10:00:00Z')).toBe(Date.UTC(2024, 1, 29, 10));
    expect(instantToMillis('2000-02-29T10:00:00Z')).toBe(Date.UTC(2000, 1, 29, 10));
    expect(instantToMillis('2026-01-31T00:00:00Z')).toBe(Date.UTC(2026, 0, 31));
    expect(instantToMillis('2026-12-31T23:59:59.999Z')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59, 999));
    for (const valid of [
      '2024-02-29T10:00:00Z',
      '2026-02-28T10:00:00Z',
      '2026-03-31T10:00:00Z',
      '2026-04-30T10:00:00Z',
    ])
      expect({ valid, accepted: isIsoInstant(valid) }).toEqual({ valid, accepted: true });
  });

  it('checks the date as written, so an offset may move the instant into another month', () => {
    // 01:00 on March 1st in UTC+3 is February 28th in UTC; 23:00 on February 28th in UTC-2 is March 1st.
    expect(instantToMillis('2026-03-01T01:00:00+03:00')).toBe(Date.UTC(2026, 1, 28, 22));
    expect(instantToMillis('2026-02-28T23:00:00-02:00')).toBe(Date.UTC(2026, 2, 1, 1));
    expect(instantToMillis('2026-04-30T23:30:00-05:00')).toBe(Date.UTC(2026, 4, 1, 4, 30));
    expect(instantToMillis('2024-02-29T23:00:00-03:00')).toBe(Date.UTC(2024, 2, 1, 2));
    // A date that does not exist is refused even when its UTC instant would be a real one.
    expect(isIsoInstant('2026-02-29T01:00:00+03:00')).toBe(false);
    expect(isIsoInstant('2026-06-31T00:30:00+01:00')).toBe(false);
  });

  it('still refuses what Date.parse refuses: a 60th second or minute, day 0, a 24-hour offset', () => {
    for (const invalid of [
      '2026-01-01T23:59:60Z',
      '2026-01-01T23:60:00Z',
      '2026-01-00T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-01-01T00:00:00+24:00',
      'garbage',
    ])
      expect({ invalid, valid: isIsoInstant(invalid) }).toEqual({ invalid, valid: false });
  });
});

describe('describeDuration', () => {
  it('reads like the policy', () => {
    expect(describeDuration({ amount: 1, unit: 'days', clock: 'business' })).toBe('1 business day');
    expect(describeDuration({ amount: 4, unit: 'hours', clock: 'wall' })).toBe('4 hours (wall clock)');
  });
});
