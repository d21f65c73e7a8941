import type { LicenceIssued } from '@casetrail/domain';
import { normalizeEmail } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { ProjectionTransaction } from '../read-model-store.port';
import { inviterOf } from './invitation-notifications';
import { licenceSnapshot } from './licence-snapshot';
import { licenceThreadId, notificationId, notificationMessageId } from './message-identity';
import { NOTIFICATION_ACCOUNT_FACTS, type AccountFacts } from './notification-facts';
import { NOTIFICATION_OUTBOX, type LicenceIssuedNotification } from './outbox-notification';

/**
 * A licence's holder is told it was issued: its id (which logging cases and inviting users ask
 * for), its terms, and how to invite its users. One row, for the holder alone, keyed
 * `eventId|holder` like every row and never rewritten; it joins the licence's thread, which its
 * invitations then follow.
 *
 * Came after the outbox writer followed licences, without raising its version (as invitations
 * did): licences issued before are behind its checkpoint, so their holders are not mailed now.
 */
export async function writeLicenceIssued(
  recorded: RecordedEvent,
  event: LicenceIssued,
  tx: ProjectionTransaction,
): Promise<void> {
  const { licenceId, accountId, product, edition, holderEmail, at } = event.data;
  const recipient = normalizeEmail(holderEmail);
  const id = notificationId(recorded.id, recipient);
  if (await tx.get(NOTIFICATION_OUTBOX, id)) return;
  const account = await tx.get<AccountFacts>(NOTIFICATION_ACCOUNT_FACTS, accountId);
  const row: LicenceIssuedNotification = {
    id,
    eventId: recorded.id,
    position: recorded.position,
    kind: 'licence-issued',
    licenceId,
    recipient,
    recipientName: null,
    audience: 'customer',
    reasons: ['holder'],
    change: event,
    actor: inviterOf(recorded),
    licence: licenceSnapshot({ licenceId, accountId }, { product, edition }, account),
    occurredAt: at,
    messageId: notificationMessageId(recorded.id, recipient),
    threadId: licenceThreadId(licenceId),
  };
  tx.put(NOTIFICATION_OUTBOX, id, row);
}
