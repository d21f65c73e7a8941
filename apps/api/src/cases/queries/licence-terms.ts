import type { CaseDetail, CasePriority } from '@casetrail/readmodels/cases/case-detail';

/**
 * A case as someone reads it who may not read the owning account's licence terms (CaseAccess
 * licenceTermsSight): the edition, and the Mission Critical cover (the plan bought) with the queue
 * rank it decides, are null. So is the named calendar the account is on: another arrangement made
 * for that customer alone, whose name often says more than the edition (a plant shutdown); the
 * due times computed on it stay. The fields stay, so every reader gets one shape.
 */
export type CaseDetailShown = Omit<CaseDetail, 'edition' | 'priority'> & {
  edition: string | null;
  priority: Omit<CasePriority, 'rank' | 'missionCritical'> & {
    rank: number | null;
    missionCritical: boolean | null;
  };
};

export function withoutLicenceTerms(detail: CaseDetail): CaseDetailShown {
  return {
    ...detail,
    edition: null,
    calendar: null,
    priority: { ...detail.priority, rank: null, missionCritical: null },
  };
}

/** The detail as the reader may see it: whole, or without the account's licence terms. */
export function withLicenceTermsFor(detail: CaseDetail, seesTerms: boolean): CaseDetailShown {
  return seesTerms ? detail : withoutLicenceTerms(detail);
}
