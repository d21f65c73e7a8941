import fc from 'fast-check';
import { DateTime } from 'luxon';
import { isBeforeExpiry, licenceExpiresAt, newLicenceExpiry } from './licence-expiry';

/** The reading of an instant the fast path must agree with: Luxon's. */
function luxonMillis(iso: string): number {
  const instant = DateTime.fromISO(iso, { setZone: true });
  return instant.isValid ? instant.toMillis() : Number.NaN;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** UTC instants in the stored shape, including impossible ones (day 31 of February, hour 24). */
const utcShaped = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    fraction: fc.option(fc.integer({ min: 0, max: 999 }).chain((n) => fc.constantFrom(pad(n, 3), String(n)))),
  })
  .map(
    ({ year, month, day, hour, minute, second, fraction }) =>
      `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}` +
      `${fraction === null ? '' : `.${fraction}`}Z`,
  );

describe('licence expiry', () => {
  it('compares stored UTC instants exactly as Luxon reads them, impossible dates included', () => {
    fc.assert(
      fc.property(utcShaped, utcShaped, (at, expiresAt) => {
        expect(isBeforeExpiry(expiresAt, at)).toBe(luxonMillis(at) < luxonMillis(expiresAt));
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads instants with other offsets through Luxon', () => {
    expect(isBeforeExpiry('2026-04-01T12:00:00.000Z', '2026-04-01T14:59:59+03:00')).toBe(true);
    expect(isBeforeExpiry('2026-04-01T12:00:00.000Z', '2026-04-01T15:00:00+03:00')).toBe(false);
    expect(isBeforeExpiry('2026-02-30T00:00:00.000Z', '2026-01-01T00:00:00.000Z')).toBe(false);
  });

  it('answers a repeated activeUntil the same way, and refuses a bad one every time', () => {
    const first = licenceExpiresAt('2099-12-31');
    expect(licenceExpiresAt('2099-12-31')).toBe(first);
    expect(first).toBe('2100-01-01T12:00:00.000Z');
    expect(() => licenceExpiresAt('2099-02-30')).toThrow();
    expect(() => licenceExpiresAt('2099-02-30')).toThrow();
  });

  it('refuses a new activeUntil whose end leaves the four-digit years, naming the field and the latest date', () => {
    expect(() => newLicenceExpiry('9999-12-31')).toThrow(
      expect.objectContaining({
        code: 'active-until-out-of-range',
        kind: 'validation',
        field: 'activeUntil',
        message: expect.stringContaining('the latest is the date 9999-12-30'),
      }),
    );
    expect(() => newLicenceExpiry('9999-12-31T23:00:00-05:00')).toThrow(
      expect.objectContaining({ code: 'active-until-out-of-range' }),
    );
    expect(newLicenceExpiry('9999-12-30')).toBe('9999-12-31T12:00:00.000Z');
    expect(newLicenceExpiry('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    // A licence recorded with such an end before is still read: only new terms are judged.
    expect(licenceExpiresAt('9999-12-31')).toBe('+010000-01-01T12:00:00.000Z');
  });
});
