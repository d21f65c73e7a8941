import { normalizeEmail, type CaseEvent } from '@casetrail/domain';
import type { ProjectionTransaction } from '../read-model-store.port';

/**
 * Who has taken a case themselves (an `EngineerAssigned` recorded by the engineer it names): the
 * record that vouches for someone as staff (README "assigning"). Only an engineer's token can take a
 * case, so such an event proves the role; an assignment by a colleague proves only that the
 * colleague's check let it through, and assignments stored before that check existed named
 * customers and outsiders. One document per person, keyed by the normalized email, kept for good:
 * handing the case back later does not undo having taken it.
 */
export const SELF_ASSIGNED_ENGINEERS = 'self_assigned_engineers';

export interface SelfAssignedEngineer {
  id: string;
  /** The case first taken, and when: what a reader can check the vouching against. */
  firstCaseId: string;
  firstAt: string;
}

export async function recordSelfAssignment(event: CaseEvent, tx: ProjectionTransaction): Promise<void> {
  if (event.type !== 'EngineerAssigned') return;
  const engineer = normalizeEmail(event.data.engineer);
  if (normalizeEmail(event.data.by) !== engineer) return;
  if (await tx.get(SELF_ASSIGNED_ENGINEERS, engineer)) return;
  const record: SelfAssignedEngineer = {
    id: engineer,
    firstCaseId: event.data.caseId,
    firstAt: event.data.at,
  };
  tx.put(SELF_ASSIGNED_ENGINEERS, engineer, record);
}
