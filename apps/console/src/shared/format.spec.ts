import {
  addDays,
  businessCalendarName,
  formatDuration,
  formatGoal,
  formatInCaseZone,
  formatInstant,
  formatInstantsApart,
  formatPercent,
  formatPreciseTime,
  formatShortInstant,
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

describe('formatInstantsApart', () => {
  it('shows seconds when two instants side by side fall in the same minute, so their order shows', () => {
    const [due, met] = formatInstantsApart('2026-11-30T05:16:07.169Z', '2026-11-30T05:16:18.539Z', 'UTC');
    expect(due).toMatch(/^Mon,? 30 Nov 2026, 05:16:07 UTC$/);
    expect(met).toMatch(/^Mon,? 30 Nov 2026, 05:16:18 UTC$/);
  });

  it('keeps minutes when the minutes already differ', () => {
    const [due, met] = formatInstantsApart('2026-11-30T05:16:07.169Z', '2026-11-30T05:17:01.000Z', 'UTC');
    expect(due).toMatch(/^Mon,? 30 Nov 2026, 05:16 UTC$/);
    expect(met).toMatch(/^Mon,? 30 Nov 2026, 05:17 UTC$/);
  });
});

describe('zones', () => {
  const winter = '2026-11-29T17:12:04Z';
  const summer = '2026-07-01T12:00:00Z';
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  it('are named by the abbreviation people use where there is one, else the offset', () => {
    expect(formatInstant(winter, 'America/Los_Angeles')).toMatch(/^Sun,? 29 Nov 2026, 09:12 PST$/);
    expect(formatInstant(summer, 'America/Los_Angeles')).toMatch(/05:00 PDT$/);
    expect(formatInstant(winter, 'Europe/Berlin')).toMatch(/18:12 CET$/);
    expect(formatInstant(summer, 'Europe/Sofia')).toMatch(/15:00 EEST$/);
    expect(formatInstant(winter, 'America/New_York')).toMatch(/12:12 EST$/);
    expect(formatInstant(winter, 'Asia/Tokyo')).toMatch(/02:12 GMT\+9$/);
  });

  it("give the case's time only when it reads differently from the viewer's", () => {
    expect(formatInCaseZone(winter, viewerZone)).toBeUndefined();
    const elsewhere = viewerZone === 'Asia/Tokyo' ? 'Europe/Berlin' : 'Asia/Tokyo';
    expect(formatInCaseZone(winter, elsewhere)).toBe(formatInstant(winter, elsewhere));
    expect(formatInCaseZone(undefined, elsewhere)).toBeUndefined();
  });

  it("are named in the lists' and audit tables' short times too", () => {
    const zone = formatInstant(winter).split(' ').pop()!;
    expect(formatShortInstant(winter)).toMatch(
      new RegExp(`^\\d\\d? Nov, \\d\\d:\\d\\d ${zone.replace('+', '\\+')}$`),
    );
    expect(formatPreciseTime(winter)).toMatch(
      new RegExp(`^\\d\\d? Nov, \\d\\d:\\d\\d:04 ${zone.replace('+', '\\+')}$`),
    );
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
