import type { AcknowledgedEscalation, EscalationAwaitingAcknowledgement } from './state';

/**
 * DOMAIN.md "Escalation": an engineer acknowledges an escalation, then posts status updates until
 * it is de-escalated. So staff de-escalate only one somebody acknowledged (finding N6: one nobody
 * acknowledged could be ended unseen). The one rule that deEscalate enforces
 * (`escalation-not-acknowledged`) and that the refusals sending staff to end an escalation first
 * (`escalation-open`) describe, so the step they advise is one that is accepted.
 */
export function mustBeAcknowledgedBeforeDeEscalation(
  escalation: EscalationAwaitingAcknowledgement | AcknowledgedEscalation,
): escalation is EscalationAwaitingAcknowledgement {
  return escalation.status === 'awaiting-acknowledgement';
}

/** The step before de-escalating one nobody acknowledged, in the words of both refusals. */
export function acknowledgeItFirst(caseId: string): string {
  return (
    `acknowledge it first with POST /v1/cases/${caseId}/escalations/acknowledgement, its reason saying ` +
    'how you took it on (e.g. a call with the customer)'
  );
}

/** What staff do to end the open escalation, as the de-escalation decider will accept it. */
export function stepsToEndEscalation(
  escalation: EscalationAwaitingAcknowledgement | AcknowledgedEscalation,
  caseId: string,
): string {
  const deEscalate = 'de-escalate it with a reason';
  return mustBeAcknowledgedBeforeDeEscalation(escalation)
    ? `it was never acknowledged, so ${acknowledgeItFirst(caseId)}, then ${deEscalate}`
    : deEscalate;
}
