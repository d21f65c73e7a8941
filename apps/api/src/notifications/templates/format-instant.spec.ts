import { formatInstant, formatInstantsApart } from './format-instant';

describe('formatInstant', () => {
  it('shows the instant in the zone given, named, with the UTC time beside it', () => {
    expect(formatInstant('2026-11-27T17:14:00.000Z', 'America/Los_Angeles')).toBe(
      'Fri 27 Nov 2026, 09:14 PST (17:14 UTC)',
    );
    expect(formatInstant('2026-07-03T16:14:00.000Z', 'America/New_York')).toBe(
      'Fri 3 Jul 2026, 12:14 EDT (16:14 UTC)',
    );
  });

  it('uses the name the zone goes by in its own region, in Europe as in the US', () => {
    expect(formatInstant('2026-07-03T16:14:00.000Z', 'Europe/Berlin')).toBe(
      'Fri 3 Jul 2026, 18:14 CEST (16:14 UTC)',
    );
    expect(formatInstant('2026-11-27T17:14:00.000Z', 'Europe/London')).toBe(
      'Fri 27 Nov 2026, 17:14 GMT (17:14 UTC)',
    );
  });

  it('gives the offset from UTC for a zone with no English name', () => {
    expect(formatInstant('2026-11-27T05:30:00.000Z', 'Asia/Tokyo')).toBe(
      'Fri 27 Nov 2026, 14:30 UTC+9 (05:30 UTC)',
    );
  });

  it('names the UTC day when it is not the local one', () => {
    expect(formatInstant('2026-11-28T05:30:00.000Z', 'America/Los_Angeles')).toBe(
      'Fri 27 Nov 2026, 21:30 PST (Sat 28 Nov, 05:30 UTC)',
    );
  });

  it('shows UTC once when there is no zone, the zone is UTC, or the zone is unknown', () => {
    for (const zone of [undefined, 'UTC', 'Etc/UTC', 'Mars/Olympus_Mons']) {
      expect(formatInstant('2026-11-27T17:14:00.000Z', zone)).toBe('Fri 27 Nov 2026, 17:14 UTC');
    }
  });

  it('gives back what is not an instant as it is', () => {
    expect(formatInstant('soon', 'America/Los_Angeles')).toBe('soon');
  });
});

describe('formatInstantsApart', () => {
  it('shows seconds when the two instants fall in the same minute, so their order shows', () => {
    expect(formatInstantsApart('2026-11-30T05:16:07.169Z', '2026-11-30T05:16:18.539Z')).toEqual([
      'Mon 30 Nov 2026, 05:16:07 UTC',
      'Mon 30 Nov 2026, 05:16:18 UTC',
    ]);
    expect(
      formatInstantsApart('2026-11-30T05:16:07.169Z', '2026-11-30T05:16:18.539Z', 'America/New_York'),
    ).toEqual([
      'Mon 30 Nov 2026, 00:16:07 EST (05:16:07 UTC)',
      'Mon 30 Nov 2026, 00:16:18 EST (05:16:18 UTC)',
    ]);
  });

  it('keeps minutes when the minutes already differ', () => {
    expect(formatInstantsApart('2026-11-30T05:16:07.169Z', '2026-11-30T05:17:01.000Z')).toEqual([
      'Mon 30 Nov 2026, 05:16 UTC',
      'Mon 30 Nov 2026, 05:17 UTC',
    ]);
  });
});
