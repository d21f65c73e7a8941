import { isBeforeExpiry } from './licence-expiry';

/** The support policy promises portal access within 48 hours of an invitation. */
export const ACCESS_PROMISE_HOURS = 48;

/**
 * When a pending invitation's access promise runs from: its last resend, else the invitation. A
 * reminder promises access within the follow-up time of its own sending (the mail says so), so the
 * invitation is overdue again only once that new promise passes; `invitedAt` stays the invitation's
 * date, so the lists still show how long the person has really waited.
 */
export function accessPromisedFrom(user: { invitedAt: string; lastSentAt?: string | null }): string {
  return user.lastSentAt ?? user.invitedAt;
}

/**
 * The one rule for "overdue" (the holder's count, the licence's follow-up list, the console's flag):
 * pending, on a licence in force, and the follow-up time passed since the invitation was last sent.
 * On a licence that has ended nobody can complete a registration until it is renewed, so its
 * invitations wait for the renewal rather than fall overdue.
 */
export function isInvitationOverdue(
  user: { status: string; invitedAt: string; lastSentAt?: string | null },
  facts: { licenceExpiresAt: string; now: string; hours: number },
): boolean {
  if (user.status !== 'pending' || !isBeforeExpiry(facts.licenceExpiresAt, facts.now)) return false;
  const promisedUntil = Date.parse(accessPromisedFrom(user)) + facts.hours * 3_600_000;
  return promisedUntil <= Date.parse(facts.now);
}
