import { normalizeEmail, type LicenceEvent } from '@casetrail/domain';
import type { ProjectionTransaction } from '../read-model-store.port';
import { applyLicenceCoverFact } from './mission-critical-facts';
import { NOTIFICATION_LICENCE_FACTS, type LicenceFacts } from './notification-facts';

export const LICENCE_FACT_EVENT_TYPES = [
  'LicenceIssued',
  'LicenceTermsChanged',
  'LicenceHolderChanged',
] as const satisfies readonly LicenceEvent['type'][];

type LicenceFactEvent = Extract<LicenceEvent, { type: (typeof LICENCE_FACT_EVENT_TYPES)[number] }>;

export function isLicenceFactEvent(event: { type: string }): event is LicenceFactEvent {
  return (LICENCE_FACT_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * Keeps the outbox writer's copy of what an invitation names of its licence: product and edition
 * (an admin may rename the edition later; an invitation names the one of its moment), and, for the
 * see-shared-tickets rule, its expiry and (from its issue on) its users (see-shared-facts.ts); and,
 * on its account's facts, its plan and expiry (the account's Mission Critical cover).
 */
export async function applyLicenceFact(event: LicenceFactEvent, tx: ProjectionTransaction): Promise<void> {
  const { licenceId, accountId } = event.data;
  if (event.type === 'LicenceHolderChanged') return applyHolderChanged(event, tx);
  await applyLicenceCoverFact(event, tx);
  if (event.type === 'LicenceIssued') {
    const { product, edition, expiresAt, holderEmail } = event.data;
    tx.put(NOTIFICATION_LICENCE_FACTS, licenceId, {
      id: licenceId,
      accountId,
      product,
      edition,
      expiresAt,
      users: {},
      removedWithShareTickets: [],
      holderEmail: normalizeEmail(holderEmail),
    } satisfies LicenceFacts);
    return;
  }
  const { edition, expiresAt } = event.data.terms;
  if (edition === undefined && expiresAt === undefined) return;
  const facts = await tx.get<LicenceFacts>(NOTIFICATION_LICENCE_FACTS, licenceId);
  // A licence issued before the outbox writer followed licences has no facts to change; one whose
  // users it did not keep then keeps no expiry either (nobody is known to see its shared tickets).
  if (facts)
    tx.put(NOTIFICATION_LICENCE_FACTS, licenceId, {
      ...facts,
      ...(edition !== undefined ? { edition } : {}),
      ...(expiresAt !== undefined && facts.users ? { expiresAt } : {}),
    } satisfies LicenceFacts);
}

/**
 * The licence passed to another holder: from now on mail reads the new holder as one of the
 * account's own people (licence-terms-sight.ts), and the previous one, unless a user, no longer.
 */
async function applyHolderChanged(
  event: Extract<LicenceFactEvent, { type: 'LicenceHolderChanged' }>,
  tx: ProjectionTransaction,
): Promise<void> {
  const facts = await tx.get<LicenceFacts>(NOTIFICATION_LICENCE_FACTS, event.data.licenceId);
  if (facts)
    tx.put(NOTIFICATION_LICENCE_FACTS, facts.id, {
      ...facts,
      holderEmail: normalizeEmail(event.data.holderEmail),
    } satisfies LicenceFacts);
}
