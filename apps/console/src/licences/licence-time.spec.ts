import { formatWithUtc } from '../shared/format';

describe('times on the Licences pages', () => {
  it('says an instant in the account’s zone with UTC beside it, as the mails do', () => {
    expect(formatWithUtc('2026-11-29T21:14:00.000Z', 'Europe/Berlin')).toMatch(
      /^Sun,? 29 Nov 2026, 22:14 CET \(21:14 UTC\)$/,
    );
    expect(formatWithUtc('2026-11-29T23:30:00.000Z', 'Europe/Berlin')).toMatch(
      /^Mon,? 30 Nov 2026, 00:30 CET \(Sun,? 29 Nov 2026, 23:30 UTC\)$/,
    );
    expect(formatWithUtc('2026-11-29T21:14:00.000Z', null)).toMatch(/^Sun,? 29 Nov 2026, 21:14 UTC$/);
    expect(formatWithUtc(null, 'Europe/Berlin')).toBe('—');
  });
});
