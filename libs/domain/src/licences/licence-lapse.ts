import type { ActorIdentity } from '../accounts/actor-identity';
import { instantToMillis } from '../sla/time/iso-instant';
import { isBeforeExpiry } from './licence-expiry';
import type { LicenceEvent, LicenceExpired, LicenceTermsChanged } from './licence.events';
import type { LicenceState } from './licence.state';

/** The process that records licences reaching their end, as event metadata and history name it. */
export const LICENCE_LAPSE_ACTOR: ActorIdentity = { email: 'system:licence-lapses', roles: [] };

/**
 * How late after its end a lapse may be recorded and still be mailed. A desk stopped over a long
 * weekend still tells the holder when it starts again; a desk upgraded to the release that began
 * recording lapses records those of licences that ended long before (the history shows them) but
 * mails none of them: a customer told in December that a licence ended in March learns nothing
 * useful, and every such licence would be mailed at once on the first start.
 */
export const LAPSE_MAILED_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The licence's end has passed (`at` is at or after `expiresAt`, the instant `isLicenceActive` turns
 * false at) and the stream does not record it yet: LicenceExpired, once per end. Nothing when the
 * licence is in force, was never issued, or its end is recorded already (by an earlier lapse, or by
 * the admin's change that ended it): the process may ask again after a crash, twice during a lease
 * hand-over, or on a read model that has not seen a renewal yet, and records nothing more.
 */
export function recordLicenceLapse(state: LicenceState, at: string): LicenceEvent[] {
  if (state.status !== 'issued') return [];
  if (isBeforeExpiry(state.expiresAt, at)) return [];
  if (state.endRecordedFor === state.expiresAt) return [];
  const { licenceId, accountId, activeUntil, expiresAt } = state;
  return [{ type: 'LicenceExpired', data: { licenceId, accountId, activeUntil, expiresAt, at } }];
}

/**
 * Whether the lapse is mailed (to the holder, its users and pending invitees): recorded within
 * LAPSE_MAILED_WITHIN_MS of the end. Read from the event alone, so a rebuilt outbox decides the same.
 */
export function isLapseMailed({ data }: LicenceExpired): boolean {
  return instantToMillis(data.at) - instantToMillis(data.expiresAt) <= LAPSE_MAILED_WITHIN_MS;
}

/**
 * The change gives a licence already past its end (at `at`, the change's moment) a new end still
 * ahead: a renewal, which puts it in force again. Read from the event alone.
 */
export function renewsEndedLicence(
  { terms, previousTerms }: LicenceTermsChanged['data'],
  at: string,
): boolean {
  if (terms.expiresAt === undefined || previousTerms.expiresAt === undefined) return false;
  const now = instantToMillis(at);
  return instantToMillis(previousTerms.expiresAt) <= now && instantToMillis(terms.expiresAt) > now;
}

/** The change moves the licence's end earlier (an early end, or a shorter term). */
export function endsLicenceEarlier({ terms, previousTerms }: LicenceTermsChanged['data']): boolean {
  return (
    terms.expiresAt !== undefined &&
    previousTerms.expiresAt !== undefined &&
    instantToMillis(terms.expiresAt) < instantToMillis(previousTerms.expiresAt)
  );
}

/**
 * The change moves the licence's end later, to an instant still ahead at `at`: a renewal after its
 * end, or an extension before an end moved earlier came. Either way an end its users were told of
 * no longer applies. Read from the event alone.
 */
export function movesLicenceEndLaterInForce({
  terms,
  previousTerms,
  at,
}: LicenceTermsChanged['data']): boolean {
  return (
    terms.expiresAt !== undefined &&
    previousTerms.expiresAt !== undefined &&
    instantToMillis(terms.expiresAt) > instantToMillis(previousTerms.expiresAt) &&
    isBeforeExpiry(terms.expiresAt, at)
  );
}
