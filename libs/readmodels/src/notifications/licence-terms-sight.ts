import { normalizeEmail, seesLicencesOfAccount, type OpenedCase } from '@casetrail/domain';
import type { ProjectionTransaction } from '../read-model-store.port';
import { NOTIFICATION_LICENCE_FACTS, type AccountFacts, type LicenceFacts } from './notification-facts';

/**
 * Whether a customer reads the terms of the licence a case was opened under (its edition, the
 * account's plan and Mission Critical cover) in mail about the case, as the API's CaseAccess
 * licenceTermsSight lets them read them in the case: its opener, and the account's own people, who
 * hold one of its licences (expired or not) or are an active user of one in force at `at`
 * (seesLicencesOfAccount, the rule the API asks too). A sharee
 * or a case-team member from another company does not: what the owning customer bought is not
 * theirs. Judged from the writer's own facts as they stood at the event; a licence issued before
 * the writer kept its holder and its account's index is not known, and its people are not told the
 * terms (the safe side) unless they opened the case.
 */
export async function licenceTermsSeenBy(
  email: string,
  state: OpenedCase,
  at: string,
  account: AccountFacts | undefined,
  tx: ProjectionTransaction,
): Promise<boolean> {
  const key = normalizeEmail(email);
  if (normalizeEmail(state.openedBy.email) === key) return true;
  // The account's licences the writer knows (mission-critical-facts.ts keeps each one's cover).
  const licences: LicenceFacts[] = [];
  for (const licenceId of Object.keys(account?.licenceCover ?? {})) {
    const licence = await tx.get<LicenceFacts>(NOTIFICATION_LICENCE_FACTS, licenceId);
    if (licence) licences.push(licence);
  }
  const activeOn = licences.filter((licence) => licence.users?.[key]?.active).map((licence) => licence.id);
  return seesLicencesOfAccount(key, licences, activeOn, at);
}
