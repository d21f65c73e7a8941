import { DateTime } from 'luxon';
import { LicenceState, PendingLicensedUser } from './licence.state';

/** The support policy promises portal access within 48 hours of an invitation. */
export const ACCESS_PROMISE_HOURS = 48;

/**
 * Invitations still pending after `hours` or more at `now` (ISO-8601), oldest first: the follow-up
 * list for invitations that have outlived the access promise.
 */
export function pendingInvitationsOlderThan(
  state: LicenceState,
  now: string,
  hours: number = ACCESS_PROMISE_HOURS,
): PendingLicensedUser[] {
  if (state.status !== 'issued') return [];
  const cutoff = DateTime.fromISO(now, { setZone: true }).minus({ hours });
  if (!cutoff.isValid) throw new RangeError(`now must be an ISO-8601 instant (got ${JSON.stringify(now)})`);
  return [...state.users.values()]
    .filter((user): user is PendingLicensedUser => user.status === 'pending')
    .filter((user) => DateTime.fromISO(user.invitedAt, { setZone: true }) <= cutoff)
    .sort((a, b) => DateTime.fromISO(a.invitedAt).toMillis() - DateTime.fromISO(b.invitedAt).toMillis());
}
