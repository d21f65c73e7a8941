import type { TestApp } from '../test-app';

/**
 * Stores an `EngineerAssigned` as an earlier release let it through, before the rules that refuse
 * a customer, an outsider or another account's CSM as the assignee: appended to the case's stream
 * directly, as the command would never record it now.
 */
export async function appendLegacyAssignment(
  t: TestApp,
  caseId: string,
  assignment: { engineer: string; by: string; correlationId: string },
): Promise<void> {
  await t.runtime.storage.eventStore.append(
    `case-${caseId}`,
    [
      {
        type: 'EngineerAssigned',
        data: { caseId, engineer: assignment.engineer, at: t.clock.now().toISOString(), by: assignment.by },
        metadata: {
          actor: assignment.by,
          actorRoles: ['engineer'],
          correlationId: assignment.correlationId,
          schemaVersion: 1,
        },
      },
    ],
    'any',
  );
}
