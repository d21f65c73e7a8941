import type { ReadModelStore } from '@casetrail/readmodels';
import { CASES, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';

/** The zone a case whose row the read models lack (yet) is shown in. */
const UTC = 'UTC';

/**
 * The time zone of each case on a board page, read now from the cases' read model (one read per
 * distinct case), so the console can say an escalation's due times in the case's zone as the case
 * page does. Read at query time rather than stored on the board's entries: the entries would need
 * a projection rebuild to carry it.
 */
export async function boardCaseZones(
  readModels: ReadModelStore,
  caseIds: readonly string[],
): Promise<(caseId: string) => string> {
  const distinct = [...new Set(caseIds)];
  const documents = await Promise.all(distinct.map((id) => readModels.get<CaseDocument>(CASES, id)));
  const zones = new Map(distinct.map((id, index) => [id, documents[index]?.state.timeZone ?? UTC]));
  return (caseId) => zones.get(caseId) ?? UTC;
}
