import { DomainError } from '../shared/domain-error';
import { canonicalTimeZone } from './account-time-zone';

describe('canonicalTimeZone', () => {
  it.each([
    'Europe/Kyiv',
    'Asia/Kolkata',
    'Asia/Ho_Chi_Minh',
    'America/Nuuk',
    'Pacific/Kanton',
    'Asia/Yangon',
    'Asia/Kathmandu',
    'Atlantic/Faroe',
    'America/Argentina/Buenos_Aires',
    'America/Indiana/Indianapolis',
  ])('keeps the current name %s rather than the deprecated alias ICU knows it by', (timeZone) => {
    expect(canonicalTimeZone(timeZone)).toBe(timeZone);
  });

  it.each([
    ['europe/kyiv', 'Europe/Kyiv'],
    ['ASIA/KOLKATA', 'Asia/Kolkata'],
    ['asia/ho_chi_minh', 'Asia/Ho_Chi_Minh'],
    ['america/nuuk', 'America/Nuuk'],
    ['pacific/kanton', 'Pacific/Kanton'],
    ['europe/sofia', 'Europe/Sofia'],
    ['  america/new_york ', 'America/New_York'],
    ['america/port-au-prince', 'America/Port-au-Prince'],
    ['america/argentina/comodrivadavia', 'America/Argentina/ComodRivadavia'],
    ['antarctica/dumontdurville', 'Antarctica/DumontDUrville'],
    ['us/eastern', 'US/Eastern'],
    ['etc/utc', 'Etc/UTC'],
    ['etc/gmt+5', 'Etc/GMT+5'],
    ['utc', 'UTC'],
    ['gb-eire', 'GB-Eire'],
  ])('gives %j its canonical letter case, %s', (given, canonical) => {
    expect(canonicalTimeZone(given)).toBe(canonical);
  });

  it('gives every zone ID ICU lists back in its own spelling, whatever the case given', () => {
    const changed = Intl.supportedValuesOf('timeZone').filter(
      (timeZone) => canonicalTimeZone(timeZone.toUpperCase()) !== timeZone,
    );
    expect(changed).toEqual([]);
  });

  it.each([
    'Europe/Kiev',
    'Asia/Calcutta',
    'Asia/Saigon',
    'America/Godthab',
    'Pacific/Enderbury',
    'Europe/Sofia',
  ])('still accepts %s, a name already stored, and keeps it', (timeZone) => {
    expect(canonicalTimeZone(timeZone)).toBe(timeZone);
    expect(canonicalTimeZone(timeZone.toLowerCase())).toBe(timeZone);
  });

  it('turns a zone ID that is not a tz name into the current tz name of its zone', () => {
    expect(canonicalTimeZone('IST')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('PST')).toBe('America/Los_Angeles');
  });

  it.each(['Mars/Olympus_Mons', 'Europe/Kyiv2', 'Europe/', 'Kyiv', '+02:00', 'CEST', 'Factory', '', '   '])(
    'refuses %j',
    (timeZone) => {
      let error: unknown;
      try {
        canonicalTimeZone(timeZone);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'invalid-time-zone', kind: 'validation', field: 'timeZone' });
    },
  );
});
