import { isBeforeExpiry } from './licence-expiry';

/** The support policy promises portal access within 48 hours of an invitation. */
export const ACCESS_PROMISE_HOURS = 48;

/**
 * When a pending invitation's access promise runs from: its last resend, else the invitation; or the
 * licence's renewal after a lapse when that came later. A reminder promises access within the
 * follow-up time of its own sending (the mail says so), so the invitation is overdue again only once
 * that new promise passes. While the licence was ended nobody could register, so that time does not
 * count against the promise: the renewal mails the invitee that they can register now, and the
 * promise runs again from it. `invitedAt` stays the invitation's date, so the lists still show how
 * long the person has really waited.
 */
export function accessPromisedFrom(
  user: { invitedAt: string; lastSentAt?: string | null },
  licenceRenewedAt?: string | null,
): string {
  const sent = user.lastSentAt ?? user.invitedAt;
  if (!licenceRenewedAt) return sent;
  return Date.parse(licenceRenewedAt) > Date.parse(sent) ? licenceRenewedAt : sent;
}

/**
 * The instant a change of terms put an ended licence in force again (a renewal after a lapse, or
 * after an admin's early end): its previous end had passed at the change and the new one is ahead.
 * Undefined for any other change, a renewal before the end included (nothing was interrupted).
 */
export function renewalAfterEnd(
  previousExpiresAt: string,
  newExpiresAt: string | undefined,
  at: string,
): string | undefined {
  if (newExpiresAt === undefined || isBeforeExpiry(previousExpiresAt, at)) return undefined;
  return isBeforeExpiry(newExpiresAt, at) ? at : undefined;
}

/**
 * The one rule for "overdue" (the holder's count, the licence's follow-up list, the console's flag):
 * pending, on a licence in force, and the follow-up time passed since the invitation was last sent.
 * On a licence that has ended nobody can complete a registration until it is renewed, so its
 * invitations wait for the renewal rather than fall overdue, and after it the follow-up time runs
 * again from the renewal (`licenceRenewedAt`, see accessPromisedFrom), not from the sending before.
 */
export function isInvitationOverdue(
  user: { status: string; invitedAt: string; lastSentAt?: string | null },
  facts: { licenceExpiresAt: string; licenceRenewedAt?: string | null; now: string; hours: number },
): boolean {
  if (user.status !== 'pending' || !isBeforeExpiry(facts.licenceExpiresAt, facts.now)) return false;
  const promisedUntil =
    Date.parse(accessPromisedFrom(user, facts.licenceRenewedAt)) + facts.hours * 3_600_000;
  return promisedUntil <= Date.parse(facts.now);
}
