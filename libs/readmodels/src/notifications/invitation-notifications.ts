import {
  normalizeEmail,
  type LicensedUserAssigned,
  type LicensedUserInvitationResent,
} from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { ProjectionTransaction } from '../read-model-store.port';
import { licenceSnapshot } from './licence-snapshot';
import { licenceThreadId, notificationId, notificationMessageId } from './message-identity';
import {
  NOTIFICATION_ACCOUNT_FACTS,
  NOTIFICATION_LICENCE_FACTS,
  type AccountFacts,
  type LicenceFacts,
} from './notification-facts';
import {
  NOTIFICATION_OUTBOX,
  type InvitationNotification,
  type NotificationActor,
} from './outbox-notification';

export const INVITATION_EVENT_TYPES = ['LicensedUserAssigned', 'LicensedUserInvitationResent'] as const;

/** Roles of the vendor's people: an invitation from one of them comes "from support". */
const STAFF_ROLES = new Set(['admin', 'engineer', 'csm']);

export function isInvitationEvent(event: {
  type: string;
}): event is LicensedUserAssigned | LicensedUserInvitationResent {
  return (INVITATION_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * The support policy: "Once you invite a user, a notification email is sent. Users need to complete
 * the registration process by following the instructions in the email." Every assignment invites:
 * the user it adds is pending, and may not log cases, until they complete their registration
 * (evolveLicence, CompleteRegistration). So each one writes one row, for the invitee and nobody
 * else, even when the invitee invited themselves (a holder adding their own address): they too
 * need the way to complete it. Like every row, keyed `eventId|recipient` and never rewritten. A
 * resend (LicensedUserInvitationResent) writes the same invitation again, to the same invitee.
 */
export async function writeInvitation(
  recorded: RecordedEvent,
  event: LicensedUserAssigned | LicensedUserInvitationResent,
  tx: ProjectionTransaction,
): Promise<void> {
  const { licenceId, accountId, email, firstName, lastName, at } = event.data;
  const recipient = email.trim().toLowerCase();
  const id = notificationId(recorded.id, recipient);
  if (await tx.get(NOTIFICATION_OUTBOX, id)) return;
  const licence = await tx.get<LicenceFacts>(NOTIFICATION_LICENCE_FACTS, licenceId);
  const timeZone = (await tx.get<AccountFacts>(NOTIFICATION_ACCOUNT_FACTS, accountId))?.timeZone;
  const name = `${firstName} ${lastName}`.trim();
  const invitedBy = await keepInviter(recorded, event, licence, tx);
  const row: InvitationNotification = {
    id,
    eventId: recorded.id,
    position: recorded.position,
    kind: 'invitation',
    licenceId,
    recipient,
    recipientName: name || null,
    audience: 'customer',
    reasons: ['invitee'],
    change: event,
    actor: inviterOf(recorded),
    ...(invitedBy ? { invitedBy } : {}),
    // An invitation does not name the account (LicenceSnapshot.accountName): its zone alone.
    licence: licenceSnapshot({ licenceId, accountId }, licence, { timeZone }),
    ...(licence?.expiresAt ? { licenceExpiresAt: licence.expiresAt } : {}),
    occurredAt: at,
    messageId: notificationMessageId(recorded.id, recipient),
    threadId: licenceThreadId(licenceId),
  };
  tx.put(NOTIFICATION_OUTBOX, id, row);
}

/**
 * The invitation's own inviter, kept with the invitee's facts (applyLicenceUser has just added them)
 * so that a resend's reminder names who invited them, not whoever sent it again; for a resend, that
 * inviter (undefined when the writer never saw the invitation, or saw it before it kept inviters).
 */
async function keepInviter(
  recorded: RecordedEvent,
  event: LicensedUserAssigned | LicensedUserInvitationResent,
  licence: LicenceFacts | undefined,
  tx: ProjectionTransaction,
): Promise<NotificationActor | undefined> {
  // Keyed as see-shared-facts.ts keys the licence's users.
  const key = normalizeEmail(event.data.email);
  const user = licence?.users?.[key];
  if (event.type === 'LicensedUserInvitationResent') return user?.invitedBy;
  if (licence?.users && user) {
    const users = { ...licence.users, [key]: { ...user, invitedBy: inviterOf(recorded) } };
    tx.put(NOTIFICATION_LICENCE_FACTS, licence.id, { ...licence, users } satisfies LicenceFacts);
  }
  return undefined;
}

/**
 * Who invited (or issued a licence): the command's actor, with the name they signed in with when
 * the token gave one.
 */
export function inviterOf(recorded: RecordedEvent): NotificationActor {
  const { actor, actorName, actorRoles } = recorded.metadata;
  const roles = Array.isArray(actorRoles) ? (actorRoles as unknown[]) : [];
  const staff = roles.some((role) => typeof role === 'string' && STAFF_ROLES.has(role));
  return { email: actor, ...(typeof actorName === 'string' && actorName ? { name: actorName } : {}), staff };
}
