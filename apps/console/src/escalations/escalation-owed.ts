import { html, TemplateResult, nothing } from 'lit-html';
import type { EscalationView } from '../api/api-types';

/** What a case's open escalation owes next and when: the acknowledgement, then the next status update. */
export function escalationOwed(
  escalation: EscalationView | null,
): { what: 'acknowledgement' | 'status-update'; at: string | undefined } | undefined {
  if (escalation?.status === 'awaiting-acknowledgement')
    return { what: 'acknowledgement', at: escalation.acknowledgementDueAt };
  if (escalation?.status === 'acknowledged')
    return { what: 'status-update', at: escalation.nextStatusUpdateDueAt };
  return undefined;
}

/** Whether that is past due at `nowMs`, as the escalations board judges `overdue`. */
export function escalationOverdue(escalation: EscalationView | null, nowMs: number): boolean {
  const owed = escalationOwed(escalation);
  return owed?.at !== undefined && Date.parse(owed.at) <= nowMs;
}

/**
 * The mark on a queue row whose escalation's acknowledgement or status update is overdue, in words
 * and colour: the escalation badge alone said nothing of it. Who owes it is on the escalations board.
 */
export function escalationOverdueBadge(
  escalation: EscalationView | null,
  nowMs: number,
): TemplateResult | typeof nothing {
  if (!escalationOverdue(escalation, nowMs)) return nothing;
  const what = escalationOwed(escalation)?.what === 'acknowledgement' ? 'acknowledgement' : 'status update';
  return html`<span class="badge badge-late"
    ><span aria-hidden="true">!</span> Escalation overdue: ${what}</span
  >`;
}
