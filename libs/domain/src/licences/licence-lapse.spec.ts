import { fold } from '../shared/decider';
import { isLicenceActive, licenceExpiresAt } from './licence-expiry';
import {
  LAPSE_MAILED_WITHIN_MS,
  endsLicenceEarlier,
  isLapseMailed,
  recordLicenceLapse,
  renewsEndedLicence,
} from './licence-lapse';
import { licenceDecider } from './licence.decider';
import type { LicenceEvent, LicenceExpired } from './licence.events';
import { LICENCE_IDS, licenceIssued, termsChanged } from './testing/licence-events';

/**
 * A licence reaching its end, Given / When / Then over the pure decision the licence-lapse process
 * runs: given the licence's events, when the process looks at `at`, then these events. The licence
 * of the builders is active until 2026-12-31, which ends at 2027-01-01T12:00Z (UTC-12's midnight).
 */
const END = '2027-01-01T12:00:00.000Z';
const JUST_BEFORE = '2027-01-01T11:59:59.999Z';
const AFTER = '2027-01-01T12:00:01.000Z';

const given = (...history: LicenceEvent[]) => {
  const state = fold(licenceDecider, history);
  return {
    state,
    whenLookingAt: (at: string) => ({
      then: (expected: LicenceEvent[]) => expect(recordLicenceLapse(state, at)).toEqual(expected),
    }),
  };
};

const expired = (at: string, expiresAt = END, activeUntil = '2026-12-31'): LicenceExpired => ({
  type: 'LicenceExpired',
  data: { ...LICENCE_IDS, activeUntil, expiresAt, at },
});

describe('recordLicenceLapse', () => {
  describe('a licence in force', () => {
    it('rule: nothing is recorded before its end', () => {
      given(licenceIssued()).whenLookingAt(JUST_BEFORE).then([]);
    });

    it('nothing for a licence never issued', () => {
      given().whenLookingAt(AFTER).then([]);
    });
  });

  describe('a licence past its end', () => {
    it('rule: the lapse is recorded at the very instant the licence stops being active', () => {
      const { state } = given(licenceIssued());
      expect(isLicenceActive(state, JUST_BEFORE)).toBe(true);
      expect(isLicenceActive(state, END)).toBe(false);
      expect(licenceExpiresAt('2026-12-31')).toBe(END);
      given(licenceIssued())
        .whenLookingAt(END)
        .then([expired(END)]);
    });

    it('a lapse looked at late is recorded when looked at, naming the end it passed', () => {
      given(licenceIssued())
        .whenLookingAt('2027-03-01T08:00:00.000Z')
        .then([expired('2027-03-01T08:00:00.000Z')]);
    });

    it('rule: once per end: asked again (a retry after a crash, a second process) it records nothing', () => {
      given(licenceIssued(), expired(AFTER)).whenLookingAt('2027-01-02T00:00:00.000Z').then([]);
    });

    it("rule: an admin's end to a date already past is that end's record: no lapse follows it", () => {
      const earlyEnd = termsChanged(
        { activeUntil: '2026-05-30', expiresAt: '2026-05-31T12:00:00.000Z' },
        { activeUntil: '2026-12-31', expiresAt: END },
        '2026-06-01T09:00:00.000Z',
        'ended early',
      );
      given(licenceIssued(), earlyEnd).whenLookingAt('2026-06-01T09:00:01.000Z').then([]);
      given(licenceIssued(), earlyEnd).whenLookingAt(AFTER).then([]);
    });

    it('an end the admin moved earlier but still ahead is recorded when it comes', () => {
      const movedEarlier = termsChanged(
        { activeUntil: '2026-09-30', expiresAt: '2026-10-01T12:00:00.000Z' },
        { activeUntil: '2026-12-31', expiresAt: END },
        '2026-06-01T09:00:00.000Z',
      );
      given(licenceIssued(), movedEarlier)
        .whenLookingAt('2026-10-01T12:00:00.000Z')
        .then([expired('2026-10-01T12:00:00.000Z', '2026-10-01T12:00:00.000Z', '2026-09-30')]);
    });
  });

  describe('a licence renewed', () => {
    const renewal = (at: string) =>
      termsChanged(
        { activeUntil: '2027-12-31', expiresAt: '2028-01-01T12:00:00.000Z' },
        { activeUntil: '2026-12-31', expiresAt: END },
        at,
      );

    it('rule: renewed after its lapse, it is in force again and its next end is recorded again', () => {
      const history = [licenceIssued(), expired(AFTER), renewal('2027-01-05T10:00:00.000Z')];
      expect(isLicenceActive(fold(licenceDecider, history), '2027-01-05T10:00:01.000Z')).toBe(true);
      given(...history)
        .whenLookingAt('2027-06-01T00:00:00.000Z')
        .then([]);
      given(...history)
        .whenLookingAt('2028-01-01T12:00:00.000Z')
        .then([
          {
            type: 'LicenceExpired',
            data: {
              ...LICENCE_IDS,
              activeUntil: '2027-12-31',
              expiresAt: '2028-01-01T12:00:00.000Z',
              at: '2028-01-01T12:00:00.000Z',
            },
          },
        ]);
    });

    it('renewed before its end (the read model not yet showing it), nothing is recorded at the old end', () => {
      given(licenceIssued(), renewal('2026-12-01T00:00:00.000Z')).whenLookingAt(AFTER).then([]);
    });
  });
});

describe('isLapseMailed', () => {
  it('rule: a lapse recorded within a week of the end is mailed', () => {
    expect(isLapseMailed(expired(AFTER))).toBe(true);
    expect(isLapseMailed(expired(new Date(Date.parse(END) + LAPSE_MAILED_WITHIN_MS).toISOString()))).toBe(
      true,
    );
  });

  it('rule: one recorded later (a desk upgraded over licences that ended long ago) is recorded, not mailed', () => {
    expect(isLapseMailed(expired(new Date(Date.parse(END) + LAPSE_MAILED_WITHIN_MS + 1).toISOString()))).toBe(
      false,
    );
    expect(isLapseMailed(expired('2027-11-30T00:00:00.000Z'))).toBe(false);
  });
});

describe('renewsEndedLicence and endsLicenceEarlier', () => {
  const change = (previous: string, next: string) => ({
    licenceId: LICENCE_IDS.licenceId,
    accountId: LICENCE_IDS.accountId,
    at: AFTER,
    terms: { expiresAt: next },
    previousTerms: { expiresAt: previous },
  });
  const LATER = '2028-01-01T12:00:00.000Z';

  it('rule: a new end ahead for a licence past its end is a renewal; an extension before the end is not', () => {
    expect(renewsEndedLicence(change(END, LATER), AFTER)).toBe(true);
    expect(renewsEndedLicence(change(END, LATER), JUST_BEFORE)).toBe(false);
    expect(renewsEndedLicence(change(END, AFTER), AFTER)).toBe(false);
    expect(renewsEndedLicence({ ...change(END, LATER), terms: {} }, AFTER)).toBe(false);
  });

  it('rule: an end moved earlier ends it early, wherever the new end falls', () => {
    expect(endsLicenceEarlier(change(LATER, END))).toBe(true);
    expect(endsLicenceEarlier(change(END, LATER))).toBe(false);
    expect(endsLicenceEarlier({ ...change(LATER, END), previousTerms: {} })).toBe(false);
  });
});
