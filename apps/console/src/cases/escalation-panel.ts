import { html, nothing, TemplateResult } from 'lit-html';
import type { EscalationView } from '../api/api-types';
import { formatDuration, formatInstant } from '../shared/format';
import { ESCALATION_REASON_LABEL, ESCALATION_STATUS_LABEL } from '../shared/labels';
import { escalationOverdue, escalationOwed } from '../escalations/escalation-owed';

/** The case's latest escalation: why, and what is owed next (acknowledgement, status update). */
export function escalationPanel(
  escalation: EscalationView | null,
  nowMs: number,
): TemplateResult | typeof nothing {
  if (!escalation) return nothing;
  const owing = escalationOwed(escalation);
  const owed = owing && {
    what: owing.what === 'acknowledgement' ? 'Acknowledgement due' : 'Next status update due',
    at: owing.at,
  };
  const overdue = escalationOverdue(escalation, nowMs);
  return html`<section
    class="panel escalation-panel ${escalation.status === 'de-escalated' ? 'ended' : 'open'}"
    aria-labelledby="escalation-heading"
  >
    <h2 id="escalation-heading">Escalation · level ${escalation.level}</h2>
    <p><strong>${ESCALATION_STATUS_LABEL[escalation.status] ?? escalation.status}</strong></p>
    <dl class="facts compact">
      <div>
        <dt>Reason</dt>
        <dd>${ESCALATION_REASON_LABEL[escalation.reason] ?? escalation.reason}</dd>
      </div>
      <div class="wide">
        <dt>Details</dt>
        <dd>${escalation.details}</dd>
      </div>
      <div>
        <dt>Raised</dt>
        <dd>${formatInstant(escalation.escalatedAt)} by ${escalation.escalatedBy}</dd>
      </div>
      ${
        escalation.acknowledgedAt
          ? html`<div>
              <dt>Acknowledged</dt>
              <dd>${formatInstant(escalation.acknowledgedAt)}</dd>
            </div>`
          : nothing
      }
      ${
        owed?.at
          ? html`<div class=${overdue ? 'overdue' : ''}>
              <dt>${owed.what}</dt>
              <dd>
                ${formatInstant(owed.at)} ·
                <strong
                  >${overdue ? `overdue by ${formatDuration(nowMs - Date.parse(owed.at))}` : `in ${formatDuration(Date.parse(owed.at) - nowMs)}`}</strong
                >
              </dd>
            </div>`
          : nothing
      }
      ${
        escalation.endedAt
          ? html`<div class="wide">
              <dt>Ended</dt>
              <dd>${formatInstant(escalation.endedAt)}: ${escalation.endReason}</dd>
            </div>`
          : nothing
      }
    </dl>
  </section>`;
}
