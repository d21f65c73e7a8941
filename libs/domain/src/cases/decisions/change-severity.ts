import { isSeverityUpgrade, SEVERITIES, type Severity } from '../../policy/support-vocabulary';
import { statusUpdateDueAfterSeverityChange } from '../../sla/escalation/escalation-timers';
import { recomputeTargetsOnSeverityChange } from '../../sla/targets/severity-change';
import { isEngineer } from '../actor';
import type { ChangeSeverity } from '../commands';
import type { CaseDecisionContext } from '../context';
import { CaseErrors } from '../errors';
import type { CaseEvent } from '../events';
import { openEscalation, type CaseState, type LiveCase } from '../state';
import { requireOneOf, requireText } from '../text-limits';
import { eventBase, requireCaseWriter, requireLive, requireOpened } from './guards';
import { recordOverdueBreaches } from './sla-clock';

/**
 * Only a support engineer changes severity, with a reason ("the vendor reserves the right to adjust
 * the severity level"); customers ask through an escalation or a comment. Unmet targets are
 * recomputed by the SLA engine (upgrade: restart from now, never later than due; downgrade: from
 * the opening, never earlier than due); breaches that already happened are recorded first so the
 * recomputation cannot hide them.
 * An acknowledged escalation's status updates follow the new severity's cadence the same way, and
 * lowering the severity then raising it back never puts the next update later than it was.
 */
export function changeSeverity(
  command: ChangeSeverity,
  state: CaseState,
  context: CaseDecisionContext,
): CaseEvent[] {
  const opened = requireOpened(state, command.caseId);
  requireCaseWriter(command.actor);
  if (!isEngineer(command.actor)) throw CaseErrors.severityChangeEngineerOnly();
  const severity = requireOneOf(command.severity, SEVERITIES, 'severity');
  const reason = requireText(command.reason, 'reason');
  const live = requireLive(opened, command.caseId);
  if (severity === live.severity) throw CaseErrors.severityUnchanged(severity);

  const base = eventBase(command);
  const { events: breaches, targets } = recordOverdueBreaches(live, base);
  const { after } = recomputeTargetsOnSeverityChange({
    targets,
    oldSeverity: live.severity,
    newSeverity: severity,
    changedAt: base.at,
    openedAt: live.openedAt,
    policy: context.policy,
    calendar: context.calendar,
  });
  const nextStatusUpdate = statusUpdateDueOnNewCadence(live, severity, base.at, context);
  return [
    ...breaches,
    {
      type: 'SeverityChanged',
      data: {
        ...base,
        from: live.severity,
        to: severity,
        reason,
        previousTargets: targets,
        newTargets: after,
        policyVersion: context.policy.version,
        ...(nextStatusUpdate ? { nextStatusUpdateDueAt: nextStatusUpdate } : {}),
      },
    },
  ];
}

/** Status updates on an acknowledged escalation follow the cadence of the case's severity. */
function statusUpdateDueOnNewCadence(
  live: LiveCase,
  severity: Severity,
  changedAt: string,
  context: CaseDecisionContext,
): string | undefined {
  const escalation = openEscalation(live);
  if (escalation?.status !== 'acknowledged') return undefined;
  return statusUpdateDueAfterSeverityChange({
    currentDueAt: escalation.nextStatusUpdateDueAt,
    lastUpdateAt: escalation.lastStatusUpdateAt ?? escalation.acknowledgedAt,
    changedAt,
    upgrade: isSeverityUpgrade(live.severity, severity),
    dueWhenLeft: escalation.statusUpdateDueWhenLeft,
    newSeverity: severity,
    policy: context.policy,
    calendar: context.calendar,
  });
}
