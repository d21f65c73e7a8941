import {
  addDays,
  businessCalendarName,
  formatDuration,
  formatGoal,
  formatInstant,
  formatPercent,
  utcDay,
} from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [42_900, '42s'],
    [12 * 60_000 + 5_000, '12m 5s'],
    [3 * 3_600_000 + 12 * 60_000 + 59_000, '3h 12m'],
    [2 * 86_400_000 + 4 * 3_600_000, '2d 4h'],
    [-90_000, '1m 30s'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatInstant', () => {
  it('shows the instant in the given zone with the zone named', () => {
    expect(formatInstant('2026-03-02T09:00:00Z', 'UTC')).toMatch(/^Mon,? 2 Mar 2026, 09:00 UTC$/);
    expect(formatInstant('2026-03-02T09:00:00Z', 'Europe/Sofia')).toContain('11:00');
    expect(formatInstant(undefined)).toBe('—');
  });
});

describe('small formats', () => {
  it('reads goals, days and percentages', () => {
    expect(formatGoal({ amount: 1, unit: 'days', clock: 'business' })).toBe('1 business day');
    expect(formatGoal({ amount: 1, unit: 'hours', clock: 'wall' })).toBe('1 hour (wall clock)');
    expect(utcDay(Date.parse('2026-03-02T23:59:59Z'))).toBe('2026-03-02');
    expect(addDays('2026-03-01', -29)).toBe('2026-01-31');
    expect(formatPercent(87.456)).toBe('87.5%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('businessCalendarName', () => {
  it("names the case's calendar, or the policy's default when it has none", () => {
    expect(businessCalendarName('de-public-holidays')).toBe('de-public-holidays');
    expect(businessCalendarName(null)).toBe('policy default');
    expect(businessCalendarName(undefined)).toBe('policy default');
  });
});
