import { openEscalation, type OpenedCase, type SlaTarget } from '@casetrail/domain';
import type { CaseSnapshot, SlaTargetSnapshot } from './outbox-notification';

/** The part of a case a notification shows, as it stood right after the event. */
export function caseSnapshot(state: OpenedCase): CaseSnapshot {
  return {
    caseId: state.caseId,
    accountId: state.accountId,
    title: state.title,
    status: state.status,
    severity: state.severity,
    product: state.product,
    missionCritical: state.missionCritical,
    assignee: state.assignee ?? null,
    escalationLevel: openEscalation(state)?.level ?? null,
    sla: {
      firstResponse: targetSnapshot(state.targets.firstResponse),
      resolution: targetSnapshot(state.targets.resolution),
    },
    timeZone: state.timeZone,
    ...(state.status === 'resolved' ? { autoCloseAt: state.autoCloseAt } : {}),
  };
}

function targetSnapshot(target: SlaTarget): SlaTargetSnapshot {
  return {
    state: target.state,
    dueAt: target.dueAt,
    atRiskAt: target.atRiskAt,
    ...(target.metAt ? { metAt: target.metAt } : {}),
    ...(target.breachedAt ? { breachedAt: target.breachedAt } : {}),
  };
}
