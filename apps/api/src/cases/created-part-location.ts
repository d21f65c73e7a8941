import type { CaseCommand, CaseState } from '@casetrail/domain';
import type { DecisionResult } from '../commands/decision-runner';

/**
 * Where a case sub-resource command's 201 points its Location: at what it created (the routes of
 * CasePartsController), not at the case (RFC 9110 15.3.2). Read from the events the command wrote,
 * which an idempotent replay returns too, so a replay names the same part; undefined for a command
 * that creates nothing (it answers 200).
 */
export function createdPartLocation(
  caseId: string,
  command: Pick<CaseCommand, 'type'> & { commentId?: string; email?: string },
  result: DecisionResult<CaseState>,
): string | undefined {
  const caseUrl = `/v1/cases/${caseId}`;
  const written = (type: string) => result.events.find((event) => event.type === type);
  const currentLevel = result.state.status === 'none' ? undefined : result.state.escalation?.level;
  const escalationUrl = (level: number | undefined) =>
    level === undefined ? caseUrl : `${caseUrl}/escalations/${level}`;
  switch (command.type) {
    case 'AddComment':
      return `${caseUrl}/comments/${command.commentId}`;
    case 'ShareCase':
      return `${caseUrl}/shares/${encodeURIComponent(command.email!)}`;
    case 'Escalate': {
      const raised = written('CaseEscalated')?.data as { level?: number } | undefined;
      return escalationUrl(raised?.level ?? currentLevel);
    }
    case 'PostEscalationStatusUpdate': {
      const posted = written('EscalationStatusUpdatePosted');
      // An update the decider recorded nothing for names the escalation it was posted on.
      return posted
        ? `${caseUrl}/escalations/status-updates/${posted.revision}`
        : escalationUrl(currentLevel);
    }
    default:
      return undefined;
  }
}
