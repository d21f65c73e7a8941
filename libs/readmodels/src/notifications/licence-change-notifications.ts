import {
  DEFAULT_GROUP_MAILBOX_PATTERNS,
  isGroupMailbox,
  normalizeEmail,
  type LicenceEvent,
} from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { ProjectionTransaction } from '../read-model-store.port';
import { inviterOf } from './invitation-notifications';
import { licenceSnapshot } from './licence-snapshot';
import { licenceThreadId, notificationId, notificationMessageId } from './message-identity';
import {
  NOTIFICATION_ACCOUNT_FACTS,
  NOTIFICATION_LICENCE_FACTS,
  type AccountFacts,
  type LicenceFacts,
} from './notification-facts';
import type { RecipientReason } from './notification-recipients';
import {
  NOTIFICATION_OUTBOX,
  type LicenceChange,
  type LicenceChangeNotification,
} from './outbox-notification';

export const LICENCE_CHANGE_EVENT_TYPES = [
  'LicensedUserRegistrationCompleted',
  'LicensedUserPermissionsChanged',
  'LicensedUserRemoved',
  'LicenceTermsChanged',
] as const satisfies readonly LicenceChange['type'][];

export function isLicenceChangeEvent(event: { type: string }): event is LicenceChange {
  return (LICENCE_CHANGE_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * A licence's administration after its issue is told to its holder (who owns it, and hears above
 * all of what a manage-users delegate or the vendor did to it) and, for a change to a user, that
 * user (their access changed); never to whoever made the change, and once to a holder who is the
 * user too. Nobody else: not the licence's other users, not a case's people, so no customer of
 * another account hears anything of the licence. Never a group mailbox either (the default
 * patterns; one accepted before they grew may be on a licence): the change is for a person.
 *
 * Like the holder's issue mail, it came without raising the writer's version: changes before an
 * installation upgrades are behind its checkpoint and mailed to no one; a licence whose holder the
 * writer did not keep (issued before it did) tells its user alone.
 */
export async function writeLicenceChange(
  recorded: RecordedEvent,
  event: LicenceChange,
  tx: ProjectionTransaction,
): Promise<void> {
  const { licenceId, accountId, at } = event.data;
  const licence = await tx.get<LicenceFacts>(NOTIFICATION_LICENCE_FACTS, licenceId);
  const account = await tx.get<AccountFacts>(NOTIFICATION_ACCOUNT_FACTS, accountId);
  const actor = inviterOf(recorded);
  for (const [recipient, reasons] of recipientsOf(event, licence, normalizeEmail(actor.email))) {
    const id = notificationId(recorded.id, recipient);
    if (await tx.get(NOTIFICATION_OUTBOX, id)) continue;
    const row: LicenceChangeNotification = {
      id,
      eventId: recorded.id,
      position: recorded.position,
      kind: 'licence-change',
      licenceId,
      recipient,
      recipientName: null,
      audience: 'customer',
      reasons,
      change: event,
      actor,
      licence: licenceSnapshot({ licenceId, accountId }, licence, account),
      occurredAt: at,
      messageId: notificationMessageId(recorded.id, recipient),
      threadId: licenceThreadId(licenceId),
    };
    tx.put(NOTIFICATION_OUTBOX, id, row);
  }
}

function recipientsOf(
  event: LicenceEvent,
  licence: LicenceFacts | undefined,
  actor: string,
): Map<string, RecipientReason[]> {
  const recipients = new Map<string, RecipientReason[]>();
  const add = (email: string | undefined, reason: RecipientReason) => {
    if (!email) return;
    const key = normalizeEmail(email);
    if (key === actor || isGroupMailbox(key, DEFAULT_GROUP_MAILBOX_PATTERNS)) return;
    recipients.set(key, [...(recipients.get(key) ?? []), reason]);
  };
  add(licence?.holderEmail, 'holder');
  // The user registering is the actor: only the holder hears of it.
  if (event.type === 'LicensedUserPermissionsChanged' || event.type === 'LicensedUserRemoved')
    add(event.data.email, 'licensed-user');
  return recipients;
}
