import { createHash } from 'node:crypto';

/** Right-hand side of every Message-ID Casetrail mints. */
export const MESSAGE_ID_DOMAIN = 'casetrail';

/** The outbox (and delivery) key: one notification per event per recipient, so a redelivered event adds nothing. */
export function notificationId(eventId: string, recipient: string): string {
  return `${eventId}|${recipient.trim().toLowerCase()}`;
}

/**
 * `<eventId.recipientHash@casetrail>`: the same for every send of one notification, so a message
 * sent again after a crash is recognisably the same message (mail clients and MTAs deduplicate on
 * it). The recipient is hashed to keep addresses out of headers other people may see.
 */
export function notificationMessageId(eventId: string, recipient: string): string {
  const recipientHash = createHash('sha256')
    .update(recipient.trim().toLowerCase())
    .digest('hex')
    .slice(0, 16);
  return `<${eventId}.${recipientHash}@${MESSAGE_ID_DOMAIN}>`;
}

/** The thread every notification about one case belongs to (In-Reply-To / References). */
export function caseThreadId(caseId: string): string {
  return `<case-${caseId}@${MESSAGE_ID_DOMAIN}>`;
}

/** The thread of the invitations to one licence (an invitee sees their own; a re-invitation joins it). */
export function licenceThreadId(licenceId: string): string {
  return `<licence-${licenceId}@${MESSAGE_ID_DOMAIN}>`;
}
