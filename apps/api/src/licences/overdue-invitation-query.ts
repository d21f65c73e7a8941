import type { Where } from '@casetrail/readmodels';

/**
 * The read-model form of the overdue rule (isInvitationOverdue in the domain) for a store query:
 * pending invitations whose access promise ran out by `cutoff` (now less the follow-up hours),
 * counted from their last resend when there was one, or from their licence's renewal after an end
 * when that came later (accessPromisedFrom: both must lie before the cutoff). A resend is never older
 * than its invitation, so `invitedAt` keeps narrowing the rows by its index, and the lists stay
 * ordered by how long the person has really waited. Whether the licence is in force is the
 * caller's to judge: the store holds no expiry on a user's row.
 */
export function promiseRanOutBy(cutoff: string): { where: Where; anyOf: Where[] } {
  const sent: Where[] = [{ lastSentAt: null }, { lastSentAt: { lte: cutoff } }];
  const renewed: Where[] = [{ licenceRenewedAt: null }, { licenceRenewedAt: { lte: cutoff } }];
  return {
    where: { status: 'pending', invitedAt: { lte: cutoff } },
    anyOf: sent.flatMap((bySending) => renewed.map((byRenewal) => ({ ...bySending, ...byRenewal }))),
  };
}
