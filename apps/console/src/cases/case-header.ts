import { html, nothing, TemplateResult } from 'lit-html';
import type { CaseDetailView } from '../api/api-types';
import { routeHref } from '../app/routes';
import { businessCalendarName, formatInstant } from '../shared/format';
import { redirectLabel, severityLabel } from '../shared/labels';
import { escalationBadge, missionCriticalBadge, statusChip } from '../shared/ui';
import { slaBar } from './sla-bar';

/** The case's header: what it is, where it stands, and its SLA targets as progress bars. */
export function caseHeader(
  view: CaseDetailView,
  nowMs: number,
  options: { auditLink: boolean },
): TemplateResult {
  return html`<header class="case-header">
      <p class="breadcrumbs">
        <a href=${routeHref({ page: 'cases' })}>Cases</a> / <span class="case-id">${view.id}</span>
      </p>
      <div class="case-title-row">
        <h1 id="page-title" tabindex="-1">${view.title}</h1>
        ${options.auditLink ? html`<a class="button subtle" href=${routeHref({ page: 'audit', caseId: view.id })}>Audit view</a>` : nothing}
      </div>
      <div class="case-badges">
        ${statusChip(view.status)}
        <span class="chip severity severity-${view.severity}">${severityLabel(view.severity)}</span>
        ${missionCriticalBadge(view.priority.missionCritical)}
        ${escalationBadge(view.escalation, view.priority.escalated)}
      </div>
      <dl class="facts">
        <div>
          <dt>Product</dt>
          <dd>${view.edition === null ? view.product : `${view.product} · ${view.edition}`}</dd>
        </div>
        <div>
          <dt>Opened by</dt>
          <dd>
            ${view.openedByName ?? view.openedBy}${view.openedByName ? html`<div class="muted small">${view.openedBy}</div>` : nothing}
          </dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd><time datetime=${view.openedAt}>${formatInstant(view.openedAt)}</time> via ${view.channel}</dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>${view.assignee ?? 'Unassigned'}</dd>
        </div>
        ${
          view.category
            ? html`<div>
                <dt>Category</dt>
                <dd>${view.category}</dd>
              </div>`
            : nothing
        }
        <div>
          <dt>Case time zone</dt>
          <dd>${view.timeZone}</dd>
        </div>
        ${
          // Withheld with the licence terms (missionCritical null) from a reader outside the case's
          // account: the API's null calendar then says nothing, and "policy default" would be wrong.
          view.priority.missionCritical === null
            ? nothing
            : html`<div>
                <dt>Business calendar</dt>
                <dd>${businessCalendarName(view.calendar)}</dd>
              </div>`
        }
        ${
          view.resolutionSummary
            ? html`<div class="wide">
                <dt>Resolution</dt>
                <dd>${view.resolutionSummary}</dd>
              </div>`
            : nothing
        }
        ${
          view.autoCloseAt
            ? html`<div>
                <dt>Closes automatically</dt>
                <dd>
                  ${
                    view.autoCloseWaitsFor === 'de-escalation'
                      ? `once de-escalated, and not before ${formatInstant(view.autoCloseAt)}`
                      : formatInstant(view.autoCloseAt)
                  }
                </dd>
              </div>`
            : nothing
        }
        ${
          view.redirectedTo
            ? html`<div class="wide">
                <dt>Redirected to</dt>
                <dd>${redirectLabel(view.redirectedTo)}: ${view.referral}</dd>
              </div>`
            : nothing
        }
      </dl>
    </header>
    <section class="sla-targets" aria-labelledby="sla-heading">
      <h2 id="sla-heading" class="visually-hidden">SLA targets</h2>
      ${slaBar('First response', view.sla.firstResponse, nowMs, view.timeZone)}
      ${slaBar('Resolution', view.sla.resolution, nowMs, view.timeZone)}
    </section>`;
}
