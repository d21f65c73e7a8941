import { givenReason, optionalReason } from '../shared/optional-reason';
import { ChangeLicenceTerms } from './licence.commands';
import { LicenceErrors } from './licence.errors';
import { LicenceEvent } from './licence.events';
import { IssuedLicence } from './licence.state';
import { newLicenceExpiry } from './licence-expiry';
import { seatsAdmit, seatsHeld } from './licence-seats';
import { ChangeableLicenceTerms } from './licence-terms';
import { requireEdition, requirePlan, requireSeats } from './required-licence-terms';

type TermChanges = Partial<ChangeableLicenceTerms>;

/**
 * An admin changes an issued licence's terms. Checks run in the decider's order: the actor is an
 * admin (requireMayActOnLicence, before this), every term named is valid (as at issuance) and at
 * least one is named, then the licence's state allows the change: seats never drop below the users
 * holding them.
 *
 * `activeUntil` is judged by the instant it gives (`expiresAt`):
 *  - later than now on an expired licence renews it; its users may log cases again, as nothing
 *    about them changed while it was expired;
 *  - now or earlier ends the licence at once. Allowed, for admins only: a contract can end early
 *    (a refund, a termination), and there is no other way to end one. Its users stay on it, so a
 *    renewal later restores them;
 *  - the same instant written another way (`2026-12-31` and `2027-01-01T12:00:00Z`) is no change.
 *
 * Terms named at the value they already have are not recorded; when none differs, nothing is (as a
 * permission set to the value it has): the request was right about the licence, and a retry of a
 * change already made must not fail.
 */
export function changeLicenceTerms({ data, at }: ChangeLicenceTerms, licence: IssuedLicence): LicenceEvent[] {
  const asked = requestedTerms(data);
  const reason = optionalReason(data.reason);
  if (Object.keys(asked).length === 0) throw LicenceErrors.noTermsToChange();

  const terms = termsThatDiffer(asked, licence);
  if (terms.seats !== undefined && terms.seats !== 'unlimited') {
    const holders = seatsHeld(licence);
    if (!seatsAdmit(terms.seats, holders)) throw LicenceErrors.seatsBelowHolders(terms.seats, holders);
  }
  if (Object.keys(terms).length === 0) return [];
  return [
    {
      type: 'LicenceTermsChanged',
      data: {
        licenceId: licence.licenceId,
        accountId: licence.accountId,
        terms,
        previousTerms: previousValues(terms, licence),
        ...givenReason(reason),
        at,
      },
    },
  ];
}

/** The terms the command names, each checked; `undefined` is "left out", `null` is a bad value. */
function requestedTerms(data: ChangeLicenceTerms['data']): TermChanges {
  const terms: TermChanges = {};
  if (data.activeUntil !== undefined) {
    terms.expiresAt = newLicenceExpiry(data.activeUntil);
    terms.activeUntil = data.activeUntil.trim();
  }
  if (data.seats !== undefined) terms.seats = requireSeats(data.seats);
  if (data.plan !== undefined) terms.plan = requirePlan(data.plan);
  if (data.edition !== undefined) terms.edition = requireEdition(data.edition);
  return terms;
}

function termsThatDiffer(asked: TermChanges, licence: IssuedLicence): TermChanges {
  const { activeUntil, expiresAt, seats, plan, edition } = asked;
  return {
    ...(expiresAt !== undefined && expiresAt !== licence.expiresAt ? { activeUntil, expiresAt } : {}),
    ...(seats !== undefined && seats !== licence.seats ? { seats } : {}),
    ...(plan !== undefined && plan !== licence.plan ? { plan } : {}),
    ...(edition !== undefined && edition !== licence.edition ? { edition } : {}),
  };
}

function previousValues(terms: TermChanges, licence: IssuedLicence): TermChanges {
  const keys = Object.keys(terms) as (keyof ChangeableLicenceTerms)[];
  return Object.fromEntries(keys.map((key) => [key, licence[key]])) as TermChanges;
}
