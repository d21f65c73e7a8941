import { isMissionCriticalAccount, type LicenceIssued, type LicenceTermsChanged } from '@casetrail/domain';
import type { ProjectionTransaction } from '../read-model-store.port';
import {
  emptyAccountFacts,
  NOTIFICATION_ACCOUNT_FACTS,
  type AccountFacts,
  type LicenceCoverFacts,
} from './notification-facts';

/**
 * Keeps, on the account's facts, each licence's plan and expiry as the log stands at the event, so
 * the writer knows whether the account is Mission Critical at the instant of any case event: a case
 * records the cover only when the Mission Critical review catches up with a re-plan, and the CSM
 * must hear of the activity in between too (DOMAIN.md "the CSM is notified of all activity on the
 * account's cases").
 */
export async function applyLicenceCoverFact(
  event: LicenceIssued | LicenceTermsChanged,
  tx: ProjectionTransaction,
): Promise<void> {
  const { accountId } = event.data;
  const facts =
    (await tx.get<AccountFacts>(NOTIFICATION_ACCOUNT_FACTS, accountId)) ?? emptyAccountFacts(accountId);
  const licenceCover = withLicenceCover(facts.licenceCover ?? {}, event);
  if (licenceCover)
    tx.put(NOTIFICATION_ACCOUNT_FACTS, accountId, { ...facts, licenceCover } satisfies AccountFacts);
}

/**
 * The account's licences' cover with the event's: a licence issued, or its plan or expiry changed.
 * Undefined when the event tells nothing new of it. The one rule for the writer's facts and for a
 * cover read back from the log (licence-cover-from-log.ts).
 */
export function withLicenceCover(
  covers: Readonly<Record<string, LicenceCoverFacts>>,
  event: LicenceIssued | LicenceTermsChanged,
): Record<string, LicenceCoverFacts> | undefined {
  const { licenceId } = event.data;
  const known = covers[licenceId];
  let cover: LicenceCoverFacts | undefined;
  if (event.type === 'LicenceIssued') {
    cover = { plan: event.data.plan, expiresAt: event.data.expiresAt };
  } else {
    const { plan, expiresAt } = event.data.terms;
    if (plan === undefined && expiresAt === undefined) return undefined;
    // A licence issued before the writer kept its cover is learned when both are known: its new
    // plan and, from the event's previous terms or the change itself, its expiry.
    const base = known ?? coverOf(event.data.previousTerms);
    const merged = {
      ...base,
      ...(plan !== undefined ? { plan } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
    if (merged.plan === undefined || merged.expiresAt === undefined) return undefined;
    cover = { plan: merged.plan, expiresAt: merged.expiresAt };
  }
  return { ...covers, [licenceId]: cover };
}

function coverOf(terms: Partial<LicenceCoverFacts>): Partial<LicenceCoverFacts> {
  return {
    ...(terms.plan !== undefined ? { plan: terms.plan } : {}),
    ...(terms.expiresAt !== undefined ? { expiresAt: terms.expiresAt } : {}),
  };
}

/**
 * Whether the account is Mission Critical at `at` by the licences the writer has seen. Only ever
 * adds the CSM beside a case's own recorded cover: licences issued before the writer kept their
 * cover are unknown here, so "not covered" from these facts alone proves nothing.
 */
export function accountMissionCriticalAt(account: AccountFacts | undefined, at: string): boolean {
  return isMissionCriticalAccount(Object.values(account?.licenceCover ?? {}), at);
}
