import { recordedEmail } from '../accounts/email-address';
import { DomainError } from '../shared/domain-error';
import { RetryLaterError } from '../shared/retry-later-error';
import { givenReason, optionalReason } from '../shared/optional-reason';
import { LicenceDecisionContext, ResendInvitation } from './licence.commands';
import { LicenceErrors } from './licence.errors';
import { LicenceEvent } from './licence.events';
import { IssuedLicence, PendingLicensedUser } from './licence.state';
import { instantToMillis } from '../sla/time/iso-instant';
import { isBeforeExpiry } from './licence-expiry';
import { findLicensedUser } from './licensed-user-access';
import { ACCESS_PROMISE_HOURS } from './pending-invitations';

/**
 * The holder (or a user who manages users, or an admin) sends a pending invitation again, as the
 * invitee lost or never got the mail (`LicensedUserInvitationResent`, mailed like the first).
 * The invitation keeps its `invitedAt`: the follow-up list goes on showing how long the person has
 * really waited, where removing and re-inviting them started the clock afresh. The event repeats the
 * invitation's details (the mail names them) and the access promise the policy makes now.
 */
export function resendInvitation(
  { data, at, actor }: ResendInvitation,
  licence: IssuedLicence,
  context: LicenceDecisionContext,
): LicenceEvent[] {
  const email = recordedEmail(data.email, 'email');
  const reason = optionalReason(data.reason);
  const user = findLicensedUser(licence, email);
  if (!user) throw LicenceErrors.userNotFound(email);
  if (user.status === 'active') throw InvitationErrors.alreadyRegistered(email);
  if (!isBeforeExpiry(licence.expiresAt, at))
    throw LicenceErrors.expired(licence, licence.activeUntil, 'its invitations can be sent again', {
      field: 'licenceId',
      toStaff: actor.roles.length > 0,
      askedBy: actor.email,
    });
  const nextResendAt = nextResendAllowedAt(user, licence.renewedAt);
  if (
    user.lastSentAt !== undefined &&
    nextResendAt !== undefined &&
    instantToMillis(at) < instantToMillis(nextResendAt)
  )
    throw InvitationErrors.sentRecently(email, user.lastSentAt, nextResendAt, at);
  return [
    {
      type: 'LicensedUserInvitationResent',
      data: {
        licenceId: licence.licenceId,
        accountId: licence.accountId,
        ...invitationDetails(user),
        accessPromisedWithinHours: accessPromiseHours(context),
        ...givenReason(reason),
        at,
      },
    },
  ];
}

/**
 * An invitation is sent again at most once an hour: the first resend goes at once (the holder on the
 * phone with someone who never got the mail), the next only an hour after the last, as a mail takes
 * minutes to arrive, and an invitee whose inbox fills with the same reminder, each with its own
 * deadline, cannot tell which one counts.
 */
export const INVITATION_RESEND_INTERVAL_MINUTES = 60;

/**
 * The first instant the invitation may be sent again: an hour after its last resend; any time if none,
 * or if the licence was renewed after an end since (`licenceRenewedAt`). The invitation could not be
 * used while the licence was ended, and a holder who chased it before the end must be able to send
 * it again as soon as it can be used, not wait out a limit set for a mail sent in another term.
 */
export function nextResendAllowedAt(
  user: PendingLicensedUser,
  licenceRenewedAt?: string | null,
): string | undefined {
  if (user.lastSentAt === undefined) return undefined;
  if (licenceRenewedAt && instantToMillis(licenceRenewedAt) >= instantToMillis(user.lastSentAt))
    return undefined;
  return new Date(
    instantToMillis(user.lastSentAt) + INVITATION_RESEND_INTERVAL_MINUTES * 60_000,
  ).toISOString();
}

/** The hours within which an invitee is promised access, as the policy in force sets them. */
export function accessPromiseHours(context: LicenceDecisionContext): number {
  return context.pendingInvitationFollowUpHours ?? ACCESS_PROMISE_HOURS;
}

function invitationDetails(user: PendingLicensedUser) {
  const { email, firstName, lastName, company, country, permissions, invitedAt } = user;
  return { email, firstName, lastName, company, country, permissions, invitedAt };
}

export const InvitationErrors = {
  /** Resent too soon (see INVITATION_RESEND_INTERVAL_MINUTES): names when it may be sent again. */
  sentRecently: (email: string, lastSentAt: string, nextResendAt: string, at: string) =>
    new RetryLaterError(
      'invitation-sent-recently',
      `The invitation of ${email} was last sent again at ${lastSentAt}; an invitation is sent again at most once ` +
        `every ${INVITATION_RESEND_INTERVAL_MINUTES} minutes, so it can be sent again from ${nextResendAt}. ` +
        'Ask them to look in their spam or junk folder meanwhile',
      'email',
      nextResendAt,
      at,
    ),
  alreadyRegistered: (email: string) =>
    new DomainError(
      'licensed-user-already-registered',
      'conflict',
      `${email} has already completed registration: there is no invitation to send again`,
      'email',
    ),
  /**
   * Inviting an address already invited: the answer says how to send the invitation again, which is
   * what the holder is after when the invitee never got it.
   */
  alreadyInvited: (email: string, licenceId: string, invitedAt: string) =>
    new DomainError(
      'licensed-user-already-assigned',
      'conflict',
      `${email} is already invited to this licence (pending since ${invitedAt}). To send the invitation again, ` +
        `POST /v1/licences/${licenceId}/users/${email}/invitation`,
      'email',
    ),
};
